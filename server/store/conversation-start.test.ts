import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backends, requirePostgresInCi } from '../../tests/support/backends';
import type { Store } from './store';
import { workCounters } from './work-counters';

requirePostgresInCi();

for (const backend of backends()) {
  describe(`group commit of new conversations on ${backend.name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await backend.open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('starts many conversations at once with few statements, each with its own events in order', async () => {
      const site = await store.sites.create({ key: `k${Math.random()}`, name: 'Shop', secret: 's' });
      const visitors = [];
      for (let i = 0; i < 30; i++) visitors.push(await store.visitors.create(site.id, null));
      const queries = workCounters.queries;
      const at = new Date('2026-12-01T10:00:00Z');
      const started = await Promise.all(
        visitors.map((v, i) =>
          store.conversations.start({
            siteId: site.id,
            visitorId: v.id,
            context: { url: `https://shop.test/${i}`, title: `Page ${i}` } as never,
            events: [
              { type: 'conversation.started', actorType: 'visitor', actorId: v.id, data: { url: `https://shop.test/${i}` } },
              { type: 'page.viewed', actorType: 'visitor', actorId: v.id, data: { url: `https://shop.test/${i}`, title: `Page ${i}` }, at },
            ],
          }),
        ),
      );
      // 30 conversations and 60 events in a handful of statements, not 90.
      expect(workCounters.queries - queries).toBeLessThanOrEqual(5);
      expect(started.map((c) => [c.visitorId, c.status, c.lastSeq])).toEqual(visitors.map((v) => [v.id, 'bot', 0]));
      expect(new Set(started.map((c) => c.id)).size).toBe(30);
      for (const [i, c] of started.entries()) {
        expect((await store.conversations.byId(c.id))?.context).toMatchObject({ url: `https://shop.test/${i}` });
        const events = await store.events.forConversation(c.id);
        expect(events.map((e) => [e.type, e.actorId, e.siteId])).toEqual([
          ['conversation.started', visitors[i]!.id, site.id],
          ['page.viewed', visitors[i]!.id, site.id],
        ]);
        expect(events[1]!.createdAt).toBe(at.getTime());
        expect(events[1]!.data).toEqual({ url: `https://shop.test/${i}`, title: `Page ${i}` });
      }
    });

    it('starts a conversation inside a transaction (no batching there) and rolls it back with it', async () => {
      const site = await store.sites.create({ key: `k${Math.random()}`, name: 'Shop', secret: 's' });
      const visitor = await store.visitors.create(site.id, null);
      let id = '';
      await expect(
        store.tx(async (tx) => {
          id = (await tx.conversations.start({ siteId: site.id, visitorId: visitor.id, context: null, events: [] })).id;
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
      expect(id).not.toBe('');
      expect(await store.conversations.byId(id)).toBeUndefined();
    });
  });
}
