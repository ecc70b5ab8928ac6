/** Answers shaped as the server sends them (taken from a real run), for tests. */

const scope = {
  range: { from: '2025-03-01T00:00:00.000Z', to: '2025-03-03T00:00:00.000Z', tz: 'UTC', previous: { from: '2025-02-27T00:00:00.000Z', to: '2025-03-01T00:00:00.000Z' } },
  site: null,
};
const durations = (v: number | null) => ({ count: v === null ? 0 : 1, p50: v, p90: v, avg: v });
const summary = (started: number) => ({
  started,
  inProgress: 0,
  outcomes: { bot_resolved: started - 1, bot_unresolved: 0, escalated: 1, ticket: 0, in_progress: 0 },
  botResolved: started - 1,
  botResolution: { confirmed: 1, assumed: started - 2, unresolved: { negative_feedback: 0, other_language: 0, off_topic: 0, not_understood: 0, suggestions_ignored: 0, no_question: 0 } },
  botResolutionRate: started ? (started - 1) / started : null,
  durability: {
    windowDays: 7,
    bot: { resolved: started - 1, reopened: 0, durable: 0, pending: started - 1, reopenRate: 0, durableRate: null },
    agents: { resolved: 1, reopened: 0, durable: 0, pending: 1, reopenRate: 0, durableRate: null },
  },
  nps: { responses: 1, promoters: 1, passives: 0, detractors: 0, score: 100, bot: { responses: 0, promoters: 0, passives: 0, detractors: 0, score: null }, agent: { responses: 1, promoters: 1, passives: 0, detractors: 0, score: 100 } },
  escalated: 1,
  escalationRate: started ? 1 / started : null,
  escalationReasons: { asked_for_human: 1 },
  tickets: 0,
  fcr: { eligible: 1, firstContact: 1, rate: 1, human: { eligible: 1, firstContact: 1 }, bot: { eligible: 0, firstContact: 0 } },
  firstReply: { ...durations(516), awaiting: 0 },
  handleTime: durations(427),
  resolutionTime: durations(922),
  queueWait: { ...durations(114), waiting: 0 },
  csat: { average: 4, responses: 1, responseRate: 1 },
});

export const summaryJson = {
  ...scope,
  windows: { inactivityMinutes: 30, durableDays: 7, fcrDays: 7 },
  headlines: [
    { key: 'started', unit: 'count', better: 'up', current: 4, previous: 2, delta: 2, relative: 1 },
    { key: 'escalationRate', unit: 'ratio', better: 'down', current: 0.25, previous: 0.5, delta: -0.25, relative: -0.5 },
  ],
  current: summary(4),
  previous: summary(2),
};

const day = (date: string, started: number) => ({ date, started, botResolved: 0, escalated: 1, tickets: 0, firstReplyP50: 516, firstReplyP90: 600, queueWaitP50: 114, handleTimeAvg: 427, npsScore: started > 1 ? 100 : null, npsResponses: started > 1 ? 1 : 0 });
export const volumeJson = {
  ...scope,
  byDay: [day('2025-03-01', 1), day('2025-03-02', 3)],
  byHour: Array.from({ length: 24 }, (_, hour) => ({ hour, started: hour === 14 ? 4 : 0, escalated: hour === 14 ? 1 : 0 })),
  byWeekdayHour: [],
};
export const agentsJson = { ...scope, agents: [{ agentId: 'a1', name: 'Sam Admin', chats: 1, resolved: 1, handleTimeAvg: 427, handleTimeP50: 427, csatAverage: 4, csatResponses: 1 }] };
export const articlesJson = { ...scope, articles: [{ articleId: 'returns', title: 'Returns', shown: 2, answered: 1, suggested: 1, picked: 0, helped: 1, notHelped: 0, helpRate: 1, escalationsAfter: 0 }] };
export const csatJson = {
  ...scope,
  average: 4,
  responses: 1,
  responseRate: 1,
  distribution: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 0 },
  comments: [{ conversationId: 'c1', rating: 4, comment: 'Quick and kind', agentId: 'a1', agentName: 'Sam Admin', at: '2025-03-02T10:00:00.000Z' }],
};
export const gapsJson = {
  ...scope,
  clusters: [
    {
      id: 'gap-1',
      count: 2,
      conversations: 2,
      reasons: { no_match: 1, suggestions_ignored: 1, not_helpful: 0 },
      examples: ['Do you rent kayaks?'],
      nearestArticles: [{ articleId: 'returns', title: 'Returns', count: 1 }],
      firstAt: '2025-03-01T10:00:00.000Z',
      lastAt: '2025-03-02T10:00:00.000Z',
      draft: { id: 'do-you-rent-kayaks', title: 'Do you rent kayaks', questions: ['Do you rent kayaks?'], tags: [], body: 'TODO', markdown: '---\nid: do-you-rent-kayaks\n---\n\nTODO\n' },
    },
  ],
  questions: 2,
  ungrouped: 0,
};
export const sitesJson = { sites: [{ key: 'demo', name: 'Northwind Outfitters' }] };

/** A fetch that answers each path (query string ignored) with its JSON and records the calls. */
export function fakeFetch(routes: Record<string, { status?: number; body?: unknown }>) {
  const calls: Array<{ url: string; method: string; body: string | null }> = [];
  const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    calls.push({ url, method, body: typeof init?.body === 'string' ? init.body : null });
    const route = routes[`${method} ${url.split('?')[0]}`];
    if (!route) return new Response(JSON.stringify({ type: 'error', code: 'not_found', message: 'no route' }), { status: 404 });
    return new Response(route.status === 204 ? null : JSON.stringify(route.body ?? {}), { status: route.status ?? 200 });
  }) as typeof fetch;
  return { impl, calls };
}
