import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, requirePostgresInCi } from './support/backends';
import { counting, settled } from './support/counting';
import { agent, clientId, startServer, visitor, type RunningServer } from './support/server';
import type { TestSocket } from './support/ws-client';

requirePostgresInCi();

const after = (socket: TestSocket, mark: number, type: string) => socket.frames.slice(mark).some((f) => f.type === type);

interface Costs {
  queuedMessage: number;
  claim: number;
  botMessage: number;
}

/** `sockets` console tabs and `sockets` waiting visitors of one site; what one message, one claim and one bot turn cost. */
async function measure(backend: ReturnType<typeof counting>, server: RunningServer, sockets: number): Promise<Costs> {
  const agents: Array<Awaited<ReturnType<typeof agent>>> = [];
  for (let i = 0; i < sockets; i++) agents.push(await agent(server));
  const queued: Array<Awaited<ReturnType<typeof visitor>> & { conversationId: string }> = [];
  // One more than the waiting visitors that are counted: the first one is claimed, the others move up.
  for (let i = 0; i <= sockets; i++) {
    const v = await visitor(server);
    const id = clientId();
    v.socket.send({ type: 'visitor.escalate', id });
    const ack = await v.socket.next<{ conversationId: string }>((f) => f.type === 'ack' && f.id === id);
    queued.push({ ...v, conversationId: ack.conversationId });
  }
  const bystander = await visitor(server);
  await settled(backend, () => true); const first = queued[0]!;

  // A new message in a queued chat changes the queue's preview: every console gets a snapshot.
  let start = backend.count();
  let marks = agents.map((a) => a.socket.frames.length);
  first.socket.send({ type: 'visitor.send', id: clientId(), text: 'still waiting for someone' });
  const queuedMessage = (await settled(backend, () => agents.every((a, i) => after(a.socket, marks[i]!, 'queue')))) - start;

  // A claim moves everyone else up: every console gets a snapshot, every waiting visitor a new position.
  start = backend.count();
  marks = agents.map((a) => a.socket.frames.length);
  const visitorMarks = queued.map((q) => q.socket.frames.length);
  agents[0]!.socket.send({ type: 'agent.claim', id: clientId(), conversationId: first.conversationId });
  const claim =
    (await settled(backend, () => agents.every((a, i) => after(a.socket, marks[i]!, 'queue')) && queued.slice(1).every((q, i) => after(q.socket, visitorMarks[i + 1]!, 'status')))) - start;

  // A visitor talking to the bot: the per-message cost the benchmark's load is made of.
  start = backend.count();
  const mark = bystander.socket.frames.length;
  bystander.socket.send({ type: 'visitor.send', id: clientId(), text: 'how do I reset my password?' });
  const botMessage = (await settled(backend, () => bystander.socket.frames.slice(mark).some((f) => f.type === 'message' && (f.message as { author: string }).author === 'bot'))) - start;

  for (const s of [...agents, ...queued, bystander]) s.socket.close();
  // The next round starts from an empty queue and no console.
  for (const c of await server.store.conversations.queue(null)) await server.store.conversations.setStatus(c.id, { status: 'resolved' });
  await Promise.all([...agents, ...queued, bystander].map((s) => s.socket.waitClosed()));
  await settled(backend, () => true);
  return { queuedMessage, claim, botMessage };
}

for (const base of backends()) {
  describe(`one change costs the same however many sockets watch it (${base.name})`, () => {
    const backend = counting(base);
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer(backend);
    }, 120_000);
    afterAll(async () => {
      await server.close();
    });

    it('1 vs 20 console tabs and waiting visitors: a message, a claim and a bot turn cost the same number of queries', async () => {
      const one = await measure(backend, server, 1);
      const twenty = await measure(backend, server, 20);
      console.log(`[feed-cost ${base.name}] queries with 1 socket each: ${JSON.stringify(one)}; with 20: ${JSON.stringify(twenty)}`);
      expect(twenty).toEqual(one);
    }, 120_000);
  });
}
