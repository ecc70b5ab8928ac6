import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app';
import { createBot } from '../server/bot/index';
import { loadConfig } from '../server/config';
import { buildScenario } from '../server/ops/test-scenario';
import type { Store } from '../server/store/store';
import { backends, requirePostgresInCi } from './support/backends';
import { DEMO_KB } from './support/server';

requirePostgresInCi();

async function login(app: FastifyInstance, email: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'demo' } });
  expect(res.statusCode).toBe(200);
  return String(res.headers['set-cookie']).split(';')[0]!;
}

for (const backend of backends()) {
  describe(`/api/ops metrics over HTTP (${backend.name})`, () => {
    let app: FastifyInstance;
    let store: Store;
    let admin: string;
    const get = (url: string, cookie = admin) => app.inject({ method: 'GET', url, headers: { cookie } });
    const RANGE = 'from=2025-03-03&to=2025-03-04&site=shop';

    beforeAll(async () => {
      store = await backend.open();
      const bot = await createBot({ kbDir: DEMO_KB, watch: false, log: () => {} });
      app = await buildApp({ ...loadConfig({ LOG_LEVEL: 'warn' }), demo: true }, { store, bot, logger: false });
      await buildScenario(store, 'shop');
      admin = await login(app, 'admin@demo.test');
    });
    afterAll(async () => {
      await app.close();
      await store.close();
    });

    it('is for admins only', async () => {
      expect((await get(`/api/ops/summary?${RANGE}`, '')).statusCode).toBe(401);
      const agent = await login(app, 'agent@demo.test');
      const res = await get(`/api/ops/summary?${RANGE}`, agent);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual({ type: 'error', code: 'forbidden', message: 'admins only' });
      expect((await get(`/api/ops/gaps.csv?${RANGE}`, agent)).statusCode).toBe(403);
    });

    it('answers bad query strings with 400 and a message that names the problem', async () => {
      const cases: Array<[string, string]> = [
        ['from=2025-13-01', 'from: must be a date (2025-03-01) or an ISO date-time with a zone (2025-03-01T00:00:00Z)'],
        ['from=2025-03-05&to=2025-03-01', 'from (2025-03-05T00:00:00.000Z) must be before to (2025-03-02T00:00:00.000Z)'],
        ['from=2024-01-01&to=2025-06-01', 'the range may span at most 366 days'],
        ['tz=Nowhere/Town', 'tz: is not a known IANA time zone such as Europe/London'],
        ['format=xml', 'format: Invalid option: expected one of "json"|"csv"'],
      ];
      for (const [qs, message] of cases) {
        const res = await get(`/api/ops/volume?${qs}`);
        expect([res.statusCode, res.json()]).toEqual([400, { type: 'error', code: 'bad_request', message }]);
      }
      const unknown = await get('/api/ops/summary?site=nope');
      expect([unknown.statusCode, unknown.json().message]).toEqual([404, 'no site with key "nope"']);
    });

    it('serves the summary with its range and site, and the site list for the picker', async () => {
      const res = await get(`/api/ops/summary?${RANGE}&tz=UTC`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.site).toEqual({ key: 'shop', name: 'Synthetic Shop' });
      expect(body.range).toEqual({ from: '2025-03-03T00:00:00.000Z', to: '2025-03-05T00:00:00.000Z', tz: 'UTC', previous: { from: '2025-03-01T00:00:00.000Z', to: '2025-03-03T00:00:00.000Z' } });
      expect(body.current.started).toBe(9);
      // Long after the fact every bot chat has ended: C7 (suggestions left unpicked) is not resolved.
      expect(body.current.botResolved).toBe(2);
      expect(body.current.inProgress).toBe(0);
      expect(body.current.botResolution.unresolved).toMatchObject({ suggestions_ignored: 1, not_understood: 1 });
      expect(body.windows).toEqual({ inactivityMinutes: 30, durableDays: 7, fcrDays: 7 });
      expect((await get('/api/ops/sites')).json().sites.map((s: { key: string }) => s.key).sort()).toEqual(['demo', 'shop']);
    });

    it('exports every table as CSV, by suffix or by format=csv', async () => {
      const agents = await get(`/api/ops/agents.csv?${RANGE}`);
      expect(agents.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(agents.headers['content-disposition']).toBe('attachment; filename="agents_2025-03-03_2025-03-05.csv"');
      const lines = agents.body.trim().split('\r\n');
      expect(lines[0]).toBe('agent_id,name,chats,resolved,handle_time_avg_ms,handle_time_p50_ms,csat_average,csat_responses');
      expect(lines[1]).toMatch(/^[0-9a-f-]{36},Ann,3,3,1400000,1200000,3.5,2$/);
      expect((await get(`/api/ops/agents?${RANGE}&format=csv`)).body).toBe(agents.body);

      const hours = (await get(`/api/ops/volume.csv?${RANGE}&by=hour`)).body.trim().split('\r\n');
      expect(hours).toHaveLength(25);
      expect(hours[10]).toBe('9,2,0');
      // First replies on 3 March: 4 and 11 min → p50 7.5, p90 10.3 min; queue 3 and 10 → p50 6.5; handle 15 and 27 → 21 min.
      expect((await get(`/api/ops/volume.csv?${RANGE}`)).body.split('\r\n')[1]).toBe('2025-03-03,4,2,2,0,450000,618000,390000,1260000,,0');
      expect((await get(`/api/ops/gaps.csv?${RANGE}`)).body).toContain('do you sell gift wrapping | Do you offer gift wrapping? | gift wrap for a birthday present');
      expect((await get(`/api/ops/csat.csv?${RANGE}`)).body.split('\r\n')[0]).toBe('at,conversation_id,rating,agent_id,agent_name,comment');
      expect((await get(`/api/ops/articles.csv?${RANGE}`)).body).toContain('\r\ntrack-your-order,Track your order,1,1,0,0,0,1,0,1\r\n');
      const summary = (await get(`/api/ops/summary.csv?${RANGE}`)).body;
      expect(summary).toContain('escalations.asked_for_human,count,2,0,,');
      expect(summary).toContain('bot_resolved.confirmed,count,1,0,,');
      expect(summary).toContain('bot_unresolved.not_understood,count,1,0,,');
      expect(summary).toContain('tickets,count,2,0,,');
      const conversations = (await get(`/api/ops/conversations.csv?${RANGE}`)).body.trim().split('\r\n');
      expect(conversations).toHaveLength(10); // header + the 9 conversations started in the range
      expect(conversations[0]!.startsWith('conversation_id,site,page,started_at,ended_at,outcome,bot_resolution,bot_reason,handover_reason,')).toBe(true);
    });
  });
}
