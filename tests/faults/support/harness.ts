import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { freePort, ServerProcess } from '../../../scripts/bench/server-process';
import { scratchPglite, scratchPostgres, type ScratchStore } from '../../../scripts/bench/stores';
import type { HeldMessage } from './resending-visitor';

export { freePort, ServerProcess };

export interface FaultBackend {
  name: 'pglite' | 'postgres';
  scratch(): Promise<ScratchStore>;
}

/** PGlite always (a data directory on disk, as in production); PostgreSQL when DATABASE_URL is set. */
export function faultBackends(): FaultBackend[] {
  const url = process.env.DATABASE_URL || null;
  const list: FaultBackend[] = [{ name: 'pglite', scratch: scratchPglite }];
  if (url) list.push({ name: 'postgres', scratch: () => scratchPostgres(url) });
  return list;
}

/**
 * The production server process with the demo site and logins. The tests send faster than a
 * person types, from one address, so the flood limits are lifted; everything else is as shipped.
 */
export function startChatServer(store: ScratchStore, port: number, env: Record<string, string> = {}): Promise<ServerProcess> {
  return ServerProcess.start({
    port,
    env: { NODE_ENV: 'production', DEMO: 'true', LOG_LEVEL: 'warn', RATE_MESSAGES_PER_MINUTE: '100000', RATE_CONVERSATIONS_PER_HOUR: '100000', RATE_CONNECTIONS_PER_MINUTE: '1000000', RATE_FRAME_BUDGET_SCALE: '1000', RATE_REST_SCALE: '1000', MAX_CONNECTIONS_PER_IP: '1000000', ...store.env, ...env },
  });
}

export const newId = (): string => randomBytes(12).toString('base64url');

export async function signIn(http: string, email = 'agent@demo.test'): Promise<string> {
  const res = await fetch(`${http}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'demo' }) });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

type Frame = { type: string; [k: string]: unknown };

/** One console socket: frames recorded, answers to an id awaited. */
export class AgentConsole {
  readonly frames: Frame[] = [];
  welcome: { queue: Array<{ conversationId: string }>; mine: Array<{ id: string }> } | null = null;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => this.frames.push(JSON.parse(data.toString()) as Frame));
    ws.on('error', () => {});
  }

  static async open(wsBase: string, cookie: string): Promise<AgentConsole> {
    const ws = new WebSocket(`${wsBase}/ws/agent`, { headers: { cookie } });
    const c = new AgentConsole(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ type: 'agent.hello', protocol: 1 }));
    c.welcome = (await c.wait((f) => f.type === 'agent.welcome')) as unknown as AgentConsole['welcome'];
    return c;
  }

  /** Conversation ids waiting in the queue, oldest first, and those assigned to this agent. */
  get queueIds(): string[] {
    return this.welcome!.queue.map((q) => q.conversationId);
  }
  get mineIds(): string[] {
    return this.welcome!.mine.map((m) => m.id).sort();
  }

  send(frame: Frame): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  async ask(frame: Frame & { id: string }, timeoutMs = 10_000): Promise<Frame> {
    this.send(frame);
    return this.wait((f) => (f.type === 'ack' || f.type === 'error') && f.id === frame.id, timeoutMs);
  }

  async wait(match: (f: Frame) => boolean, timeoutMs = 10_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`agent console: timed out; got ${JSON.stringify(this.frames.map((f) => f.type))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.ws.terminate();
  }
}

/** What the server holds for a visitor: a fresh hello with their token, replaying from seq 0 page by page. */
export async function storedConversation(wsBase: string, token: string): Promise<HeldMessage[]> {
  const ws = new WebSocket(`${wsBase}/ws/visitor?site=demo`);
  try {
    return await new Promise<HeldMessage[]>((resolve, reject) => {
      const held: HeldMessage[] = [];
      ws.on('message', (data) => {
        const f = JSON.parse(data.toString()) as Frame;
        if (f.type !== 'visitor.welcome' && f.type !== 'replay') return;
        held.push(...(f.messages as HeldMessage[]));
        if (!f.more) return resolve(held);
        ws.send(JSON.stringify({ type: 'visitor.history', conversationId: f.conversationId, afterSeq: held[held.length - 1]!.seq }));
      });
      ws.once('error', reject);
      ws.once('open', () => ws.send(JSON.stringify({ type: 'visitor.hello', protocol: 1, token, lastSeq: 0, context: { url: 'https://shop.example/check', title: 'check' } })));
    });
  } finally {
    ws.terminate();
  }
}

/** Problems with a stored conversation: a client id twice, or a gap or repeat in the seqs. */
export function integrityProblems(messages: HeldMessage[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  messages.forEach((m, i) => {
    if (ids.has(m.id)) problems.push(`id ${m.id} stored twice`);
    ids.add(m.id);
    if (m.seq !== i + 1) problems.push(`seq ${m.seq} at position ${i + 1}`);
  });
  return problems;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `done` until it holds. */
export async function eventually(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
