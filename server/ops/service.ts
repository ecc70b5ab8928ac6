import { AppError } from '../../shared/errors';
import type { Bot } from '../bot/index';
import { GapResolutions, dropResolved } from '../kb/gap-resolutions';
import type { Store } from '../store/store';
import { articleTable } from './articles';
import { factsOf, topicsOf, type Facts } from './facts';
import { gapClusters, unansweredQuestions } from './gaps';
import { loadCohort, loadLaterConversations } from './history';
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
      const later = await loadLaterConversations(this.store.db, keys, period.from, new Date(period.to.getTime() + q.fcrDays * 86_400_000));
      return summarise(facts, later, { fcrDays: q.fcrDays }, (l) => topicsOf(l.events));
    };
    const [current, previous] = await Promise.all([one(range), one(range.previous)]);
    return { ...scope, headlines: headlines(current, previous), current, previous };
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
