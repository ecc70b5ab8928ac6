import type { ServerToVisitor, VisitorToServer } from '../../../shared/protocol/index';
import type { SocketLike } from '../../../shared/socket';

/** A scripted stand-in for the server side of a visitor socket, for model and component tests. */
export class FakeSocket implements SocketLike {
  readyState = 0;
  sent: VisitorToServer[] = [];
  closedWith: number | null = null;
  onopen: ((ev: Event) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onclose: ((ev: CloseEvent) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('socket not open');
    this.sent.push(JSON.parse(data) as VisitorToServer);
  }

  close(code = 1000): void {
    this.closedWith = code;
    this.readyState = 3;
  }

  /** Server side: accept the connection. */
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  /** Server side: send a frame (or raw text). */
  push(frame: ServerToVisitor | string): void {
    this.onmessage?.(new MessageEvent('message', { data: typeof frame === 'string' ? frame : JSON.stringify(frame) }));
  }

  /** Server side: close the connection with `code`. */
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close', { code }));
  }

  sentOf<T extends VisitorToServer['type']>(type: T): Extract<VisitorToServer, { type: T }>[] {
    return this.sent.filter((f): f is Extract<VisitorToServer, { type: T }> => f.type === type);
  }
}

/** Collects every socket a store opens, newest last. */
export function socketFactory(): { sockets: FakeSocket[]; create: (url: string) => FakeSocket; last: () => FakeSocket } {
  const sockets: FakeSocket[] = [];
  return {
    sockets,
    create: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    last: () => {
      const s = sockets.at(-1);
      if (!s) throw new Error('no socket opened yet');
      return s;
    },
  };
}
