import { CLOSE, LIMITS } from '../../shared/limits';
import type { SocketLike } from '../../shared/socket';
import { parseFrame, typesOf } from '../../shared/protocol/parse';
import { PROTOCOL_VERSION, ServerToAgent, type AgentToServer } from '../../shared/protocol/index';
import type { ConnectionStatus } from './state';

export type SocketFactory = (url: string) => SocketLike;

export interface ConnectionHandlers {
  onFrame(frame: ServerToAgent): void;
  onStatus(status: ConnectionStatus): void;
  /** The server refused us in a way retrying cannot fix. */
  onRefused(reason: 'unauthorized' | 'bad_version'): void;
}

const OPEN = 1;
const serverTypes = typesOf(ServerToAgent);

/**
 * One /ws/agent socket kept alive: hello on open, a ping every heartbeat, a reconnect with
 * backoff when it drops or goes silent. Every inbound frame is parsed before anyone sees it.
 */
export class AgentConnection {
  private socket: SocketLike | null = null;
  private attempts = 0;
  private stopped = true;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private lastHeard = 0;

  constructor(
    private readonly url: string,
    private readonly handlers: ConnectionHandlers,
    private readonly createSocket: SocketFactory = (u) => new WebSocket(u),
  ) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    const s = this.socket;
    this.socket = null;
    s?.close(1000, 'signed out');
  }

  /** False when the socket is not open; callers keep what must survive for the next welcome. */
  send(frame: AgentToServer): boolean {
    if (!this.socket || this.socket.readyState !== OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  private connect(): void {
    this.handlers.onStatus('connecting');
    const socket = this.createSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.lastHeard = Date.now();
      this.send({ type: 'agent.hello', protocol: PROTOCOL_VERSION });
      this.startHeartbeat();
    };
    socket.onmessage = (ev) => {
      if (typeof ev.data !== 'string') return;
      this.lastHeard = Date.now();
      // The guard matches what the server may send: lists come in pages below it.
      const parsed = parseFrame(ServerToAgent, ev.data, serverTypes, LIMITS.serverFrameBytes);
      if (!parsed.ok) {
        console.warn('console: ignored an invalid server frame', parsed.code, parsed.message);
        return;
      }
      if (parsed.value.type === 'agent.welcome') this.attempts = 0;
      this.handlers.onFrame(parsed.value);
    };
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.clearTimers();
      this.handlers.onStatus('closed');
      if (ev.code === CLOSE.unauthorized) return this.refuse('unauthorized');
      if (ev.code === CLOSE.badVersion) return this.refuse('bad_version');
      if (!this.stopped) this.scheduleReconnect();
    };
  }

  private refuse(reason: 'unauthorized' | 'bad_version'): void {
    this.stopped = true;
    this.handlers.onRefused(reason);
  }

  private startHeartbeat(): void {
    this.heartbeat = setInterval(() => {
      // Two silent intervals mean the socket is dead even if the browser has not noticed.
      if (Date.now() - this.lastHeard > 2 * LIMITS.heartbeatMs) {
        this.socket?.close(4000, 'heartbeat timeout');
        return;
      }
      this.send({ type: 'ping' });
    }, LIMITS.heartbeatMs);
  }

  private scheduleReconnect(): void {
    const base = Math.min(10_000, 500 * 2 ** this.attempts);
    this.attempts += 1;
    // Jitter keeps a whole support team from reconnecting in the same millisecond after a restart.
    this.retry = setTimeout(() => this.connect(), base / 2 + Math.random() * (base / 2));
  }

  private clearTimers(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.retry) clearTimeout(this.retry);
    this.heartbeat = null;
    this.retry = null;
  }
}

/** The /ws/agent URL on the page's own host. */
export function agentSocketUrl(loc: Pick<Location, 'protocol' | 'host'>): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/ws/agent`;
}
