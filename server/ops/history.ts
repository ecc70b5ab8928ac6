import { parseEventBody, type EventBody, type UnknownEventBody } from '../conversations/events';
import type { Sql } from '../store/db';
import { json, type Row } from '../store/rows';
import type { Period } from './range';

/** One stored event of a conversation, as the metrics read it: `type` narrows `data`. */
export type HistoryEvent = (EventBody | UnknownEventBody) & {
  actorType: string;
  actorId: string | null;
  reason: string | null;
  at: number;
};

/** Everything the metrics need about one conversation of the cohort. */
export interface ConversationHistory {
  id: string;
  siteId: string;
  siteKey: string;
  /** The site's language setting (null: English), to tell a question in another language. */
  siteLocale: string | null;
  /** The page the conversation started on. */
  page: string | null;
  /** The same person across conversations: their verified user id on the site, else the visitor record. */
  visitorKey: string;
  startedAt: number;
  /** In time order. */
  events: HistoryEvent[];
  /** Times of the agents' visible (non-note) messages, in order. */
  agentReplies: number[];
  lastMessageAt: number | null;
  firstVisitorText: string | null;
}

/** A later conversation of a cohort visitor, for first-contact resolution. */
export interface LaterConversation {
  id: string;
  visitorKey: string;
  startedAt: number;
  events: HistoryEvent[];
  firstVisitorText: string | null;
}

const epoch = (column: string) => `(extract(epoch from ${column}) * 1000)::float8`;
const VISITOR_KEY = `CASE WHEN v.verified AND v.user_id IS NOT NULL THEN 'u:' || v.site_id || ':' || v.user_id ELSE 'v:' || v.id END`;

/** The cohort: conversations whose `conversation.started` event falls in the period. */
const COHORT = `cohort AS (
  SELECT conversation_id AS id, min(created_at) AS started_at FROM events
  WHERE type = 'conversation.started' AND conversation_id IS NOT NULL
    AND created_at >= $1 AND created_at < $2 AND ($3::text[] IS NULL OR site_id = ANY($3))
  GROUP BY conversation_id)`;

/** Given conversations, by id (for the export). */
const BY_ID = `cohort AS (
  SELECT conversation_id AS id, min(created_at) AS started_at FROM events
  WHERE type = 'conversation.started' AND conversation_id = ANY($1::text[])
  GROUP BY conversation_id)`;

const toEvent = (r: Row): HistoryEvent => ({
  ...parseEventBody(String(r.type), json<unknown>(r.data, {})),
  actorType: String(r.actor_type),
  actorId: r.actor_id === null ? null : String(r.actor_id),
  reason: r.reason === null ? null : String(r.reason),
  at: Number(r.at),
});

function groupEvents(rows: Row[]): Map<string, HistoryEvent[]> {
  const byConversation = new Map<string, HistoryEvent[]>();
  for (const r of rows) {
    const id = String(r.conversation_id);
    const list = byConversation.get(id) ?? [];
    list.push(toEvent(r));
    byConversation.set(id, list);
  }
  return byConversation;
}

/** Loads the cohort of `period` for the given sites (null: all sites) with its events and message facts. */
export function loadCohort(sql: Sql, siteIds: string[] | null, period: Period): Promise<ConversationHistory[]> {
  return loadHistories(sql, COHORT, [period.from, period.to, siteIds]);
}

/** The given conversations (those that have started), in start order. */
export function loadConversations(sql: Sql, ids: readonly string[]): Promise<ConversationHistory[]> {
  return ids.length === 0 ? Promise.resolve([]) : loadHistories(sql, BY_ID, [ids]);
}

