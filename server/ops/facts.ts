import { botVerdict, type BotResolution, type UnresolvedReason } from './bot-outcome';
import type { ConversationHistory, HistoryEvent } from './history';
import { moveOf } from '../conversations/events';

/**
 * How a conversation of the cohort turned out, as of the moment the metrics are computed:
 * - `escalated`: handed to people (an escalation, an assignment or a reopening);
 * - `ticket`: the visitor left a message for people without an escalation;
 * - `bot_resolved`: ended with the bot, its last turn an answer, no negative signal (confirmed or assumed);
 * - `bot_unresolved`: ended with the bot otherwise (see `UnresolvedReason`);
 * - `in_progress`: still with the bot and active within the inactivity window.
 * The outcomes are exclusive, so their shares add up to 100 %.
 */
export type Outcome = 'escalated' | 'ticket' | 'bot_resolved' | 'bot_unresolved' | 'in_progress';

/** A stretch of time one agent held the conversation; `end` is null while they still hold it. */
export interface Segment { agentId: string; start: number; end: number | null }
/** A stay in the queue; `leftAt` is null while still waiting. */
export interface QueueStay { enteredAt: number; leftAt: number | null; assigned: boolean }

export interface Facts {
  history: ConversationHistory;
  outcome: Outcome;
  firstEscalation: { at: number; reason: string | null; outcome: string | null } | null;
  negativeFeedback: boolean;
  /** For `bot_resolved`: whether the visitor confirmed it or it is assumed. */
  botResolution: BotResolution | null;
  /** For `bot_unresolved`: why. */
  unresolvedReason: UnresolvedReason | null;
  /** Ever became an offline ticket (a move to `offline` or a left message), whatever happened before. */
  ticket: boolean;
  /** End of the conversation: resolution, or last activity for one that ended with the bot. */
  endedAt: number | null;
  resolution: { at: number; agentId: string | null } | null;
  /** Reopened or escalated again after its first resolution. */
  reopened: boolean;
  /** When that happened, if it did. */
  reopenedAt: number | null;
  /**
   * For a chat that stayed with the bot: when the visitor came back after it had ended (a turn
   * after at least the inactivity window of silence), and when it had ended before that.
   */
  botReturn: { endedAt: number; at: number } | null;
  firstAssignedAt: number | null;
  /** The first escalation that put the chat in the live queue (not an offline ticket). */
  liveEscalationAt: number | null;
  /** From the first escalation into the live queue to the first agent message after it. */
  firstReplyMs: number | null;
  queueStays: QueueStay[];
  segments: Segment[];
  csat: { rating: number; comment: string | null; agentId: string | null; at: number } | null;
  /** `after`: what the question followed, as recorded when it was asked (older events: an agent's resolution). */
  nps: { score: number; comment: string | null; at: number; after: 'agent' | 'bot' } | null;
  /** Article ids the bot tied the conversation to: its answers, the visitor's picks, best guesses. */
  topics: Set<string>;
}

/** Events that follow a visitor's turn in the chat (a page view is not one). */
const CHAT_TURNS = new Set(['bot.decision', 'bot.choice', 'bot.feedback', 'conversation.escalated', 'ticket.created', 'conversation.offline']);

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** Article ids that name what a conversation was about, from its bot events. */
export function topicsOf(events: readonly HistoryEvent[]): Set<string> {
  const topics = new Set<string>();
  for (const e of events) {
    if (e.type === 'bot.choice' && str(e.data.articleId)) topics.add(e.data.articleId);
    if (e.type === 'bot.decision') {
      if (str(e.data.articleId)) topics.add(e.data.articleId!);
      const first = e.data.suggestions[0];
      if (e.data.decision === 'suggest' && str(first)) topics.add(first!);
    }
  }
  return topics;
}

