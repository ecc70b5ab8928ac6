import { z } from 'zod';
import { adminRest, type AdminMe } from '../admin/rest';

/** The answers of `/api/kb/*` and `/api/ops/articles` the editor reads, parsed before use. */

export const ArticleSummary = z.object({ id: z.string(), title: z.string(), excerpt: z.string(), url: z.string().nullable(), tags: z.array(z.string()) });
export type ArticleSummary = z.infer<typeof ArticleSummary>;
const ArticleList = z.object({ articles: z.array(ArticleSummary) });

/** An article as written in its Markdown file: what the editor edits. */
export const ArticleSource = z.object({
  id: z.string(),
  title: z.string(),
  questions: z.array(z.string()),
  tags: z.array(z.string()),
  url: z.string().nullable(),
  locale: z.string().nullable(),
  body: z.string(),
});
export type ArticleSource = z.infer<typeof ArticleSource>;
const WithSource = z.object({ source: ArticleSource });
const Added = WithSource.extend({ added: z.array(z.string()) });

/** `PUT /api/kb/articles/:id`'s body (server/bot/article.ts `ArticleInput`). */
export interface ArticleInput {
  id: string;
  title: string;
  questions: string[];
  tags: string[];
  url: string | null;
  locale?: string;
  body: string;
}

/** The gap group an article answers (see `/api/ops/gaps`), sent so the gap list drops it. */
export interface AnsweredGap {
  id: string;
  questions: string[];
}

export const ArticleStats = z.object({ articleId: z.string(), shown: z.number(), helped: z.number(), notHelped: z.number(), escalationsAfter: z.number() });
export type ArticleStats = z.infer<typeof ArticleStats>;
const StatsResponse = z.object({ articles: z.array(ArticleStats) });

/** A KB-gap group as `/api/ops/gaps` lists it (the fields the editor uses). */
export const Gap = z.object({
  id: z.string(),
  count: z.number(),
  examples: z.array(z.string()),
  nearestArticles: z.array(z.object({ articleId: z.string() })),
  draft: z.object({ title: z.string(), questions: z.array(z.string()) }),
});
export type Gap = z.infer<typeof Gap>;
const GapsResponse = z.object({ clusters: z.array(Gap) });

const Preview = z.object({ html: z.string(), placeholder: z.string().nullable() });
export type Preview = z.infer<typeof Preview>;

export interface KbApi {
  me(): Promise<AdminMe | null>;
  logout(): Promise<void>;
  list(): Promise<ArticleSummary[]>;
  source(id: string): Promise<ArticleSource>;
  /** `create` refuses to replace an existing article (409 with a field error on `id`). */
  save(input: ArticleInput, opts?: { create?: boolean; gap?: AnsweredGap }): Promise<ArticleSource>;
  remove(id: string): Promise<void>;
  preview(body: string): Promise<Preview>;
  addQuestions(id: string, questions: string[], gap?: AnsweredGap): Promise<{ source: ArticleSource; added: string[] }>;
  /** Each article's numbers over the last 30 days (`/api/ops/articles`' default range). */
  stats(): Promise<ArticleStats[]>;
  /** Open KB-gap groups of the last 30 days. */
  gaps(): Promise<Gap[]>;
}

/** The editor's REST client; a 401 from any call means the session ended and `onSignedOut` runs. */
export function createKbApi(onSignedOut: () => void, fetchImpl: typeof fetch = (...a) => fetch(...a)): KbApi {
  const { call, request, me, logout } = adminRest(onSignedOut, fetchImpl);
  const article = (id: string) => `/api/kb/articles/${encodeURIComponent(id)}`;
  const post = (body: unknown, method = 'POST', headers?: Record<string, string>): RequestInit => ({ method, body: JSON.stringify(body), headers });

  return {
    me,
    logout,
    list: async () => (await call('/api/kb/articles', ArticleList)).articles,
    source: async (id) => (await call(article(id), WithSource)).source,
    save: async (input, opts = {}) =>
      (await call(article(input.id), WithSource, post({ ...input, ...(opts.gap ? { gap: opts.gap } : {}) }, 'PUT', opts.create ? { 'if-none-match': '*' } : undefined))).source,
    async remove(id) {
      await request(article(id), { method: 'DELETE' });
    },
    preview: (body) => call('/api/kb/preview', Preview, post({ body })),
    addQuestions: (id, questions, gap) => call(`${article(id)}/questions`, Added, post({ questions, ...(gap ? { gap } : {}) })),
    stats: async () => (await call('/api/ops/articles', StatsResponse)).articles,
    gaps: async () => (await call('/api/ops/gaps', GapsResponse)).clusters,
  };
}