async function loadHistories(sql: Sql, cohort: string, params: unknown[]): Promise<ConversationHistory[]> {
  const [conversations, events, messages] = await Promise.all([
    sql.query(
      `WITH ${cohort} SELECT c.id, c.site_id, s.key AS site_key, s.settings->>'locale' AS site_locale, ${epoch('cohort.started_at')} AS started_at, ${VISITOR_KEY} AS visitor_key,
         (SELECT p.data->>'url' FROM events p WHERE p.conversation_id = c.id AND p.type IN ('conversation.started', 'page.viewed') AND p.data->>'url' IS NOT NULL ORDER BY p.created_at, p.id LIMIT 1) AS page
       FROM cohort JOIN conversations c ON c.id = cohort.id JOIN visitors v ON v.id = c.visitor_id JOIN sites s ON s.id = c.site_id`,
      params,
    ),
    sql.query(
      `WITH ${cohort} SELECT e.conversation_id, e.type, e.actor_type, e.actor_id, e.reason, e.data, ${epoch('e.created_at')} AS at
       FROM events e JOIN cohort ON cohort.id = e.conversation_id ORDER BY e.conversation_id, e.created_at, e.id`,
      params,
    ),
    sql.query(
      `WITH ${cohort} SELECT m.conversation_id, ${epoch('max(m.created_at)')} AS last_at,
         array_agg(${epoch('m.created_at')} ORDER BY m.created_at, m.seq) FILTER (WHERE m.author = 'agent' AND m.kind = 'text') AS agent_times,
         (array_agg(m.text ORDER BY m.seq) FILTER (WHERE m.author = 'visitor'))[1] AS first_text
       FROM messages m JOIN cohort ON cohort.id = m.conversation_id GROUP BY m.conversation_id`,
      params,
    ),
  ]);
  const eventsOf = groupEvents(events);
  const messagesOf = new Map(messages.map((r) => [String(r.conversation_id), r]));
  return conversations
    .map((r) => {
      const m = messagesOf.get(String(r.id));
      return {
        id: String(r.id),
        siteId: String(r.site_id),
        siteKey: String(r.site_key),
        siteLocale: typeof r.site_locale === 'string' ? r.site_locale : null,
        page: typeof r.page === 'string' ? r.page : null,
        visitorKey: String(r.visitor_key),
        startedAt: Number(r.started_at),
        events: eventsOf.get(String(r.id)) ?? [],
        agentReplies: ((m?.agent_times as unknown[] | null) ?? []).map(Number),
        lastMessageAt: m?.last_at === undefined || m.last_at === null ? null : Number(m.last_at),
        firstVisitorText: typeof m?.first_text === 'string' ? m.first_text : null,
      };
    })
    .sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id));
}

/**
 * Conversations started in [from, until) by the given visitors (by visitor record or verified
 * user), with the events that tell their topic.
 */
export async function loadLaterConversations(sql: Sql, visitorKeys: string[], from: Date, until: Date): Promise<LaterConversation[]> {
  if (visitorKeys.length === 0) return [];
  const rows = await sql.query(
    `WITH later AS (
       SELECT c.id, ${VISITOR_KEY} AS visitor_key, s.created_at AS started_at FROM events s
       JOIN conversations c ON c.id = s.conversation_id JOIN visitors v ON v.id = c.visitor_id
       WHERE s.type = 'conversation.started' AND s.created_at >= $1 AND s.created_at < $2)
     SELECT later.id, later.visitor_key, ${epoch('later.started_at')} AS started_at,
       (SELECT m.text FROM messages m WHERE m.conversation_id = later.id AND m.author = 'visitor' ORDER BY m.seq LIMIT 1) AS first_text,
       COALESCE((SELECT json_agg(json_build_object('type', e.type, 'actor_type', e.actor_type, 'actor_id', e.actor_id, 'reason', e.reason, 'data', e.data, 'at', ${epoch('e.created_at')}) ORDER BY e.created_at, e.id)
         FROM events e WHERE e.conversation_id = later.id AND e.type IN ('bot.decision', 'bot.choice', 'conversation.escalated')), '[]') AS events
     FROM later WHERE later.visitor_key = ANY($3)`,
    [from, until, visitorKeys],
  );
  return rows.map((r) => ({
    id: String(r.id),
    visitorKey: String(r.visitor_key),
    startedAt: Number(r.started_at),
    firstVisitorText: typeof r.first_text === 'string' ? r.first_text : null,
    events: (typeof r.events === 'string' ? (JSON.parse(r.events) as Row[]) : (r.events as Row[])).map(toEvent),
  }));
}
