import { AppError } from '../../shared/errors';
import type { Bot } from '../bot/index';
import { GapResolutions, dropResolved } from '../kb/gap-resolutions';
import type { Store } from '../store/store';
import { articleTable } from './articles';
import { factsOf, topicsOf, type Facts } from './facts';
import { gapClusters, unansweredQuestions } from './gaps';
import { exportRow, type ExportRow } from './export-rows';
import { decodeCursor, encodeCursor, nextPage, startCursor, type ExportQuery } from './export-stream';
import { loadCohort, loadConversations, loadLaterConversations } from './history';
import { resolveRange, type MetricsQuery, type Period, type Range } from './range';
import { headlines, summarise } from './summary';
import { agents, csat, volume } from './tables';

export interface Scope {
  range: { from: string; to: string; tz: string; previous: { from: string; to: string } };
  site: { key: string; name: string } | null;
}

/**
 * The metrics, computed on each request from the stored events, messages and conversations of
 * the conversations started in the range (see docs/METRICS.md). Nothing is counted in memory.
 */
export class OpsMetrics {
  constructor(
    private readonly store: Store,
    private readonly bot: Pick<Bot, 'article'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private async scope(q: MetricsQuery): Promise<{ range: Range; siteIds: string[] | null; scope: Scope }> {
    const range = resolveRange(q, this.now());
    const site = q.site ? await this.store.sites.byKey(q.site) : null;
    if (q.site && !site) throw new AppError('not_found', `no site with key "${q.site}"`);
    const iso = (p: Period) => ({ from: p.from.toISOString(), to: p.to.toISOString() });
    return { range, siteIds: site ? [site.id] : null, scope: { range: { ...iso(range), tz: range.tz, previous: iso(range.previous) }, site: site ? { key: site.key, name: site.name } : null } };
  }

  private async facts(siteIds: string[] | null, period: Period, q: MetricsQuery): Promise<Facts[]> {
    const now = this.now().getTime();
    return (await loadCohort(this.store.db, siteIds, period)).map((h) => factsOf(h, now, q.inactivityMinutes * 60_000));
  }

  private async agentNames(): Promise<Map<string, string>> {
    return new Map((await this.store.agents.all()).map((a) => [a.id, a.name]));
  }

  private titleOf = (id: string): string | null => this.bot.article(id)?.title ?? null;

  async summary(q: MetricsQuery) {
    const { range, siteIds, scope } = await this.scope(q);
    const one = async (period: Period) => {
      const facts = await this.facts(siteIds, period, q);
      const keys = [...new Set(facts.map((f) => f.history.visitorKey))];
      const lookAheadDays = Math.max(q.fcrDays, q.durableDays);
      const later = await loadLaterConversations(this.store.db, keys, period.from, new Date(period.to.getTime() + lookAheadDays * 86_400_000));
      return summarise(facts, later, { fcrDays: q.fcrDays, durableDays: q.durableDays, now: this.now().getTime() }, (l) => topicsOf(l.events));
    };
    const [current, previous] = await Promise.all([one(range), one(range.previous)]);
    const windows = { inactivityMinutes: q.inactivityMinutes, durableDays: q.durableDays, fcrDays: q.fcrDays };
    return { ...scope, windows, headlines: headlines(current, previous), current, previous };
  }

  /** Export rows of the given facts, with what decides whether each resolution held. */
  private async rows(facts: Facts[], durableDays: number): Promise<ExportRow[]> {
    if (facts.length === 0) return [];
    const now = this.now().getTime();
    const durableMs = durableDays * 86_400_000;
    const keys = [...new Set(facts.map((f) => f.history.visitorKey))];
    const from = new Date(Math.min(...facts.map((f) => f.history.startedAt)));
    const [later, names] = await Promise.all([loadLaterConversations(this.store.db, keys, from, new Date(now + 1)), this.agentNames()]);
    const ctx = { names, later, durableMs, now, topicsOf: (l: (typeof later)[number]) => topicsOf(l.events) };
    return facts.map((f) => exportRow(f, ctx));
  }

  /** One row per conversation of the range's cohort, for the dashboard's CSV. */
  async conversations(q: MetricsQuery) {
    const { range, siteIds, scope } = await this.scope(q);
    return { ...scope, conversations: await this.rows(await this.facts(siteIds, range, q), q.durableDays) };
  }

  /**
   * A page of the incremental export: conversations changed since `start_time`, in the order of
   * their last change, continued with `after_cursor` until `end_of_stream`.
   */
  async exportPage(q: ExportQuery, defaults: { inactivityMinutes: number; durableDays: number }) {
    const cursor = q.cursor ? decodeCursor(q.cursor) : startCursor(q.start_time!, q.site ?? null);
    if (q.cursor && q.site !== undefined && q.site !== cursor.site) throw new AppError('bad_request', 'site: differs from the site this cursor was started with');
    const site = cursor.site ? await this.store.sites.byKey(cursor.site) : null;
    if (cursor.site && !site) throw new AppError('not_found', `no site with key "${cursor.site}"`);
    const page = await nextPage(this.store.db, cursor, site?.id ?? null, q.limit);
    const now = this.now().getTime();
    const facts = (await loadConversations(this.store.db, page.ids)).map((h) => factsOf(h, now, defaults.inactivityMinutes * 60_000));
    const byId = new Map((await this.rows(facts, defaults.durableDays)).map((r) => [r.id, r]));
    const conversations = page.ids.flatMap((id) => byId.get(id) ?? []);
    return { conversations, count: conversations.length, after_cursor: encodeCursor(page.cursor), end_of_stream: page.endOfStream };
  }

  async volume(q: MetricsQuery) {
    const { range, siteIds, scope } = await this.scope(q);
    return { ...scope, ...volume(await this.facts(siteIds, range, q), range) };
  }

  async agents(q: MetricsQuery) {
    const { range, siteIds, scope } = await this.scope(q);
    const [facts, names] = await Promise.all([this.facts(siteIds, range, q), this.agentNames()]);
    return { ...scope, agents: agents(facts, names) };
  }

  async csat(q: MetricsQuery) {
    const { range, siteIds, scope } = await this.scope(q);
    const [facts, names] = await Promise.all([this.facts(siteIds, range, q), this.agentNames()]);
    return { ...scope, ...csat(facts, names) };
  }

  async articles(q: MetricsQuery) {
    const { range, siteIds, scope } = await this.scope(q);
    return { ...scope, articles: articleTable(await this.facts(siteIds, range, q), this.titleOf) };
  }

  async gaps(q: MetricsQuery) {
    const { range, siteIds, scope } = await this.scope(q);
    const [facts, resolved] = await Promise.all([this.facts(siteIds, range, q), new GapResolutions(this.store.db).since(range.from)]);
    // Groups an admin answered (an article saved from them, or their questions added to one) are gone.
    const questions = dropResolved(unansweredQuestions(facts), resolved);
    const kb = { titleOf: this.titleOf, exists: (id: string) => this.bot.article(id) !== undefined };
    return { ...scope, ...gapClusters(questions, kb, q.limit) };
  }
}
