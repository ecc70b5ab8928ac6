import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';

/** A test client over a real socket that records every frame and waits for the ones it needs. */
export class TestSocket {
  readonly frames: Array<Record<string, unknown> & { type: string }> = [];
  closed: { code: number; reason: string } | null = null;
  private waiters: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()));
      this.notify();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.notify();
    });
  }

  static async open(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
    const ws = new WebSocket(url, { headers });
    const socket = new TestSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('close', () => resolve());
    });
    return socket;
  }

  private notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Waits until a frame matching `match` arrives after the first `from` frames, and returns it. */
  async next<T = Record<string, unknown>>(match: (f: Record<string, unknown> & { type: string }) => boolean, timeoutMs = 5_000, from = 0): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.slice(from).find(match);
      if (found) return found as T;
      if (this.closed) throw new Error(`socket closed (${this.closed.code} ${this.closed.reason}) before the frame arrived; got ${JSON.stringify(this.frames.map((f) => f.type))}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; frames so far: ${JSON.stringify(this.frames).slice(0, 2_000)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  type<T = Record<string, unknown>>(type: string, timeoutMs?: number): Promise<T> {
    return this.next<T>((f) => f.type === type, timeoutMs);
  }

  async waitClosed(timeoutMs = 5_000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('socket did not close');
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.closed;
  }

  close(): void {
    this.ws.close();
  }

  /** Drops the connection the way a network failure does: no close handshake. */
  drop(): void {
    this.ws.terminate();
  }
}

export const clientId = (): string => randomBytes(12).toString('base64url');

export const pageContext = (url = 'https://shop.example/orders/123', title = 'Your order') => ({
  url,
  title,
  referrer: 'https://search.example/',
  language: 'en-GB',
  timeZone: 'Europe/London',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36',
  viewport: { width: 1280, height: 800 },
});
