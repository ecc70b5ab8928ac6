import { AppError } from '../../shared/errors';
import type { VisitorNps } from '../../shared/protocol/index';
import { botVerdict } from '../ops/bot-outcome';
import type { HistoryEvent } from '../ops/history';
import type { Store } from '../store/store';
import type { Site, StoredEvent, Visitor } from '../store/types';
import type { VisitorService } from './visitor-service';

/** NPS events on a conversation: asked (the question was shown), submitted (a score), dismissed ("no thanks"). */
const ANSWERED = new Set(['nps.submitted', 'nps.dismissed']);

/**
 * A bot chat is resolved enough to ask once its resolution is *confirmed* (the visitor said the
 * bot's last answer helped and asked nothing after it, docs/METRICS.md) and this long has passed
 * since that "it helped" with no new question. The widget waits 10 s of quiet before it checks;
 * 2 s less here leaves room for the feedback's own delivery.
 */
export const BOT_NPS_QUIET_MS = 8_000;

/** What the NPS question follows, if it may be asked now: an agent's resolution or a confirmed bot one. */
function resolvedBy(status: string, events: readonly StoredEvent[], now: number): 'agent' | 'bot' | null {
  if (status === 'resolved') return 'agent';
  if (status !== 'bot') return null;
  const history: HistoryEvent[] = events.map(({ id: _id, siteId: _site, conversationId: _c, createdAt, ...e }) => ({ ...e, at: createdAt }));
  // The language does not matter here: a confirmed resolution is decided before it is looked at.
  const verdict = botVerdict(history, null);
  const helped = history.findLast((e) => e.type === 'bot.feedback' && e.data.helpful);
  return verdict.resolved && verdict.resolution === 'confirmed' && helped && now - helped.at >= BOT_NPS_QUIET_MS ? 'bot' : null;
}

async function askedRecently(store: Store, visitorIds: string[], days: number): Promise<boolean> {
  const rows = await store.db.query(
    `SELECT 1 FROM events e JOIN conversations c ON c.id = e.conversation_id
     WHERE e.type = 'nps.asked' AND c.visitor_id = ANY($1::text[]) AND e.created_at > now() - ($2 * interval '1 day') LIMIT 1`,
    [visitorIds, days],
  );
  return rows.length > 0;
}

/**
 * A visitor's `visitor.nps` frame. Without a score: whether to ask now (true only for a chat an
 * agent resolved or a confirmed bot resolution, see `resolvedBy`, on a site that turned NPS on,
 * for a visitor — or verified user — not asked within the sampling window, and for the sampled
 * share of chats); saying yes records `nps.asked` with `after: agent|bot`, and asking again for the
 * same chat says yes again. With a score (or null to decline): records the answer once, only where
 * the question was asked. Returns the answer to a check, else null.
 */
export async function handleNps(store: Store, visitors: VisitorService, visitor: Visitor, site: Site, f: VisitorNps, random = Math.random, now = Date.now()): Promise<boolean | null> {
  const c = await visitors.owned(visitor, site, f.conversationId);
  const events = await store.events.forConversation(c.id);
  const asked = events.some((e) => e.type === 'nps.asked');
  const answered = events.some((e) => ANSWERED.has(e.type));
  // The socket's copy of the site may predate an admin's change of the setting.
  const settings = ((await store.sites.byId(site.id)) ?? site).settings.nps;
  if (f.score === undefined) {
    if (!settings.enabled || answered) return false;
    if (asked) return true;
    const after = resolvedBy(c.status, events, now);
    if (!after) return false;
    if (await askedRecently(store, await visitors.identities(visitor, site), settings.sampleDays)) return false;
    if (random() * 100 >= settings.samplePercent) return false;
    await store.events.record({ siteId: c.siteId, conversationId: c.id, type: 'nps.asked', actorType: 'system', actorId: null, data: { sampleDays: settings.sampleDays, after } });
    return true;
  }
  if (!asked) throw new AppError('invalid_state', 'the NPS question was not asked in this chat');
  if (answered) return null;
  await store.events.record(
    f.score === null
      ? { siteId: c.siteId, conversationId: c.id, type: 'nps.dismissed', actorType: 'visitor', actorId: visitor.id, data: {} }
      : { siteId: c.siteId, conversationId: c.id, type: 'nps.submitted', actorType: 'visitor', actorId: visitor.id, data: { score: f.score, comment: f.comment ?? null } },
  );
  return null;
}
