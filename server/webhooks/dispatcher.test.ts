import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backends, requirePostgresInCi } from '../../tests/support/backends';
import type { Store } from '../store/store';
import { outboundPolicy } from '../net/address-policy';
import { parseNetworks } from '../net/networks';
import { WebhookDispatcher } from './dispatcher';
import { fanOut } from './outbox';
import { WebhookRepo } from './repo';
import { HEADERS, verify } from './sign';
import { startReceiver, until } from './test-receiver';

requirePostgresInCi();

const quiet = { warn: () => {} };
/** These receivers run on 127.0.0.1, so the tests opt in to it as a trusted internal network. */
const loopbackTrusted = outboundPolicy(parseNetworks('127.0.0.1'));

for (const backend of backends()) {
  describe(`webhook outbox and dispatcher (${backend.name})`, () => {
    let store: Store;
    let repo: WebhookRepo;
    let siteId: string;
    const dispatchers: WebhookDispatcher[] = [];
    const receivers: Array<{ close(): Promise<void> }> = [];

    beforeAll(async () => {
      store = await backend.open();
      repo = new WebhookRepo(store.db);
    });
    beforeEach(async () => {
      siteId = (await store.sites.create({ key: `shop${Math.random().toString(36).slice(2, 8)}`, name: 'Shop', secret: 's' })).id;
    });
    afterEach(async () => {
      await Promise.all(dispatchers.splice(0).map((d) => d.stop()));
      await Promise.all(receivers.splice(0).map((r) => r.close()));
      // Each test starts with no webhooks, so leftovers never count as due work in the next one.
      await store.db.query('DELETE FROM webhooks');
    });
    afterAll(async () => {
      await store.close();
    });

    const dispatcher = (o: ConstructorParameters<typeof WebhookDispatcher>[2] = {}) => {
      const d = new WebhookDispatcher(store, quiet, { pollMs: 20, retryBaseMs: 60, policy: loopbackTrusted, ...o });
      dispatchers.push(d);
      return d;
    };
    const receiver = async (...args: Parameters<typeof startReceiver>) => {
      const r = await startReceiver(...args);
      receivers.push(r);
      return r;
    };
    /** A conversation with its started event, as the visitor service writes it. */
    const startConversation = async () => {
      const visitor = await store.visitors.create(siteId, null);
      const c = await store.conversations.create({ siteId, visitorId: visitor.id, context: null });
      await store.events.record({ siteId, conversationId: c.id, type: 'conversation.started', actorType: 'visitor', actorId: visitor.id, data: { url: 'https://shop.example/' } });
      return c.id;
    };
    const say = (conversationId: string, text: string) =>
      store.tx((r) => r.messages.insert({ conversationId, id: `c${Math.random().toString(36).slice(2, 12)}`, author: 'visitor', authorId: null, authorName: 'Vi', kind: 'text', text, bot: null, system: null }));

    it('signs each body with the webhook secret over "timestamp.body" and sends only subscribed events created after it', async () => {
      const before = await startConversation();
      const r = await receiver();
      const hook = await repo.create(siteId, { url: r.url, events: ['conversation.started', 'message.created'], format: 'json', description: '', active: true });
      await store.events.record({ siteId, conversationId: before, type: 'page.viewed', actorType: 'visitor', actorId: null, data: { url: 'https://shop.example/', title: 'Shop' } });
      const c = await startConversation();
      await say(c, 'hello there');
      await dispatcher().drain();

      expect(r.received).toHaveLength(2);
      const bodies = r.received.map((x) => JSON.parse(x.body));
      expect(bodies.map((b) => [b.type, b.conversationId])).toEqual([['conversation.started', c], ['message.created', c]]);
      expect(bodies[0]).toMatchObject({ site: { name: 'Shop' }, actor: { type: 'visitor' }, data: { url: 'https://shop.example/' } });
      expect(bodies[1].id).toBe(`msg_${c}_1`);
      expect(bodies[1].data.message).toMatchObject({ seq: 1, author: 'visitor', authorName: 'Vi', kind: 'text', text: 'hello there' });
      for (const x of r.received) {
        const ts = String(x.headers[HEADERS.timestamp]);
        const sig = String(x.headers[HEADERS.signature]);
        expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(5);
        expect(verify(hook.secret, x.body, ts, sig)).toBe(true);
        // A changed body, another secret or a replay long after fail verification.
        expect(verify(hook.secret, x.body.replace('Shop', 'Shup'), ts, sig)).toBe(false);
        expect(verify('whsec_other', x.body, ts, sig)).toBe(false);
        expect(verify(hook.secret, x.body, ts, sig, Number(ts) + 301)).toBe(false);
      }
    });

    it('retries a failing receiver with growing delays and keeps every attempt in the log', async () => {
      const r = await receiver((_x, n, res) => {
        res.statusCode = n <= 2 ? 500 : 200;
        res.end(n <= 2 ? 'database down' : 'ok');
      });
      const hook = await repo.create(siteId, { url: r.url, events: ['conversation.started'], format: 'json', description: '', active: true });
      await startConversation();
      dispatcher().start();
      const [d] = await until(async () => {
        const list = await repo.deliveries(hook.id, { limit: 10 });
        return list[0]?.status === 'delivered' && list;
      });
      expect(d).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 200, lastError: null });
      expect(d!.log.map((a) => [a.attempt, a.statusCode, a.error, a.responseExcerpt])).toEqual([
        [1, 500, 'receiver answered 500', 'database down'],
        [2, 500, 'receiver answered 500', 'database down'],
        [3, 200, null, 'ok'],
      ]);
      // Retry n waits 60 ms × 2^(n−1): at least 60 ms, then at least 120 ms.
      const gaps = [r.received[1]!.at - r.received[0]!.at, r.received[2]!.at - r.received[1]!.at];
      expect(gaps[0]).toBeGreaterThanOrEqual(55);
      expect(gaps[1]).toBeGreaterThanOrEqual(115);
      expect(r.received.map((x) => x.headers[HEADERS.delivery])).toEqual([d!.id, d!.id, d!.id]);
    });

    it('gives up after the last attempt, then an admin retry sends it again', async () => {
      let up = false;
      const r = await receiver((_x, _n, res) => {
        res.statusCode = up ? 204 : 503;
        res.end();
      });
      const hook = await repo.create(siteId, { url: r.url, events: ['conversation.started'], format: 'json', description: '', active: true });
      await startConversation();
      dispatcher({ maxAttempts: 2, retryBaseMs: 10 }).start();
      const [failed] = await until(async () => {
        const list = await repo.deliveries(hook.id, { limit: 10 });
        return list[0]?.status === 'failed' && list;
      });
      expect(failed).toMatchObject({ attempts: 2, lastStatusCode: 503, lastError: 'receiver answered 503' });
      up = true;
      await repo.retry(hook.id, failed!.id);
      const [done] = await until(async () => {
        const list = await repo.deliveries(hook.id, { limit: 10 });
        return list[0]?.status === 'delivered' && list;
      });
      expect(done!.log.map((a) => a.statusCode)).toEqual([503, 503, 204]);
    });

    it('records an unreachable receiver and a receiver that does not answer in time', async () => {
      const silent = await receiver(() => new Promise(() => {}));
      const closedPort = await new Promise<number>((resolve) => {
        const probe = createServer().listen(0, '127.0.0.1', () => {
          const { port } = probe.address() as { port: number };
          probe.close(() => resolve(port));
        });
      });
      const a = await repo.create(siteId, { url: `http://127.0.0.1:${closedPort}/nothing-listens`, events: ['conversation.started'], format: 'json', description: '', active: true });
      const b = await repo.create(siteId, { url: silent.url, events: ['conversation.started'], format: 'json', description: '', active: true });
      await startConversation();
      // 1 s, not less: on a loaded machine a refused connect and a short timer can land in the same loop turn, and timers run first.
      dispatcher({ timeoutMs: 1_000, retryBaseMs: 60_000 }).start();
      const log = async (id: string) => until(async () => (await repo.deliveries(id, { limit: 1 }))[0]?.log[0]);
      expect((await log(a.id)).error).toBe('connection failed: ECONNREFUSED');
      expect(await log(b.id)).toMatchObject({ statusCode: null, error: 'no answer within 1000 ms' });
    });

    it('delivers each event once with two dispatchers (two nodes) on one database', async () => {
      const r = await receiver();
      await repo.create(siteId, { url: r.url, events: ['conversation.started', 'message.created'], format: 'json', description: '', active: true });
      const c = await startConversation();
      for (let i = 0; i < 20; i++) await say(c, `message ${i}`);
      const [one, two] = [dispatcher({ batch: 5, concurrency: 3 }), dispatcher({ batch: 5, concurrency: 3 })];
      await Promise.all([one.drain(), two.drain()]);
      await Promise.all([one.drain(), two.drain()]);
      const ids = r.received.map((x) => JSON.parse(x.body).id as string);
      expect(ids).toHaveLength(21);
      expect(new Set(ids).size).toBe(21);
    });

    it('picks up a delivery a crashed node had claimed once its lease runs out', async () => {
      const r = await receiver();
      const hook = await repo.create(siteId, { url: r.url, events: ['conversation.started'], format: 'json', description: '', active: true });
      await startConversation();
      await fanOut(store.db, 100);
      // The "crashed" node claims it with a 300 ms lease and never reports back.
      const claimed = await repo.claimDue(10, 300);
      expect(claimed.map((c) => c.webhookId)).toEqual([hook.id]);
      const claimedAt = Date.now();
      dispatcher().start();
      const [got] = await r.waitFor(1, 5_000);
      expect(got!.at - claimedAt).toBeGreaterThanOrEqual(250);
      const [delivery] = await until(async () => {
        const list = await repo.deliveries(hook.id, { limit: 1 });
        return list[0]?.status === 'delivered' && list;
      });
      expect(delivery!.attempts).toBe(2);
      expect(r.received).toHaveLength(1);
    });

    // PGlite has a single connection, so two transactions can never be open at once there.
    if (backend.name === 'postgres') it('does not skip an event whose transaction commits after a later one', async () => {
      const r = await receiver();
      await repo.create(siteId, { url: r.url, events: ['conversation.started'], format: 'json', description: '', active: true });
      const visitor = await store.visitors.create(siteId, null);
      const slow = await store.conversations.create({ siteId, visitorId: visitor.id, context: null });
      let inserted!: () => void;
      let commit!: () => void;
      const insertedP = new Promise<void>((resolve) => (inserted = resolve));
      const held = store.db.transaction(async (sql) => {
        await sql.query("INSERT INTO events (site_id, conversation_id, type, actor_type) VALUES ($1, $2, 'conversation.started', 'visitor')", [siteId, slow.id]);
        inserted();
        await new Promise<void>((resolve) => (commit = resolve));
      });
      await insertedP;
      const fast = await startConversation(); // a higher event id, committed first
      const d = dispatcher();
      try {
        await d.pass();
        // An id cursor would have queued the fast one and moved past the slow one for good.
        const [queued] = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_deliveries');
        expect(queued!.n).toBe(0);
      } finally {
        commit();
        await held;
      }
      await d.drain();
      expect(r.received.map((x) => JSON.parse(x.body).conversationId).sort()).toEqual([fast, slow.id].sort());
    });

    it('holds deliveries of a paused webhook and sends nothing for events while it was paused', async () => {
      const r = await receiver();
      const hook = await repo.create(siteId, { url: r.url, events: ['conversation.started'], format: 'json', description: '', active: false });
      await startConversation();
      const d = dispatcher();
      await d.drain();
      expect(r.received).toHaveLength(0);
      await repo.update(hook.id, { active: true });
      await startConversation();
      await d.drain();
      expect(r.received).toHaveLength(1);
    });
  });
}
