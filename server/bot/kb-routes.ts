import type { FastifyPluginAsync, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { z } from 'zod';
import { ArticleId } from './article';
import { BotError, BotErrorCode } from './errors';
import { placeholderIn } from './placeholder';
import { renderMarkdown } from './render';
import type { Bot } from './types';

/** A KB-gap group answered by an article; recorded so the gap list stops showing it. */
export interface AnsweredGap {
  id: string;
  questions: string[];
}

export interface GapRecorder {
  /** Zod schema of what a request may say about the gap it answers. */
  schema: z.ZodType<AnsweredGap>;
  record(gap: AnsweredGap, articleId: string, by: string | null): Promise<void>;
}

export interface KbRoutesOptions {
  bot: Bot;
  /** Guards every route; supplied by the server's auth. */
  requireAdmin: preHandlerHookHandler;
  /** Where answered KB gaps are recorded; without it, requests naming a gap are refused. */
  gaps?: GapRecorder;
}

const Params = z.object({ id: ArticleId });

/** A sync request carries up to `MAX_SYNC_ARTICLES` articles: 32 MB is 1,000 articles of 32 KB. */
const SYNC_BODY_LIMIT = 32 * 1024 * 1024;
const Body = z.record(z.string(), z.unknown());
const Preview = z.object({ body: z.string().max(200_000) });
const NewQuestions = z.object({ questions: z.array(z.string().trim().min(1).max(500)).min(1).max(200), gap: z.unknown().optional() });

function fail(reply: FastifyReply, status: 400 | 404 | 409, code: string, message: string, fields?: Record<string, string>): FastifyReply {
  return reply.code(status).send({ type: 'error', code, message, ...(fields ? { fields } : {}) });
}

const actor = (req: FastifyRequest): string | null => (req as { agent?: { id: string } }).agent?.id ?? null;

/** Case- and space-insensitive: the KB indexes a question once however it is typed. */
const questionKey = (q: string): string => q.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Admin API over the KB folder: the console's editor and help-centre syncs. Writes go through the
 * same validation as files on disk (plus the draft-placeholder guard) and land as Markdown files,
 * so the folder stays the source of truth; the bot reindexes before the request answers.
 */
export const kbRoutes: FastifyPluginAsync<KbRoutesOptions> = async (app, { bot, requireAdmin, gaps }) => {
  // Edits run one at a time: "add questions" reads the article and writes it back, and two at once
  // would otherwise each write the old questions plus only their own.
  let edits: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(edit: () => Promise<T>): Promise<T> => {
    const run = edits.then(edit, edit);
    edits = run.catch(() => undefined);
    return run;
  };

  /** The gap named in a body, validated before anything is written; `false` when it is invalid (reply sent). */
  const gapOf = (raw: unknown, reply: FastifyReply): AnsweredGap | null | false => {
    if (raw === undefined) return null;
    if (!gaps) {
      fail(reply, 400, 'bad_request', 'gap: answered gaps are not recorded on this server', { gap: 'not supported' });
      return false;
    }
    const r = gaps.schema.safeParse(raw);
    if (r.success) return r.data;
    const issue = r.error.issues[0];
    const message = `${['gap', ...(issue?.path ?? []).map(String)].join('.')}: ${issue?.message ?? 'invalid'}`;
    fail(reply, 400, 'bad_request', message, { gap: message });
    return false;
  };

  /** Writes the article, then records the gap it answers; a refused article sends its field errors. */
  const save = async (reply: FastifyReply, req: FastifyRequest, input: Record<string, unknown>, gap: AnsweredGap | null) => {
    try {
      const article = await bot.upsert(input);
      if (gap && gaps) await gaps.record(gap, article.id, actor(req));
      return { article, source: bot.source(article.id) };
    } catch (e) {
      if (e instanceof BotError) return fail(reply, 400, e.code, e.message, e.fields);
      throw e;
    }
  };

  app.get('/api/kb/articles', { preHandler: requireAdmin, config: { meter: 'agent' } }, async () => ({
    articles: bot.articles().map(({ id, title, excerpt, url, tags }) => ({ id, title, excerpt, url, tags })),
  }));

  // What the bot measured on this KB and where it answers: the numbers behind the target precision.
  app.get('/api/kb/calibration', { preHandler: requireAdmin, config: { meter: 'agent' } }, async () => {
    const r = bot.calibration();
    const c = r.calibration;
    const article = (id: string) => ({ id, title: bot.article(id)?.title ?? null });
    return {
      state: r.state,
      ...(r.error ? { error: r.error } : {}),
      targetPrecision: c?.target ?? null,
      answerThreshold: r.point.answer,
      measured: c?.measured ?? false,
      reached: c?.reached ?? false,
      estimate: c?.estimate ?? null,
      questions: c?.questions ?? null,
      confused: (c?.confused ?? []).map((p) => ({ a: article(p.a), b: article(p.b), count: p.count })),
      curve: c?.curve ?? [],
      ms: c?.ms ?? null,
    };
  });

  app.get('/api/kb/articles/:id', { preHandler: requireAdmin, config: { meter: 'agent' } }, async (req, reply) => {
    const p = Params.safeParse(req.params);
    const article = p.success ? bot.article(p.data.id) : undefined;
    if (!article || !p.success) return fail(reply, 404, BotErrorCode.notFound, 'no such article');
    return { article, source: bot.source(p.data.id) };
  });

  // `If-None-Match: *` creates only: an editor making a new article must not replace one silently.
  app.put('/api/kb/articles/:id', { preHandler: requireAdmin, config: { meter: 'agent' } }, async (req, reply) => {
    const p = Params.safeParse(req.params);
    if (!p.success) return fail(reply, 400, BotErrorCode.invalidArticle, p.error.issues[0]?.message ?? 'invalid id', { id: p.error.issues[0]?.message ?? 'invalid id' });
    const body = Body.safeParse(req.body);
    if (!body.success) return fail(reply, 400, BotErrorCode.invalidArticle, 'body must be a JSON object');
    const { gap: rawGap, ...input } = body.data;
    if (input.id !== undefined && input.id !== p.data.id) {
      return fail(reply, 400, BotErrorCode.invalidArticle, 'id in the body does not match the URL', { id: 'does not match the URL' });
    }
    const gap = gapOf(rawGap, reply);
    if (gap === false) return reply;
    return oneAtATime(async () => {
      if (req.headers['if-none-match'] === '*' && bot.source(p.data.id)) {
        const message = `an article with id "${p.data.id}" already exists`;
        return fail(reply, 409, 'invalid_state', message, { id: message });
      }
      return save(reply, req, { ...input, id: p.data.id }, gap);
    });
  });

  // "This question is answered by article X": appends example questions, e.g. a KB gap's.
  app.post('/api/kb/articles/:id/questions', { preHandler: requireAdmin, config: { meter: 'agent' } }, async (req, reply) => {
    const p = Params.safeParse(req.params);
    const body = NewQuestions.safeParse(req.body);
    if (!body.success) {
      const issue = body.error.issues[0];
      const message = `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`;
      return fail(reply, 400, 'bad_request', message, { questions: message });
    }
    const gap = gapOf(body.data.gap, reply);
    if (gap === false) return reply;
    return oneAtATime(async () => {
      const source = p.success ? bot.source(p.data.id) : undefined;
      if (!source) return fail(reply, 404, BotErrorCode.notFound, 'no such article');
      const known = new Set(source.questions.map(questionKey));
      const added = body.data.questions.filter((q) => !known.has(questionKey(q)) && known.add(questionKey(q)));
      const { locale, ...rest } = source;
      const result = await save(reply, req, { ...rest, ...(locale ? { locale } : {}), questions: [...source.questions, ...added] }, gap);
      return 'article' in result ? { ...result, added } : result;
    });
  });

  // The editor's preview: the same sanitising renderer the bot answers with, so what you see is what visitors get.
  app.post('/api/kb/preview', { preHandler: requireAdmin, config: { meter: 'agent' } }, async (req, reply) => {
    const body = Preview.safeParse(req.body);
    if (!body.success) return fail(reply, 400, 'bad_request', `body: ${body.error.issues[0]?.message ?? 'invalid'}`, { body: body.error.issues[0]?.message ?? 'invalid' });
    return { html: renderMarkdown(body.data.body), placeholder: placeholderIn(body.data.body) };
  });

  // A help-centre sync: many upserts and deletions, validated as a whole, indexed once.
  app.post('/api/kb/sync', { preHandler: requireAdmin, bodyLimit: SYNC_BODY_LIMIT, config: { meter: 'bulk' } }, async (req, reply) => {
    try {
      return await bot.sync(req.body);
    } catch (e) {
      if (e instanceof BotError) return fail(reply, 400, e.code, e.message);
      throw e;
    }
  });

  app.delete('/api/kb/articles/:id', { preHandler: requireAdmin, config: { meter: 'agent' } }, async (req, reply) => {
    const p = Params.safeParse(req.params);
    if (!p.success || !(await bot.remove(p.data.id))) return fail(reply, 404, BotErrorCode.notFound, 'no such article');
    return reply.code(204).send();
  });
};
