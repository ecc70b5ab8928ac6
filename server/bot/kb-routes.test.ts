import Fastify from 'fastify';
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBot } from './bot';
import { kbRoutes } from './kb-routes';
import { MAX_SYNC_ARTICLES } from './sync';
import { md, memoryLog, tempKb } from './test-helpers';
import type { LogLevel } from './types';
import type { Bot } from './types';

const requireAdmin: preHandlerHookHandler = (req, reply, done) => {
  if (req.headers['x-admin'] !== 'yes') {
    reply.code(401).send({ type: 'error', code: 'unauthorized', message: 'admin only' });
    return;
  }
  done();
};
const admin = { 'x-admin': 'yes' };

let app: FastifyInstance;
let bot: Bot;
let dir: string;
let cleanup: () => Promise<void>;
let logLines: { level: LogLevel; msg: string }[];
const reindexes = (): number => logLines.filter((l) => / indexed in /.test(l.msg)).length;

beforeEach(async () => {
  const kb = await tempKb({ 'shipping.md': md('title: Shipping times\ntags: [shipping]', 'Delivery takes 3–5 days.') });
  dir = kb.dir;
  cleanup = kb.cleanup;
  const { log, lines } = memoryLog();
  logLines = lines;
  bot = await createBot({ kbDir: dir, watch: false, log });
  app = Fastify();
  await app.register(kbRoutes, { bot, requireAdmin });
});
afterEach(async () => {
  await app.close();
  bot.close();
  await cleanup();
});

