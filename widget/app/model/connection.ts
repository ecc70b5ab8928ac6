import { CLOSE, LIMITS } from '../../../shared/limits';
import type { SocketLike } from '../../../shared/socket';
import type { ServerToVisitor, VisitorHello, VisitorToServer } from '../../../shared/protocol/index';
import { guard, report } from '../../shared/guard';
import { parseServerFrame } from '../protocol/frames';
import { backoffDelay } from './backoff';

export type StopReason = 'reload' | 'forbidden';

export interface ConnectionEvents {
  /** Built fresh for every (re)connect so it carries the current token and lastSeq. */
  hello(): VisitorHello;
  frame(frame: ServerToVisitor): void;
  /** The welcome arrived (`ready`), or the socket closed or failed to open (`down`, before each retry). */
  ready(): void;
  down(): void;
  /** The server refused our token (4001): the store forgets it before we reconnect. */
  tokenRejected(): void;
  stopped(reason: StopReason): void;
}

export interface ConnectionOptions {
  url: string;
  events: ConnectionEvents;
  createSocket?: (url: string) => SocketLike;
  random?: () => number;
  heartbeatMs?: number;
  /** Whether the browser thinks it is online; while offline we wait for the `online` event. */
  isOnline?: () => boolean;
}

const OPEN = 1;

/**
 * One visitor socket with hello/welcome, heartbeats, reconnect with backoff and jitter, and the
 * close codes from `shared/limits.ts`. It knows nothing about messages: the store decides what to send.
 */
export class Connection {
  private socket: SocketLike | null = null;
  private welcomed = false;
  private attempt = 0;
  private missedPongs = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private running = false;

  constructor(private readonly options: ConnectionOptions) {}

  get isReady(): boolean {
    return this.welcomed && this.socket?.readyState === OPEN;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  /** Closes for good (shutdown, unmount). */
  stop(): void {
    this.running = false;
    this.clearTimers();
    this.drop(1000);
  }

  /** Writes a frame if the socket is welcomed; false means "not sent, keep it". */
  send(frame: VisitorToServer): boolean {
    if (!this.isReady || !this.socket) return false;
    try {
      this.socket.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  /** The browser came back online: skip the remaining backoff. */
  nudge(): void {
    if (!this.running || this.socket) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.attempt = 0;
    this.connect();
  }

  /** The browser went offline: the socket is likely dead even if it has not noticed yet. */
  suspend(): void {
    if (!this.running || !this.socket) return;
    this.drop(4000);
    this.scheduleReconnect();
  }

  private connect(): void {
    if (!this.running) return;
    if (this.options.isOnline && !this.options.isOnline()) {
      this.scheduleReconnect();
      return;
    }
    let socket: SocketLike;
    try {
      socket = (this.options.createSocket ?? ((url) => new WebSocket(url)))(this.options.url);
    } catch (error) {
      report(error);
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = guard(() => {
      socket.send(JSON.stringify(this.options.events.hello()));
      this.startHeartbeat(socket);
    });
    socket.onmessage = guard((ev: MessageEvent) => this.receive(socket, ev.data));
    socket.onclose = guard((ev: CloseEvent) => this.closed(socket, ev.code));
    socket.onerror = null;
  }

  private receive(socket: SocketLike, data: unknown): void {
    if (socket !== this.socket) return;
    this.missedPongs = 0;
    const parsed = parseServerFrame(data, LIMITS.serverFrameBytes);
    if (!parsed.ok) {
      report(new Error(`ignored server frame: ${parsed.reason}`));
      return;
    }
    const frame = parsed.frame;
    if (frame.type === 'visitor.welcome') {
      const first = !this.welcomed;
      this.welcomed = true;
      this.attempt = 0;
      this.options.events.frame(frame);
      if (first) this.options.events.ready();
      return;
    }
    this.options.events.frame(frame);
  }

  private closed(socket: SocketLike, code: number): void {
    if (socket !== this.socket) return;
    this.socket = null;
    this.welcomed = false;
    this.stopHeartbeat();
    if (!this.running) return;
    this.options.events.down();
    if (code === CLOSE.badVersion || code === CLOSE.forbiddenOrigin) {
      this.running = false;
      this.options.events.stopped(code === CLOSE.badVersion ? 'reload' : 'forbidden');
      return;
    }
    if (code === CLOSE.unauthorized) {
      this.options.events.tokenRejected();
      this.attempt = 0;
    }
    // A restarting server asked us back: come back soon, but spread out.
    if (code === CLOSE.serverRestart) this.attempt = Math.min(this.attempt, 1);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (!this.running || this.retryTimer) return;
    const delay = backoffDelay(this.attempt++, this.options.random);
    this.retryTimer = setTimeout(
      guard(() => {
        this.retryTimer = null;
        this.connect();
      }),
      delay,
    );
  }

  private startHeartbeat(socket: SocketLike): void {
    this.stopHeartbeat();
    this.missedPongs = 0;
    this.heartbeat = setInterval(
      guard(() => {
        if (socket !== this.socket) return;
        // Two pings without any answer: the socket is dead even if the browser has not noticed.
        if (this.missedPongs >= 2) {
          this.drop(4000);
          this.scheduleReconnect();
          return;
        }
        this.missedPongs++;
        socket.send(JSON.stringify({ type: 'ping' }));
      }),
      this.options.heartbeatMs ?? LIMITS.heartbeatMs,
    );
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private clearTimers(): void {
    this.stopHeartbeat();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** Detaches and closes the current socket; its late events are ignored. */
  private drop(code: number): void {
    const socket = this.socket;
    this.socket = null;
    this.welcomed = false;
    this.stopHeartbeat();
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = null;
      try {
        socket.close(code);
      } catch {
        // Already closing.
      }
      if (code !== 1000) this.options.events.down();
    }
  }
}
