import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, requirePostgresInCi } from './support/backends';
import { agent, clientId, startServer, visitor, type RunningServer } from './support/server';

requirePostgresInCi();

type Updated = { type: string; conversation: { id: string; visitorOnline?: boolean; visitorLastSeenAt?: number } };

for (const backend of backends()) {
  describe(`visitor presence in the console (${backend.name})`, () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer(backend);
    });
    afterAll(async () => {
      await server.close();
    });

    const liveSockets = async (visitorId: string) => {
      const rows = await server.store.db.query<{ n: string | number }>('SELECT count(*) AS n FROM visitor_connections WHERE visitor_id = $1', [visitorId]);
      return Number(rows[0]!.n);
    };
    async function until(check: () => Promise<boolean>): Promise<void> {
      const deadline = Date.now() + 5_000;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error('condition not met in time');
        await new Promise((r) => setTimeout(r, 25));
      }
    }

    it('shows the visitor on the site while any tab is open, and gone with the time last seen when the last one closes', async () => {
      const { socket: console_ } = await agent(server, 'admin@demo.test');
      const tab1 = await visitor(server);
      tab1.socket.send({ type: 'visitor.send', id: clientId(), text: 'hello there' });
      await tab1.socket.next((f) => f.type === 'message' && (f.message as { author: string }).author === 'bot');
      tab1.socket.send({ type: 'visitor.escalate', id: clientId() });
      const queued = await tab1.socket.next<{ conversationId: string }>((f) => f.type === 'status' && f.status === 'queued');
      const conversationId = queued.conversationId;

      console_.send({ type: 'agent.open', conversationId });
      const opened = await console_.next<{ conversation: { visitorOnline: boolean; visitorLastSeenAt: number } }>((f) => f.type === 'conversation');
      expect(opened.conversation.visitorOnline).toBe(true);

      const tab2 = await visitor(server, { token: tab1.welcome.token });
      expect(tab2.welcome.visitorId).toBe(tab1.welcome.visitorId);
      await until(async () => (await liveSockets(tab1.welcome.visitorId)) === 2);
      const mark = console_.frames.length;
      tab1.socket.close();
      await until(async () => (await liveSockets(tab1.welcome.visitorId)) === 1);
      // One tab left: still on the site, and the console was not told otherwise.
      const [summary] = await server.app.services.agents.open((await server.store.agents.byEmail('admin@demo.test'))!, conversationId).then((o) => [o.conversation]);
      expect(summary!.visitorOnline).toBe(true);
      expect(console_.frames.slice(mark).some((f) => f.type === 'conversation.updated' && (f as unknown as Updated).conversation.visitorOnline === false)).toBe(false);

      const beforeLeaving = Date.now();
      tab2.socket.close();
      const gone = await console_.next<Updated>((f) => f.type === 'conversation.updated' && (f as unknown as Updated).conversation.visitorOnline === false, 5_000, mark);
      expect(gone.conversation.id).toBe(conversationId);
      expect(gone.conversation.visitorLastSeenAt).toBeGreaterThanOrEqual(beforeLeaving - 1_000);

      const back = console_.frames.length;
      const tab3 = await visitor(server, { token: tab1.welcome.token });
      const returned = await console_.next<Updated>((f) => f.type === 'conversation.updated' && (f as unknown as Updated).conversation.visitorOnline === true, 5_000, back);
      expect(returned.conversation.id).toBe(conversationId);
      tab3.socket.close();
      console_.close();
    });

    it('does not count a socket whose node stopped sending heartbeats', async () => {
      const tab = await visitor(server);
      await until(async () => (await liveSockets(tab.welcome.visitorId)) === 1);
      expect((await server.store.visitorPresence.of([tab.welcome.visitorId])).get(tab.welcome.visitorId)?.online).toBe(true);
      await server.store.db.query("UPDATE visitor_connections SET last_seen_at = now() - interval '10 minutes' WHERE visitor_id = $1", [tab.welcome.visitorId]);
      expect((await server.store.visitorPresence.of([tab.welcome.visitorId])).get(tab.welcome.visitorId)?.online).toBe(false);
      tab.socket.close();
    });
  });
}
