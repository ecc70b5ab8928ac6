import { UNRESOLVED_REASONS, type UnresolvedReason } from './bot-outcome';
import { cameBack, durability, type DurabilityReport } from './durability';
import type { Facts, Outcome } from './facts';
import type { LaterConversation } from './history';
import { npsOf, type NpsSummary } from './nps';
import { durations, mean, ratio, type Durations } from './stats';

export interface SummaryOptions {
  /** Days after a resolution in which a new chat on the same topic breaks first-contact resolution. */
  fcrDays: number;
  /** Days a resolution must hold (no reopening, no return on the same topic) to count as durable. */
  durableDays: number;
  /** The moment of the request, in ms: durability needs its window to have passed. */
  now: number;
}

export interface Summary {
  started: number;
  inProgress: number;
  /** Every conversation has exactly one outcome: these add up to `started`. */
  outcomes: Record<Outcome, number>;
  botResolved: number;
  /** Bot resolutions split by how they are known, and bot-only chats that ended unresolved, by reason. */
  botResolution: { confirmed: number; assumed: number; unresolved: Record<UnresolvedReason, number> };
  /** botResolved / (started − inProgress). */
  botResolutionRate: number | null;
  escalated: number;
  /** escalated / started. */
  escalationRate: number | null;
  /** Conversations by the reason of their first escalation. */
  escalationReasons: Record<string, number>;
  /** Every conversation that became an offline ticket, whatever happened before (asked for a person first or not). */
  tickets: number;
  durability: DurabilityReport;
  nps: NpsSummary;
  fcr: { eligible: number; firstContact: number; rate: number | null; human: { eligible: number; firstContact: number }; bot: { eligible: number; firstContact: number } };
  firstReply: Durations & { awaiting: number };
  handleTime: Durations;
  resolutionTime: Durations;
  queueWait: Durations & { waiting: number };
  csat: { average: number | null; responses: number; responseRate: number | null };
}

function firstContact(f: Facts, later: readonly LaterConversation[], windowMs: number, topicsOf: (l: LaterConversation) => Set<string>): boolean {
  return !f.reopened && cameBack(f, f.endedAt ?? f.history.startedAt, later, windowMs, topicsOf) === null;
}

export function summarise(facts: readonly Facts[], later: readonly LaterConversation[], options: SummaryOptions, topicsOf: (l: LaterConversation) => Set<string>): Summary {
  const count = (o: Outcome) => facts.filter((f) => f.outcome === o).length;
  const outcomes: Record<Outcome, number> = { escalated: count('escalated'), ticket: count('ticket'), in_progress: count('in_progress'), bot_resolved: count('bot_resolved'), bot_unresolved: count('bot_unresolved') };
  const unresolved = Object.fromEntries(UNRESOLVED_REASONS.map((r) => [r, facts.filter((f) => f.unresolvedReason === r).length])) as Record<UnresolvedReason, number>;
  const started = facts.length;
  const inProgress = count('in_progress');
  const botResolved = count('bot_resolved');
  const escalated = count('escalated');
  const escalationReasons: Record<string, number> = {};
  for (const f of facts) {
    if (f.firstEscalation) {
      const reason = f.firstEscalation.reason ?? 'unknown';
      escalationReasons[reason] = (escalationReasons[reason] ?? 0) + 1;
    }
  }

  const windowMs = options.fcrDays * 86_400_000;
  const fcr = { eligible: 0, firstContact: 0, rate: null as number | null, human: { eligible: 0, firstContact: 0 }, bot: { eligible: 0, firstContact: 0 } };
  for (const f of facts) {
    const kind = f.resolution ? fcr.human : f.outcome === 'bot_resolved' ? fcr.bot : null;
    if (!kind) continue;
    const ok = firstContact(f, later, windowMs, topicsOf);
    kind.eligible += 1;
    fcr.eligible += 1;
    if (ok) {
      kind.firstContact += 1;
      fcr.firstContact += 1;
    }
  }
  fcr.rate = ratio(fcr.firstContact, fcr.eligible);

  const resolved = facts.filter((f) => f.resolution);
  const rated = facts.filter((f) => f.csat);
  const stays = facts.flatMap((f) => f.queueStays);
  return {
    started,
    inProgress,
    outcomes,
    botResolved,
    botResolution: { confirmed: facts.filter((f) => f.botResolution === 'confirmed').length, assumed: facts.filter((f) => f.botResolution === 'assumed').length, unresolved },
    botResolutionRate: ratio(botResolved, started - inProgress),
    escalated,
    escalationRate: ratio(escalated, started),
    escalationReasons,
    tickets: facts.filter((f) => f.ticket).length,
    durability: durability(facts, later, options.durableDays, options.now, topicsOf),
    nps: npsOf(facts),
    fcr,
    firstReply: {
      ...durations(facts.flatMap((f) => (f.firstReplyMs === null ? [] : [f.firstReplyMs]))),
      awaiting: facts.filter((f) => f.liveEscalationAt !== null && f.firstReplyMs === null).length,
    },
    handleTime: durations(resolved.flatMap((f) => (f.firstAssignedAt !== null && f.firstAssignedAt <= f.resolution!.at ? [f.resolution!.at - f.firstAssignedAt] : []))),
    resolutionTime: durations(resolved.map((f) => f.resolution!.at - f.history.startedAt)),
    queueWait: { ...durations(stays.flatMap((s) => (s.assigned && s.leftAt !== null ? [s.leftAt - s.enteredAt] : []))), waiting: stays.filter((s) => s.leftAt === null).length },
    csat: { average: mean(rated.map((f) => f.csat!.rating)), responses: rated.length, responseRate: ratio(rated.length, resolved.length) },
  };
}

