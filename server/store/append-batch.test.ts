import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backends, requirePostgresInCi } from '../../tests/support/backends';
import type { Store } from './store';
import { workCounters } from './work-counters';

requirePostgresInCi();

for (const backend of backends()) {
  describe(`group commit of appends on ${backend.name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await backend.open();
    });
    afterEach(async () => {
      await store.close();
    });

    async function conversations(n: number) {
      const site = await store.sites.create({ key: `k${Math.random()}`, name: 'Shop', secret: 's' });
      const out = [];
      for (let i = 0; i < n; i++) {
        const visitor = await store.visitors.create(site.id, null);
        out.push(await store.conversations.create({ siteId: site.id, visitorId: visitor.id, context: null }));
      }
      return out;
    }
    const text = (conversationId: string, id: string, author: 'visitor' | 'bot' = 'visitor') => ({
      conversationId, id, author, authorId: null, authorName: null, kind: 'text' as const, text: `text of ${id}`, bot: null, system: null,
    });

    it('stores concurrent appends of many conversations with far fewer statements, each at its own next seq', async () => {
      const cs = await conversations(40);
      await Promise.all(cs.map((c) => store.messages.append(text(c.id, `first-${c.id}`))));
      const queries = workCounters.queries;
      const batches = workCounters.appendBatches;
      const results = await Promise.all(cs.map((c) => store.messages.append(text(c.id, `second-${c.id}`))));
      expect(results.map((r) => [r?.message.seq, r?.duplicate, r?.conversation?.status])).toEqual(cs.map(() => [2, false, 'bot']));
      expect(results.map((r) => r?.message.id)).toEqual(cs.map((c) => `second-${c.id}`));
      // 40 appends in a handful of statements (one per batch), not 40.
      expect(workCounters.queries - queries).toBeLessThanOrEqual(5);
      expect(workCounters.appendBatches - batches).toBeGreaterThanOrEqual(1);
      for (const c of cs) {
        expect((await store.messages.after(c.id, 0, 10, true)).map((m) => [m.seq, m.id])).toEqual([[1, `first-${c.id}`], [2, `second-${c.id}`]]);
        expect((await store.conversations.byId(c.id))?.lastSeq).toBe(2);
      }
    });

    it('keeps the single append rules inside a batch: resends, a second append to one conversation, conditions and events', async () => {
      const [a, b, c, d] = await conversations(4);
      await store.messages.append(text(a!.id, 'stored-before'));
      await store.conversations.setStatus(c!.id, { status: 'queued', agentId: null, reason: null });
      const [resend, one, two, conditional, capped, withEvent] = await Promise.all([
        store.messages.append(text(a!.id, 'stored-before')),
        store.messages.append(text(b!.id, 'b-1')),
        store.messages.append(text(b!.id, 'b-2')),
        store.messages.append(text(c!.id, 'c-bot', 'bot'), { onlyIfStatus: 'bot' }),
        store.messages.append(text(d!.id, 'd-over'), { maxMessages: 0 }),
        store.messages.append(text(d!.id, 'd-bot', 'bot'), { unhelpfulRounds: 2, event: { siteId: d!.siteId, type: 'bot.decision', actorType: 'bot', actorId: null, reason: null, data: { decision: 'suggest', query: 'q', confidence: 0.5 } } }),
      ]);
      expect(resend).toMatchObject({ duplicate: true, message: { seq: 1, id: 'stored-before' } });
      expect([one?.message.seq, two?.message.seq]).toEqual([1, 2]);
      expect(conditional).toBeNull();
      expect(capped).toBeNull();
      expect(withEvent).toMatchObject({ duplicate: false, message: { seq: 1 }, conversation: { status: 'bot', unhelpfulRounds: 2 } });
      expect((await store.conversations.byId(c!.id))?.lastSeq).toBe(0);
      expect((await store.conversations.byId(d!.id))?.unhelpfulRounds).toBe(2);
      const events = await store.events.forConversation(d!.id);
      expect(events.filter((e) => e.type === 'bot.decision').map((e) => e.data)).toMatchObject([{ decision: 'suggest', query: 'q', confidence: 0.5 }]);
    });

    it('does not append to a conversation resolved longer ago than the reopen window', async () => {
      const [old, recent] = await conversations(2);
      for (const c of [old!, recent!]) await store.conversations.setStatus(c.id, { status: 'resolved', agentId: null, reason: null });
      await store.db.query("UPDATE conversations SET resolved_at = now() - interval '2 hours' WHERE id = $1", [old!.id]);
      const [late, inTime] = await Promise.all([
        store.messages.append(text(old!.id, 'late'), { reopenWithinMinutes: 60 }),
        store.messages.append(text(recent!.id, 'in-time'), { reopenWithinMinutes: 60 }),
      ]);
      expect(late).toBeNull();
      expect(inTime).toMatchObject({ duplicate: false, message: { seq: 1 }, conversation: { status: 'resolved' } });
    });

    it('stores a client id once when two batches race with it', async () => {
      const [c] = await conversations(1);
      const others = await conversations(3);
      const results = await Promise.all([
        ...others.map((o) => store.messages.append(text(o.id, `o-${o.id}`))),
        store.messages.append(text(c!.id, 'same-id')),
        store.messages.append(text(c!.id, 'same-id')),
        store.messages.append(text(c!.id, 'same-id')),
      ]);
      const same = results.slice(3);
      expect(same.filter((r) => r?.duplicate === false)).toHaveLength(1);
      expect(same.map((r) => r?.message.seq)).toEqual([1, 1, 1]);
      expect(await store.messages.after(c!.id, 0, 10, true)).toHaveLength(1);
    });

    it('stores the bot reply in the same statement only when the message is stored and the state it was decided for still holds', async () => {
      const [plain, queued, moved, full, single] = await conversations(5);
      await store.conversations.setStatus(queued!.id, { status: 'queued', agentId: null, reason: null });
      await store.conversations.setUnhelpfulRounds(moved!.id, 1);
      await store.messages.append(text(full!.id, 'f-1'));
      const reply = (siteId: string, id: string) => ({
        message: { id, text: 'An answer', bot: { type: 'smalltalk' as const, reply: 'thanks' } },
        ifUnhelpfulRounds: 0,
        unhelpfulRounds: 1,
        event: { siteId, type: 'bot.decision' as const, actorType: 'bot' as const, actorId: null, reason: null, data: { decision: 'smalltalk' as const, query: 'q', confidence: 1 } },
      });
      const [answered, toQueue, stale, capped, resend] = await Promise.all([
        store.messages.append(text(plain!.id, 'p-1'), { reply: reply(plain!.siteId, 'srv_p') }),
        store.messages.append(text(queued!.id, 'q-1'), { reply: reply(queued!.siteId, 'srv_q') }),
        store.messages.append(text(moved!.id, 'm-1'), { reply: reply(moved!.siteId, 'srv_m') }),
        store.messages.append(text(full!.id, 'f-2'), { maxMessages: 2, reply: reply(full!.siteId, 'srv_f') }),
        store.messages.append(text(full!.id, 'f-1'), { reply: reply(full!.siteId, 'srv_f2') }),
      ]);
      expect(answered).toMatchObject({ duplicate: false, message: { seq: 1, id: 'p-1' }, reply: { seq: 2, id: 'srv_p', author: 'bot' }, conversation: { status: 'bot', unhelpfulRounds: 1 } });
      expect((await store.conversations.byId(plain!.id))?.lastSeq).toBe(2);
      expect((await store.events.forConversation(plain!.id)).filter((e) => e.type === 'bot.decision')).toHaveLength(1);
      // Stored without the reply: not with the bot, or decided for other rounds, or no room for the reply under the cap.
      for (const [r, c, seq, rounds] of [[toQueue, queued, 1, 0], [stale, moved, 1, 1], [capped, full, 2, 0]] as const) {
        expect(r).toMatchObject({ duplicate: false, message: { seq }, conversation: { unhelpfulRounds: rounds } });
        expect(r?.reply).toBeUndefined();
        expect((await store.conversations.byId(c!.id))?.lastSeq).toBe(seq);
        expect((await store.events.forConversation(c!.id)).filter((e) => e.type === 'bot.decision')).toHaveLength(0);
      }
      expect(resend).toMatchObject({ duplicate: true, message: { seq: 1 } });
      expect(resend?.reply).toBeUndefined();
      // The single-statement path (no batch around it) keeps the same meaning.
      const alone = await store.messages.append(text(single!.id, 's-1'), { reply: reply(single!.siteId, 'srv_s') });
      expect(alone).toMatchObject({ message: { seq: 1 }, reply: { seq: 2, id: 'srv_s' } });
      expect((await store.messages.after(single!.id, 0, 10, true)).map((m) => [m.seq, m.author])).toEqual([[1, 'visitor'], [2, 'bot']]);
    });
  });
}
