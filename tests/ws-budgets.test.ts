import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE, LIMITS } from '../shared/limits';
import { topics } from '../server/bus/bus';
import { backends, requirePostgresInCi } from './support/backends';
import { agent, clientId, pageContext, startServer, visitor, type RunningServer } from './support/server';
import { fill } from './support/fill';
import { TestSocket } from './support/ws-client';

requirePostgresInCi();

type Frame = Record<string, unknown> & { type: string };
const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));

for (const backend of backends()) {
  describe(`every frame type is metered (${backend.name})`, () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer(backend, { RATE_CONNECTIONS_PER_MINUTE: '100000' });
    });
    afterAll(async () => {
      await server.close();
    });

    /** A visitor with a conversation (so page frames are recorded against it). */
    const chatting = async () => {
      const v = await visitor(server);
      const said = clientId();
      v.socket.send({ type: 'visitor.send', id: said, text: 'hello' });
      const ack = await v.socket.next<{ conversationId: string }>((f) => f.type === 'ack' && f.id === said);
      return { ...v, conversationId: ack.conversationId };
    };
    const pageViews = async (conversationId: string) => (await server.store.events.forConversation(conversationId)).filter((e) => e.type === 'page.viewed').length;

    it('a flood of page frames is refused at arrival, stores only the budget, and ends with a clear close', async () => {
      const v = await chatting();
      const before = await pageViews(v.conversationId);
      for (let i = 0; i < 3_000; i++) v.socket.send({ type: 'visitor.page', context: pageContext(`https://shop.example/p/${i}`) });
      expect((await v.socket.waitClosed()).code).toBe(CLOSE.rateLimited);
      expect(v.socket.frames.some((f) => f.type === 'error' && f.code === 'rate_limited')).toBe(true);
      await settle();
      // At most the socket's burst (100 units at 3 a page) plus what refills during the flood; frames
      // still queued when the socket closes are dropped with it.
      expect((await pageViews(v.conversationId)) - before).toBeLessThan(45);
    });

    it('all sockets of one visitor share one budget: more tabs buy no more frames', async () => {
      const v = await chatting();
      const before = await pageViews(v.conversationId);
      const tabs = [v.socket];
      for (let i = 0; i < 3; i++) {
        const s = await TestSocket.open(`${server.ws}/ws/visitor?site=demo`);
        s.send({ type: 'visitor.hello', protocol: 1, token: v.welcome.token, lastSeq: 0, context: pageContext() });
        await s.type('visitor.welcome');
        tabs.push(s);
      }
      // Each tab alone may spend 100 units; together they share the visitor's 150 (minus hellos and the send).
      for (const s of tabs) for (let i = 0; i < 30; i++) s.send({ type: 'visitor.page', context: pageContext(`https://shop.example/t/${i}`) });
      await settle(1_000);
      const stored = (await pageViews(v.conversationId)) - before;
      expect(stored).toBeLessThan(55);
      expect(stored).toBeGreaterThan(25);
      for (const s of tabs) s.close();
    });

    it('answers a second hello with an error instead of another welcome', async () => {
      const v = await chatting();
      for (let i = 0; i < 5; i++) v.socket.send({ type: 'visitor.hello', protocol: 1, token: v.welcome.token, lastSeq: 0, context: pageContext() });
      await v.socket.next((f) => f.type === 'error' && f.code === 'invalid_state');
      await settle();
      expect(v.socket.frames.filter((f) => f.type === 'visitor.welcome')).toHaveLength(1);
      v.socket.close();
    });

    it('choose cannot push a conversation past the message cap', async () => {
      const v = await chatting();
      await fill(server, v.conversationId, LIMITS.conversationMessages - 3, 'filler');
      const articleId = server.app.services.bot.articles()[0]!.id;
      const ids = Array.from({ length: 8 }, () => clientId());
      for (const id of ids) v.socket.send({ type: 'visitor.choose', id, articleId });
      const answers = await Promise.all(ids.map((id) => v.socket.next<Frame>((f) => (f.type === 'ack' || f.type === 'error') && f.id === id)));
      expect(answers.filter((a) => a.type === 'error').every((a) => a.code === 'invalid_state')).toBe(true);
      const c = await server.store.conversations.byId(v.conversationId);
      expect(c!.lastSeq).toBe(LIMITS.conversationMessages);
      v.socket.close();
    });

    it('meters agent frames too', async () => {
      const a = await agent(server);
      for (let i = 0; i < 1_000; i++) a.socket.send({ type: 'agent.presence', status: i % 2 ? 'online' : 'away' });
      expect((await a.socket.waitClosed()).code).toBe(CLOSE.rateLimited);
      expect(a.socket.frames.some((f) => f.type === 'error' && f.code === 'rate_limited')).toBe(true);
    });
  });
}

describe('a client that stops reading', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(backends()[0]!);
  });
  afterAll(async () => {
    await server.close();
  });

  it('is closed once its outbound buffer passes the budget, and others are served meanwhile', async () => {
    const slow = await visitor(server);
    const said = clientId();
    slow.socket.send({ type: 'visitor.send', id: said, text: 'hello' });
    const { conversationId } = await slow.socket.next<{ conversationId: string }>((f) => f.type === 'ack' && f.id === said);
    const serverSide = [...server.app.websocketServer.clients].at(-1)!;
    slow.socket.ws.pause();

    // 20 MB of agent replies for a visitor whose browser stopped reading.
    const text = 'x'.repeat(LIMITS.messageText);
    for (let seq = 1; seq <= 5_000; seq++) {
      server.app.services.bus.publish(topics.conversation(conversationId), {
        kind: 'message',
        message: { id: `m${seq}`, conversationId, seq: 1_000 + seq, author: 'agent', authorName: 'Ana', kind: 'text', text, bot: null, system: null, createdAt: Date.now() },
      });
    }
    const deadline = Date.now() + 5_000;
    while (serverSide.readyState !== serverSide.CLOSED && Date.now() < deadline) await settle(50);
    expect(serverSide.readyState).toBe(serverSide.CLOSED);
    expect(serverSide.bufferedAmount).toBeLessThanOrEqual(LIMITS.outboundBufferBytes);

    const other = await visitor(server);
    const t0 = Date.now();
    const id = clientId();
    other.socket.send({ type: 'visitor.send', id, text: 'am I served?' });
    await other.socket.next((f) => f.type === 'ack' && f.id === id);
    expect(Date.now() - t0).toBeLessThan(2_000);
    other.socket.close();
  });
});
