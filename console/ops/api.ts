import { z } from 'zod';

/**
 * The answers of `/api/ops/*` and `/api/kb/*` the dashboard reads. Every response
 * is parsed with these before use; unknown extra fields are dropped, so the server may add some.
 */

const Num = z.number();
const NullableNum = z.number().nullable();
const NpsCounts = z.object({ responses: Num, promoters: Num, passives: Num, detractors: Num, score: NullableNum });
const Iso = z.string();

export const Sites = z.object({ sites: z.array(z.object({ key: z.string(), name: z.string() })) });
export type Site = z.infer<typeof Sites>['sites'][number];

const Scope = {
  range: z.object({ from: Iso, to: Iso, tz: z.string(), previous: z.object({ from: Iso, to: Iso }) }),
  site: z.object({ key: z.string(), name: z.string() }).nullable(),
};

export const HeadlineKey = z.enum([
  'started',
  'botResolutionRate',
  'botDurableRate',
  'escalationRate',
  'fcrRate',
  'firstReplyP50',
  'firstReplyP90',
  'handleTimeAvg',
  'resolutionTimeP50',
  'queueWaitP50',
  'csatAverage',
  'csatResponseRate',
  'npsScore',
]);
export type HeadlineKey = z.infer<typeof HeadlineKey>;

export const Headline = z.object({
  key: HeadlineKey,
  unit: z.enum(['count', 'ratio', 'ms', 'rating', 'nps']),
  better: z.enum(['up', 'down']),
  current: NullableNum,
  previous: NullableNum,
});
export type Headline = z.infer<typeof Headline>;

const Durations = z.object({ count: Num, p50: NullableNum, p90: NullableNum, avg: NullableNum });
const Tally = z.object({ eligible: Num, firstContact: Num });

export const OUTCOMES = ['bot_resolved', 'bot_unresolved', 'escalated', 'ticket', 'in_progress'] as const;
export const UNRESOLVED_REASONS = ['negative_feedback', 'other_language', 'off_topic', 'not_understood', 'suggestions_ignored', 'no_question'] as const;
export type UnresolvedReason = (typeof UNRESOLVED_REASONS)[number];

const Durability = z.object({ resolved: Num, reopened: Num, durable: Num, pending: Num, reopenRate: NullableNum, durableRate: NullableNum });
export type Durability = z.infer<typeof Durability>;

export const Summary = z.object({
  started: Num,
  inProgress: Num,
  outcomes: z.object({ bot_resolved: Num, bot_unresolved: Num, escalated: Num, ticket: Num, in_progress: Num }),
  botResolved: Num,
  botResolution: z.object({ confirmed: Num, assumed: Num, unresolved: z.object({ negative_feedback: Num, other_language: Num, off_topic: Num, not_understood: Num, suggestions_ignored: Num, no_question: Num }) }),
  botResolutionRate: NullableNum,
  durability: z.object({ windowDays: Num, bot: Durability, agents: Durability }),
  nps: NpsCounts.extend({ bot: NpsCounts, agent: NpsCounts }),
  escalated: Num,
  escalationRate: NullableNum,
  escalationReasons: z.record(z.string(), Num),
  tickets: Num,
  fcr: Tally.extend({ rate: NullableNum, human: Tally, bot: Tally }),
  firstReply: Durations.extend({ awaiting: Num }),
  handleTime: Durations,
  resolutionTime: Durations,
  queueWait: Durations.extend({ waiting: Num }),
  csat: z.object({ average: NullableNum, responses: Num, responseRate: NullableNum }),
});
export type Summary = z.infer<typeof Summary>;

/** The windows the figures were computed with (the server's defaults unless the query set them). */
export const Windows = z.object({ inactivityMinutes: Num, durableDays: Num, fcrDays: Num });
export type Windows = z.infer<typeof Windows>;

export const SummaryResponse = z.object({ ...Scope, windows: Windows, headlines: z.array(Headline), current: Summary, previous: Summary });
export type SummaryResponse = z.infer<typeof SummaryResponse>;

