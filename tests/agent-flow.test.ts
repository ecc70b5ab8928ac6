import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, requirePostgresInCi } from './support/backends';
import { agent, clientId, startServer, visitor, type RunningServer } from './support/server';
import { TestSocket } from './support/ws-client';

requirePostgresInCi();

type Frame = Record<string, unknown> & { type: string };
const isMessage = (author: string, text?: string) => (f: Frame) =>
  f.type === 'message' && (f.message as { author: string }).author === author && (text === undefined || (f.message as { text: string }).text === text);

for (const backend of backends()) {
  describe(`visitor → bot → agent → visitor (${backend.name})`, () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer(backend);
    });
    afterAll(async () => {
      await server.close();
    });

    it('hands an escalated chat with its story to an agent, who claims, replies and resolves', async () => {
      const alex = await agent(server, 'agent@demo.test');
      const sam = await agent(server, 'admin@demo.test');
      const { socket: v } = await visitor(server);

      v.send({ type: 'visitor.send', id: clientId(), text: 'My parcel says delivered but it is not here' });
      await v.next(isMessage('bot'));
      v.send({ type: 'visitor.send', id: clientId(), text: 'I want to talk to a human please' });
      const queued = await v.next<{ status: string; queuePosition: number }>((f) => f.type === 'status' && f.status === 'queued');
      expect(queued.queuePosition).toBe(1);

      // Both agents see it in the queue, with the reason and the last thing the visitor said.
      const inQueue = (f: Frame) => f.type === 'queue' && (f.items as unknown[]).length === 1;
      const [qa] = await Promise.all([alex.socket.next<{ items: Array<{ conversationId: string; reason: string; lastMessage: string; pageUrl: string }> }>(inQueue), sam.socket.next(inQueue)]);
      const item = qa.items[0]!;
      expect(item.reason).toBe('asked_for_human');
      expect(item.lastMessage).toBe('I want to talk to a human please');
      expect(item.pageUrl).toBe('https://shop.example/orders/123');

      // The transcript, bot attempts and page come with it.
      alex.socket.send({ type: 'agent.open', conversationId: item.conversationId });
      const opened = await alex.socket.type<{ conversation: { context: { url: string }; events: Array<{ type: string; reason: string | null }> }; messages: Array<{ author: string; text: string; bot: unknown }> }>('conversation');
      expect(opened.conversation.context.url).toBe('https://shop.example/orders/123');
      expect(opened.messages.map((m) => m.author)).toEqual(['visitor', 'bot', 'visitor', 'bot', 'system']);
      expect(opened.messages[1]!.bot).not.toBeNull();
      expect(opened.conversation.events.find((e) => e.type === 'conversation.escalated')?.reason).toBe('asked_for_human');

      // Both claim at once: exactly one wins, the other is told.
      const claimA = clientId();
      const claimS = clientId();
      alex.socket.send({ type: 'agent.claim', id: claimA, conversationId: item.conversationId });
      sam.socket.send({ type: 'agent.claim', id: claimS, conversationId: item.conversationId });
      const [ra, rs] = await Promise.all([
        alex.socket.next((f) => (f.type === 'ack' || f.type === 'error') && f.id === claimA),
        sam.socket.next((f) => (f.type === 'ack' || f.type === 'error') && f.id === claimS),
      ]);
      const outcomes = [ra, rs].map((r) => (r.type === 'ack' ? 'won' : (r as { code: string }).code)).sort();
      expect(outcomes).toEqual(['already_claimed', 'won']);
      const winner = ra.type === 'ack' ? alex : sam;
      const loser = winner === alex ? sam : alex;
      await loser.socket.next((f) => f.type === 'queue' && (f.items as unknown[]).length === 0);

      const joined = await v.next<{ agentName: string; status: string }>((f) => f.type === 'status' && f.status === 'assigned');
      expect(joined.agentName).toBe(winner.welcome.agent.name);

      // Replies both ways, live; notes stay internal.
      const reply = clientId();
      winner.socket.send({ type: 'agent.send', id: reply, conversationId: item.conversationId, text: 'Sorry about that! Let me check with the carrier.' });
      await winner.socket.next((f) => f.type === 'ack' && f.id === reply);
      winner.socket.send({ type: 'agent.note', id: clientId(), conversationId: item.conversationId, text: 'carrier claim #55' });
      await v.next(isMessage('agent', 'Sorry about that! Let me check with the carrier.'));
      v.send({ type: 'visitor.send', id: clientId(), text: 'Thank you!' });
      await winner.socket.next(isMessage('visitor', 'Thank you!'));

      const done = clientId();
      winner.socket.send({ type: 'agent.resolve', id: done, conversationId: item.conversationId });
      await winner.socket.next((f) => f.type === 'ack' && f.id === done);
      await v.next((f) => f.type === 'status' && f.status === 'resolved');
      expect(v.frames.some((f) => f.type === 'message' && (f.message as { kind: string }).kind === 'note')).toBe(false);
      expect(v.frames.some((f) => JSON.stringify(f).includes('carrier claim'))).toBe(false);

      const rating = clientId();
      v.send({ type: 'visitor.csat', id: rating, conversationId: item.conversationId, rating: 5, comment: 'Quick and kind' });
      await v.next((f) => f.type === 'ack' && f.id === rating);
      const events = await server.store.events.forConversation(item.conversationId);
      expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['conversation.started', 'bot.decision', 'conversation.escalated', 'conversation.assigned', 'conversation.resolved', 'csat.submitted']));

      for (const s of [v, alex.socket, sam.socket]) s.close();
    });

    it('ends an open console socket once its session is signed out', async () => {
      const alex = await agent(server, 'agent@demo.test');
      const out = await fetch(`${server.http}/api/auth/logout`, { method: 'POST', headers: { cookie: alex.cookie } });
      expect(out.status).toBe(204);
      alex.socket.send({ type: 'agent.presence', status: 'away' });
      expect((await alex.socket.waitClosed()).code).toBe(4001);
      expect(alex.socket.frames.some((f) => f.type === 'error' && f.code === 'unauthorized')).toBe(true);
      expect((await server.store.agents.byEmail('agent@demo.test'))?.presence).toBe('online');
    });

    it('refuses agent sockets without a valid session', async () => {
      const s = await TestSocket.open(`${server.ws}/ws/agent`, { cookie: 'chat_session=forged' });
      expect((await s.waitClosed()).code).toBe(4001);
    });

    it('does not let an agent write to a chat they have not claimed, or read one that is another agent\'s', async () => {
      const alex = await agent(server, 'agent@demo.test');
      const sam = await agent(server, 'admin@demo.test');
      const { socket: v } = await visitor(server);
      const cid = clientId();
      v.send({ type: 'visitor.escalate', id: cid });
      const ack = await v.next<{ conversationId: string }>((f) => f.type === 'ack' && f.id === cid);
      const attempt = async (text: string) => {
        const id = clientId();
        alex.socket.send({ type: 'agent.send', id, conversationId: ack.conversationId, text });
        return (await alex.socket.next<{ type: string; code: string }>((f) => (f.type === 'error' || f.type === 'ack') && f.id === id)).code;
      };
      expect(await attempt('before claiming')).toBe('forbidden');
      const claim = clientId();
      sam.socket.send({ type: 'agent.claim', id: claim, conversationId: ack.conversationId });
      await sam.socket.next((f) => f.type === 'ack' && f.id === claim);
      expect(await attempt('after someone else claimed')).toBe('not_found');
      alex.socket.send({ type: 'agent.open', conversationId: ack.conversationId });
      expect((await alex.socket.next<{ code: string }>((f) => f.type === 'error' && f.code === 'not_found')).code).toBe('not_found');
      const texts = (await server.store.messages.after(ack.conversationId, 0, 50, true)).map((m) => m.text);
      expect(texts.some((t) => t.includes('claim'))).toBe(false);
      for (const s of [v, alex.socket, sam.socket]) s.close();
    });
  });
}
