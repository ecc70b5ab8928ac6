import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchPostgres, type ScratchStore } from '../scripts/bench/stores';
import { freePort, integrityProblems, signIn, startChatServer, storedConversation, type ServerProcess } from './faults/support/harness';
import { TcpProxy } from './faults/support/tcp-proxy';
import { requirePostgresInCi, requireRedisInCi } from './support/backends';
import { clientId, pageContext, TestSocket } from './support/ws-client';

requirePostgresInCi();
requireRedisInCi();
const databaseUrl = process.env.DATABASE_URL || null;
const redisUrl = process.env.REDIS_URL || null;

type Frame = Record<string, unknown> & { type: string };
const isMessage = (author: string, text: string) => (f: Frame) =>
  f.type === 'message' && (f.message as { author: string }).author === author && (f.message as { text: string }).text === text;

async function openVisitor(ws: string, token: string | null = null, lastSeq = 0) {
  const socket = await TestSocket.open(`${ws}/ws/visitor?site=demo`);
  socket.send({ type: 'visitor.hello', protocol: 1, token, lastSeq, context: pageContext(), locale: 'en' });
  const welcome = await socket.type<{ token: string; messages: Array<{ seq: number; id: string; author: string; text: string }> }>('visitor.welcome', 15_000);
  return { socket, welcome };
}

async function openAgent(server: ServerProcess) {
  const cookie = await signIn(server.http);
  const socket = await TestSocket.open(`${server.ws}/ws/agent`, { cookie });
  socket.send({ type: 'agent.hello', protocol: 1 });
  await socket.type('agent.welcome', 15_000);
  return socket;
}

