import type { Db, Sql } from '../store/db';
import { json, ms, type Row } from '../store/rows';
import { jsonBody, slackBody, type OutgoingEvent, type SlackContext } from './payload';
import { WebhookRepo } from './repo';
import { WEBHOOK_EVENTS, type WebhookEventType, type WebhookFormat } from './schema';

interface Hook { id: string; siteId: string; events: string[]; format: WebhookFormat; createdAt: number }
interface Cursor { tx: string; keyText: string | null; keyNum: number | null }

const EVENT_TYPES = WEBHOOK_EVENTS.filter((t) => t !== 'message.created');

/**
 * A source of outgoing events. Rows are read in (transaction id, key) order and only from
 * transactions older than every one still running, so no row can later appear behind the cursor.
 */
interface Source {
  name: 'events' | 'messages';
  types: readonly WebhookEventType[];
  read(sql: Sql, c: Cursor, limit: number): Promise<Row[]>;
  cursorOf(r: Row): Cursor;
  toEvent(r: Row): Omit<OutgoingEvent, 'site'> & { siteId: string };
}

const SNAPSHOT = 'WITH s AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)';

const events: Source = {
  name: 'events',
  types: EVENT_TYPES,
  read: (sql, c, limit) =>
    sql.query(
      `${SNAPSHOT} SELECT s.xmin::text AS xmin, r.* FROM s LEFT JOIN LATERAL (
         SELECT e.id, e.tx::text AS tx, e.site_id, e.conversation_id, e.type, e.actor_type, e.actor_id, e.reason, e.data, e.created_at FROM events e
         WHERE e.tx >= $1::xid8 AND e.tx < s.xmin AND (e.tx > $1::xid8 OR $2::bigint IS NULL OR e.id > $2) AND e.type = ANY($3)
         ORDER BY e.tx, e.id LIMIT $4) r ON true`,
      [c.tx, c.keyNum, EVENT_TYPES, limit],
    ),
  cursorOf: (r) => ({ tx: String(r.tx), keyText: null, keyNum: Number(r.id) }),
  toEvent: (r) => ({
    id: `evt_${String(r.id)}`,
    type: r.type as WebhookEventType,
    createdAt: ms(r.created_at),
    siteId: String(r.site_id),
    conversationId: r.conversation_id === null ? null : String(r.conversation_id),
    actor: { type: String(r.actor_type), id: r.actor_id === null ? null : String(r.actor_id) },
    reason: r.reason === null ? null : String(r.reason),
    data: json<Record<string, unknown>>(r.data, {}),
  }),
};

const messages: Source = {
  name: 'messages',
  types: ['message.created'],
  read: (sql, c, limit) =>
    sql.query(
      `${SNAPSHOT} SELECT s.xmin::text AS xmin, r.* FROM s LEFT JOIN LATERAL (
         SELECT m.tx::text AS tx, m.conversation_id, m.seq, m.author, m.author_id, m.author_name, m.kind, m.text, m.created_at, c.site_id
         FROM messages m JOIN conversations c ON c.id = m.conversation_id
         WHERE m.tx >= $1::xid8 AND m.tx < s.xmin AND (m.tx > $1::xid8 OR $2::text IS NULL OR (m.conversation_id, m.seq) > ($2, $3::integer))
         ORDER BY m.tx, m.conversation_id, m.seq LIMIT $4) r ON true`,
      [c.tx, c.keyText, c.keyNum, limit],
    ),
  cursorOf: (r) => ({ tx: String(r.tx), keyText: String(r.conversation_id), keyNum: Number(r.seq) }),
  toEvent: (r) => ({
    id: `msg_${String(r.conversation_id)}_${String(r.seq)}`,
    type: 'message.created',
    createdAt: ms(r.created_at),
    siteId: String(r.site_id),
    conversationId: String(r.conversation_id),
    actor: { type: String(r.author), id: r.author_id === null ? null : String(r.author_id) },
    reason: null,
    data: { message: { seq: Number(r.seq), author: String(r.author), authorName: r.author_name === null ? null : String(r.author_name), kind: String(r.kind), text: String(r.text), createdAt: new Date(ms(r.created_at)).toISOString() } },
  }),
};

