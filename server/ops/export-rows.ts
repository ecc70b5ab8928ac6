import { toCsv } from './csv';
import { fateOf } from './durability';
import type { Facts } from './facts';
import type { LaterConversation } from './history';

/**
 * One conversation with every metric's inputs, for data teams (CSV from the dashboard, JSON from
 * the incremental export). Times are ISO strings, durations milliseconds; null when not applicable.
 */
export interface ExportRow {
  id: string;
  site: string;
  page: string | null;
  startedAt: string;
  /** Resolution, or the last activity of a bot-only chat that ended; null while open or in progress. */
  endedAt: string | null;
  /** escalated | ticket | in_progress | bot_resolved | bot_unresolved (exclusive). */
  outcome: Facts['outcome'];
  /** confirmed | assumed for bot_resolved. */
  botResolution: Facts['botResolution'];
  /** The reason for bot_unresolved. */
  botReason: Facts['unresolvedReason'];
  /** Reason of the first handover (escalation), if any. */
  handoverReason: string | null;
  ticket: boolean;
  firstReplyMs: number | null;
  /** First assignment → first resolution. */
  handleTimeMs: number | null;
  /** The agent who resolved it, else the last who held it. */
  agentId: string | null;
  agentName: string | null;
  csat: number | null;
  csatComment: string | null;
  nps: number | null;
  npsComment: string | null;
  /** What the NPS question followed: `bot` (a confirmed bot resolution) or `agent`; null without an answer. */
  npsAfter: 'agent' | 'bot' | null;
  /** reopened | durable | pending for a resolved conversation (see the durability window); null otherwise. */
  resolutionFate: 'reopened' | 'durable' | 'pending' | null;
  reopened: boolean;
  /** Last change of the conversation (an event or a message). */
  updatedAt: string;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function exportRow(
  f: Facts,
  ctx: { names: ReadonlyMap<string, string>; later: readonly LaterConversation[]; durableMs: number; now: number; topicsOf: (l: LaterConversation) => Set<string> },
): ExportRow {
  const agentId = f.resolution?.agentId ?? f.segments.at(-1)?.agentId ?? null;
  const fate = fateOf(f, ctx.later, ctx.durableMs, ctx.now, ctx.topicsOf);
  const lastEvent = f.history.events.at(-1)?.at ?? f.history.startedAt;
  return {
    id: f.history.id,
    site: f.history.siteKey,
    page: f.history.page,
    startedAt: iso(f.history.startedAt)!,
    endedAt: iso(f.endedAt),
    outcome: f.outcome,
    botResolution: f.botResolution,
    botReason: f.unresolvedReason,
    handoverReason: f.firstEscalation?.reason ?? null,
    ticket: f.ticket,
    firstReplyMs: f.firstReplyMs,
    handleTimeMs: f.resolution && f.firstAssignedAt !== null && f.firstAssignedAt <= f.resolution.at ? f.resolution.at - f.firstAssignedAt : null,
    agentId,
    agentName: agentId ? (ctx.names.get(agentId) ?? null) : null,
    csat: f.csat?.rating ?? null,
    csatComment: f.csat?.comment ?? null,
    nps: f.nps?.score ?? null,
    npsComment: f.nps?.comment ?? null,
    npsAfter: f.nps?.after ?? null,
    resolutionFate: fate,
    reopened: fate === 'reopened',
    updatedAt: iso(Math.max(lastEvent, f.history.lastMessageAt ?? 0))!,
  };
}

const COLUMNS: ReadonlyArray<[string, keyof ExportRow]> = [
  ['conversation_id', 'id'], ['site', 'site'], ['page', 'page'], ['started_at', 'startedAt'], ['ended_at', 'endedAt'],
  ['outcome', 'outcome'], ['bot_resolution', 'botResolution'], ['bot_reason', 'botReason'], ['handover_reason', 'handoverReason'],
  ['ticket', 'ticket'], ['first_reply_ms', 'firstReplyMs'], ['handle_time_ms', 'handleTimeMs'], ['agent_id', 'agentId'],
  ['agent_name', 'agentName'], ['csat', 'csat'], ['csat_comment', 'csatComment'], ['nps', 'nps'], ['nps_comment', 'npsComment'],
  ['resolution_fate', 'resolutionFate'], ['reopened', 'reopened'], ['updated_at', 'updatedAt'],
  // Added later: last, so that existing readers of the columns by position keep working.
  ['nps_after', 'npsAfter'],
];

export function exportCsv(rows: readonly ExportRow[]): string {
  return toCsv(COLUMNS.map(([name]) => name), rows.map((r) => COLUMNS.map(([, key]) => r[key])));
}
