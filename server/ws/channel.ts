import type { WebSocket } from 'ws';
import type { z } from 'zod';
import type { ErrorCode } from '../../shared/errors';
import { AppError } from '../../shared/errors';
import { CLOSE, LIMITS } from '../../shared/limits';
import { parseFrame } from '../../shared/protocol/parse';
import { isConnectionError } from '../store/db';
import { recordStage } from '../store/stage-timings';
import { ready, type ReadyFrame } from '../conversations/feed/ready-frame';

export interface ChannelLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Frames being handled on any socket; shutdown waits for them before the store closes. */
const inFlight = new Set<Promise<void>>();
export const drainFrames = async (): Promise<void> => void (await Promise.all([...inFlight]));

/** Charges an inbound frame; 0 lets it run, more is the wait in milliseconds before it could. */
export type Meter<In> = (frame: In) => number;

/**
 * One socket's framing: parses, validates and meters every inbound frame as it arrives, handles
 * them one at a time in arrival order, answers bad or over-budget ones with a typed error (too many
 * close the socket), and bounds what waits in either direction: frames waiting to be handled, and
 * bytes waiting to be sent to a peer that stopped reading.
 */
export class Channel<In extends { type: string }, Out extends { type: string }> {
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;
  private badFrames: number[] = [];
  private closed = false;
  private alive = true;
  private readonly heartbeat: NodeJS.Timeout;
  private meter: Meter<In> = () => 0;

  constructor(
    readonly socket: WebSocket,
    private readonly schema: z.ZodType<In>,
    private readonly types: ReadonlySet<string>,
    private readonly log: ChannelLog,
  ) {
    socket.on('message', (data, isBinary) => this.arrive(isBinary ? null : data.toString()));
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

  onFrame(handler: (frame: In) => Promise<void>, meter?: Meter<In>): void {
    this.handler = handler;
    if (meter) this.meter = meter;
  }

  get isOpen(): boolean {
    return !this.closed && this.socket.readyState === this.socket.OPEN;
  }

  /**
   * Sends one frame, serialised once. A frame above `LIMITS.serverFrameBytes` would be refused by
   * the client's guard, so it is never sent (a bug: lists are paged below it); a peer whose unsent
   * bytes pass `LIMITS.outboundBufferBytes` has stopped reading and is closed with `slowConsumer`.
   */
  send(frame: Out | { type: 'error'; code: ErrorCode; message: string; id?: string }): void {
    if (this.isOpen) this.sendReady(ready(frame));
  }

  /** Sends a frame the live feed serialised once for every socket of a room, under this socket's own limits. */
  sendReady(frame: ReadyFrame): void {
    if (!this.isOpen) return;
    if (frame.bytes > LIMITS.serverFrameBytes) {
      this.log.error({ frameType: frame.type, bytes: frame.bytes }, 'refused to send a frame above the clients\' size guard');
      return this.error('internal', 'something went wrong on our side; please retry');
    }
    if (this.socket.bufferedAmount + frame.bytes > LIMITS.outboundBufferBytes) return this.dropSlowPeer();
    this.socket.send(frame.text);
  }

  error(code: ErrorCode, message: string, id?: string): void {
    this.send(id === undefined ? { type: 'error', code, message } : { type: 'error', code, message, id });
  }

  close(code: number, reason: string): void {
    if (this.isOpen) this.socket.close(code, reason);
    this.closed = true;
  }

  /** The peer is not reading: its close frame would wait behind the backlog, so the socket is cut shortly after. */
  private dropSlowPeer(): void {
    this.log.warn({ buffered: this.socket.bufferedAmount }, 'closing a socket whose peer stopped reading');
    this.close(CLOSE.slowConsumer, 'not reading; reconnect');
    setTimeout(() => this.socket.terminate(), 1_000).unref();
  }

  /** Parses and meters at arrival, so a flood is refused before it queues any work. */
  private arrive(raw: string | null): void {
    // Once closing (e.g. shutdown sent 1012) later frames are left: unacked, the client resends them.
    if (!this.isOpen) return;
    if (raw === null) return this.refuse('bad_frame', 'binary frames are not accepted');
    const parsed = parseFrame(this.schema, raw, this.types);
    if (!parsed.ok) return this.refuse(parsed.code, parsed.message, parsed.id);
    const frame = parsed.value;
    const id = 'id' in frame && typeof frame.id === 'string' ? frame.id : undefined;
    if (this.pending >= LIMITS.pendingFrames) return this.refuse('rate_limited', 'too many frames waiting; slow down', id, CLOSE.rateLimited);
    const wait = this.meter(frame);
    if (wait > 0) return this.refuse('rate_limited', `too many frames: please wait ${Math.ceil(wait / 1000)} s`, id, CLOSE.rateLimited);
    this.pending++;
    const arrived = performance.now();
    const handled = (this.queue = this.queue.then(() => this.receive(frame, id, arrived)).finally(() => this.pending--));
    inFlight.add(handled);
    void handled.then(() => inFlight.delete(handled));
  }

  private async receive(frame: In, id: string | undefined, arrived: number): Promise<void> {
    if (!this.isOpen) return;
    recordStage('frame.queued', performance.now() - arrived);
    try {
      await this.handler(frame);
    } catch (e) {
      if (e instanceof AppError) return this.error(e.code, e.message, id);
      if (isConnectionError(e)) {
        this.log.warn({ err: e }, 'store unavailable while handling a frame');
        return this.error('unavailable', 'the service is briefly unavailable; your message was not saved, please retry', id);
      }
      this.log.error({ err: e, frameType: frame.type }, 'frame handler failed');
      this.error('internal', 'something went wrong on our side; please retry', id);
    }
  }

  /** Answers a refused frame; too many within the window closes the connection with `closeCode`. */
  private refuse(code: ErrorCode, message: string, id?: string, closeCode: number = CLOSE.policy): void {
    this.error(code, message, id);
    const now = Date.now();
    this.badFrames = this.badFrames.filter((t) => now - t < LIMITS.badFrameWindowMs);
    this.badFrames.push(now);
    if (this.badFrames.length > LIMITS.badFrames) this.close(closeCode, closeCode === CLOSE.rateLimited ? 'too many frames' : 'too many invalid frames');
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
