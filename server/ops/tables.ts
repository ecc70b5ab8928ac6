import type { Facts } from './facts';
import { npsOf } from './nps';
import { localMidnight, localParts, type Range } from './range';
import { durations, mean, percentile, ratio } from './stats';

export interface DayRow {
  date: string;
  started: number;
  botResolved: number;
  escalated: number;
  tickets: number;
  firstReplyP50: number | null;
  firstReplyP90: number | null;
  queueWaitP50: number | null;
  handleTimeAvg: number | null;
  /** NPS of the day's conversations that got an answer (null with none), and how many answered. */
  npsScore: number | null;
  npsResponses: number;
}
export interface HourRow { hour: number; started: number; escalated: number }
export interface WeekdayHourRow { weekday: number; hour: number; started: number; escalated: number }

/** The staffing view: conversations by local day, hour of day and weekday × hour of their start. */
export function volume(facts: readonly Facts[], range: Range): { byDay: DayRow[]; byHour: HourRow[]; byWeekdayHour: WeekdayHourRow[] } {
  const local = localParts(range.tz);
  const days = new Map<string, Facts[]>();
  for (let date = local(range.from.getTime()).date; localMidnight(date, range.tz).getTime() < range.to.getTime(); date = local(localMidnight(date, range.tz, 1).getTime()).date) {
    days.set(date, []);
  }
  const byHour: HourRow[] = Array.from({ length: 24 }, (_, hour) => ({ hour, started: 0, escalated: 0 }));
  const byWeekdayHour: WeekdayHourRow[] = Array.from({ length: 7 * 24 }, (_, i) => ({ weekday: Math.floor(i / 24) + 1, hour: i % 24, started: 0, escalated: 0 }));
  for (const f of facts) {
    const p = local(f.history.startedAt);
    days.get(p.date)?.push(f);
    const escalated = f.outcome === 'escalated' ? 1 : 0;
    for (const row of [byHour[p.hour], byWeekdayHour[(p.weekday - 1) * 24 + p.hour]]) {
      if (!row) continue;
      row.started += 1;
      row.escalated += escalated;
    }
  }
  const byDay = [...days].map(([date, list]): DayRow => {
    const replies = list.flatMap((f) => (f.firstReplyMs === null ? [] : [f.firstReplyMs]));
    const waits = list.flatMap((f) => f.queueStays.flatMap((s) => (s.assigned && s.leftAt !== null ? [s.leftAt - s.enteredAt] : [])));
    const handles = list.flatMap((f) => (f.resolution && f.firstAssignedAt !== null ? [f.resolution.at - f.firstAssignedAt] : []));
    return {
      date,
      started: list.length,
      botResolved: list.filter((f) => f.outcome === 'bot_resolved').length,
      escalated: list.filter((f) => f.outcome === 'escalated').length,
      tickets: list.filter((f) => f.ticket).length,
      firstReplyP50: percentile(replies, 0.5),
      firstReplyP90: percentile(replies, 0.9),
      queueWaitP50: percentile(waits, 0.5),
      handleTimeAvg: mean(handles),
      npsScore: npsOf(list).score,
      npsResponses: npsOf(list).responses,
    };
  });
  return { byDay, byHour, byWeekdayHour };
}

export interface AgentRow {
  agentId: string;
  name: string | null;
  /** Conversations of the cohort the agent held at some point. */
  chats: number;
  resolved: number;
  /** Per chat, the time the agent held it (assignment or transfer in → transfer out, return to queue or resolution). */
  handleTimeAvg: number | null;
  handleTimeP50: number | null;
  csatAverage: number | null;
  csatResponses: number;
}

export function agents(facts: readonly Facts[], names: ReadonlyMap<string, string>): AgentRow[] {
  const rows = new Map<string, { chats: Set<string>; resolved: number; held: number[]; ratings: number[] }>();
  const row = (id: string) => {
    let r = rows.get(id);
    if (!r) rows.set(id, (r = { chats: new Set(), resolved: 0, held: [], ratings: [] }));
    return r;
  };
  for (const f of facts) {
    const held = new Map<string, number>();
    for (const s of f.segments) {
      row(s.agentId).chats.add(f.history.id);
      if (s.end !== null) held.set(s.agentId, (held.get(s.agentId) ?? 0) + (s.end - s.start));
    }
    for (const [id, ms] of held) row(id).held.push(ms);
    if (f.resolution?.agentId) row(f.resolution.agentId).resolved += 1;
    if (f.csat?.agentId) row(f.csat.agentId).ratings.push(f.csat.rating);
  }
  return [...rows]
    .map(([agentId, r]) => {
      const d = durations(r.held);
      return { agentId, name: names.get(agentId) ?? null, chats: r.chats.size, resolved: r.resolved, handleTimeAvg: d.avg, handleTimeP50: d.p50, csatAverage: mean(r.ratings), csatResponses: r.ratings.length };
    })
    .sort((a, b) => b.chats - a.chats || (a.name ?? a.agentId).localeCompare(b.name ?? b.agentId));
}

export interface CsatReport {
  average: number | null;
  responses: number;
  /** responses / conversations resolved by an agent (the only ones the visitor can rate). */
  responseRate: number | null;
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
  comments: Array<{ conversationId: string; rating: number; comment: string; agentId: string | null; agentName: string | null; at: string }>;
}

export function csat(facts: readonly Facts[], names: ReadonlyMap<string, string>): CsatReport {
  const rated = facts.filter((f) => f.csat);
  const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  for (const f of rated) {
    const key = String(f.csat!.rating) as keyof typeof distribution;
    if (key in distribution) distribution[key] += 1;
  }
  return {
    average: mean(rated.map((f) => f.csat!.rating)),
    responses: rated.length,
    responseRate: ratio(rated.length, facts.filter((f) => f.resolution).length),
    distribution,
    comments: rated
      .filter((f) => f.csat!.comment)
      .sort((a, b) => b.csat!.at - a.csat!.at)
      .map((f) => ({ conversationId: f.history.id, rating: f.csat!.rating, comment: f.csat!.comment!, agentId: f.csat!.agentId, agentName: f.csat!.agentId ? (names.get(f.csat!.agentId) ?? null) : null, at: new Date(f.csat!.at).toISOString() })),
  };
}
