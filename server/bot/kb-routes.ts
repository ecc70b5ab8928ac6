import type { FastifyPluginAsync, FastifyReply, preHandlerHookHandler } from 'fastify';
import { z } from 'zod';
import { ArticleId } from './article';
import { BotError, BotErrorCode } from './errors';
import type { Bot } from './types';

export interface KbRoutesOptions {
  bot: Bot;
  /** Guards the write routes (PUT/DELETE/sync) and the listing; supplied by the server's auth. */
  requireAdmin: preHandlerHookHandler;
}

const Params = z.object({ id: ArticleId });

/** A sync request carries up to `MAX_SYNC_ARTICLES` articles: 32 MB is 1,000 articles of 32 KB. */
const SYNC_BODY_LIMIT = 32 * 1024 * 1024;
const Body = z.record(z.string(), z.unknown());

function fail(reply: FastifyReply, status: 400 | 404, code: string, message: string): FastifyReply {
  return reply.code(status).send({ type: 'error', code, message });
}

/**
 * Admin API over the KB folder, e.g. for syncing from a help centre. Writes go through the same
 * validation as files on disk and land as Markdown files, so the folder stays the source of truth.
 */
export const kbRoutes: FastifyPluginAsync<KbRoutesOptions> = async (app, { bot, requireAdmin }) => {
  app.get('/api/kb/articles', { preHandler: requireAdmin }, async () => ({
    articles: bot.articles().map(({ id, title, excerpt, url, tags }) => ({ id, title, excerpt, url, tags })),
  }));

  // What the bot measured on this KB and where it answers: the numbers behind the target precision.
  app.get('/api/kb/calibration', { preHandler: requireAdmin }, async () => {
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

  app.get('/api/kb/articles/:id', { preHandler: requireAdmin }, async (req, reply) => {
    const p = Params.safeParse(req.params);
    const article = p.success ? bot.article(p.data.id) : undefined;
    if (!article) return fail(reply, 404, BotErrorCode.notFound, 'no such article');
    return { article };
  });

  app.put('/api/kb/articles/:id', { preHandler: requireAdmin }, async (req, reply) => {
    const p = Params.safeParse(req.params);
    if (!p.success) return fail(reply, 400, BotErrorCode.invalidArticle, p.error.issues[0]?.message ?? 'invalid id');
    const body = Body.safeParse(req.body);
    if (!body.success) return fail(reply, 400, BotErrorCode.invalidArticle, 'body must be a JSON object');
    if (body.data.id !== undefined && body.data.id !== p.data.id) {
      return fail(reply, 400, BotErrorCode.invalidArticle, 'id in the body does not match the URL');
    }
    try {
      const article = await bot.upsert({ ...body.data, id: p.data.id });
      return { article };
    } catch (e) {
      if (e instanceof BotError) return fail(reply, 400, e.code, e.message);
      throw e;
    }
  });

  // A help-centre sync: many upserts and deletions, validated as a whole, indexed once.
  app.post('/api/kb/sync', { preHandler: requireAdmin, bodyLimit: SYNC_BODY_LIMIT }, async (req, reply) => {
    try {
      return await bot.sync(req.body);
    } catch (e) {
      if (e instanceof BotError) return fail(reply, 400, e.code, e.message);
      throw e;
    }
  });

  app.delete('/api/kb/articles/:id', { preHandler: requireAdmin }, async (req, reply) => {
    const p = Params.safeParse(req.params);
    if (!p.success || !(await bot.remove(p.data.id))) return fail(reply, 404, BotErrorCode.notFound, 'no such article');
    return reply.code(204).send();
  });
};
