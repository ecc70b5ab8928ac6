import { fork, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { BenchOptions } from './args';
import type { ConnectResult, FromLoad, ToLoad, TrafficResult } from './load-protocol';
import { freePort, ROOT, ServerProcess } from './server-process';
import { scratchPglite, scratchPostgres, type ScratchStore } from './stores';

export type TargetName = 'echo' | 'pglite' | 'postgres';

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
  /** Server CPU during the traffic phase, in cores (1 = one core fully busy). */
  serverCpu?: number;
}

const SETTLE_MS = 2_000;
/**
 * Every simulated visitor connects from 127.0.0.1, so the per-address limits (meant for one
 * office or carrier NAT) would refuse the run; the limit checks themselves still run.
 */
const UNLIMITED = { RATE_MESSAGES_PER_MINUTE: '100000', RATE_CONVERSATIONS_PER_HOUR: '100000', RATE_CONNECTIONS_PER_MINUTE: '1000000', MAX_CONNECTIONS_PER_IP: '1000000' };

/** Runs one target: server process up, load generator connects and sends, everything torn down. */
export async function runTarget(target: TargetName, options: BenchOptions, log: (line: string) => void): Promise<TargetResult> {
  const databaseUrl = process.env.DATABASE_URL || null;
  if (target === 'postgres' && !databaseUrl) return { target, skipped: 'DATABASE_URL is not set' };
  let store: ScratchStore | null = null;
  let server: ServerProcess | null = null;
  let load: LoadProcess | null = null;
  try {
    store = target === 'echo' ? null : target === 'pglite' ? await scratchPglite() : await scratchPostgres(databaseUrl!);
    log(`${target}: starting server`);
    server = await ServerProcess.start({
      entry: target === 'echo' ? 'scripts/bench/echo-server.ts' : 'server/main.ts',
      port: await freePort(),
      env: { NODE_ENV: 'production', DEMO: 'true', LOG_LEVEL: 'warn', ...UNLIMITED, ...store?.env },
      // One profile per thread (tsx runs its loader in a worker); the main thread's is the largest.
      nodeArgs: options['cpu-prof'] && target !== 'echo' ? ['--cpu-prof', `--cpu-prof-dir=${resolve(options['cpu-prof'], target)}`] : [],
    });
    await sleep(SETTLE_MS);
    const rssBefore = server.rss();
    load = new LoadProcess();
    log(`${target}: opening ${options.sockets} visitor sockets`);
    const connected = await load.ask({ cmd: 'connect', ws: server.ws, sockets: options.sockets, concurrency: options.concurrency }, 'connected');
    await sleep(SETTLE_MS);
    const rssHeld = server.rss();
    log(`${target}: ${connected.held} held (${connected.perSecond}/s); sending ${options.rate} msg/s for ${options.warmup}+${options.seconds} s`);
    const cpuBefore = server.cpuMs();
    const started = Date.now();
    const traffic = await load.ask(
      {
        cmd: 'traffic',
        ws: server.ws,
        http: server.http,
        plan: { rate: options.rate, warmupSeconds: options.warmup, seconds: options.seconds, botVisitors: options.active, humanVisitors: options.humans, drainSeconds: 5 },
      },
      'traffic',
    );
    const serverCpu = Math.round(((server.cpuMs() - cpuBefore) / (Date.now() - started)) * 100) / 100;
    return {
      target,
      connect: connected,
      rssBefore,
      rssHeld,
      bytesPerSocket: connected.held > 0 ? Math.round((rssHeld - rssBefore) / connected.held) : undefined,
      traffic,
      serverCpu,
    };
  } finally {
    load?.close();
    const exit = await server?.stop();
    // With a backlog, draining the frames in hand can outlast the wait; the figures are already taken.
    if (exit && exit.code !== 0 && target !== 'echo') log(`${target}: server did not exit cleanly after SIGTERM (${JSON.stringify(exit)})`);
    await store?.dispose();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