// Two server processes on one PostgreSQL, sharing events through Redis: the visitor on one, the agent on the other.
describe.skipIf(!databaseUrl || !redisUrl)('two nodes behind one load balancer (PostgreSQL + Redis)', () => {
  let store: ScratchStore;
  let a: ServerProcess;
  let b: ServerProcess;
  const env = { REDIS_URL: redisUrl ?? '', REDIS_PREFIX: `test-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}:` };

  beforeAll(async () => {
    store = await scratchPostgres(databaseUrl!);
    a = await startChatServer(store, await freePort(), env);
    b = await startChatServer(store, await freePort(), env);
  }, 120_000);
  afterAll(async () => {
    await Promise.allSettled([a?.kill(), b?.kill()]);
    await store?.dispose();
  });

  it('delivers the queue, the join, messages and typing live in both directions across nodes', async () => {
    const agentOnB = await openAgent(b);
    const { socket: visitorOnA } = await openVisitor(a.ws);

    visitorOnA.send({ type: 'visitor.send', id: clientId(), text: 'I want to talk to a human please' });
    await visitorOnA.next((f) => f.type === 'status' && f.status === 'queued', 10_000);
    const queued = await agentOnB.next<{ items: Array<{ conversationId: string }> }>((f) => f.type === 'queue' && (f.items as unknown[]).length === 1, 10_000);
    const conversationId = queued.items[0]!.conversationId;

    const claim = clientId();
    agentOnB.send({ type: 'agent.claim', id: claim, conversationId });
    await agentOnB.next((f) => f.type === 'ack' && f.id === claim, 10_000);
    await visitorOnA.next((f) => f.type === 'status' && f.status === 'assigned', 10_000);

    agentOnB.send({ type: 'agent.typing', conversationId, typing: true });
    await visitorOnA.next((f) => f.type === 'typing' && f.typing === true, 10_000);
    agentOnB.send({ type: 'agent.send', id: clientId(), conversationId, text: 'Hello from node B' });
    await visitorOnA.next(isMessage('agent', 'Hello from node B'), 10_000);

    visitorOnA.send({ type: 'visitor.typing', typing: true });
    await agentOnB.next((f) => f.type === 'typing' && f.conversationId === conversationId && f.typing === true, 10_000);
    visitorOnA.send({ type: 'visitor.send', id: clientId(), text: 'Hello from node A' });
    await agentOnB.next(isMessage('visitor', 'Hello from node A'), 10_000);
    visitorOnA.close();
    agentOnB.close();
  }, 60_000);

  it('loses nothing when the visitor\'s node is killed mid-chat: the visitor reconnects to the other node', async () => {
    const victim = await startChatServer(store, await freePort(), env);
    const agentOnB = await openAgent(b);
    const { socket: visitor, welcome } = await openVisitor(victim.ws);
    visitor.send({ type: 'visitor.send', id: clientId(), text: 'I want to talk to a human please' });
    const queued = await agentOnB.next<{ items: Array<{ conversationId: string }> }>((f) => f.type === 'queue' && (f.items as unknown[]).length >= 1, 10_000);
    const conversationId = queued.items.at(-1)!.conversationId;
    const claim = clientId();
    agentOnB.send({ type: 'agent.claim', id: claim, conversationId });
    await agentOnB.next((f) => f.type === 'ack' && f.id === claim, 10_000);
    const sent = clientId();
    visitor.send({ type: 'visitor.send', id: sent, text: 'Is anyone there?' });
    const ack = await visitor.next<{ seq: number }>((f) => f.type === 'ack' && f.id === sent, 10_000);

    await victim.kill();
    // While the visitor is away, the agent answers on B; the visitor comes back on B and gets it.
    agentOnB.send({ type: 'agent.send', id: clientId(), conversationId, text: 'Yes, I am here.' });
    await agentOnB.next(isMessage('agent', 'Yes, I am here.'), 10_000);
    const back = await openVisitor(b.ws, welcome.token, ack.seq);
    expect(back.welcome.messages.map((m) => m.text)).toContain('Yes, I am here.');
    const after = clientId();
    back.socket.send({ type: 'visitor.send', id: after, text: 'Great, thanks' });
    await back.socket.next((f) => f.type === 'ack' && f.id === after, 10_000);
    await agentOnB.next(isMessage('visitor', 'Great, thanks'), 10_000);
    back.socket.close();
    agentOnB.close();
  }, 90_000);

  it('recovers by itself when a node loses Redis mid-chat: nothing acked is lost or doubled, in either direction', async () => {
    const target = new URL(redisUrl!);
    const proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 6379) });
    const viaProxy = new URL(redisUrl!);
    viaProxy.host = proxy.hostPort;
    const cutOff = await startChatServer(store, await freePort(), { ...env, REDIS_URL: viaProxy.href });
    try {
      const agentOnB = await openAgent(b);
      const { socket: visitor, welcome } = await openVisitor(cutOff.ws);
      visitor.send({ type: 'visitor.send', id: clientId(), text: 'I want to talk to a human please' });
      const queued = await agentOnB.next<{ items: Array<{ conversationId: string }> }>((f) => f.type === 'queue' && (f.items as unknown[]).length >= 1, 10_000);
      const conversationId = queued.items.at(-1)!.conversationId;
      const claim = clientId();
      agentOnB.send({ type: 'agent.claim', id: claim, conversationId });
      await agentOnB.next((f) => f.type === 'ack' && f.id === claim, 10_000);
      agentOnB.send({ type: 'agent.open', conversationId });
      await agentOnB.type('conversation', 10_000);

      // Both sides keep writing while node A's link to Redis is cut and then restored.
      const fromVisitor: string[] = [];
      const fromAgent: string[] = [];
      for (let i = 0; i < 30; i++) {
        if (i === 10) await proxy.cut();
        if (i === 20) await proxy.restore();
        const v = `visitor ${i}`;
        fromVisitor.push(v);
        visitor.send({ type: 'visitor.send', id: clientId(), text: v });
        const a = `agent ${i}`;
        fromAgent.push(a);
        agentOnB.send({ type: 'agent.send', id: clientId(), conversationId, text: a });
        await new Promise((r) => setTimeout(r, 50));
      }
      const texts = (socket: TestSocket, author: string) =>
        socket.frames.flatMap((f) => (f.type === 'message' ? [f.message] : f.type === 'replay' ? (f.messages as unknown[]) : [])).filter((m) => (m as { author: string }).author === author) as Array<{ seq: number; text: string }>;
      const bySeq = (ms: Array<{ seq: number; text: string }>) => [...new Map(ms.map((m) => [m.seq, m.text])).values()];
      // Every message reaches the other side once Redis is back, without restarting anything.
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && (fromVisitor.some((t) => !bySeq(texts(agentOnB, 'visitor')).includes(t)) || fromAgent.some((t) => !bySeq(texts(visitor, 'agent')).includes(t)))) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(fromVisitor.filter((t) => !bySeq(texts(agentOnB, 'visitor')).includes(t))).toEqual([]);
      expect(fromAgent.filter((t) => !bySeq(texts(visitor, 'agent')).includes(t))).toEqual([]);
      // Stored once each, in order, with no gap.
      const stored = await storedConversation(b.ws, welcome.token);
      expect(integrityProblems(stored)).toEqual([]);
      expect(stored.filter((m) => m.text.startsWith('visitor ')).map((m) => m.text)).toEqual(fromVisitor);
      visitor.close();
      agentOnB.close();
    } finally {
      await cutOff.kill();
      await proxy.close();
    }
  }, 90_000);
});