async function slackContext(sql: Sql, e: Omit<OutgoingEvent, 'site'>): Promise<SlackContext> {
  const agentId = typeof e.data.agentId === 'string' ? e.data.agentId : null;
  const needsText = e.type === 'conversation.escalated' || e.type === 'ticket.created';
  const [text] = needsText && e.conversationId
    ? await sql.query<{ text: string }>("SELECT text FROM messages WHERE conversation_id = $1 AND author = 'visitor' AND kind = 'text' ORDER BY seq DESC LIMIT 1", [e.conversationId])
    : [];
  const [agent] = agentId ? await sql.query<{ name: string }>('SELECT name FROM agents WHERE id = $1', [agentId]) : [];
  return { lastVisitorText: text?.text ?? null, agentName: agent?.name ?? null };
}

/**
 * Moves one source's cursor forward by up to `limit` rows, queueing a delivery for every active
 * webhook subscribed to each row's event. Cursor and deliveries commit together; a node that finds
 * the cursor locked skips (another node is doing it). Returns the number of rows read.
 */
async function fanOutSource(db: Db, source: Source, limit: number): Promise<{ found: number; hooks: number }> {
  return db.transaction(async (sql) => {
    const [cursorRow] = await sql.query('SELECT tx::text AS tx, key_text, key_num FROM webhook_cursors WHERE source = $1 FOR UPDATE SKIP LOCKED', [source.name]);
    if (!cursorRow) return { found: 0, hooks: 0 };
    const cursor: Cursor = { tx: String(cursorRow.tx), keyText: cursorRow.key_text === null ? null : String(cursorRow.key_text), keyNum: cursorRow.key_num === null ? null : Number(cursorRow.key_num) };
    const hooks: Hook[] = (await sql.query('SELECT id, site_id, events, format, created_at FROM webhooks WHERE active AND events && $1::text[]', [source.types])).map((h) => ({
      id: String(h.id), siteId: String(h.site_id), events: h.events as string[], format: h.format as WebhookFormat, createdAt: ms(h.created_at),
    }));
    // Nothing listens: skip straight to the snapshot horizon instead of reading rows no one wants.
    const rows = hooks.length === 0 ? (await source.read(sql, { tx: cursor.tx, keyText: null, keyNum: null }, 0)) : await source.read(sql, cursor, limit);
    const found = rows.filter((r) => r.tx !== null && r.tx !== undefined);
    const repo = new WebhookRepo(sql);
    const sites = new Map<string, { id: string; key: string; name: string }>();
    for (const r of found) {
      const e = source.toEvent(r);
      const targets = hooks.filter((h) => h.siteId === e.siteId && h.events.includes(e.type) && h.createdAt <= e.createdAt);
      if (targets.length === 0) continue;
      if (!sites.has(e.siteId)) {
        const [s] = await sql.query('SELECT id, key, name FROM sites WHERE id = $1', [e.siteId]);
        sites.set(e.siteId, { id: e.siteId, key: String(s?.key), name: String(s?.name) });
      }
      const outgoing: OutgoingEvent = { ...e, site: sites.get(e.siteId)! };
      const slack = targets.some((h) => h.format === 'slack') ? await slackContext(sql, e) : null;
      for (const h of targets) await repo.enqueue(h.id, outgoing.id, outgoing.type, h.format === 'slack' ? slackBody(outgoing, slack!) : jsonBody(outgoing));
    }
    const last = found.at(-1);
    const horizon = String(rows[0]?.xmin ?? cursor.tx);
    // Never step back: another database session's old transaction can hold the horizon below us.
    const next: Cursor = last && found.length >= limit ? source.cursorOf(last) : BigInt(horizon) > BigInt(cursor.tx) ? { tx: horizon, keyText: null, keyNum: null } : cursor;
    await sql.query('UPDATE webhook_cursors SET tx = $2::xid8, key_text = $3, key_num = $4 WHERE source = $1', [source.name, next.tx, next.keyText, next.keyNum]);
    return { found: found.length, hooks: hooks.length };
  });
}

/**
 * One fan-out pass over both sources: `more` when a source had more rows than `limit`, `found` the rows
 * read, `hooks` the active webhooks listening (0: nothing can be due from this pass).
 */
export async function fanOut(db: Db, limit: number): Promise<{ more: boolean; found: number; hooks: number }> {
  const [a, b] = [await fanOutSource(db, events, limit), await fanOutSource(db, messages, limit)];
  return { more: a.found >= limit || b.found >= limit, found: a.found + b.found, hooks: a.hooks + b.hooks };
}
