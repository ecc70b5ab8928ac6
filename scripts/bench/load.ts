import { performance } from 'node:perf_hooks';
import { LoadAgent, LoadVisitor, type Recorder } from './load-clients';
import type { ConnectResult, FromLoad, ToLoad, TrafficPlan, TrafficResult } from './load-protocol';
import { summarise } from './stats';

/**
 * The load generator: a separate process (forked by the runner) so its CPU and memory never
 * count as the server's. It holds the visitor sockets between commands.
 */

/** Questions the demo KB answers confidently: every bot turn is an answer, so no chat escalates by itself. */
const QUESTIONS = [
  'How long does standard shipping take?',
  'How do I reset my password?',
  'What payment methods do you accept?',
  'How can I track my order?',
  'How do gift cards work?',
  'What is your return policy?',
  'How do I use a discount code?',
  'Can I change my order?',
];
const AGENT_EMAILS = ['agent@demo.test', 'admin@demo.test'];

const visitors: LoadVisitor[] = [];
const samples = { ack: [] as number[], botReply: [] as number[], agentDelivery: [] as number[] };
const errors: Record<string, number> = {};
let ackedInWindow = 0;
let windowOpen = false;
const recorder: Recorder = {
  acked: () => {
    if (windowOpen) ackedInWindow++;
  },
  ack: (ms) => samples.ack.push(ms),
  botReply: (ms) => samples.botReply.push(ms),
  agentDelivery: (ms) => samples.agentDelivery.push(ms),
  error: (code) => {
    errors[code] = (errors[code] ?? 0) + 1;
  },
};

const reply = (m: FromLoad) => process.send?.(m);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Which node each visitor socket is on (index into the connect command's list). */
const nodeOf = new Map<LoadVisitor, number>();

async function connect(ws: string | string[], sockets: number, concurrency: number): Promise<ConnectResult> {
  const nodes = Array.isArray(ws) ? ws : [ws];
  const started = performance.now();
  const handshakes: number[] = [];
  let next = 0;
  let failed = 0;
  const lane = async () => {
    while (next < sockets) {
      const node = next++ % nodes.length;
      const t = performance.now();
      try {
        const v = await LoadVisitor.connect(nodes[node]!, recorder);
        visitors.push(v);
        nodeOf.set(v, node);
        handshakes.push(performance.now() - t);
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, sockets) }, lane));
  const ms = performance.now() - started;
  return { held: visitors.length, failed, ms: Math.round(ms), perSecond: Math.round((handshakes.length / ms) * 1000), handshake: summarise(handshakes) };
}

async function traffic(ws: string, http: string, plan: TrafficPlan, crossNode: boolean): Promise<TrafficResult> {
  // Across nodes, the agents sit on node 0 and every human chat's visitor on another node.
  const humanPool = crossNode ? visitors.filter((v) => nodeOf.get(v) !== 0) : visitors;
  const humans = humanPool.slice(humanPool.length - Math.min(plan.humanVisitors, humanPool.length));
  const isHuman = new Set(humans);
  const rest = visitors.filter((v) => !isHuman.has(v));
  const bots = rest.slice(0, Math.min(plan.botVisitors, rest.length));
  const agents = await Promise.all(AGENT_EMAILS.map((email) => LoadAgent.connect(http, ws, email, recorder)));
  const ownerOf = new Map<LoadVisitor, LoadAgent>();
  for (const [i, v] of humans.entries()) {
    const agent = agents[i % agents.length]!;
    await agent.claim(await v.escalate());
    ownerOf.set(v, agent);
  }
  // Human chats interleaved evenly among bot chats, visited round-robin.
  const order: LoadVisitor[] = [];
  const every = humans.length > 0 ? Math.max(1, Math.floor(bots.length / humans.length)) : Infinity;
  let h = 0;
  for (const [i, v] of bots.entries()) {
    order.push(v);
    if ((i + 1) % every === 0 && h < humans.length) order.push(humans[h++]!);
  }
  order.push(...humans.slice(h));
  if (order.length === 0) throw new Error('no visitor sockets to send from');

  const start = performance.now();
  const measureFrom = start + plan.warmupSeconds * 1_000;
  const end = measureFrom + plan.seconds * 1_000;
  let sent = 0;
  let measuredSent = 0;
  let cursor = 0;
  let cpuAtMeasure = process.cpuUsage();
  let cpuInWindow = 0;
  // Open loop: the number of sends due is fixed by the clock, whatever the server's answers do.
  while (performance.now() < end) {
    const now = performance.now();
    const due = Math.floor(((now - start) / 1_000) * plan.rate) - sent;
    const measured = now >= measureFrom;
    if (measured && measuredSent === 0) {
      cpuAtMeasure = process.cpuUsage();
      windowOpen = true;
    }
    for (let i = 0; i < due; i++) {
      const v = order[cursor++ % order.length]!;
      const agent = ownerOf.get(v);
      const id = v.send(agent ? `Agent question ${sent}` : QUESTIONS[sent % QUESTIONS.length]!, measured, !agent);
      agent?.expect(id, performance.now(), measured);
      sent++;
      if (measured) measuredSent++;
    }
    await sleep(2);
  }
  windowOpen = false;
  const cpu = process.cpuUsage(cpuAtMeasure);
  cpuInWindow = (cpu.user + cpu.system) / 1_000 / (plan.seconds * 1_000);

  const missing = () => {
    const perVisitor = visitors.map((v) => v.outstanding());
    return {
      ack: perVisitor.reduce((n, o) => n + o.ack, 0),
      botReply: perVisitor.reduce((n, o) => n + o.botReply, 0),
      agentDelivery: agents.reduce((n, a) => n + a.outstanding(), 0),
    };
  };
  const drainUntil = performance.now() + plan.drainSeconds * 1_000;
  while (performance.now() < drainUntil) {
    const m = missing();
    if (m.ack + m.botReply + m.agentDelivery === 0) break;
    await sleep(50);
  }
  for (const a of agents) a.ws.close();
  return {
    offeredPerSecond: plan.rate,
    sent: measuredSent,
    ackedPerSecond: Math.round(ackedInWindow / plan.seconds),
    ack: summarise(samples.ack),
    botReply: summarise(samples.botReply),
    agentDelivery: summarise(samples.agentDelivery),
    missing: missing(),
    errors,
    loadGenCpu: Math.round(cpuInWindow * 100) / 100,
  };
}

async function handle(m: ToLoad): Promise<void> {
  try {
    if (m.cmd === 'connect') reply({ ev: 'connected', result: await connect(m.ws, m.sockets, m.concurrency) });
    else if (m.cmd === 'traffic') reply({ ev: 'traffic', result: await traffic(m.ws, m.http, m.plan, m.crossNode ?? false) });
    else {
      for (const v of visitors) v.ws.terminate();
      process.disconnect?.();
      process.exit(0);
    }
  } catch (e) {
    reply({ ev: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
}

process.on('message', (m) => void handle(m as ToLoad));
// Bounded in time whatever happens to the runner: the generator never outlives a stuck run.
setTimeout(() => process.exit(2), Number(process.env.BENCH_LOAD_MAX_MS ?? 15 * 60_000)).unref();
process.on('disconnect', () => process.exit(0));
