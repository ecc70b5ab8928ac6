import { fork, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { BenchOptions } from './args';
import type { ConnectResult, FromLoad, ToLoad, TrafficResult } from './load-protocol';
import { postgresCpuBetween, samplePostgresCpu, type PostgresCpuSample } from './pg-cpu';
import { freePort, ROOT, ServerProcess } from './server-process';
import { scratchPglite, scratchPostgres, type ScratchStore } from './stores';
import type { StageSummary } from '../../server/store/stage-timings';

/** `two-nodes`: two server processes on one PostgreSQL sharing events through Redis; agents on one, their visitors on the other. */
export type TargetName = 'echo' | 'pglite' | 'postgres' | 'two-nodes';

export interface TargetResult {
  target: TargetName;
  /** Why the target did not run, when it did not. */
  skipped?: string;
  connect?: ConnectResult;
  /** Server RSS before the sockets and with all of them held, in bytes. */
  rssBefore?: number;
  rssHeld?: number;
  bytesPerSocket?: number;
  traffic?: TrafficResult;
  /** Server CPU during the traffic phase, in cores (1 = one core fully busy), all nodes added up. */
  serverCpu?: number;
  /** Database round trips per visitor message stored during the traffic phase, counted by the servers (all nodes). */
  queriesPerMessage?: number;
  /** Visitor messages the servers stored during the traffic phase (warm-up and drain included). */
  storedMessages?: number;
  /** PostgreSQL CPU during the traffic phase, in cores: the servers' own backends, and the cluster's background processes (WAL writer, checkpointer…; shared with any other client). */
  databaseCpu?: { backends: number; background: number };
  /** Group commit in the traffic phase: batch statements, mean appends per statement and mean statement time (ms). */
  appendBatches?: { count: number; meanRows: number; meanMs: number };
  /** CPU milliseconds per visitor message stored in the traffic phase. */
  cpuPerMessageMs?: { server: number; database?: number };
  /** Per-stage waits in the traffic phase, from the first node (server/store/stage-timings.ts): where the latency goes. */
  stages?: Record<string, StageSummary>;
  /** Bot answers in the traffic phase: stored by the visitor message's own statement, or by a turn after it (a second commit). */
  botReplies?: { withMessage: number; after: number };
  /**
   * The connect phase, counted by the servers: database round trips, server and PostgreSQL CPU milliseconds per
   * socket held; and what was still running in the settle pause after the last welcome (work hellos left behind).
   */
  hellos?: { queries?: number; serverCpuMs: number; databaseCpuMs?: number; settleQueries?: number; settleServerCpuMs: number };
}

const SETTLE_MS = 2_000;
/**
 * Every simulated visitor connects from 127.0.0.1, so the per-address limits (meant for one
 * office or carrier NAT) would refuse the run; the limit checks themselves still run.
 */
const UNLIMITED = { RATE_MESSAGES_PER_MINUTE: '100000', RATE_CONVERSATIONS_PER_HOUR: '100000', RATE_CONNECTIONS_PER_MINUTE: '1000000', RATE_FRAME_BUDGET_SCALE: '1000', RATE_REST_SCALE: '1000', MAX_CONNECTIONS_PER_IP: '1000000' };

/** Runs one target: server process up, load generator connects and sends, everything torn down. */
export async function runTarget(target: TargetName, options: BenchOptions, log: (line: string) => void): Promise<TargetResult> {
  const databaseUrl = process.env.DATABASE_URL || null;
  const redisUrl = process.env.REDIS_URL || null;
  if ((target === 'postgres' || target === 'two-nodes') && !databaseUrl) return { target, skipped: 'DATABASE_URL is not set' };
  if (target === 'two-nodes' && !redisUrl) return { target, skipped: 'REDIS_URL is not set' };
  let store: ScratchStore | null = null;
  const servers: ServerProcess[] = [];
  let load: LoadProcess | null = null;
  try {
    store = target === 'echo' ? null : target === 'pglite' ? await scratchPglite() : await scratchPostgres(databaseUrl!);
    const nodes = target === 'two-nodes' ? 2 : 1;
    const cluster: Record<string, string> = target === 'two-nodes' ? { REDIS_URL: redisUrl!, REDIS_PREFIX: `bench-${process.pid}-${Date.now().toString(36)}:` } : {};
    // The servers' PostgreSQL connections carry this name (pg reads PGAPPNAME), so their backends' CPU can be told apart.
    const appName = `chat-bench-${process.pid}-${Date.now().toString(36)}`;
    for (let i = 0; i < nodes; i++) {
      log(`${target}: starting server${nodes > 1 ? ` ${i + 1} of ${nodes}` : ''}`);
      servers.push(
        await ServerProcess.start({
          entry: target === 'echo' ? 'scripts/bench/echo-server.ts' : 'server/main.ts',
          port: await freePort(),
          env: { NODE_ENV: 'production', DEMO: 'true', LOG_LEVEL: 'warn', BENCH_COUNTERS: 'true', PGAPPNAME: appName, ...UNLIMITED, ...store?.env, ...cluster },
          // One profile per thread (tsx runs its loader in a worker); the main thread's is the largest.
          nodeArgs: [
            ...(process.env.BENCH_SERVER_NODE_ARGS && target !== 'echo' ? process.env.BENCH_SERVER_NODE_ARGS.split(' ') : []),
            ...(options['cpu-prof'] && target !== 'echo' ? ['--cpu-prof', `--cpu-prof-dir=${resolve(options['cpu-prof'], `${target}-${i}`)}`] : []),
          ],
        }),
      );
    }
    const [agentsNode] = servers as [ServerProcess, ...ServerProcess[]];
    const total = (f: (s: ServerProcess) => number) => servers.reduce((n, s) => n + f(s), 0);
    await sleep(SETTLE_MS);
    const rssBefore = total((s) => s.rss());
    load = new LoadProcess();
    log(`${target}: opening ${options.sockets} visitor sockets`);
    const onPostgres = store?.kind === 'postgres';
    const sampleDb = () => (onPostgres ? samplePostgresCpu(databaseUrl!, appName) : Promise.resolve(null));
    const helloBefore = { counters: target === 'echo' ? null : await counters(servers), cpu: total((s) => s.cpuMs()), db: await sampleDb() };
    const connected = await load.ask({ cmd: 'connect', ws: servers.map((s) => s.ws), sockets: options.sockets, concurrency: options.concurrency }, 'connected');
    const helloAfter = { counters: target === 'echo' ? null : await counters(servers), cpu: total((s) => s.cpuMs()), db: await sampleDb() };
    await sleep(SETTLE_MS);
    const rssHeld = total((s) => s.rss());
    log(`${target}: ${connected.held} held (${connected.perSecond}/s); sending ${options.rate} msg/s for ${options.warmup}+${options.seconds} s`);
    const countersBefore = target === 'echo' ? null : await counters(servers);
    if (target !== 'echo') await stages(agentsNode); // resets them: what follows is the traffic phase's
    const dbBefore: PostgresCpuSample | null = onPostgres ? await samplePostgresCpu(databaseUrl!, appName) : null;
    const cpuBefore = total((s) => s.cpuMs());
    const hellos = helloStats(connected.held, helloBefore, helloAfter, { counters: countersBefore, cpu: cpuBefore });
    const started = Date.now();
    const traffic = await load.ask(
      {
        cmd: 'traffic',
        ws: agentsNode.ws,
        http: agentsNode.http,
        crossNode: nodes > 1,
        plan: { rate: options.rate, warmupSeconds: options.warmup, seconds: options.seconds, botVisitors: options.active, humanVisitors: options.humans, drainSeconds: 5 },
      },
      'traffic',
    );
    const serverCpuMs = total((s) => s.cpuMs()) - cpuBefore;
    const wallMs = Date.now() - started;
    const db = dbBefore && postgresCpuBetween(dbBefore, await samplePostgresCpu(databaseUrl!, appName));
    const serverCpu = round2(serverCpuMs / wallMs);
    const countersAfter = countersBefore && (await counters(servers));
    const stagesAfter = target === 'echo' ? undefined : await stages(agentsNode);
    const stored = countersAfter && countersBefore ? countersAfter.visitorMessages - countersBefore.visitorMessages : 0;
    return {
      target,
      connect: connected,
      rssBefore,
      rssHeld,
      bytesPerSocket: connected.held > 0 ? Math.round((rssHeld - rssBefore) / connected.held) : undefined,
      traffic,
      serverCpu,
      queriesPerMessage: countersAfter && countersBefore && stored > 0 ? round2((countersAfter.queries - countersBefore.queries) / stored) : undefined,
      storedMessages: countersBefore ? stored : undefined,
      appendBatches: countersAfter && countersBefore ? batchesOf(countersBefore, countersAfter) : undefined,
      databaseCpu: db ? { backends: round2(db.backendsMs / wallMs), background: round2(db.backgroundMs / wallMs) } : undefined,
      cpuPerMessageMs: stored > 0 ? { server: round3(serverCpuMs / stored), database: db ? round3(db.backendsMs / stored) : undefined } : undefined,
      stages: stagesAfter,
      hellos,
      botReplies: countersAfter && countersBefore ? { withMessage: countersAfter.repliesWithMessage - countersBefore.repliesWithMessage, after: countersAfter.botTurnsAfter - countersBefore.botTurnsAfter } : undefined,
    };
  } finally {
    load?.close();
    for (const server of servers) {
      const exit = await server.stop();
      // With a backlog, draining the frames in hand can outlast the wait; the figures are already taken.
      if (exit.code !== 0 && target !== 'echo') log(`${target}: server did not exit cleanly after SIGTERM (${JSON.stringify(exit)})`);
    }
    await store?.dispose();
  }
}

/** The servers' own work counters (BENCH_COUNTERS, server/store/work-counters.ts), added up over nodes. */
type Counters = Record<'queries' | 'visitorMessages' | 'appendBatches' | 'appendBatchRows' | 'appendBatchMs' | 'repliesWithMessage' | 'botTurnsAfter', number>;
async function counters(servers: ServerProcess[]): Promise<Counters> {
  const all = await Promise.all(servers.map(async (s) => (await (await fetch(`${s.http}/bench/counters`)).json()) as Counters));
  const sum = (k: keyof Counters) => all.reduce((n, c) => n + (c[k] ?? 0), 0);
  return { queries: sum('queries'), visitorMessages: sum('visitorMessages'), appendBatches: sum('appendBatches'), appendBatchRows: sum('appendBatchRows'), appendBatchMs: sum('appendBatchMs'), repliesWithMessage: sum('repliesWithMessage'), botTurnsAfter: sum('botTurnsAfter') };
}

/** The node's stage timings since the last call (the call resets them). */
async function stages(server: ServerProcess): Promise<Record<string, StageSummary>> {
  return (await (await fetch(`${server.http}/bench/stages`)).json()) as Record<string, StageSummary>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
function batchesOf(before: Counters, after: Counters): TargetResult['appendBatches'] {
  const count = after.appendBatches - before.appendBatches;
  if (count === 0) return { count, meanRows: 0, meanMs: 0 };
  return { count, meanRows: round2((after.appendBatchRows - before.appendBatchRows) / count), meanMs: round2((after.appendBatchMs - before.appendBatchMs) / count) };
}
interface PhaseMark {
  counters: Counters | null;
  cpu: number;
  db?: PostgresCpuSample | null;
}
/** Per socket held, what the connect phase cost; and what ran between the last welcome and the traffic phase. */
function helloStats(held: number, before: PhaseMark, after: PhaseMark, traffic: PhaseMark): TargetResult['hellos'] {
  if (held === 0) return undefined;
  const db = before.db && after.db ? postgresCpuBetween(before.db, after.db) : null;
  const counted = before.counters && after.counters && traffic.counters;
  return {
    queries: counted ? round2((after.counters!.queries - before.counters!.queries) / held) : undefined,
    serverCpuMs: round3((after.cpu - before.cpu) / held),
    databaseCpuMs: db ? round3(db.backendsMs / held) : undefined,
    settleQueries: counted ? traffic.counters!.queries - after.counters!.queries : undefined,
    settleServerCpuMs: Math.round(traffic.cpu - after.cpu),
  };
}
const round2 = (v: number) => Math.round(v * 100) / 100;
const round3 = (v: number) => Math.round(v * 1000) / 1000;

/** The forked load generator with a request/response wrapper over IPC. */
class LoadProcess {
  private readonly child: ChildProcess;
  private exited = false;

  constructor() {
    this.child = fork(join(ROOT, 'scripts/bench/load.ts'), [], { execArgv: ['--import', 'tsx'], cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.once('exit', () => (this.exited = true));
  }

  ask(m: Extract<ToLoad, { cmd: 'connect' }>, ev: 'connected'): Promise<ConnectResult>;
  ask(m: Extract<ToLoad, { cmd: 'traffic' }>, ev: 'traffic'): Promise<TrafficResult>;
  ask(m: ToLoad, ev: 'connected' | 'traffic'): Promise<ConnectResult | TrafficResult> {
    return new Promise((resolve, reject) => {
      const onMessage = (raw: unknown) => {
        const r = raw as FromLoad;
        this.child.off('exit', onExit);
        this.child.off('message', onMessage);
        if (r.ev === 'failed') reject(new Error(`load generator: ${r.message}`));
        else if (r.ev === ev) resolve(r.result);
        else reject(new Error(`load generator answered ${r.ev}, expected ${ev}`));
      };
      const onExit = (code: number | null) => reject(new Error(`load generator exited with ${code}`));
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
      this.child.send(m);
    });
  }

  close(): void {
    if (this.exited) return;
    this.child.send({ cmd: 'exit' } satisfies ToLoad);
    setTimeout(() => this.child.kill('SIGKILL'), 5_000).unref();
  }
}
