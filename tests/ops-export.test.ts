import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app';
import { createBot } from '../server/bot/index';
import { loadConfig } from '../server/config';
import type { ExportRow } from '../server/ops/export-rows';
import type { Store } from '../server/store/store';
import type { Visitor } from '../server/store/types';
import { backends, requirePostgresInCi } from './support/backends';
import { LiveScenario } from './support/ops-scenario';
import { DEMO_KB } from './support/server';

requirePostgresInCi();

interface Page { conversations: ExportRow[]; count: number; after_cursor: string; after_url: string; end_of_stream: boolean }

for (const backend of backends()) {
  describe(`incremental conversation export under concurrent writes (${backend.name})`, () => {
    let app: FastifyInstance;
    let store: Store;
    let live: LiveScenario;
    let admin: string;
    const visitors: Visitor[] = [];
    const get = (url: string, cookie = admin) => app.inject({ method: 'GET', url, headers: { cookie } });
    const page = async (url: string): Promise<Page> => {
      const res = await get(url);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Page;
    };
    const idOf = async (visitor: Visitor) => (await app.services.visitors.current(visitor, live.site))!.id;
    const newChat = async (text = 'how do I track my order') => {
      const visitor = await live.visitor();
      visitors.push(visitor);
      await live.say(visitor, text);
      return visitor;
    };

    beforeAll(async () => {
      store = await backend.open();
      const bot = await createBot({ kbDir: DEMO_KB, watch: false, log: () => {} });
      app = await buildApp({ ...loadConfig({ LOG_LEVEL: 'warn' }), demo: true }, { store, bot, logger: false });
      live = await LiveScenario.start(app);
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin@demo.test', password: 'demo' } });
      admin = String(res.headers['set-cookie']).split(';')[0]!;
    });
    afterAll(async () => {
      await app.close();
      await store.close();
    });

    it('is for admins only and refuses requests without a start or with a forged cursor', async () => {
      const agent = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'agent@demo.test', password: 'demo' } });
      expect((await get('/api/ops/export/conversations?start_time=0', String(agent.headers['set-cookie']).split(';')[0])).statusCode).toBe(403);
      const cases: Array<[string, number, string]> = [
        ['', 400, 'start_time or cursor is required'],
        ['?cursor=bm90LWEtY3Vyc29y', 400, 'cursor: is not a cursor this API returned'],
        ['?start_time=yesterday', 400, 'start_time: Invalid input'],
        ['?start_time=0&limit=5000', 400, 'limit: Too big: expected number to be <=1000'],
        ['?start_time=0&site=nope', 404, 'no site with key "nope"'],
      ];
      for (const [qs, status, message] of cases) {
        const res = await get(`/api/ops/export/conversations${qs}`);
        expect([res.statusCode, res.json().code === 'bad_request' || res.json().code === 'not_found', res.json().message]).toEqual([status, true, message]);
      }
    });

    it('pages through every conversation once, and again only after it changed, with writes between pages', async () => {
      const since = Math.floor(Date.now() / 1000) - 1;
      for (let i = 0; i < 12; i++) await newChat();
      const ids = await Promise.all(visitors.map(idOf));
      const seen: string[] = [];
      /** Conversations written after they were sent: they must come again, once, with the change. */
      const changedAfterSent = new Set<string>();
      const write = async (visitor: Visitor) => {
        const id = await idOf(visitor);
        await live.say(visitor, 'thanks');
        if (seen.includes(id)) changedAfterSent.add(id);
      };

      let p = await page(`/api/ops/export/conversations?start_time=${since}&limit=5&site=demo`);
      expect(p.end_of_stream).toBe(false);
      seen.push(...p.conversations.map((r) => r.id));
      expect(seen).toEqual(ids.slice(0, 5)); // in the order of their last change
      // Between pages: one already sent changes, one not yet sent changes, two new chats start.
      await write(visitors[1]!);
      await write(visitors[7]!);
      await newChat();
      await newChat();

      p = await page(p.after_url);
      seen.push(...p.conversations.map((r) => r.id));
      await write(visitors[5]!);
      if (backend.name === 'postgres') {
        // A transaction that writes to a conversation now but commits only after the next page was
        // read, while a later transaction on another conversation commits first.
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        let blocked!: Promise<void>;
        await new Promise<void>((started) => {
          blocked = store.tx(async (r) => {
            await r.events.record({ siteId: live.site.id, conversationId: ids[0]!, type: 'page.viewed', actorType: 'visitor', actorId: null, data: { url: 'https://shop.example/late', title: 'Late' } });
            started();
            await held;
          });
        });
        await write(visitors[3]!);
        p = await page(p.after_url.replace('limit=5', 'limit=1000'));
        seen.push(...p.conversations.map((r) => r.id));
        // The page stops before the open transaction: what committed after it waits too.
        expect(p.conversations.map((r) => r.id)).not.toContain(ids[3]);
        release();
        await blocked;
        changedAfterSent.add(ids[0]!);
      }
      do {
        p = await page(p.after_url);
        seen.push(...p.conversations.map((r) => r.id));
      } while (!p.end_of_stream);
      const all = new Set([...ids, ...(await Promise.all(visitors.map(idOf)))]);
      expect(new Set(seen)).toEqual(all);
      for (const id of all) expect([id, seen.filter((x) => x === id).length]).toEqual([id, changedAfterSent.has(id) ? 2 : 1]);

      // Caught up: polling the last cursor brings nothing until something changes, then just that.
      const idle = await page(p.after_url);
      expect([idle.count, idle.end_of_stream]).toEqual([0, true]);
      await write(visitors[2]!);
      const next = await page(idle.after_url);
      expect(next.conversations.map((r) => r.id)).toEqual([ids[2]]);
      expect(next.conversations[0]!.updatedAt >= next.conversations[0]!.startedAt).toBe(true);
    });

    it('starts from a point in time: conversations whose last change is older are left out', async () => {
      const first = await newChat();
      await new Promise((r) => setTimeout(r, 1_100));
      const cut = new Date().toISOString();
      const second = await newChat();
      const p = await page(`/api/ops/export/conversations?start_time=${encodeURIComponent(cut)}`);
      const got = p.conversations.map((r) => r.id);
      expect(got).toContain(await idOf(second));
      expect(got).not.toContain(await idOf(first));
      expect(p.end_of_stream).toBe(true);
    });
  });
}
