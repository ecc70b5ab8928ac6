import { useCallback } from 'preact/hooks';
import type { AnsweredGap, OpsApi } from '../client';
import { AdminApiError } from '../../admin/rest';
import type { ArticleBody } from '../lib/draft';
import { queryString, type OpsQuery } from '../lib/range';
import { useResource } from './resource';

export type SaveResult =
  | { kind: 'saved'; id: string; title: string }
  | { kind: 'exists'; id: string }
  | { kind: 'failed'; message: string; fields?: Record<string, string> };

export type AnswerResult = { kind: 'answered'; title: string; added: number } | { kind: 'failed'; message: string };

const failure = (e: unknown) => ({ kind: 'failed' as const, message: e instanceof AdminApiError && e.detail ? e.detail : e instanceof Error ? e.message : String(e) });

/** Everything the dashboard shows for one range and site, each table loaded on its own. */
export function useDashboard(api: OpsApi, q: OpsQuery) {
  const key = queryString(q);
  const [summary, reloadSummary] = useResource(() => api.summary(q), key);
  const [volume, reloadVolume] = useResource(() => api.volume(q), key);
  const [agents, reloadAgents] = useResource(() => api.agents(q), key);
  const [articles, reloadArticles] = useResource(() => api.articles(q), key);
  const [gaps, reloadGaps] = useResource(() => api.gaps(q), key);
  const [csat, reloadCsat] = useResource(() => api.csat(q), key);
  const [kbArticles] = useResource(() => api.kbArticles(), 'kb');

  /**
   * Saves a drafted article. An id that is already taken is reported first (a PUT would silently
   * replace that article); `replace` confirms the admin means it. Saved from a gap, the gap is
   * resolved on the server and the gap list reloads without it.
   */
  const saveArticle = useCallback(
    async (body: ArticleBody, replace: boolean, gap?: AnsweredGap): Promise<SaveResult> => {
      try {
        if (!replace && (await api.articleExists(body.id))) return { kind: 'exists', id: body.id };
        const saved = await api.saveArticle(body, gap);
        if (gap) reloadGaps();
        return { kind: 'saved', id: saved.id, title: saved.title };
      } catch (e) {
        return { ...failure(e), ...(e instanceof AdminApiError ? { fields: e.fields } : {}) };
      }
    },
    [api, reloadGaps],
  );

  /** "This gap is answered by article X": its questions join the article, and the gap goes. */
  const answerGap = useCallback(
    async (articleId: string, gap: AnsweredGap): Promise<AnswerResult> => {
      try {
        const r = await api.addQuestions(articleId, gap);
        reloadGaps();
        return { kind: 'answered', title: r.title, added: r.added.length };
      } catch (e) {
        return failure(e);
      }
    },
    [api, reloadGaps],
  );

  return {
    summary,
    volume,
    agents,
    articles,
    gaps,
    csat,
    saveArticle,
    answerGap,
    kbArticles,
    reload: { summary: reloadSummary, volume: reloadVolume, agents: reloadAgents, articles: reloadArticles, gaps: reloadGaps, csat: reloadCsat },
  };
}

export type Dashboard = ReturnType<typeof useDashboard>;