/** Derives the facts of one conversation from its events; `now` and `inactivityMs` decide whether a bot chat ended. */
export function factsOf(h: ConversationHistory, now: number, inactivityMs: number): Facts {
  let reopenedAt: number | null = null;
  let nps: Facts['nps'] = null;
  let npsAfter: 'agent' | 'bot' = 'agent';
  let botReturn: Facts['botReturn'] = null;
  let lastTurnAt = h.startedAt;
  let firstEscalation: Facts['firstEscalation'] = null;
  let liveEscalationAt: number | null = null;
  let resolution: Facts['resolution'] = null;
  let reopened = false;
  let assigned = false;
  let ticket = false;
  let negativeFeedback = false;
  let firstAssignedAt: number | null = null;
  let csat: Facts['csat'] = null;
  let lastActivity = Math.max(h.startedAt, h.lastMessageAt ?? 0);
  const queueStays: QueueStay[] = [];
  const segments: Segment[] = [];

  for (const e of h.events) {
    lastActivity = Math.max(lastActivity, e.at);
    if (CHAT_TURNS.has(e.type)) {
      if (!botReturn && e.at - lastTurnAt >= inactivityMs) botReturn = { endedAt: lastTurnAt, at: e.at };
      lastTurnAt = e.at;
    }
    const move = moveOf(e);
    const [from, to] = [move?.from ?? null, move?.to ?? null];
    if (e.type === 'conversation.escalated') {
      firstEscalation ??= { at: e.at, reason: e.reason, outcome: e.data.outcome ?? null };
      if (liveEscalationAt === null && e.data.outcome === 'queued') liveEscalationAt = e.at;
    }
    if (resolution && !reopened && (e.type === 'conversation.reopened' || e.type === 'conversation.escalated')) {
      reopened = true;
      reopenedAt = e.at;
    }
    if (e.type === 'conversation.resolved' && !resolution) resolution = { at: e.at, agentId: str(e.data.agentId) ?? e.actorId };
    if (e.type === 'bot.feedback' && !e.data.helpful) negativeFeedback = true;
    if (e.type === 'ticket.created' || to === 'offline') ticket = true;
    if (e.type === 'csat.submitted' && !csat) {
      csat = { rating: e.data.rating, comment: str(e.data.comment), agentId: str(e.data.agentId), at: e.at };
    }
    if (e.type === 'nps.asked' && e.data.after === 'bot') npsAfter = 'bot';
    if (e.type === 'nps.submitted' && !nps) nps = { score: e.data.score, comment: str(e.data.comment), at: e.at, after: npsAfter };
    // Status moves carry data.from/data.to: they delimit queue stays and agent segments.
    if (from === 'queued' && to !== 'queued') {
      const stay = queueStays.at(-1);
      if (stay && stay.leftAt === null) Object.assign(stay, { leftAt: e.at, assigned: to === 'assigned' });
    }
    if (from === 'assigned') {
      const seg = segments.at(-1);
      if (seg && seg.end === null) seg.end = e.at;
    }
    if (to === 'queued' && from !== 'queued') queueStays.push({ enteredAt: e.at, leftAt: null, assigned: false });
    if (to === 'assigned') {
      const agentId = e.type === 'conversation.transferred' ? str(e.data.toAgentId) : 'agentId' in e.data ? str(e.data.agentId) : null;
      if (agentId) segments.push({ agentId, start: e.at, end: null });
      assigned = true;
      firstAssignedAt ??= e.at;
    }
  }

  const humans = firstEscalation !== null || assigned || reopened;
  const ended = lastActivity <= now - inactivityMs;
  const verdict = humans || ticket || !ended ? null : botVerdict(h.events, h.siteLocale);
  const outcome: Outcome = humans ? 'escalated' : ticket ? 'ticket' : !verdict ? 'in_progress' : verdict.resolved ? 'bot_resolved' : 'bot_unresolved';
  const reply = liveEscalationAt === null ? undefined : h.agentReplies.find((t) => t >= liveEscalationAt!);
  return {
    history: h,
    outcome,
    firstEscalation,
    negativeFeedback,
    botResolution: verdict?.resolved ? verdict.resolution : null,
    unresolvedReason: verdict && !verdict.resolved ? verdict.reason : null,
    ticket,
    endedAt: resolution?.at ?? (outcome === 'bot_resolved' || outcome === 'bot_unresolved' ? lastActivity : null),
    resolution,
    reopened,
    reopenedAt,
    botReturn: humans || ticket ? null : botReturn,
    firstAssignedAt,
    liveEscalationAt,
    firstReplyMs: reply === undefined || liveEscalationAt === null ? null : reply - liveEscalationAt,
    queueStays,
    segments,
    csat,
    nps,
    topics: topicsOf(h.events),
  };
}
