import type { Attachment, VisitorToServer } from '../../../shared/protocol/index';
import { guard } from '../../shared/guard';
import type { ChatState, Outgoing, OutboxItem } from './state';

export interface OutboxHost {
  getState(): ChatState;
  /** Replaces the state: stored and told to subscribers, as every change of the store is. */
  setState(next: ChatState): void;
  /** Writes a frame if the socket is welcomed; false means "not sent, keep it". */
  write(frame: VisitorToServer): boolean;
  now(): number;
}

/**
 * Frames that wait for their ack (`state.outbox`, stored with the rest, so a reload keeps them): each is written
 * once per socket, oldest first, with its original client id so that the server can dedupe a resend. One not
 * acked within `ackTimeoutMs` while connected is shown as failed, with a retry button.
 */
export class Outbox {
  private readonly inFlight = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly host: OutboxHost,
    private readonly ackTimeoutMs = 15_000,
  ) {}

  add(frame: Outgoing, attachment?: Attachment): void {
    const s = this.host.getState();
    const item: OutboxItem = { frame, createdAt: this.host.now(), state: 'pending', error: null, attachment };
    this.host.setState({ ...s, outbox: [...s.outbox, item], notice: null });
    this.flush();
  }

  /** A failed frame goes out again, with the same id. */
  retry(id: string): void {
    const s = this.host.getState();
    const outbox = s.outbox.map((o) => (o.frame.id === id && o.state === 'failed' ? { ...o, state: 'pending' as const, error: null } : o));
    this.host.setState({ ...s, outbox, notice: null });
    this.flush();
  }

  /** Sends every pending item not already on the wire, oldest first, each with its original id. */
  flush(): void {
    for (const item of this.host.getState().outbox) {
      if (item.state !== 'pending' || this.inFlight.has(item.frame.id)) continue;
      if (!this.host.write(item.frame)) return;
      const id = item.frame.id;
      this.inFlight.set(
        id,
        setTimeout(
          guard(() => this.timeOut(id)),
          this.ackTimeoutMs,
        ),
      );
    }
  }

  /** The server answered the frame `id` (ack or error): its timer stops. */
  settle(id: string | undefined): void {
    if (id === undefined) return;
    const t = this.inFlight.get(id);
    if (t) clearTimeout(t);
    this.inFlight.delete(id);
  }

  /** The socket is gone: nothing is on the wire any more, so the next socket writes every pending frame again. */
  forget(): void {
    for (const t of this.inFlight.values()) clearTimeout(t);
    this.inFlight.clear();
  }

  private timeOut(id: string): void {
    this.inFlight.delete(id);
    const s = this.host.getState();
    const outbox = s.outbox.map((o) => (o.frame.id === id && o.state === 'pending' ? { ...o, state: 'failed' as const, error: 'timeout' as const } : o));
    this.host.setState({ ...s, outbox });
  }
}
