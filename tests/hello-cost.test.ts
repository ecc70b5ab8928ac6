import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, requirePostgresInCi } from './support/backends';
import { counting, settled } from './support/counting';
import { clientId, startServer, visitor, type RunningServer } from './support/server';

requirePostgresInCi();

/** Statements that change data: each is a commit (a WAL flush with `synchronous_commit` on). */
const WRITES = /^\s*(WITH\s+\w+\s+AS\s*\(\s*)?(INSERT|UPDATE|DELETE)\b/i;

/**
 * A page load is a hello: 10,000 open widgets are 10,000 of them, and the benchmark measured a hello at 7 round
 * trips and 3 commits (the visit, the socket's presence row, the visit again) with lookups repeated for the consoles'
 * "visitor is here" announcement and the page view. Each is read or written once now.
 */
for (const base of backends()) {
  describe(`what one visitor.hello costs (${base.name})`, () => {
    const backend = counting(base);
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer(backend);
    }, 120_000);
    afterAll(async () => {
      await server.close();
    });

    async function hello(opts: Parameters<typeof visitor>[1] = {}) {
      await settled(backend, () => true);
      const start = backend.texts.length;
      const v = await visitor(server, opts);
      await settled(backend, () => true);
      const texts = backend.texts.slice(start);
      return { ...v, queries: texts.length, writes: texts.filter((t) => WRITES.test(t)).length, texts };
    }

    it('a new visitor: the site, then one statement that stores the visitor and their socket (one commit)', async () => {
      // The first hello of a process fills the per-node caches ("agents online", the site's reply time).
      (await hello()).socket.close();
      const fresh = await hello();
      expect(fresh.texts.map((t) => t.replace(/\s+/g, ' ').slice(0, 40))).toEqual(['SELECT * FROM sites WHERE key = $1', 'WITH v AS (INSERT INTO visitors (id, sit']);
      expect(fresh.writes).toBe(1);
      const live = await server.store.db.query<{ n: string | number }>('SELECT count(*) AS n FROM visitor_connections WHERE visitor_id = $1', [fresh.welcome.visitorId]);
      expect(Number(live[0]!.n)).toBe(1);
      fresh.socket.close();
    }, 60_000);

    it('a returning visitor with a conversation: the site, their record, one write, their conversation and the messages they lack', async () => {
      const first = await visitor(server);
      const id = clientId();
      first.socket.send({ type: 'visitor.send', id, text: 'how do I reset my password?' });
      const { conversationId } = await first.socket.next<{ conversationId: string }>((f) => f.type === 'ack' && f.id === id);
      await first.socket.next((f) => f.type === 'message' && (f.message as { author: string }).author === 'bot');
      first.socket.close();
      await first.socket.waitClosed();
      const back = await hello({ token: first.welcome.token, conversationId, lastSeq: 1 });
      expect(back.welcome.conversationId).toBe(conversationId);
      expect(back.welcome.messages.map((m) => m.author)).toEqual(['bot']);
      expect(back.queries).toBe(5);
      expect(back.writes).toBe(1);
      back.socket.close();
    }, 60_000);
  });
}
