import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, requirePostgresInCi } from './support/backends';
import { clientId, startServer, visitor, type RunningServer } from './support/server';

requirePostgresInCi();

type Msg = { type: string; message: { id: string; seq: number; text: string; author: string; conversationId: string } };
type Ack = { id: string; seq: number; conversationId: string };

for (const backend of backends()) {
  describe(`visitor delivery over real sockets (${backend.name})`, () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer(backend);
    });
    afterAll(async () => {
      await server.close();
    });

    it('stores a message, then acks it with its seq, and the bot answers', async () => {
      const { socket } = await visitor(server);
      const id = clientId();
      socket.send({ type: 'visitor.send', id, text: 'How long does standard shipping take?' });
      const ack = await socket.next<Ack>((f) => f.type === 'ack' && f.id === id);
      expect(ack.seq).toBe(1);
      const stored = await server.store.messages.bySeq(ack.conversationId, 1);
      expect(stored).toMatchObject({ id, text: 'How long does standard shipping take?', author: 'visitor' });
      const reply = await socket.next<Msg>((f) => f.type === 'message' && (f as unknown as Msg).message.author === 'bot');
      expect(reply.message.seq).toBe(2);
      // The first message of a new conversation also comes back, so other tabs and the transcript agree.
      const echo = await socket.next<Msg>((f) => f.type === 'message' && (f as unknown as Msg).message.id === id);
      expect(echo.message.seq).toBe(1);
      socket.close();
    });

    it('makes one message of the same client id sent twice, and acks both with the same seq', async () => {
      const { socket } = await visitor(server);
      const id = clientId();
      socket.send({ type: 'visitor.send', id, text: 'hello there' });
      socket.send({ type: 'visitor.send', id, text: 'hello there' });
      await socket.next((f) => f.type === 'ack' && f.id === id);
      const acks = await waitFor(() => socket.frames.filter((f) => f.type === 'ack' && f.id === id), (a) => a.length === 2);
      expect((acks as unknown as Ack[]).map((a) => a.seq)).toEqual([1, 1]);
      const all = await server.store.messages.after((acks[0] as unknown as Ack).conversationId, 0, 100, true);
      expect(all.filter((m) => m.id === id)).toHaveLength(1);
      socket.close();
    });

    it('resumes after a dropped connection with exactly the missed messages, in order', async () => {
      const first = await visitor(server);
      const id = clientId();
      first.socket.send({ type: 'visitor.send', id, text: 'Do you ship to Canada?' });
      const ack = await first.socket.next<Ack>((f) => f.type === 'ack' && f.id === id);
      const botReply = await first.socket.next<Msg>((f) => f.type === 'message' && (f as unknown as Msg).message.author === 'bot');
      const seen = botReply.message.seq;
      first.socket.drop();

      // While the visitor is away an agent answers twice (written straight through the service).
      const agentRecord = (await server.store.agents.byEmail('agent@demo.test'))!;
      const c = await server.store.conversations.byId(ack.conversationId);
      await server.store.conversations.setStatus(c!.id, { status: 'assigned', agentId: agentRecord.id });
      await server.app.services.agents.send(agentRecord, { id: clientId(), conversationId: c!.id, text: 'Yes, we ship to Canada.' });
      await server.app.services.agents.note(agentRecord, { id: clientId(), conversationId: c!.id, text: 'internal: VIP customer' });
      await server.app.services.agents.send(agentRecord, { id: clientId(), conversationId: c!.id, text: 'Delivery takes 5–8 days.' });

      const again = await visitor(server, { token: first.welcome.token, lastSeq: seen, conversationId: ack.conversationId });
      expect(again.welcome.conversationId).toBe(ack.conversationId);
      expect(again.welcome.messages.map((m) => m.text)).toEqual(['Yes, we ship to Canada.', 'Delivery takes 5–8 days.']);
      const seqs = again.welcome.messages.map((m) => m.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(seqs[0]).toBeGreaterThan(seen);
      again.socket.close();
    });

    it('answers a message whose bot turn was lost in a crash when the client resends it', async () => {
      const first = await visitor(server);
      const greeting = clientId();
      first.socket.send({ type: 'visitor.send', id: greeting, text: 'hello' });
      const ack = await first.socket.next<Ack>((f) => f.type === 'ack' && f.id === greeting);
      await first.socket.next<Msg>((f) => f.type === 'message' && (f as unknown as Msg).message.author === 'bot');
      first.socket.drop();
      // As if the server stored this message, acked it, and died before the bot answered.
      const id = clientId();
      await server.store.messages.append({ conversationId: ack.conversationId, id, author: 'visitor', authorId: null, authorName: null, kind: 'text', text: 'Do you ship to Canada?', bot: null, system: null });
      const again = await visitor(server, { token: first.welcome.token, lastSeq: 2, conversationId: ack.conversationId });
      again.socket.send({ type: 'visitor.send', id, text: 'Do you ship to Canada?' });
      await again.socket.next((f) => f.type === 'ack' && f.id === id);
      const reply = await again.socket.next<Msg>((f) => f.type === 'message' && (f as unknown as Msg).message.author === 'bot');
      expect(reply.message.seq).toBe(4);
      again.socket.send({ type: 'visitor.send', id, text: 'Do you ship to Canada?' });
      await again.socket.next((f) => f.type === 'ack' && f.id === id && again.socket.frames.filter((x) => x.type === 'ack' && x.id === id).length === 2);
      await new Promise((r) => setTimeout(r, 200));
      const bots = (await server.store.messages.after(ack.conversationId, 0, 50, true)).filter((m) => m.author === 'bot');
      expect(bots).toHaveLength(2);
      again.socket.close();
    });

    it('refuses a token from another visitor forged with a different key', async () => {
      const { socket } = await visitor(server);
      socket.close();
      const forged = `${Buffer.from(JSON.stringify({ v: 'someone-else', s: 'x' })).toString('base64url')}.AAAA`;
      const { TestSocket } = await import('./support/ws-client');
      const s = await TestSocket.open(`${server.ws}/ws/visitor?site=demo`);
      s.send({ type: 'visitor.hello', protocol: 1, token: forged, lastSeq: 0, context: { url: 'https://x.test/', title: 'x' } });
      const closed = await s.waitClosed();
      expect(closed.code).toBe(4001);
      expect(s.frames.some((f) => f.type === 'error' && f.code === 'unauthorized')).toBe(true);
    });
  });
}

async function waitFor<T>(get: () => T, ok: (v: T) => boolean, timeoutMs = 3_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}
