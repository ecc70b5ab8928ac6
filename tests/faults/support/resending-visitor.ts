import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';

export interface HeldMessage {
  id: string;
  seq: number;
  author: string;
  text: string;
  conversationId: string;
}

type Frame = { type: string; [k: string]: unknown };

const CONTEXT = { url: 'https://shop.example/faults', title: 'Faults', language: 'en-GB', timeZone: 'Europe/London', viewport: { width: 1280, height: 800 } };

/**
 * A visitor client with the widget's delivery rules: keeps every message it sent until it is
 * acked, reconnects with its token and last seq when the socket goes, and resends what is
 * unacked with the same id. It keeps the conversation by seq, so a message the server sends
 * twice would show as a second id at a seq or a second seq for an id, never silently merge.
 */
export class ResendingVisitor {
  token: string | null = null;
  conversationId: string | null = null;
  /** The conversation as this client holds it, by seq. */
  readonly bySeq = new Map<number, HeldMessage>();
  /** Same seq delivered again with a different id, or an id delivered at two seqs. */
  readonly conflicts: string[] = [];
  /** Client ids sent and not yet acked, in send order. */
  readonly unacked = new Map<string, string>();
  readonly acked = new Map<string, number>();
  readonly errors: Frame[] = [];
  readonly closeCodes: number[] = [];
  connects = 0;
  /** Messages sent again after a reconnect because their ack had not come. */
  resent = 0;
  /** Acks and errors by the id of the frame they answer. */
  private readonly replies = new Map<string, Frame>();
  private ws: WebSocket | null = null;
  private open = false;
  private stopped = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly url: () => string,
    private readonly reconnectDelayMs = 50,
  ) {}

  get lastSeq(): number {
    return Math.max(0, ...this.bySeq.keys());
  }

  get connected(): boolean {
    return this.open;
  }

  /** Connects (retrying while the server is down) until the welcome; later drops reconnect by themselves. */
  async start(): Promise<void> {
    this.stopped = false;
    this.connect();
    await this.until(() => this.open, 60_000, 'the first welcome');
  }

  send(text: string): string {
    const id = randomBytes(12).toString('base64url');
    this.unacked.set(id, text);
    if (this.open) this.write({ type: 'visitor.send', id, text });
    return id;
  }

  /** Sends a one-off frame with an id (escalate, feedback…) while connected; resolves with its ack or error. */
  async ask(frame: Frame & { id: string }, timeoutMs = 10_000): Promise<Frame> {
    await this.until(() => this.open, timeoutMs, 'a connection');
    this.write(frame);
    await this.until(() => this.replies.has(frame.id), timeoutMs, `the answer to ${frame.type}`);
    return this.replies.get(frame.id)!;
  }

  /** The "retry" button: sends every unacked message again, with its original id. */
  resendUnacked(): void {
    if (!this.open) return;
    for (const [id, text] of this.unacked) this.write({ type: 'visitor.send', id, text });
  }

  /** The network drops: no close handshake, and the client reconnects. */
  drop(): void {
    this.ws?.terminate();
  }

  stop(): void {
    this.stopped = true;
    this.ws?.terminate();
  }

  /** Waits for a condition over the client's state, re-checked on every frame and connection change. */
  async until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; unacked ${this.unacked.size}, held ${this.bySeq.size}, errors ${JSON.stringify(this.errors.slice(-3))}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.listeners.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(left, 100));
        this.listeners.add(wake);
      });
    }
  }

  messages(): HeldMessage[] {
    return [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
  }

  private changed(): void {
    for (const wake of [...this.listeners]) wake();
  }

  private write(frame: Frame): void {
    this.ws?.send(JSON.stringify(frame));
  }

  private connect(): void {
    if (this.stopped) return;
    const ws = new WebSocket(this.url());
    this.ws = ws;
    ws.on('open', () => {
      this.write({ type: 'visitor.hello', protocol: 1, token: this.token, conversationId: this.conversationId, lastSeq: this.conversationId ? this.lastSeq : 0, context: CONTEXT, locale: 'en' });
    });
    ws.on('message', (data) => this.onFrame(JSON.parse(data.toString()) as Frame));
    ws.on('error', () => {});
    ws.on('close', (code) => {
      if (this.ws !== ws) return;
      this.closeCodes.push(code);
      this.open = false;
      this.changed();
      if (!this.stopped) setTimeout(() => this.connect(), this.reconnectDelayMs);
    });
  }

  private onFrame(f: Frame): void {
    if (f.type === 'visitor.welcome') {
      this.token = String(f.token);
      if (typeof f.conversationId === 'string') this.conversationId = f.conversationId;
      for (const m of f.messages as HeldMessage[]) this.hold(m);
      this.open = true;
      this.connects++;
      // The widget's rule: everything not acked is sent again, with the id it had.
      this.resent += this.unacked.size;
      this.resendUnacked();
      this.nextPage(f);
    } else if (f.type === 'replay') {
      for (const m of f.messages as HeldMessage[]) this.hold(m);
      this.nextPage(f);
    } else if (f.type === 'ack') {
      const id = String(f.id);
      this.replies.set(id, f);
      if (typeof f.conversationId === 'string') this.conversationId = f.conversationId;
      const text = this.unacked.get(id);
      if (text !== undefined) {
        this.unacked.delete(id);
        this.acked.set(id, Number(f.seq));
        // Like the widget, the client shows its own message from the ack (it is not always echoed).
        this.hold({ id, seq: Number(f.seq), author: 'visitor', text, conversationId: String(f.conversationId) });
      }
    } else if (f.type === 'message') {
      this.hold(f.message as HeldMessage);
    } else if (f.type === 'error') {
      this.errors.push(f);
      if (typeof f.id === 'string') this.replies.set(f.id, f);
    }
    this.changed();
  }

  /** The widget's rule for a long replay: ask for the next page from the last seq held. */
  private nextPage(f: Frame): void {
    if (f.more && typeof f.conversationId === 'string') this.write({ type: 'visitor.history', conversationId: f.conversationId, afterSeq: this.lastSeq });
  }

  private hold(m: HeldMessage): void {
    const atSeq = this.bySeq.get(m.seq);
    if (atSeq && atSeq.id !== m.id) this.conflicts.push(`seq ${m.seq} held ${atSeq.id}, got ${m.id}`);
    for (const held of this.bySeq.values()) if (held.id === m.id && held.seq !== m.seq) this.conflicts.push(`id ${m.id} at seq ${held.seq} and ${m.seq}`);
    this.bySeq.set(m.seq, { id: m.id, seq: m.seq, author: m.author, text: m.text, conversationId: m.conversationId });
  }
}
