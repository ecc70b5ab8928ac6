import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

type Frame = { type: string; [k: string]: unknown };
type WireMessage = { id: string; author: string; conversationId: string };

export const newId = (): string => randomBytes(12).toString('base64url');

const CONTEXT = { url: 'https://shop.example/bench', title: 'Benchmark', language: 'en-GB', timeZone: 'Europe/London', viewport: { width: 1280, height: 800 } };

/** Where the latency samples go; a sample is kept only while `measuring` was true when it was sent. */
export interface Recorder {
  /** Every ack of a visitor message, measured or not: the server's throughput. */
  acked(): void;
  ack(ms: number): void;
  botReply(ms: number): void;
  agentDelivery(ms: number): void;
  error(code: string): void;
}

interface Pending {
  at: number;
  measured: boolean;
}

/** One visitor socket: hello on open, then sends and the timings of their acks and bot replies. */
export class LoadVisitor {
  conversationId: string | null = null;
  private readonly acks = new Map<string, Pending>();
  /** Frames on one socket are handled in order, so bot replies come back in the order of the sends. */
  private readonly botWaits: Pending[] = [];
  private welcomed: (() => void) | null = null;
  private waiters = new Map<string, (f: Frame) => void>();

  private constructor(
    readonly ws: WebSocket,
    private readonly recorder: Recorder,
  ) {
    ws.on('message', (data) => this.onFrame(JSON.parse(data.toString()) as Frame));
  }

  /** Opens the socket and resolves once the server's welcome arrives. */
  static connect(base: string, recorder: Recorder, timeoutMs = 30_000): Promise<LoadVisitor> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${base}/ws/visitor?site=demo`, { perMessageDeflate: false });
      const visitor = new LoadVisitor(ws, recorder);
      const timer = setTimeout(() => fail(new Error('welcome timed out')), timeoutMs);
      const fail = (e: Error) => {
        clearTimeout(timer);
        ws.terminate();
        reject(e);
      };
      ws.once('error', fail);
      ws.once('close', (code) => fail(new Error(`closed ${code} before welcome`)));
      ws.once('open', () => ws.send(JSON.stringify({ type: 'visitor.hello', protocol: 1, token: null, lastSeq: 0, context: CONTEXT, locale: 'en' })));
      visitor.welcomed = () => {
        clearTimeout(timer);
        ws.removeAllListeners('error');
        ws.removeAllListeners('close');
        ws.on('error', () => {});
        resolve(visitor);
      };
    });
  }

  /** Escalates to a person; resolves with the conversation id from the ack. */
  escalate(): Promise<string> {
    const id = newId();
    const acked = this.waitAck(id);
    this.ws.send(JSON.stringify({ type: 'visitor.escalate', id }));
    return acked.then((f) => (this.conversationId = String(f.conversationId)));
  }

  /** Sends a message; `expectBot` when the bot should answer it. Returns the client id. */
  send(text: string, measured: boolean, expectBot: boolean): string {
    const id = newId();
    const now = performance.now();
    this.acks.set(id, { at: now, measured });
    if (expectBot) this.botWaits.push({ at: now, measured });
    this.ws.send(JSON.stringify({ type: 'visitor.send', id, text }));
    return id;
  }

  /** Measured sends still waiting for an ack / a bot reply. */
  outstanding(): { ack: number; botReply: number } {
    let ack = 0;
    for (const p of this.acks.values()) if (p.measured) ack++;
    return { ack, botReply: this.botWaits.filter((p) => p.measured).length };
  }

  private waitAck(id: string): Promise<Frame> {
    return new Promise((resolve) => this.waiters.set(id, resolve));
  }

  private onFrame(f: Frame): void {
    if (f.type === 'visitor.welcome') {
      this.welcomed?.();
      this.welcomed = null;
    } else if (f.type === 'ack') {
      const id = String(f.id);
      this.waiters.get(id)?.(f);
      this.waiters.delete(id);
      const p = this.acks.get(id);
      if (!p) return;
      this.acks.delete(id);
      this.recorder.acked();
      if (p.measured) this.recorder.ack(performance.now() - p.at);
    } else if (f.type === 'message') {
      const m = f.message as WireMessage;
      if (m.author !== 'bot') return;
      const p = this.botWaits.shift();
      if (p?.measured) this.recorder.botReply(performance.now() - p.at);
    } else if (f.type === 'error') {
      this.recorder.error(String(f.code));
      // A refused send is never acked or answered: stop waiting for it.
      const id = typeof f.id === 'string' ? f.id : null;
      if (id && this.acks.delete(id)) this.botWaits.shift();
    }
  }
}

/** One agent console socket: signed in by cookie, claims chats, times delivery of visitor messages. */
export class LoadAgent {
  private readonly waiters = new Map<string, (f: Frame) => void>();
  private readonly deliveries = new Map<string, Pending>();

  private constructor(
    readonly ws: WebSocket,
    private readonly recorder: Recorder,
  ) {
    ws.on('message', (data) => this.onFrame(JSON.parse(data.toString()) as Frame));
    ws.on('error', () => {});
  }

  static async connect(http: string, base: string, email: string, recorder: Recorder): Promise<LoadAgent> {
    const res = await fetch(`${http}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'demo' }) });
    if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const ws = new WebSocket(`${base}/ws/agent`, { headers: { cookie }, perMessageDeflate: false });
    const agent = new LoadAgent(ws, recorder);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const welcome = agent.next('agent.welcome');
    ws.send(JSON.stringify({ type: 'agent.hello', protocol: 1 }));
    await welcome;
    return agent;
  }

  async claim(conversationId: string): Promise<void> {
    const id = newId();
    const acked = this.next(id);
    this.ws.send(JSON.stringify({ type: 'agent.claim', id, conversationId }));
    const f = await acked;
    if (f.type === 'error') throw new Error(`claim failed: ${String(f.code)} ${String(f.message)}`);
  }

  /** The visitor message with this client id should reach this console. */
  expect(id: string, at: number, measured: boolean): void {
    this.deliveries.set(id, { at, measured });
  }

  outstanding(): number {
    let n = 0;
    for (const p of this.deliveries.values()) if (p.measured) n++;
    return n;
  }

  private next(key: string): Promise<Frame> {
    return new Promise((resolve) => this.waiters.set(key, resolve));
  }

  private onFrame(f: Frame): void {
    const key = f.type === 'ack' || f.type === 'error' ? (typeof f.id === 'string' ? f.id : f.type) : f.type;
    const waiter = this.waiters.get(key);
    if (waiter) {
      this.waiters.delete(key);
      waiter(f);
    }
    if (f.type !== 'message') return;
    const m = f.message as WireMessage;
    const p = this.deliveries.get(m.id);
    if (!p) return;
    this.deliveries.delete(m.id);
    if (p.measured) this.recorder.agentDelivery(performance.now() - p.at);
  }
}
