import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryItem, HistoryPage } from '../shared/history';
import { buildApp } from '../server/app';
import { createBot } from '../server/bot/index';
import { loadConfig } from '../server/config';
import type { Store } from '../server/store/store';
import type { Agent, Conversation } from '../server/store/types';
import { backends, requirePostgresInCi } from './support/backends';
import { LiveScenario } from './support/ops-scenario';
import { DEMO_KB } from './support/server';
import { clientId } from './support/ws-client';

requirePostgresInCi();

for (const backend of backends()) {
  describe(`conversation history and search (${backend.name})`, () => {
    let app: FastifyInstance;
    let store: Store;
    let live: LiveScenario;
    let admin: Agent;
    const cookies: Record<'admin' | 'agent', string> = { admin: '', agent: '' };
    const chats: Record<string, Conversation> = {};

    const get = (url: string, who: 'admin' | 'agent' | null = 'admin') => app.inject({ method: 'GET', url, headers: who ? { cookie: cookies[who] } : {} });
    const page = async (url: string, who: 'admin' | 'agent' = 'admin'): Promise<HistoryPage> => {
      const res = await get(url, who);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as HistoryPage;
    };
    const ids = (items: HistoryItem[]) => items.map((i) => i.id).sort();

    /** A visitor who gives a name and email, writes `text`, and is handed to a person. */
    async function chat(name: string, email: string, text: string): Promise<Conversation> {
      const v = await live.visitor();
      await store.visitors.identify(v.id, { name, email, verified: false });
      await live.say(v, text);
      return live.askForPerson(v);
    }

    beforeAll(async () => {
      store = await backend.open();
      const bot = await createBot({ kbDir: DEMO_KB, watch: false, log: () => {} });
      app = await buildApp({ ...loadConfig({ LOG_LEVEL: 'warn' }), demo: true }, { store, bot, logger: false });
      live = await LiveScenario.start(app);
      admin = (await store.agents.byEmail('admin@demo.test'))!;
      for (const who of ['admin', 'agent'] as const) {
        const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: `${who}@demo.test`, password: 'demo' } });
        cookies[who] = String(res.headers['set-cookie']).split(';')[0]!;
      }
      await live.staffed(true);
      chats.ana = await chat('Ana Lima', 'ana@example.com', 'My parcel never arrived, the courier says delivered');
      await live.handle(chats.ana, 'I have opened a claim with the courier.');
      chats.bruno = await chat('Bruno Díaz', 'bruno@shop.test', 'Can I change the colour of my helmet order');
      await app.services.agents.claim(admin, chats.bruno.id);
      await app.services.agents.send(admin, { id: clientId(), conversationId: chats.bruno.id, text: 'Which colour would you like?' });
      await app.services.agents.resolve(admin, chats.bruno.id);
      chats.carla = await chat('Carla', 'carla@example.com', 'refund for a damaged visor please');
    });
    afterAll(async () => {
      await app.close();
      await store.close();
    });

    it('needs a signed-in agent and refuses bad queries with a typed error', async () => {
      expect((await get('/api/conversations', null)).statusCode).toBe(401);
      const tagsRes = await app.inject({ method: 'PUT', url: `/api/conversations/${chats.ana!.id}/tags`, payload: { tags: ['x'] } });
      expect(tagsRes.statusCode).toBe(401);
      const cases: Array<[string, string]> = [
        ['?limit=500', 'limit: Too big: expected number to be <=50'],
        ['?status=closed', 'status: Invalid input'],
        ['?from=yesterday', 'from: expected YYYY-MM-DD'],
        ['?from=2026-02-02&to=2026-02-01', 'from: must not be after to'],
        ['?cursor=bm90LWEtY3Vyc29y', 'cursor: is not a cursor this API returned'],
        ['?tag=' + encodeURIComponent('two words'), 'tag: a tag is 1–32 letters, digits, _ or -'],
      ];
      for (const [query, message] of cases) {
        const res = await get(`/api/conversations${query}`);
        expect(res.statusCode, query).toBe(400);
        expect(res.json(), query).toMatchObject({ type: 'error', code: 'bad_request', message });
      }
    });

    it('lists every conversation newest first, resolved ones too, and filters by status, agent, site and date', async () => {
      const all = await page('/api/conversations');
      expect(all.items.map((i) => i.id)).toEqual([chats.carla!.id, chats.bruno!.id, chats.ana!.id]);
      expect(all.items[2]).toMatchObject({ status: 'resolved', visitorName: 'Ana Lima', visitorEmail: 'ana@example.com', agentName: live.agent.name, siteKey: 'demo' });
      expect(ids((await page('/api/conversations?status=resolved')).items)).toEqual(ids([chats.ana, chats.bruno].map((c) => ({ id: c!.id }) as HistoryItem)));
      expect((await page('/api/conversations?status=queued&status=offline')).items.map((i) => i.id)).toEqual([chats.carla!.id]);
      expect((await page(`/api/conversations?agent=${admin.id}`)).items.map((i) => i.id)).toEqual([chats.bruno!.id]);
      expect((await page('/api/conversations?site=nope')).items).toEqual([]);
      const today = new Date().toISOString().slice(0, 10);
      expect((await page(`/api/conversations?from=${today}&to=${today}`)).items).toHaveLength(3);
      expect((await page('/api/conversations?to=2020-01-01')).items).toEqual([]);
    });

    it('finds conversations by words of any message (prefixes too), by visitor name and by email', async () => {
      const parcel = await page('/api/conversations?q=courier');
      expect(parcel.items.map((i) => i.id)).toEqual([chats.ana!.id]);
      // The newest matching message is shown: the agent's reply, not the visitor's first line.
      expect(parcel.items[0]!.match).toBe('I have opened a claim with the courier.');
      expect((await page('/api/conversations?q=' + encodeURIComponent('colou helm'))).items.map((i) => i.id)).toEqual([chats.bruno!.id]);
      expect((await page('/api/conversations?q=' + encodeURIComponent('díaz'))).items.map((i) => i.id)).toEqual([chats.bruno!.id]);
      expect((await page('/api/conversations?q=carla%40example')).items.map((i) => i.id)).toEqual([chats.carla!.id]);
      expect((await page('/api/conversations?q=' + encodeURIComponent("50% off' OR 1=1 --"))).items).toEqual([]);
      expect((await page('/api/conversations?q=visor&status=resolved')).items).toEqual([]);
    });

    it('pages with a cursor that neither skips nor repeats, also while new conversations arrive', async () => {
      const first = await page('/api/conversations?limit=2');
      expect(first.items).toHaveLength(2);
      expect(first.nextCursor).not.toBeNull();
      await chat('Dan', 'dan@example.com', 'arrived while paging');
      const second = await page(`/api/conversations?limit=2&cursor=${first.nextCursor}`);
      expect(second.nextCursor).toBeNull();
      expect([...first.items, ...second.items].map((i) => i.id)).toEqual([chats.carla!.id, chats.bruno!.id, chats.ana!.id]);
    });

    it('files conversations under tags and filters by them; agents only tag and list what they may read', async () => {
      const put = (id: string, tags: unknown, who: 'admin' | 'agent') => app.inject({ method: 'PUT', url: `/api/conversations/${id}/tags`, payload: { tags }, headers: { cookie: cookies[who] } });
      const res = await put(chats.ana!.id, ['Delivery', 'courier', 'delivery'], 'agent');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ tags: ['courier', 'delivery'] });
      expect((await page('/api/conversations?tag=DELIVERY')).items.map((i) => i.id)).toEqual([chats.ana!.id]);
      expect((await put(chats.ana!.id, ['<b>'], 'agent')).statusCode).toBe(400);
      // Bruno's chat was the admin's: the agent neither sees it in the history nor can tag it.
      expect((await put(chats.bruno!.id, ['x'], 'agent')).statusCode).toBe(404);
      const mine = await page('/api/conversations', 'agent');
      expect(mine.items.map((i) => i.id)).not.toContain(chats.bruno!.id);
      expect(mine.items.map((i) => i.id)).toContain(chats.ana!.id);
      expect(mine.items.map((i) => i.id)).toContain(chats.carla!.id);
      expect((await page('/api/conversations?q=colour', 'agent')).items).toEqual([]);
      expect((await page('/api/conversations?q=colour', 'admin')).items.map((i) => i.id)).toEqual([chats.bruno!.id]);
    });
  });
}
