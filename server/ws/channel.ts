import type { WebSocket } from 'ws';
import type { z } from 'zod';
import type { ErrorCode } from '../../shared/errors';
import { AppError } from '../../shared/errors';
import { CLOSE, LIMITS } from '../../shared/limits';
import { parseFrame } from '../../shared/protocol/parse';
import { isConnectionError } from '../store/db';

export interface ChannelLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Frames being handled on any socket; shutdown waits for them before the store closes. */
const inFlight = new Set<Promise<void>>();
export const drainFrames = async (): Promise<void> => void (await Promise.all([...inFlight]));

/**
 * One socket's framing: parses and validates every inbound frame, handles them one at a time in
 * arrival order, answers bad ones with a typed error and keeps the connection, closes it on a flood.
 */
export class Channel<In extends { type: string }, Out extends { type: string }> {
  private queue: Promise<void> = Promise.resolve();
  private badFrames: number[] = [];
  private closed = false;
  private alive = true;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    readonly socket: WebSocket,
    private readonly schema: z.ZodType<In>,
    private readonly types: ReadonlySet<string>,
    private readonly log: ChannelLog,
  ) {
    socket.on('message', (data, isBinary) => {
      const raw = isBinary ? null : data.toString();
      const handled = (this.queue = this.queue.then(() => this.receive(raw)));
      inFlight.add(handled);
      void handled.then(() => inFlight.delete(handled));
    });
    socket.on('pong', () => {
      this.alive = true;
    });
    socket.on('close', () => {
      this.closed = true;
      clearInterval(this.heartbeat);
    });
    // Protocol-level pings find sockets whose peer vanished without a close (sleeping laptops, NAT drops).
    this.heartbeat = setInterval(() => {
      if (!this.alive) return socket.terminate();
      this.alive = false;
      socket.ping();
    }, LIMITS.heartbeatMs);
    this.heartbeat.unref();
  }

  private handler: (frame: In) => Promise<void> = async () => {};

  onFrame(handler: (frame: In) => Promise<void>): void {
    this.handler = handler;
  }

  get isOpen(): boolean {
    return !this.closed && this.socket.readyState === this.socket.OPEN;
  }

  send(frame: Out | { type: 'error'; code: ErrorCode; message: string; id?: string }): void {
    if (this.isOpen) this.socket.send(JSON.stringify(frame));
  }

  error(code: ErrorCode, message: string, id?: string): void {
    this.send(id === undefined ? { type: 'error', code, message } : { type: 'error', code, message, id });
  }

  close(code: number, reason: string): void {
    if (this.isOpen) this.socket.close(code, reason);
    this.closed = true;
  }

  private async receive(raw: string | null): Promise<void> {
    // Once closing (e.g. shutdown sent 1012) queued frames are left: unacked, the client resends them.
    if (!this.isOpen) return;
    if (raw === null) return this.refuse('bad_frame', 'binary frames are not accepted');
    const parsed = parseFrame(this.schema, raw, this.types);
    if (!parsed.ok) return this.refuse(parsed.code, parsed.message, parsed.id);
    const id = 'id' in parsed.value && typeof parsed.value.id === 'string' ? parsed.value.id : undefined;
    try {
      await this.handler(parsed.value);
    } catch (e) {
      if (e instanceof AppError) return this.error(e.code, e.message, id);
      if (isConnectionError(e)) {
        this.log.warn({ err: e }, 'store unavailable while handling a frame');
        return this.error('unavailable', 'the service is briefly unavailable; your message was not saved, please retry', id);
      }
      this.log.error({ err: e, frameType: parsed.value.type }, 'frame handler failed');
      this.error('internal', 'something went wrong on our side; please retry', id);
    }
  }

  /** Answers a bad frame; too many within the window closes the connection. */
  private refuse(code: ErrorCode, message: string, id?: string): void {
    this.error(code, message, id);
    const now = Date.now();
    this.badFrames = this.badFrames.filter((t) => now - t < LIMITS.badFrameWindowMs);
    this.badFrames.push(now);
    if (this.badFrames.length > LIMITS.badFrames) this.close(CLOSE.policy, 'too many invalid frames');
  }
}

/**
 * Holds frames that arrive while the route is still looking things up (site, session), so a
 * client that speaks right after `open` loses nothing. Call the returned function once the
 * socket's real handlers are attached: it replays the held frames to them, in order.
 */
export function holdFrames(socket: WebSocket): () => void {
  const held: Array<[unknown, boolean]> = [];
  const hold = (data: unknown, isBinary: boolean) => held.push([data, isBinary]);
  socket.on('message', hold);
  return () => {
    socket.off('message', hold);
    for (const [data, isBinary] of held) socket.emit('message', data, isBinary);
  };
}

/** A socket the server cannot serve now (its database is away): say so and let the client back off. */
export function refuseUnavailable(socket: { send(data: string): void; close(code: number, reason: string): void }, error: unknown, log: { warn(obj: object, msg: string): void }): void {
  log.warn({ err: error }, 'socket refused: service unavailable');
  socket.send(JSON.stringify({ type: 'error', code: 'unavailable', message: 'the service is briefly unavailable; reconnecting shortly' }));
  socket.close(CLOSE.tryAgainLater, 'try again later');
}