export const DayRow = z.object({
  date: z.string(),
  started: Num,
  botResolved: Num,
  escalated: Num,
  tickets: Num,
  firstReplyP50: NullableNum,
  firstReplyP90: NullableNum,
  queueWaitP50: NullableNum,
  handleTimeAvg: NullableNum,
  npsScore: NullableNum,
  npsResponses: Num,
});
export type DayRow = z.infer<typeof DayRow>;
export const HourRow = z.object({ hour: z.number().int().min(0).max(23), started: Num, escalated: Num });
export type HourRow = z.infer<typeof HourRow>;

export const WeekdayHourRow = z.object({ weekday: z.number().int().min(1).max(7), hour: z.number().int().min(0).max(23), started: Num, escalated: Num });
export type WeekdayHourRow = z.infer<typeof WeekdayHourRow>;

export const VolumeResponse = z.object({ ...Scope, byDay: z.array(DayRow), byHour: z.array(HourRow), byWeekdayHour: z.array(WeekdayHourRow) });
export type VolumeResponse = z.infer<typeof VolumeResponse>;

export const AgentRow = z.object({
  agentId: z.string(),
  name: z.string().nullable(),
  chats: Num,
  resolved: Num,
  handleTimeAvg: NullableNum,
  handleTimeP50: NullableNum,
  csatAverage: NullableNum,
  csatResponses: Num,
});
export type AgentRow = z.infer<typeof AgentRow>;
export const AgentsResponse = z.object({ ...Scope, agents: z.array(AgentRow) });

export const ArticleRow = z.object({
  articleId: z.string(),
  title: z.string().nullable(),
  shown: Num,
  answered: Num,
  suggested: Num,
  picked: Num,
  helped: Num,
  notHelped: Num,
  helpRate: NullableNum,
  escalationsAfter: Num,
});
export type ArticleRow = z.infer<typeof ArticleRow>;
export const ArticlesResponse = z.object({ ...Scope, articles: z.array(ArticleRow) });

export const CsatResponse = z.object({
  ...Scope,
  average: NullableNum,
  responses: Num,
  responseRate: NullableNum,
  distribution: z.object({ '1': Num, '2': Num, '3': Num, '4': Num, '5': Num }),
  comments: z.array(
    z.object({ conversationId: z.string(), rating: Num, comment: z.string(), agentId: z.string().nullable(), agentName: z.string().nullable(), at: Iso }),
  ),
});
export type CsatResponse = z.infer<typeof CsatResponse>;

export const GapDraft = z.object({ id: z.string(), title: z.string(), questions: z.array(z.string()), tags: z.array(z.string()), body: z.string(), markdown: z.string() });
export type GapDraft = z.infer<typeof GapDraft>;

export const GapCluster = z.object({
  id: z.string(),
  count: Num,
  conversations: Num,
  reasons: z.object({ no_match: Num, suggestions_ignored: Num, not_helpful: Num }),
  examples: z.array(z.string()),
  nearestArticles: z.array(z.object({ articleId: z.string(), title: z.string().nullable(), count: Num })),
  firstAt: Iso,
  lastAt: Iso,
  draft: GapDraft,
});
export type GapCluster = z.infer<typeof GapCluster>;
export const GapsResponse = z.object({ ...Scope, clusters: z.array(GapCluster), questions: Num, ungrouped: Num });
export type GapsResponse = z.infer<typeof GapsResponse>;

/** `GET /api/kb/articles`: the ids in use (so a new article does not silently replace one) and titles to pick from. */
export const ArticleIds = z.object({ articles: z.array(z.object({ id: z.string(), title: z.string() })) });
export type ArticleChoice = z.infer<typeof ArticleIds>['articles'][number];

/** What `POST /api/kb/articles/:id/questions` answers: the questions it added (the others were there already). */
export const AddedQuestions = z.object({ added: z.array(z.string()), source: z.object({ id: z.string(), title: z.string() }) });

/** What `PUT /api/kb/articles/:id` answers (the article as the bot now serves it). */
export const SavedArticle = z.object({ article: z.object({ id: z.string(), title: z.string(), url: z.string().nullable(), tags: z.array(z.string()) }) });
export type SavedArticle = z.infer<typeof SavedArticle>['article'];