export type HeadlineKey = 'started' | 'botResolutionRate' | 'botDurableRate' | 'escalationRate' | 'fcrRate' | 'firstReplyP50' | 'firstReplyP90' | 'handleTimeAvg' | 'resolutionTimeP50' | 'queueWaitP50' | 'csatAverage' | 'csatResponseRate' | 'npsScore';

export interface Headline {
  key: HeadlineKey;
  unit: 'count' | 'ratio' | 'ms' | 'rating' | 'nps';
  /** Which direction is good, so the dashboard can colour the change. */
  better: 'up' | 'down';
  current: number | null;
  previous: number | null;
  /** current − previous (for ratios: in ratio units, ×100 for percentage points). */
  delta: number | null;
  /** delta / previous; null when previous is 0 or missing. */
  relative: number | null;
}

const HEADLINES: Array<[HeadlineKey, Headline['unit'], Headline['better'], (s: Summary) => number | null]> = [
  ['started', 'count', 'up', (s) => s.started],
  ['botResolutionRate', 'ratio', 'up', (s) => s.botResolutionRate],
  ['botDurableRate', 'ratio', 'up', (s) => s.durability.bot.durableRate],
  ['escalationRate', 'ratio', 'down', (s) => s.escalationRate],
  ['fcrRate', 'ratio', 'up', (s) => s.fcr.rate],
  ['firstReplyP50', 'ms', 'down', (s) => s.firstReply.p50],
  ['firstReplyP90', 'ms', 'down', (s) => s.firstReply.p90],
  ['handleTimeAvg', 'ms', 'down', (s) => s.handleTime.avg],
  ['resolutionTimeP50', 'ms', 'down', (s) => s.resolutionTime.p50],
  ['queueWaitP50', 'ms', 'down', (s) => s.queueWait.p50],
  ['csatAverage', 'rating', 'up', (s) => s.csat.average],
  ['csatResponseRate', 'ratio', 'up', (s) => s.csat.responseRate],
  ['npsScore', 'nps', 'up', (s) => s.nps.score],
];

export function headlines(current: Summary, previous: Summary): Headline[] {
  return HEADLINES.map(([key, unit, better, pick]) => {
    const c = pick(current);
    const p = pick(previous);
    const delta = c === null || p === null ? null : c - p;
    return { key, unit, better, current: c, previous: p, delta, relative: delta === null || !p ? null : delta / p };
  });
}
