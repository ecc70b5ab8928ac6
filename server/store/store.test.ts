import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backends, requirePostgresInCi } from '../../tests/support/backends';
import { isUniqueViolation } from './db';
import type { Store } from './store';

requirePostgresInCi();

for (const backend of backends()) {
  describe(`store on ${backend.name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await backend.open();
    });
    afterEach(async () => {
      await store.close();
    });

    async function conversation() {
      const site = await store.sites.create({ key: `k${Math.random()}`, name: 'Shop', secret: 's' });
      const visitor = await store.visitors.create(site.id, null);
      return store.conversations.create({ siteId: site.id, visitorId: visitor.id, context: null });
    }
    const text = (conversationId: string, id: string, body = 'hello') => ({
      conversationId, id, author: 'visitor' as const, authorId: null, authorName: null, kind: 'text' as const, text: body, bot: null, system: null,
    });

    it('finds the latest conversation a visitor may see in one query: their own, and a verified user\'s other devices', async () => {
      const site = await store.sites.create({ key: `k${Math.random()}`, name: 'Shop', secret: 's' });
      const [phone, laptop, stranger] = [await store.visitors.create(site.id, null), await store.visitors.create(site.id, null), await store.visitors.create(site.id, null)];
      const older = await store.conversations.create({ siteId: site.id, visitorId: phone.id, context: null });
      await store.db.query("UPDATE conversations SET created_at = now() - interval '1 hour' WHERE id = $1", [older.id]);
      const onLaptop = await store.conversations.create({ siteId: site.id, visitorId: laptop.id, context: null });
      expect((await store.conversations.latestVisibleTo(phone.id, false))?.id).toBe(older.id);
      expect(await store.conversations.latestVisibleTo(stranger.id, false)).toBeUndefined();
      expect(await store.conversations.latestVisibleTo(phone.id, true)).toBeUndefined(); // not verified
      await store.visitors.identify(laptop.id, { userId: 'u1', verified: true });
      expect((await store.conversations.latestVisibleTo(phone.id, false))?.id).toBe(older.id); // a claim is not enough
      await store.visitors.identify(phone.id, { userId: 'u1', verified: true });
      expect((await store.conversations.latestVisibleTo(phone.id, true))?.id).toBe(onLaptop.id);
      expect((await store.conversations.latestVisibleTo(stranger.id, false))).toBeUndefined();
    });

    it('gives messages consecutive per-conversation seqs', async () => {
      const c = await conversation();
      const other = await conversation();
      const a = await store.tx((r) => r.messages.insert(text(c.id, 'client-000001')));
      const b = await store.tx((r) => r.messages.insert(text(c.id, 'client-000002')));
      const x = await store.tx((r) => r.messages.insert(text(other.id, 'client-000003')));
      expect([a.seq, b.seq, x.seq]).toEqual([1, 2, 1]);
      expect((await store.conversations.byId(c.id))?.lastSeq).toBe(2);
    });

    it('refuses a second message with the same client id and keeps the seq unchanged', async () => {
      const c = await conversation();
      await store.tx((r) => r.messages.insert(text(c.id, 'client-dup-01')));
      const error = await store.tx((r) => r.messages.insert(text(c.id, 'client-dup-01', 'again'))).catch((e: unknown) => e);
      expect(isUniqueViolation(error)).toBe(true);
      expect((await store.conversations.byId(c.id))?.lastSeq).toBe(1);
      expect(await store.messages.after(c.id, 0, 10, true)).toHaveLength(1);
    });

    it('appends in one statement: concurrent sends of one id store it once, others get the next seqs', async () => {
      const c = await conversation();
      const results = await Promise.all([
        store.messages.append(text(c.id, 'client-same-1', 'a')),
        store.messages.append(text(c.id, 'client-same-1', 'a')),
        store.messages.append(text(c.id, 'client-other', 'b')),
      ]);
      expect(results.map((r) => r?.duplicate).filter(Boolean)).toHaveLength(1);
      expect(new Set(results.slice(0, 2).map((r) => r?.message.seq)).size).toBe(1);
      expect((await store.messages.after(c.id, 0, 10, true)).map((m) => m.seq)).toEqual([1, 2]);
    });

    it('appends only while the conversation is in the required state', async () => {
      const c = await conversation();
      expect(await store.messages.append(text(c.id, 'client-bot-1'), { onlyIfStatus: 'bot', unhelpfulRounds: 1 })).not.toBeNull();
      await store.conversations.setStatus(c.id, { status: 'queued' });
      expect(await store.messages.append(text(c.id, 'client-bot-2'), { onlyIfStatus: 'bot' })).toBeNull();
      expect(await store.conversations.byId(c.id)).toMatchObject({ lastSeq: 1, unhelpfulRounds: 1 });
    });

    it('records the event with the message in the same statement, and not at all when nothing is stored', async () => {
      const c = await conversation();
      const event = { siteId: c.siteId, type: 'bot.decision' as const, actorType: 'bot' as const, actorId: null, data: { query: 'refunds?', decision: 'answer' as const, confidence: 0.9 } };
      await store.messages.append(text(c.id, 'client-ev-1'), { event });
      await store.messages.append(text(c.id, 'client-ev-1'), { event });
      await store.conversations.setStatus(c.id, { status: 'queued' });
      await store.messages.append(text(c.id, 'client-ev-2'), { onlyIfStatus: 'bot', event });
      const events = await store.events.forConversation(c.id);
      expect(events.filter((e) => e.type === 'bot.decision')).toHaveLength(1);
    });

    it('replays only what comes after a seq, in order, without notes for visitors', async () => {
      const c = await conversation();
      for (let i = 1; i <= 5; i++) await store.tx((r) => r.messages.insert({ ...text(c.id, `client-00000${i}`, `m${i}`), kind: i === 4 ? 'note' : 'text' }));
      expect((await store.messages.after(c.id, 2, 10, true)).map((m) => m.text)).toEqual(['m3', 'm4', 'm5']);
      expect((await store.messages.after(c.id, 2, 10, false)).map((m) => m.text)).toEqual(['m3', 'm5']);
    });

    it('lets exactly one of two concurrent claims win', async () => {
      const c = await conversation();
      const a1 = await store.agents.create({ email: 'a@x.test', name: 'A', role: 'agent', passwordHash: 'h' });
      const a2 = await store.agents.create({ email: 'b@x.test', name: 'B', role: 'agent', passwordHash: 'h' });
      await store.conversations.setStatus(c.id, { status: 'queued', reason: 'asked_for_human' });
      const results = await Promise.all([store.conversations.claim(c.id, a1.id), store.conversations.claim(c.id, a2.id)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const after = await store.conversations.byId(c.id);
      expect(after?.status).toBe('assigned');
      expect([a1.id, a2.id]).toContain(after?.agentId);
    });

    it('orders the queue oldest first and records the escalation reason', async () => {
      const first = await conversation();
      const second = await conversation();
      await store.conversations.setStatus(first.id, { status: 'queued', reason: 'low_confidence' });
      await new Promise((r) => setTimeout(r, 5));
      await store.conversations.setStatus(second.id, { status: 'queued', reason: 'asked_for_human' });
      const queue = await store.conversations.queue(null);
      expect(queue.map((q) => q.id)).toEqual([first.id, second.id]);
      expect(queue[0]?.escalationReason).toBe('low_confidence');
    });

    it('stores events with who and why', async () => {
      const c = await conversation();
      await store.events.record({ siteId: c.siteId, conversationId: c.id, type: 'conversation.escalated', actorType: 'visitor', actorId: c.visitorId, reason: 'asked_for_human', data: { from: 'bot', to: 'queued', outcome: 'queued' } });
      const [e] = await store.events.forConversation(c.id);
      expect(e).toMatchObject({ type: 'conversation.escalated', actorType: 'visitor', reason: 'asked_for_human' });
    });

    it('keeps sessions only until they expire', async () => {
      const agent = await store.agents.create({ email: 'S@x.test', name: 'S', role: 'admin', passwordHash: 'h' });
      await store.sessions.create('live', agent.id, 60_000);
      await store.sessions.create('dead', agent.id, -1);
      expect((await store.sessions.agentFor('live'))?.email).toBe('s@x.test');
      expect(await store.sessions.agentFor('dead')).toBeUndefined();
    });

    it('creates an installation setting once and returns the same value after', async () => {
      const first = await store.setting('secret', () => 'one');
      const second = await store.setting('secret', () => 'two');
      expect([first, second]).toEqual(['one', 'one']);
    });
  });
}
