import { AppError } from '../../shared/errors';
import type { VisitorNps } from '../../shared/protocol/index';
import type { Store } from '../store/store';
import type { Site, Visitor } from '../store/types';
import type { VisitorService } from './visitor-service';

/** NPS events on a conversation: asked (the question was shown), submitted (a score), dismissed ("no thanks"). */
const ANSWERED = new Set(['nps.submitted', 'nps.dismissed']);

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
 * agent resolved, on a site that turned NPS on, for a visitor — or verified user — not asked within
 * the sampling window, and for the sampled share of chats); saying yes records `nps.asked`, and
 * asking again for the same chat says yes again. With a score (or null to decline): records the
 * answer once, only where the question was asked. Returns the answer to a check, else null.
 */
export async function handleNps(store: Store, visitors: VisitorService, visitor: Visitor, site: Site, f: VisitorNps, random = Math.random): Promise<boolean | null> {
  const c = await visitors.owned(visitor, site, f.conversationId);
  const events = await store.events.forConversation(c.id);
  const asked = events.some((e) => e.type === 'nps.asked');
  const answered = events.some((e) => ANSWERED.has(e.type));
  // The socket's copy of the site may predate an admin's change of the setting.
  const settings = ((await store.sites.byId(site.id)) ?? site).settings.nps;
  if (f.score === undefined) {
    if (!settings.enabled || c.status !== 'resolved' || answered) return false;
    if (asked) return true;
    if (await askedRecently(store, await visitors.identities(visitor, site), settings.sampleDays)) return false;
    if (random() * 100 >= settings.samplePercent) return false;
    await store.events.record({ siteId: c.siteId, conversationId: c.id, type: 'nps.asked', actorType: 'system', actorId: null, data: { sampleDays: settings.sampleDays } });
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
