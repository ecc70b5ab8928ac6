import { toCsv } from './csv';
import { exportCsv } from './export-rows';
import type { OpsMetrics } from './service';
import type { MetricsQuery } from './range';

type Result<K extends keyof OpsMetrics> = Awaited<ReturnType<OpsMetrics[K]>>;

/** One CSV per dashboard table; durations stay in milliseconds, rates as fractions, like the JSON. */
export const csvOf = {
  summary: (r: Result<'summary'>) =>
    toCsv(
      ['metric', 'unit', 'current', 'previous', 'delta', 'relative'],
      [
        ...r.headlines.map((h) => [h.key, h.unit, h.current, h.previous, h.delta, h.relative]),
        ...Object.entries(r.current.outcomes).map(([outcome, n]) => [`outcomes.${outcome}`, 'count', n, r.previous.outcomes[outcome as keyof typeof r.previous.outcomes], null, null]),
        ...Object.entries(r.current.botResolution.unresolved).map(([reason, n]) => [`bot_unresolved.${reason}`, 'count', n, r.previous.botResolution.unresolved[reason as keyof typeof r.previous.botResolution.unresolved], null, null]),
        ['bot_resolved.confirmed', 'count', r.current.botResolution.confirmed, r.previous.botResolution.confirmed, null, null],
        ['bot_resolved.assumed', 'count', r.current.botResolution.assumed, r.previous.botResolution.assumed, null, null],
        ['tickets', 'count', r.current.tickets, r.previous.tickets, null, null],
        ...(['bot', 'agent'] as const).flatMap((by) => [
          [`nps.${by}`, 'nps', r.current.nps[by].score, r.previous.nps[by].score, null, null],
          [`nps.${by}.responses`, 'count', r.current.nps[by].responses, r.previous.nps[by].responses, null, null],
        ]),
        ...Object.entries(r.current.escalationReasons).map(([reason, n]) => [`escalations.${reason}`, 'count', n, r.previous.escalationReasons[reason] ?? 0, null, null]),
      ],
    ),
  volume: (r: Result<'volume'>, q: MetricsQuery) =>
    q.by === 'hour'
      ? toCsv(['hour', 'started', 'escalated'], r.byHour.map((h) => [h.hour, h.started, h.escalated]))
      : q.by === 'weekday_hour'
        ? toCsv(['weekday', 'hour', 'started', 'escalated'], r.byWeekdayHour.map((h) => [h.weekday, h.hour, h.started, h.escalated]))
        : toCsv(
            ['date', 'started', 'bot_resolved', 'escalated', 'tickets', 'first_reply_p50_ms', 'first_reply_p90_ms', 'queue_wait_p50_ms', 'handle_time_avg_ms', 'nps', 'nps_responses'],
            r.byDay.map((d) => [d.date, d.started, d.botResolved, d.escalated, d.tickets, d.firstReplyP50, d.firstReplyP90, d.queueWaitP50, d.handleTimeAvg, d.npsScore, d.npsResponses]),
          ),
  agents: (r: Result<'agents'>) =>
    toCsv(
      ['agent_id', 'name', 'chats', 'resolved', 'handle_time_avg_ms', 'handle_time_p50_ms', 'csat_average', 'csat_responses'],
      r.agents.map((a) => [a.agentId, a.name, a.chats, a.resolved, a.handleTimeAvg, a.handleTimeP50, a.csatAverage, a.csatResponses]),
    ),
  articles: (r: Result<'articles'>) =>
    toCsv(
      ['article_id', 'title', 'shown', 'answered', 'suggested', 'picked', 'helped', 'not_helped', 'help_rate', 'escalations_after'],
      r.articles.map((a) => [a.articleId, a.title, a.shown, a.answered, a.suggested, a.picked, a.helped, a.notHelped, a.helpRate, a.escalationsAfter]),
    ),
  gaps: (r: Result<'gaps'>) =>
    toCsv(
      ['gap_id', 'questions', 'conversations', 'no_match', 'suggestions_ignored', 'not_helpful', 'examples', 'nearest_article', 'draft_id', 'draft_title'],
      r.clusters.map((c) => [c.id, c.count, c.conversations, c.reasons.no_match, c.reasons.suggestions_ignored, c.reasons.not_helpful, c.examples.join(' | '), c.nearestArticles[0]?.articleId, c.draft.id, c.draft.title]),
    ),
  conversations: (r: Result<'conversations'>) => exportCsv(r.conversations),
  csat: (r: Result<'csat'>) =>
    toCsv(['at', 'conversation_id', 'rating', 'agent_id', 'agent_name', 'comment'], r.comments.map((c) => [c.at, c.conversationId, c.rating, c.agentId, c.agentName, c.comment])),
};
