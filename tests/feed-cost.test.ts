import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../server/store/db';
import { backends, requirePostgresInCi, type Backend } from './support/backends';
import { agent, clientId, startServer, visitor, type RunningServer } from './support/server';
import type { TestSocket } from './support/ws-client';

requirePostgresInCi();

/**
 * Work that runs on a timer whatever the sockets do is left out, so a count measures what one change costs:
 * the webhook outbox's poll, the grace sweep (and the cluster lease that elects its node), each console's heartbeat (its session check, counted by pairing it
 * with the heartbeat's own statement) and the feed's periodic refresh of "agents online" (a TTL, paired likewise).
 */
const BACKGROUND = [/webhook|pg_snapshot_xmin|cluster_leases/i, /FROM agents a\s+WHERE EXISTS|DELETE FROM agent_connections WHERE last_seen_at/i, /email_outbox/i];
/** A timed statement that comes with one more ordinary-looking statement (a session check, the agents list). */
const PAIRED = [/UPDATE agent_connections SET last_seen_at/i, /SELECT DISTINCT agent_id FROM agent_connections/i];

/** The backend's store with every statement counted, in transactions too (a test-side wrapper). */
function counting(backend: Backend): Backend & { count(): number; texts: string[] } {
  const texts: string[] = [];
  let paired = 0;
  const counted = (sql: Sql): Sql => ({
    query(text, params) {
      if (PAIRED.some((p) => p.test(text))) paired++;
      else if (!BACKGROUND.some((b) => b.test(text)) && !/UPDATE agents SET last_seen_at/i.test(text)) texts.push(text);
      return sql.query(text, params);
    },
  });
  return {
    name: backend.name,
    texts,
    count: () => texts.length - paired,
    async open() {
      const store = await backend.open();
      const db = store.db as { query: Sql['query']; transaction: typeof store.db.transaction };
      const query = db.query.bind(store.db);
      const transaction = db.transaction.bind(store.db);
      db.query = counted({ query }).query;
      db.transaction = (fn) => transaction((tx) => fn(counted(tx)));
      return store;
    },
  };
}

/** Waits until `arrived` holds and no statement has run for a while: the change and everything it caused are done. */
async function settled(db: { count(): number; texts: string[] }, arrived: () => boolean, quietMs = 400): Promise<number> {
  const deadline = Date.now() + 10_000;
  let last = -1;
  let since = Date.now();
  for (;;) {
    const now = db.count();
    if (now !== last) [last, since] = [now, Date.now()];
    if (arrived() && Date.now() - since >= quietMs) return now;
    if (Date.now() > deadline) throw new Error(`the change did not settle (arrived: ${arrived()}); latest statements: ${db.texts.slice(-8).join(' | ')}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

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
