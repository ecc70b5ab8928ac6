import type { z } from 'zod';
import { adminRest, type AdminMe } from '../admin/rest';
import {
  AddedQuestions,
  AgentsResponse,
  ArticleIds,
  ArticlesResponse,
  CsatResponse,
  GapsResponse,
  SavedArticle,
  Sites,
  SummaryResponse,
  VolumeResponse,
  type AgentRow,
  type ArticleChoice,
  type ArticleRow,
  type Site,
} from './api';
import type { ArticleBody } from './lib/draft';
import { queryString, type OpsQuery } from './lib/range';
import { ArticleTrustResponse, type TrustRow } from './trust';

/** A KB-gap group being answered (see `/api/ops/gaps`): sent along so the server stops listing it. */
export interface AnsweredGap {
  id: string;
  questions: string[];
}

export type OpsTable = 'summary' | 'volume' | 'agents' | 'articles' | 'gaps' | 'csat' | 'conversations';

export interface OpsApi {
  me(): Promise<AdminMe | null>;
  logout(): Promise<void>;
  sites(): Promise<Site[]>;
  summary(q: OpsQuery): Promise<z.infer<typeof SummaryResponse>>;
  volume(q: OpsQuery): Promise<z.infer<typeof VolumeResponse>>;
  agents(q: OpsQuery): Promise<AgentRow[]>;
  articles(q: OpsQuery): Promise<ArticleRow[]>;
  gaps(q: OpsQuery): Promise<z.infer<typeof GapsResponse>>;
  csat(q: OpsQuery): Promise<z.infer<typeof CsatResponse>>;
  articleExists(id: string): Promise<boolean>;
  saveArticle(body: ArticleBody, gap?: AnsweredGap): Promise<SavedArticle>;
  kbArticles(): Promise<ArticleChoice[]>;
  /** "These questions are answered by article X": appends them to it and resolves the gap. */
  addQuestions(articleId: string, gap: AnsweredGap): Promise<{ added: string[]; title: string }>;
  /** Articles that lost the bot's trust through live feedback (all sites; not limited to the date range). */
  articleTrust(): Promise<TrustRow[]>;
}

/** Where the CSV of a table downloads from, for the same range and site as the screen. */
export function csvUrl(table: OpsTable, q: OpsQuery, extra: Record<string, string> = {}): string {
  return `/api/ops/${table}.csv?${queryString(q, extra)}`;
}

/**
 * The dashboard's REST client. A 401 from any call means the session ended: `onSignedOut` runs
 * (the page goes to the console's sign-in) and the call still fails.
 */
export function createOpsApi(onSignedOut: () => void, fetchImpl: typeof fetch = (...a) => fetch(...a)): OpsApi {
  const { call, request, me, logout } = adminRest(onSignedOut, fetchImpl);
  const get = <S extends z.ZodType>(table: string, schema: S) => (q: OpsQuery) => call(`/api/ops/${table}?${queryString(q)}`, schema);
  const json = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) });

  return {
    me,
    logout,
    sites: async () => (await call('/api/ops/sites', Sites)).sites,
    articleTrust: async () => (await call('/api/ops/article-trust', ArticleTrustResponse)).items,
    summary: get('summary', SummaryResponse),
    volume: get('volume', VolumeResponse),
    agents: async (q) => (await get('agents', AgentsResponse)(q)).agents,
    articles: async (q) => (await get('articles', ArticlesResponse)(q)).articles,
    gaps: get('gaps', GapsResponse),
    csat: get('csat', CsatResponse),
    // The listing, not GET of the one id: a free id would answer 404, which browsers log as an error.
    articleExists: async (id) => (await call('/api/kb/articles', ArticleIds)).articles.some((a) => a.id === id),
    saveArticle: async (body, gap) => (await call(`/api/kb/articles/${encodeURIComponent(body.id)}`, SavedArticle, json('PUT', gap ? { ...body, gap } : body))).article,
    kbArticles: async () => (await call('/api/kb/articles', ArticleIds)).articles,
    async addQuestions(articleId, gap) {
      const r = await call(`/api/kb/articles/${encodeURIComponent(articleId)}/questions`, AddedQuestions, json('POST', { questions: gap.questions, gap }));
      return { added: r.added, title: r.source.title };
    },
  };
}
