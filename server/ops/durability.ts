import type { Facts } from './facts';
import type { LaterConversation } from './history';
import { ratio } from './stats';
import { jaccard, terms } from './terms';

/** Two conversations are on the same topic when the bot tied them to a common article, or their first questions share most words. */
export function sameTopic(a: { topics: ReadonlySet<string>; text: string | null }, b: { topics: ReadonlySet<string>; text: string | null }): boolean {
  if (a.topics.size > 0 && b.topics.size > 0) return [...a.topics].some((t) => b.topics.has(t));
  if (!a.text || !b.text) return false;
  return jaccard(new Set(terms(a.text)), new Set(terms(b.text))) >= 0.5;
}

/** When the same person started another conversation on the same topic within `windowMs` after `doneAt`, the first such start. */
export function cameBack(f: Facts, doneAt: number, later: readonly LaterConversation[], windowMs: number, topicsOf: (l: LaterConversation) => Set<string>): number | null {
  const me = { topics: f.topics, text: f.history.firstVisitorText };
  const starts = later
    .filter((l) => l.visitorKey === f.history.visitorKey && l.id !== f.history.id && l.startedAt > f.history.startedAt && l.startedAt <= doneAt + windowMs
      && sameTopic(me, { topics: topicsOf(l), text: l.firstVisitorText }))
    .map((l) => l.startedAt);
  return starts.length === 0 ? null : Math.min(...starts);
}

/**
 * Whether resolutions held: a resolution is *reopened* when, within the window after it, the
 * conversation was reopened or handed over again, or the same person came back on the same topic
 * in a new conversation; it is *durable* once the whole window has passed without that; until
 * then it is *pending*.
 */
export interface Durability {
  /** Resolutions counted: bot-resolved conversations, or conversations an agent resolved. */
  resolved: number;
  reopened: number;
  durable: number;
  pending: number;
  /** reopened / resolved. */
  reopenRate: number | null;
  /** durable / (durable + reopened): of the resolutions whose outcome is known. */
  durableRate: number | null;
}

export interface DurabilityReport { windowDays: number; bot: Durability; agents: Durability }

function tally(list: ReadonlyArray<'reopened' | 'durable' | 'pending'>): Durability {
  const n = (k: string) => list.filter((x) => x === k).length;
  const reopened = n('reopened');
  const durable = n('durable');
  return { resolved: list.length, reopened, durable, pending: n('pending'), reopenRate: ratio(reopened, list.length), durableRate: ratio(durable, durable + reopened) };
}

/** The fate of one resolution of `f`, or null when `f` was not resolved (by the bot or an agent). */
export function fateOf(f: Facts, later: readonly LaterConversation[], windowMs: number, now: number, topicsOf: (l: LaterConversation) => Set<string>): 'reopened' | 'durable' | 'pending' | null {
  const doneAt = f.resolution?.at ?? (f.outcome === 'bot_resolved' ? f.endedAt : null);
  if (doneAt === null) return null;
  // A bot chat the visitor came back to counts from its first end: the comeback is the reopening.
  if (f.outcome === 'bot_resolved' && f.botReturn) return f.botReturn.at <= f.botReturn.endedAt + windowMs ? 'reopened' : doneAt + windowMs <= now ? 'durable' : 'pending';
  const reopenedInside = f.reopenedAt !== null && f.reopenedAt <= doneAt + windowMs;
  if (reopenedInside || cameBack(f, doneAt, later, windowMs, topicsOf) !== null) return 'reopened';
  return doneAt + windowMs <= now ? 'durable' : 'pending';
}

export function durability(facts: readonly Facts[], later: readonly LaterConversation[], windowDays: number, now: number, topicsOf: (l: LaterConversation) => Set<string>): DurabilityReport {
  const windowMs = windowDays * 86_400_000;
  const fates = (pick: (f: Facts) => boolean) => facts.filter(pick).flatMap((f) => fateOf(f, later, windowMs, now, topicsOf) ?? []);
  return {
    windowDays,
    bot: tally(fates((f) => f.outcome === 'bot_resolved')),
    agents: tally(fates((f) => f.resolution !== null)),
  };
}
