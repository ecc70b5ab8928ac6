import type { z } from 'zod';
import {
  AddedQuestions,
  AgentsResponse,
  ArticleIds,
  ArticlesResponse,
  CsatResponse,
  ErrorBody,
  GapsResponse,
  Me,
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

/** A failed call: the HTTP status, the server's code and message when it sent them. */
export class OpsApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    readonly detail: string | null = null,
    /** The server's per-field problems of a refused article. */
    readonly fields: Record<string, string> = {},
  ) {
    super(detail ?? `API error ${status}${code ? ` (${code})` : ''}`);
    this.name = 'OpsApiError';
  }
}

/** A KB-gap group being answered (see `/api/ops/gaps`): sent along so the server stops listing it. */
export interface AnsweredGap {
  id: string;
  questions: string[];
}

export type OpsTable = 'summary' | 'volume' | 'agents' | 'articles' | 'gaps' | 'csat' | 'conversations';

export interface OpsApi {
  me(): Promise<Me | null>;
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
  async function request(path: string, init?: RequestInit): Promise<Response> {
    const res = await fetchImpl(path, {
      credentials: 'same-origin',
      ...init,
      headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}) },
    });
    if (res.ok) return res;
    if (res.status === 401) onSignedOut();
    const body = ErrorBody.safeParse(await res.json().catch(() => null));
    throw new OpsApiError(res.status, body.success ? body.data.code : null, body.success ? (body.data.message ?? null) : null, body.success ? body.data.fields : undefined);
  }
  async function call<S extends z.ZodType>(path: string, schema: S, init?: RequestInit): Promise<z.infer<S>> {
    const res = await request(path, init);
    const parsed = schema.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success) throw new OpsApiError(res.status, 'bad_frame');
    return parsed.data;
  }
  const get = <S extends z.ZodType>(table: string, schema: S) => (q: OpsQuery) => call(`/api/ops/${table}?${queryString(q)}`, schema);
  const json = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) });

  return {
    async me() {
      try {
        return (await call('/api/auth/me', Me)).agent;
      } catch (e) {
        if (e instanceof OpsApiError && e.status === 401) return null;
        throw e;
      }
    },
    async logout() {
      await request('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    },
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
