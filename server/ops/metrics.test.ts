import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, requirePostgresInCi } from '../../tests/support/backends';
import { parseArticleInput } from '../bot/article';
import type { ArticleView } from '../bot/index';
import type { Store } from '../store/store';
import { MetricsQuery } from './range';
import { OpsMetrics } from './service';
import { buildScenario, SCENARIO_NOW } from './test-scenario';

requirePostgresInCi();

const MIN = 60_000;
const TITLES: Record<string, string> = { 'refund-timing': 'Refund timing', exchanges: 'Exchanges', 'gift-cards': 'Gift cards' };
const bot = { article: (id: string) => (TITLES[id] ? ({ id, title: TITLES[id] } as ArticleView) : undefined) };

for (const backend of backends()) {
  describe(`ops metrics on a hand-worked history (${backend.name})`, () => {
    let store: Store;
    let metrics: OpsMetrics;
    let s: Awaited<ReturnType<typeof buildScenario>>;
    const query = (over: Record<string, string> = {}) => MetricsQuery.parse({ from: '2025-03-03', to: '2025-03-04', site: s.h.siteKey, ...over });

    beforeAll(async () => {
      store = await backend.open();
      s = await buildScenario(store);
      // Another site's chats never leak into this site's numbers.
      await buildScenario(store);
      metrics = new OpsMetrics(store, bot, () => SCENARIO_NOW);
    });
    afterAll(async () => {
      await store.close();
    });

    it('counts started, bot-resolved, escalated (with reasons), tickets and chats still with the bot', async () => {
      const { current } = await metrics.summary(query());
      expect(current.started).toBe(9);
      expect(current.inProgress).toBe(1); // C7: 19 minutes idle
      expect(current.botResolved).toBe(2); // C1 (confirmed), C2 (picked a suggestion: assumed)
      expect(current.botResolution).toEqual({ confirmed: 1, assumed: 1, unresolved: { negative_feedback: 0, other_language: 0, off_topic: 0, not_understood: 1, suggestions_ignored: 0, no_question: 0 } }); // C8 left after "not sure"
      expect(current.botResolutionRate).toBeCloseTo(2 / 8);
      expect(current.outcomes).toEqual({ escalated: 4, ticket: 1, in_progress: 1, bot_resolved: 2, bot_unresolved: 1 });
      expect(current.escalated).toBe(4);
      expect(current.escalationRate).toBeCloseTo(4 / 9);
      expect(current.escalationReasons).toEqual({ asked_for_human: 2, negative_feedback: 1, repeated_failure: 1 });
      expect(current.tickets).toBe(2); // C6 (escalated first, nobody online) and C9
    });

    it('treats a bot chat as ended only after the inactivity window', async () => {
      const { current } = await metrics.summary(query({ inactivityMinutes: '15' }));
      expect(current.inProgress).toBe(0);
      expect(current.botResolved).toBe(2);
      expect(current.botResolution.unresolved.suggestions_ignored).toBe(1); // C7, now ended
      expect(current.botResolutionRate).toBeCloseTo(2 / 9);
    });

    it('computes first-contact resolution across the range end and the reopen', async () => {
      const { current } = await metrics.summary(query());
      // Eligible: C3, C4, C5 (agent) and C1, C2 (bot). C1 is followed by C5 on refund-timing,
      // C3 by C10 (outside the range) on gift wrapping, C5 was reopened.
      expect(current.fcr).toEqual({ eligible: 5, firstContact: 2, rate: 0.4, human: { eligible: 3, firstContact: 1 }, bot: { eligible: 2, firstContact: 1 } });
      const short = await metrics.summary(query({ fcrDays: '1' }));
      // C10 starts 1 day 3h40m after C3 was resolved: outside a 1-day window.
      expect(short.current.fcr.firstContact).toBe(3);
    });

    it('tells which resolutions held: reopen and durable rates for the bot and for agents', async () => {
      const { current } = await metrics.summary(query());
      // Bot: C1 came back as C5 on refund-timing (reopened); C2's 7 days have not passed (pending).
      // Agents: C3 came back as C10 on gift wrapping, C5 was reopened; C4 is pending.
      expect(current.durability).toEqual({
        windowDays: 7,
        bot: { resolved: 2, reopened: 1, durable: 0, pending: 1, reopenRate: 0.5, durableRate: 0 },
        agents: { resolved: 3, reopened: 2, durable: 0, pending: 1, reopenRate: 2 / 3, durableRate: 0 },
      });
      const later = await new OpsMetrics(store, bot, () => new Date(SCENARIO_NOW.getTime() + 30 * 86_400_000)).summary(query());
      expect(later.current.durability.bot).toMatchObject({ durable: 1, pending: 0, durableRate: 0.5 });
      expect(later.current.durability.agents).toMatchObject({ durable: 1, pending: 0, durableRate: 1 / 3 });
      const short = await metrics.summary(query({ durableDays: '1' }));
      // C5 started 23 h after C1 ended: still inside one day. C10 came 1 day 3 h 40 min after C3: outside.
      expect(short.current.durability.bot.reopened).toBe(1);
      expect(short.current.durability.agents).toMatchObject({ reopened: 1, durable: 2, pending: 0 });
    });

    it('exports one row per conversation with every metric input', async () => {
      const { conversations } = await metrics.conversations(query());
      expect(conversations.map((r) => r.id)).toEqual([s.ids.c1, s.ids.c2, s.ids.c3, s.ids.c4, s.ids.c5, s.ids.c6, s.ids.c8, s.ids.c9, s.ids.c7]);
      const row = (id: string) => conversations.find((r) => r.id === id)!;
      expect(row(s.ids.c1)).toMatchObject({ outcome: 'bot_resolved', botResolution: 'confirmed', resolutionFate: 'reopened', reopened: true, page: 'https://shop.example/' });
      expect(row(s.ids.c8)).toMatchObject({ outcome: 'bot_unresolved', botReason: 'not_understood', endedAt: '2025-03-04T13:00:00.000Z' });
      expect(row(s.ids.c4)).toMatchObject({ outcome: 'escalated', handoverReason: 'negative_feedback', firstReplyMs: 11 * MIN, handleTimeMs: 27 * MIN, agentName: 'Ann', csat: 2, csatComment: 'slow', resolutionFate: 'pending' });
      expect(row(s.ids.c6)).toMatchObject({ outcome: 'escalated', ticket: true, handoverReason: 'repeated_failure', firstReplyMs: null });
      expect(row(s.ids.c7)).toMatchObject({ outcome: 'in_progress', endedAt: null, botReason: null });
    });

    it('measures first reply, handle, resolution and queue times', async () => {
      const { current } = await metrics.summary(query());
      // First replies to live escalations: 4, 11, 15 min (C6 went offline and is left out).
      expect(current.firstReply).toEqual({ count: 3, p50: 11 * MIN, p90: 14.2 * MIN, avg: 10 * MIN, awaiting: 0 });
      // First assignment → first resolution: 15, 27, 20 min.
      expect(current.handleTime.count).toBe(3);
      expect(current.handleTime.avg).toBeCloseTo((62 / 3) * MIN);
      expect(current.handleTime.p50).toBe(20 * MIN);
      // Start → first resolution: 20, 40, 31 min.
      expect(current.resolutionTime).toMatchObject({ count: 3, p50: 31 * MIN, p90: 38.2 * MIN });
      // Queue stays ending in an assignment: 3, 10, 10 and 5 (C5 after reopening) min.
      expect(current.queueWait).toEqual({ count: 4, p50: 7.5 * MIN, p90: 10 * MIN, avg: 7 * MIN, waiting: 0 });
    });

    it('reports CSAT with its distribution, response rate and comments', async () => {
      const r = await metrics.csat(query());
      expect(r.average).toBe(3.5);
      expect(r.responses).toBe(2);
      expect(r.responseRate).toBeCloseTo(2 / 3);
      expect(r.distribution).toEqual({ '1': 0, '2': 1, '3': 0, '4': 0, '5': 1 });
      expect(r.comments.map((c) => [c.comment, c.rating, c.agentName])).toEqual([['slow', 2, 'Ann'], ['great', 5, 'Ann']]);
    });

    it('compares headline figures with the previous period of equal length', async () => {
      const r = await metrics.summary(query());
      expect(r.range.previous).toEqual({ from: '2025-03-01T00:00:00.000Z', to: '2025-03-03T00:00:00.000Z' });
      const started = r.headlines.find((x) => x.key === 'started')!;
      expect(started).toMatchObject({ current: 9, previous: 1, delta: 8, relative: 8 });
      const resolution = r.headlines.find((x) => x.key === 'botResolutionRate')!;
      expect(resolution.previous).toBe(1);
      expect(resolution.delta).toBeCloseTo(2 / 8 - 1);
      expect(r.headlines.find((x) => x.key === 'firstReplyP50')).toMatchObject({ current: 11 * MIN, previous: null, delta: null, better: 'down' });
    });

    it('splits volume by day and hour in the requested time zone', async () => {
      const utc = await metrics.volume(query());
      expect(utc.byDay.map((d) => [d.date, d.started, d.botResolved, d.escalated, d.tickets])).toEqual([
        ['2025-03-03', 4, 2, 2, 0],
        ['2025-03-04', 5, 0, 2, 2],
      ]);
      expect(utc.byDay[0]!.firstReplyP50).toBe(7.5 * MIN);
      expect(utc.byHour[9]).toEqual({ hour: 9, started: 2, escalated: 0 });
      expect(utc.byWeekdayHour.find((r) => r.weekday === 1 && r.hour === 10)).toEqual({ weekday: 1, hour: 10, started: 1, escalated: 1 });
      // Same instants seen from New York (UTC−5): 09:00Z is 04:00, and the range starts on 2 March locally.
      const ny = await metrics.volume(query({ from: '2025-03-03T00:00:00Z', to: '2025-03-05T00:00:00Z', tz: 'America/New_York' }));
      expect(ny.byDay.map((d) => [d.date, d.started])).toEqual([['2025-03-02', 0], ['2025-03-03', 4], ['2025-03-04', 5]]);
      expect(ny.byHour[4]!.started).toBe(2);
      expect(ny.byHour[18]!.started).toBe(1); // C7 at 23:50Z
    });

    it('puts conversations on the boundary in the period they started in', async () => {
      const late = await metrics.summary(query({ from: '2025-03-04T23:50:00Z', to: '2025-03-05T00:00:00Z' }));
      expect(late.current.started).toBe(1); // C7 at 23:50 is in; C10 at 00:00 is not
      const next = await metrics.summary(query({ from: '2025-03-05T00:00:00Z', to: '2025-03-05T00:10:00Z' }));
      expect(next.current.started).toBe(1);
    });

    it('gives per-agent chats, resolutions, handle time and CSAT', async () => {
      const { agents } = await metrics.agents(query());
      expect(agents).toEqual([
        // Ann held C3 15 min, C4 20 min (after the transfer), C5 20 + 15 min.
        { agentId: s.A, name: 'Ann', chats: 3, resolved: 3, handleTimeAvg: (70 / 3) * MIN, handleTimeP50: 20 * MIN, csatAverage: 3.5, csatResponses: 2 },
        { agentId: s.B, name: 'Ben', chats: 1, resolved: 0, handleTimeAvg: 7 * MIN, handleTimeP50: 7 * MIN, csatAverage: null, csatResponses: 0 },
      ]);
    });

    it('measures article effectiveness', async () => {
      const { articles } = await metrics.articles(query());
      const row = (id: string) => articles.find((a) => a.articleId === id);
      expect(row('refund-timing')).toMatchObject({ title: 'Refund timing', shown: 2, answered: 2, helped: 1, notHelped: 0, helpRate: 1, escalationsAfter: 1 });
      expect(row('track-your-order')).toMatchObject({ title: null, shown: 1, answered: 1, helped: 0, notHelped: 1, helpRate: 0, escalationsAfter: 1 });
      expect(row('exchanges')).toMatchObject({ shown: 2, answered: 1, suggested: 1, picked: 1, escalationsAfter: 0 });
      expect(row('return-policy')).toMatchObject({ shown: 1, suggested: 1, answered: 0 });
      expect(articles[0]!.shown).toBeGreaterThanOrEqual(articles.at(-1)!.shown);
    });

    it('groups unanswered questions into gaps with a draft article the KB accepts', async () => {
      const r = await metrics.gaps(query());
      expect(r.questions).toBe(5);
      expect(r.clusters.map((c) => [c.count, c.examples])).toEqual([
        [3, ['do you sell gift wrapping', 'Do you offer gift wrapping?', 'gift wrap for a birthday present']],
        [1, ['where is my parcel']],
        [1, ['can I pay with bitcoin']],
      ]);
      const gift = r.clusters[0]!;
      expect(gift.reasons).toEqual({ no_match: 3, suggestions_ignored: 0, not_helpful: 0 });
      expect(gift.nearestArticles).toEqual([{ articleId: 'gift-cards', title: 'Gift cards', count: 3 }]);
      expect(gift.draft).toMatchObject({ id: 'do-you-sell-gift-wrapping', title: 'Do you sell gift wrapping' });
      expect(r.clusters[1]!.reasons.not_helpful).toBe(1);
      expect(r.clusters[2]!.reasons.suggestions_ignored).toBe(1);
      const { markdown, ...input } = gift.draft;
      // Unedited, the draft cannot be published: its body is the placeholder.
      expect(parseArticleInput(input)).toMatchObject({ ok: false, fields: { body: expect.stringContaining('draft placeholder') } });
      const parsed = parseArticleInput({ ...input, body: 'Yes: add gift wrapping at checkout for £3.' });
      expect(parsed.ok && parsed.article.questions).toEqual(gift.examples);
      expect(markdown).toMatch(/^---\nid: do-you-sell-gift-wrapping\ntitle: Do you sell gift wrapping\nquestions:\n  - do you sell gift wrapping\n/);
    });
  });
}
