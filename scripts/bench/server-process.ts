import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A port the kernel just handed out and released; good enough for local test servers. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerProcessOptions {
  /** Script to run with tsx, relative to the repository root. */
  entry?: string;
  port: number;
  env?: Record<string, string>;
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** How long to wait for /healthz (PGlite on a loaded machine is slow to start). */
  readyTimeoutMs?: number;
}

/**
 * A server in its own process, as in production: `node --import tsx server/main.ts`. The child
 * is the node process itself (no npx/shell in between), so its pid is the server's for RSS,
 * CPU time and signals.
 */
export class ServerProcess {
  readonly output: string[] = [];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString());
      if (this.output.length > 400) this.output.splice(0, 200);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exit = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exited = { code, signal };
        resolve(this.exited);
      });
    });
  }

  static async start(options: ServerProcessOptions): Promise<ServerProcess> {
    // The store comes from options.env only: an inherited DATABASE_URL would turn a PGlite run into a PostgreSQL one.
    const { DATABASE_URL: _url, DATA_DIR: _dir, CONFIG_FILE: _file, ...inherited } = process.env;
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', options.entry ?? 'server/main.ts'], {
      cwd: ROOT,
      env: { ...inherited, HOST: '127.0.0.1', PORT: String(options.port), ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new ServerProcess(child, options.port);
    await server.ready(options.readyTimeoutMs ?? 60_000);
    return server;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get http(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get ws(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get log(): string {
    return this.output.join('');
  }

  private async ready(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`server exited (${JSON.stringify(this.exited)}) before it was ready:\n${this.log.slice(-3_000)}`);
      try {
        const res = await fetch(`${this.http}/healthz`, { signal: AbortSignal.timeout(1_000) });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    this.child.kill('SIGKILL');
    throw new Error(`server not ready after ${timeoutMs} ms:\n${this.log.slice(-3_000)}`);
  }

  /** Resident memory in bytes, from the kernel's view of the process. */
  rss(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  }

  /** User + system CPU time consumed so far, in milliseconds. */
  cpuMs(): number {
    return processCpuMs(this.pid);
  }

  /** SIGTERM (graceful), then SIGKILL if it has not gone within `graceMs`. */
  async stop(graceMs = 15_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.exited) return this.exited;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    const result = await this.exit;
    clearTimeout(timer);
    return result;
  }

  /** The crash case: no shutdown code runs. */
  async kill(): Promise<void> {
    if (this.exited) return;
    this.child.kill('SIGKILL');
    await this.exit;
  }
}

/** utime + stime of a process (fields 14 and 15 of /proc/PID/stat, in clock ticks of 10 ms). */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
