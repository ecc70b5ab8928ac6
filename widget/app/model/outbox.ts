import type { Attachment, VisitorToServer } from '../../../shared/protocol/index';
import { guard } from '../../shared/guard';
import type { ChatState, Outgoing, OutboxItem } from './state';

export interface Outbox {
  add(frame: Outgoing, attachment?: Attachment): void;
  /** A failed frame goes out again, with the same id. */
  retry(id: string): void;
  /** Sends every pending item not already on the wire, oldest first, each with its original id. */
  flush(): void;
  /** The server answered the frame `id` (ack or error): its timer stops. */
  settle(id: string | undefined): void;
  /** The socket is gone: nothing is on the wire any more, so the next socket writes every pending frame again. */
  forget(): void;
}

/**
 * Frames that wait for their ack (`state.outbox`, stored with the rest, so a reload keeps them): each is written
 * once per socket, oldest first, with its original client id so that the server can dedupe a resend. One not
 * acked within `ackTimeoutMs` while connected is shown as failed, with a retry button. `set` replaces the state
 * as every change of the store does (stored, told to subscribers); `write` says whether the frame went out.
 * A closure, not a class: its names then shrink in the bundle.
 */
export function createOutbox(get: () => ChatState, set: (next: ChatState) => void, write: (frame: VisitorToServer) => boolean, now: () => number, ackTimeoutMs = 15_000): Outbox {
  const inFlight = new Map<string, ReturnType<typeof setTimeout>>();
  const mark = (id: string, from: OutboxItem['state'], to: Pick<OutboxItem, 'state' | 'error'>) => {
    const s = get();
    set({ ...s, outbox: s.outbox.map((o) => (o.frame.id === id && o.state === from ? { ...o, ...to } : o)), ...(to.state === 'pending' ? { notice: null } : {}) });
  };
  const flush = () => {
    for (const item of get().outbox) {
      if (item.state !== 'pending' || inFlight.has(item.frame.id)) continue;
      if (!write(item.frame)) return;
      const id = item.frame.id;
      inFlight.set(
        id,
        setTimeout(
          guard(() => {
            inFlight.delete(id);
            mark(id, 'pending', { state: 'failed', error: 'timeout' });
          }),
          ackTimeoutMs,
        ),
      );
    }
  };
  return {
    add(frame, attachment) {
      const s = get();
      set({ ...s, outbox: [...s.outbox, { frame, createdAt: now(), state: 'pending', error: null, attachment }], notice: null });
      flush();
    },
    retry(id) {
      mark(id, 'failed', { state: 'pending', error: null });
      flush();
    },
    flush,
    settle(id) {
      if (id === undefined) return;
      clearTimeout(inFlight.get(id));
      inFlight.delete(id);
    },
    forget() {
      for (const t of inFlight.values()) clearTimeout(t);
      inFlight.clear();
    },
  };
}