describe('KB admin routes', () => {
  it('require admin', async () => {
    const res = await app.inject({ method: 'PUT', url: '/api/kb/articles/x', payload: { title: 'X' } });
    expect(res.statusCode).toBe(401);
    expect(bot.article('x')).toBeUndefined();
  });

  it('list and get articles', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/kb/articles', headers: admin });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({ articles: [{ id: 'shipping', title: 'Shipping times', excerpt: 'Delivery takes 3–5 days.', url: null, tags: ['shipping'] }] });
    const one = await app.inject({ method: 'GET', url: '/api/kb/articles/shipping', headers: admin });
    expect(one.json().article.html).toBe('<p>Delivery takes 3–5 days.</p>');
    const missing = await app.inject({ method: 'GET', url: '/api/kb/articles/nope', headers: admin });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ type: 'error', code: 'kb_not_found', message: 'no such article' });
  });

  it('PUT creates a Markdown file and the bot answers from it at once', async () => {
    const res = await app.inject({
      method: 'PUT',
      url: '/api/kb/articles/gift-cards',
      headers: admin,
      payload: { title: 'Gift cards', questions: ['Do gift cards expire?'], tags: ['payments'], body: 'Valid for 24 months. <script>x()</script>' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().article).toMatchObject({ id: 'gift-cards', title: 'Gift cards', html: '<p>Valid for 24 months. </p>' });
    const file = await readFile(join(dir, 'gift-cards.md'), 'utf8');
    expect(file).toMatch(/^---\nid: gift-cards\ntitle: Gift cards\n/);
    const d = await bot.decide('do gift cards expire?', { unhelpfulRounds: 0 });
    expect(d.kind === 'answer' && d.article.id).toBe('gift-cards');
  });

  it('PUT updates an existing article in place', async () => {
    await app.inject({ method: 'PUT', url: '/api/kb/articles/shipping', headers: admin, payload: { title: 'Delivery times', body: 'Now 2 days.' } });
    expect(bot.article('shipping')).toMatchObject({ title: 'Delivery times', excerpt: 'Now 2 days.' });
    expect(await readdir(dir)).toEqual(['shipping.md']);
  });

  it('PUT rejects invalid input with 400 and changes nothing', async () => {
    const cases = [
      { url: '/api/kb/articles/gift', payload: { body: 'no title' } },
      { url: '/api/kb/articles/gift', payload: { title: 'x', url: 'javascript:alert(1)' } },
      { url: '/api/kb/articles/gift', payload: { title: 'x', tags: 'not-a-list' } },
      { url: '/api/kb/articles/gift', payload: { id: 'other', title: 'x' } },
      { url: '/api/kb/articles/..%2Fescape', payload: { title: 'x' } },
      { url: '/api/kb/articles/gift', payload: [1, 2] },
    ];
    for (const c of cases) {
      const res = await app.inject({ method: 'PUT', headers: admin, ...c });
      expect(res.statusCode, JSON.stringify(c)).toBe(400);
      expect(res.json()).toMatchObject({ type: 'error', code: 'kb_invalid_article' });
    }
    expect(await readdir(dir)).toEqual(['shipping.md']);
    expect(bot.size).toBe(1);
  });

  it('DELETE removes the file and the article; unknown ids are 404', async () => {
    const res = await app.inject({ method: 'DELETE', url: '/api/kb/articles/shipping', headers: admin });
    expect(res.statusCode).toBe(204);
    expect(bot.article('shipping')).toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
    const again = await app.inject({ method: 'DELETE', url: '/api/kb/articles/shipping', headers: admin });
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({ type: 'error', code: 'kb_not_found' });
  });

  describe('POST /api/kb/sync', () => {
    const article = (i: number) => ({ id: `faq-${i}`, title: `Question number ${i}`, body: `Answer ${i}.` });

    it('writes and deletes a whole batch with one reindex, and the bot answers from it at once', async () => {
      const before = reindexes();
      const upsert = [...Array.from({ length: 300 }, (_, i) => article(i)), { id: 'gift-cards', title: 'Gift cards', questions: ['Do gift cards expire?'], body: 'Valid for 24 months.' }];
      const res = await app.inject({ method: 'POST', url: '/api/kb/sync', headers: admin, payload: { upsert, remove: ['shipping', 'never-existed'] } });
      expect(res.statusCode).toBe(200);
      expect(res.json().upserted).toHaveLength(301);
      expect(res.json().removed).toEqual(['shipping']);
      expect(reindexes() - before).toBe(1);
      expect(bot.size).toBe(301);
      expect((await readdir(dir)).length).toBe(301);
      const d = await bot.decide('do gift cards expire?', { unhelpfulRounds: 0 });
      expect(d.kind === 'answer' && d.article.id).toBe('gift-cards');
    });

    it('rejects the whole batch when one entry is bad, naming it, and writes nothing', async () => {
      const cases: [unknown, RegExp][] = [
        [{ upsert: [article(1), { id: 'bad', body: 'no title' }] }, /^upsert\.1: /],
        [{ upsert: [article(1), article(1)] }, /twice/],
        [{ upsert: [article(1)], remove: ['faq-1'] }, /also in upsert/],
        [{ remove: ['../escape'] }, /^remove\.0: /],
        [{ upsert: [article(1)], replaceAll: true }, /replaceAll|unrecognized/i],
        [{ upsert: Array.from({ length: MAX_SYNC_ARTICLES + 1 }, (_, i) => article(i)) }, /^upsert: /],
        [[article(1)], /^body: /],
        [{}, /nothing to upsert or remove/],
      ];
      const before = reindexes();
      for (const [payload, message] of cases) {
        const res = await app.inject({ method: 'POST', url: '/api/kb/sync', headers: admin, payload: payload as object });
        expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
        expect(res.json()).toMatchObject({ type: 'error', code: 'kb_invalid_article' });
        expect(res.json().message).toMatch(message);
      }
      expect(await readdir(dir)).toEqual(['shipping.md']);
      expect(reindexes()).toBe(before);
    });

    it('requires admin', async () => {
      const res = await app.inject({ method: 'POST', url: '/api/kb/sync', payload: { upsert: [article(1)] } });
      expect(res.statusCode).toBe(401);
      expect(bot.article('faq-1')).toBeUndefined();
    });
  });

  it('keeps every question when several are added at once', async () => {
    const adds = ['When do parcels ship?', 'Do you deliver on Saturdays?', 'How fast is delivery?'].map((q) =>
      app.inject({ method: 'POST', url: '/api/kb/articles/shipping/questions', headers: admin, payload: { questions: [q] } }),
    );
    expect((await Promise.all(adds)).map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(bot.source('shipping')?.questions.sort()).toEqual(['Do you deliver on Saturdays?', 'How fast is delivery?', 'When do parcels ship?']);
  });

  it('refuses a gap when no recorder is configured, writing nothing', async () => {
    const res = await app.inject({ method: 'PUT', url: '/api/kb/articles/wrap', headers: admin, payload: { title: 'Wrap', body: 'Yes.', gap: { id: 'gap-1', questions: ['wrap?'] } } });
    expect([res.statusCode, res.json().fields]).toEqual([400, { gap: 'not supported' }]);
    expect(bot.source('wrap')).toBeUndefined();
  });

  it('refuses a sync that would publish a draft placeholder, writing nothing', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/kb/sync',
      headers: admin,
      payload: { upsert: [{ id: 'ok', title: 'Ok', body: 'Fine.' }, { id: 'draft', title: 'Draft', body: 'TODO: write the answer.' }] },
    });
    expect([res.statusCode, res.json().message]).toEqual([400, 'upsert.1: body: still has the draft placeholder "TODO: write the answer.": write the answer before publishing']);
    expect((await readdir(dir)).sort()).toEqual(['shipping.md']);
  });
});

describe('GET /api/kb/calibration', () => {
  it('is for admins and reports the operating point, the estimate and the confused articles', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/kb/calibration' })).statusCode).toBe(401);
    await bot.calibrated();
    const res = await app.inject({ method: 'GET', url: '/api/kb/calibration', headers: admin });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.state).toBe('ready');
    expect(body.targetPrecision).toBe(0.9);
    // One article: nothing to hold out, so the fixed threshold.
    expect(body.answerThreshold).toBe(0.57);
    expect(body.measured).toBe(false);
    expect(Array.isArray(body.confused)).toBe(true);
  });
});
