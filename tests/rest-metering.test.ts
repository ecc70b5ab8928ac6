import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app';
import { createBot } from '../server/bot/index';
import { loadConfig } from '../server/config';
import { meterRoutes } from '../server/http/rest-metering';
import { REST_RULES, RestMeters } from '../server/limits/rest-meters';
import type { Store } from '../server/store/store';
import { backends, requirePostgresInCi } from './support/backends';
import { DEMO_KB } from './support/server';

requirePostgresInCi();

// A tenth of every allowance keeps the bursts short enough to spend in a test.
const SCALE = 0.1;
const burst = (rule: { capacity: number }) => Math.max(1, Math.round(rule.capacity * SCALE));
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

for (const backend of backends()) {
  describe(`REST metering (${backend.name})`, () => {
    let app: FastifyInstance;
    let store: Store;
    let nextAddress = 1;
    /** Each test speaks from addresses of its own, so one test's spending never reaches another's. */
    const freshAddress = () => `198.51.100.${nextAddress++}`;

    const call = (method: Method, url: string, from: string, cookie = '', payload?: object) =>
      app.inject({ method, url, remoteAddress: from, headers: { cookie }, ...(payload ? { payload } : {}) });
    const signIn = async (email: string, from: string) => {
      const res = await call('POST', '/api/auth/login', from, '', { email, password: 'demo' });
      expect(res.statusCode).toBe(200);
      return String(res.headers['set-cookie']).split(';')[0]!;
    };
    /** Calls until refused; returns how many went through and the refusal. */
    const spend = async (send: () => ReturnType<typeof call>, atMost: number) => {
      for (let ok = 0; ok <= atMost; ok++) {
        const res = await send();
        if (res.statusCode === 429) return { ok, refused: res };
      }
      throw new Error(`not refused after ${atMost + 1} requests`);
    };

    beforeAll(async () => {
      store = await backend.open();
      const bot = await createBot({ kbDir: DEMO_KB, watch: false, log: () => {} });
      app = await buildApp({ ...loadConfig({ LOG_LEVEL: 'warn', RATE_REST_SCALE: String(SCALE) }), demo: true }, { store, bot, logger: false });
    }, 120_000);
    afterAll(async () => {
      await app.close();
      await store.close();
    });

    it('meters unauthenticated callers by address before any session lookup: 429, retry-after, a catalogued code', async () => {
      const from = freshAddress();
      const { ok, refused } = await spend(() => call('GET', '/api/canned', from, 'chat_session=made-up'), 100);
      expect(ok).toBe(burst(REST_RULES.perAddress));
      expect(refused.json()).toMatchObject({ type: 'error', code: 'rate_limited' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      // Sign-in, pages and the widget preview are on the same address allowance.
      expect((await call('POST', '/api/auth/login', from, '', { email: 'admin@demo.test', password: 'demo' })).statusCode).toBe(429);
      expect((await call('GET', '/preview/widget?site=demo', from)).statusCode).toBe(429);
      // Another address is untouched.
      expect((await call('GET', '/api/canned', freshAddress(), 'chat_session=made-up')).statusCode).toBe(401);
    });

    it('meters console routes per agent across addresses, and leaves other agents alone', async () => {
      const agent = await signIn('agent@demo.test', freshAddress());
      const { ok } = await spend(() => call('GET', '/api/canned', freshAddress(), agent), 100);
      expect(ok).toBe(burst(REST_RULES.perAgent));
      expect((await call('GET', '/api/conversations', freshAddress(), agent)).statusCode).toBe(429);
      const admin = await signIn('admin@demo.test', freshAddress());
      expect((await call('GET', '/api/canned', freshAddress(), admin)).statusCode).toBe(200);
    });

    it('gives KB syncs and webhook tests a smaller allowance on top', async () => {
      const admin = await signIn('admin@demo.test', freshAddress());
      const from = freshAddress();
      // An invalid sync body is refused after the meter, so each try spends without reindexing anything.
      const { ok, refused } = await spend(() => call('POST', '/api/kb/sync', from, admin, { nothing: true }), 100);
      expect(ok).toBe(burst(REST_RULES.bulkPerAgent));
      expect(refused.json().message).toMatch(/too many syncs or test deliveries/);
      expect((await call('POST', '/api/ops/webhooks/no-such-hook/test', from, admin, {})).statusCode).toBe(429);
      expect((await call('GET', '/api/ops/summary', from, admin)).statusCode).toBe(200);
    });

    it('refuses a limited write without doing it', async () => {
      const admin = await signIn('admin@demo.test', freshAddress());
      const before = await store.canned.all();
      await spend(() => call('GET', '/api/kb/articles', freshAddress(), admin), 100);
      const write = await call('POST', '/api/canned', freshAddress(), admin, { shortcut: 'metered', text: 'never stored' });
      expect(write.statusCode).toBe(429);
      expect(await store.canned.all()).toEqual(before);
    });

    it('meters visitor-token requests per visitor, and forged tokens only by address', async () => {
      const from = freshAddress();
      const token = app.services.tokens.issue({ id: 'v-metered', siteId: 'no-such-site', tokenGeneration: 0 });
      const revoke = (t: string) => app.inject({ method: 'POST', url: '/api/visitor/revoke', remoteAddress: from, headers: { 'content-type': 'text/plain' }, payload: t });
      const { ok, refused } = await spend(() => revoke(token), 100);
      expect(ok).toBe(burst(REST_RULES.perVisitor));
      expect(refused.json().message).toMatch(/too many requests for this visitor/);
      const other = app.services.tokens.issue({ id: 'v-other', siteId: 'no-such-site', tokenGeneration: 0 });
      expect((await revoke(other)).statusCode).toBe(401);
      expect((await revoke(`${token}x`)).statusCode).toBe(401);
    });
  });
}

describe('the declared policy', () => {
  const bare = () => {
    const app = Fastify();
    const meters = new RestMeters();
    app.addHook('onClose', async () => meters.close());
    meterRoutes(app, meters);
    return app;
  };

  it('refuses at startup an /api route that declares no meter', async () => {
    const app = bare();
    expect(() => app.get('/api/undeclared', async () => ({}))).toThrow(/GET \/api\/undeclared declares no meter/);
    await app.close();
  });

  it('refuses at startup a per-agent meter with no session guard to name the agent', async () => {
    const app = bare();
    expect(() => app.get('/api/unguarded', { config: { meter: 'agent' } }, async () => ({}))).toThrow(/needs a session guard/);
    await app.close();
  });
});
