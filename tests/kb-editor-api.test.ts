import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app';
import { createBot, type Bot } from '../server/bot/index';
import { md, tempKb } from '../server/bot/test-helpers';
import { loadConfig } from '../server/config';
import { buildScenario } from '../server/ops/test-scenario';
import type { Store } from '../server/store/store';
import { backends, requirePostgresInCi } from './support/backends';

requirePostgresInCi();

const RANGE = 'from=2025-03-03&to=2025-03-04&site=shop';
const KB = {
  'gift-cards.md': md('title: Gift cards\nquestions:\n  - Can I buy a gift card?\ntags: [gifts]', 'Gift cards come in £10 to £200.'),
  'refund-timing.md': md('title: Refund timing', 'Refunds reach your account in 5 days.'),
};

async function login(app: FastifyInstance, email: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'demo' } });
  expect(res.statusCode).toBe(200);
  return String(res.headers['set-cookie']).split(';')[0]!;
}

for (const backend of backends()) {
  describe(`KB editor API over HTTP (${backend.name})`, () => {
    let app: FastifyInstance;
    let store: Store;
    let bot: Bot;
    let kb: Awaited<ReturnType<typeof tempKb>>;
    let admin: string;
    let agent: string;
    const call = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: unknown, cookie = admin, headers: Record<string, string> = {}) =>
      app.inject({ method, url, headers: { cookie, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
    const folder = async () => (await readdir(kb.dir)).sort();
    const gapTitles = async () => ((await call('GET', `/api/ops/gaps?${RANGE}`)).json().clusters as Array<{ draft: { title: string } }>).map((c) => c.draft.title);

    beforeAll(async () => {
      store = await backend.open();
      kb = await tempKb(KB);
      bot = await createBot({ kbDir: kb.dir, watch: false, log: () => {} });
      app = await buildApp({ ...loadConfig({ LOG_LEVEL: 'warn' }), demo: true }, { store, bot, logger: false });
      await buildScenario(store, 'shop');
      admin = await login(app, 'admin@demo.test');
      agent = await login(app, 'agent@demo.test');
    });
    afterAll(async () => {
      await app.close();
      bot.close();
      await store.close();
      await kb.cleanup();
    });

    it('is for admins only: 401 signed out, 403 for agents, and nothing changes', async () => {
      const routes: Array<['GET' | 'PUT' | 'POST', string, unknown]> = [
        ['GET', '/api/kb/articles/gift-cards', undefined],
        ['PUT', '/api/kb/articles/wrapping', { title: 'Wrapping', body: 'Yes.' }],
        ['POST', '/api/kb/articles/gift-cards/questions', { questions: ['gift wrap?'] }],
        ['POST', '/api/kb/preview', { body: '# Hi' }],
      ];
      for (const [method, url, payload] of routes) {
        expect((await call(method, url, payload, '')).statusCode).toBe(401);
        const forbidden = await call(method, url, payload, agent);
        expect([forbidden.statusCode, forbidden.json()]).toEqual([403, { type: 'error', code: 'forbidden', message: 'admins only' }]);
      }
      expect(await folder()).toEqual(['gift-cards.md', 'refund-timing.md']);
      expect(bot.source('gift-cards')?.questions).toEqual(['Can I buy a gift card?']);
    });

    it('gives the editor the article as written, beside what visitors see', async () => {
      const res = await call('GET', '/api/kb/articles/gift-cards');
      expect(res.json().source).toEqual({ id: 'gift-cards', title: 'Gift cards', questions: ['Can I buy a gift card?'], tags: ['gifts'], url: null, locale: null, body: 'Gift cards come in £10 to £200.' });
      expect(res.json().article.html).toBe('<p>Gift cards come in £10 to £200.</p>');
    });

    it('refuses to publish a draft placeholder, with a field error, and writes nothing', async () => {
      const res = await call('PUT', '/api/kb/articles/wrapping', { title: 'Gift wrapping', body: 'TODO: write the answer. Visitors asked this 3 times.' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'kb_invalid_article', fields: { body: expect.stringContaining('draft placeholder') } });
      expect(await folder()).toEqual(['gift-cards.md', 'refund-timing.md']);
      const many = await call('PUT', '/api/kb/articles/wrapping', { title: '', url: 'javascript:alert(1)' });
      expect(Object.keys(many.json().fields).sort()).toEqual(['title', 'url']);
    });

    it('creates only when asked to (If-None-Match: *), so a new article never replaces one', async () => {
      const res = await call('PUT', '/api/kb/articles/gift-cards', { title: 'Other', body: 'x' }, admin, { 'if-none-match': '*' });
      expect([res.statusCode, res.json().fields]).toEqual([409, { id: 'an article with id "gift-cards" already exists' }]);
      expect(bot.source('gift-cards')?.title).toBe('Gift cards');
    });

    it('previews Markdown with the bot\'s sanitising renderer and flags placeholders', async () => {
      const res = await call('POST', '/api/kb/preview', { body: '**Yes**<script>alert(1)</script> [x](javascript:alert(1))\n\nTODO: prices' });
      expect(res.json()).toEqual({ html: '<p><strong>Yes</strong> <a>x</a></p>\n<p>TODO: prices</p>', placeholder: 'TODO: prices' });
      const bad = await call('POST', '/api/kb/preview', { body: 42 });
      expect([bad.statusCode, bad.json().code]).toEqual([400, 'bad_request']);
    });

    it('refuses bad question input and bad gaps with a clear error, changing nothing', async () => {
      const cases: Array<[unknown, number, string]> = [
        [{ questions: [] }, 400, 'questions: Too small: expected array to have >=1 items'],
        [{ questions: ['x'.repeat(501)] }, 400, 'questions.0: Too big: expected string to have <=500 characters'],
        [{ questions: ['ok?'], gap: { id: 'bad id!', questions: ['ok?'] } }, 400, 'gap.id: gap id must be 1–64 letters, digits or "-"'],
        [{ questions: ['ok?'], gap: { id: 'gap-1', questions: [] } }, 400, 'gap.questions: Too small: expected array to have >=1 items'],
      ];
      for (const [payload, status, message] of cases) {
        const res = await call('POST', '/api/kb/articles/gift-cards/questions', payload);
        expect([res.statusCode, res.json().message]).toEqual([status, message]);
      }
      const badGap = await call('PUT', '/api/kb/articles/wrapping', { title: 'Wrapping', body: 'Yes.', gap: { id: 'gap-1', questions: 'all' } });
      expect([badGap.statusCode, badGap.json().fields]).toEqual([400, { gap: 'gap.questions: Invalid input: expected array, received string' }]);
      expect(await folder()).toEqual(['gift-cards.md', 'refund-timing.md']);
      const missing = await call('POST', '/api/kb/articles/nope/questions', { questions: ['x?'] });
      expect([missing.statusCode, missing.json().code]).toEqual([404, 'kb_not_found']);
      expect(bot.source('gift-cards')?.questions).toEqual(['Can I buy a gift card?']);
      expect(await gapTitles()).toContain('Do you sell gift wrapping');
    });

    it('adds a gap\'s questions to an article: the bot answers them at once and the gap is gone for good', async () => {
      const gaps = (await call('GET', `/api/ops/gaps?${RANGE}`)).json().clusters as Array<{ id: string; examples: string[]; draft: { title: string } }>;
      const gift = gaps.find((c) => c.draft.title === 'Do you sell gift wrapping')!;
      const others = gaps.filter((c) => c !== gift).map((c) => c.draft.title);
      expect(others.length).toBeGreaterThan(0);
      // Only the first example is sent: the rest of the group is covered because it groups with it.
      const res = await call('POST', '/api/kb/articles/gift-cards/questions', { questions: [gift.examples[0], 'can i buy a gift card?'], gap: { id: gift.id, questions: [gift.examples[0]] } });
      expect(res.statusCode).toBe(200);
      expect(res.json().added).toEqual(['do you sell gift wrapping']);
      expect(res.json().source.questions).toEqual(['Can I buy a gift card?', 'do you sell gift wrapping']);
      expect(await readFile(join(kb.dir, 'gift-cards.md'), 'utf8')).toContain('  - do you sell gift wrapping\n');
      const decision = await bot.decide('do you sell gift wrapping', { unhelpfulRounds: 0 });
      expect(decision.kind === 'answer' && decision.article.id).toBe('gift-cards');
      expect(await gapTitles()).toEqual(others);
      // Persisted: a second server on the same database sees the gap answered too.
      const again = await buildApp({ ...loadConfig({ LOG_LEVEL: 'warn' }), demo: true }, { store, bot, logger: false });
      const cookie = await login(again, 'admin@demo.test');
      const listed = (await again.inject({ method: 'GET', url: `/api/ops/gaps?${RANGE}`, headers: { cookie } })).json().clusters.map((c: { draft: { title: string } }) => c.draft.title);
      await again.close();
      expect(listed).toEqual(others);
    });

    it('saving an article made from a gap resolves that gap; the edit is served at once', async () => {
      const gaps = (await call('GET', `/api/ops/gaps?${RANGE}`)).json().clusters as Array<{ id: string; draft: { id: string; title: string; questions: string[] } }>;
      const [first, ...rest] = gaps;
      const { id, title, questions } = first!.draft;
      const res = await call('PUT', `/api/kb/articles/${id}`, { title, questions, body: 'Here is the real answer.', gap: { id: first!.id, questions } }, admin, { 'if-none-match': '*' });
      expect(res.statusCode).toBe(200);
      expect(bot.article(id)?.html).toBe('<p>Here is the real answer.</p>');
      expect(await gapTitles()).toEqual(rest.map((c) => c.draft.title));
      const edit = await call('PUT', `/api/kb/articles/${id}`, { title, questions, body: 'An edited answer.' });
      expect(edit.json().source.body).toBe('An edited answer.');
      expect(bot.article(id)?.html).toBe('<p>An edited answer.</p>');
    });
  });
}
