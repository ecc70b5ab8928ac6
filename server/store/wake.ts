import { randomUUID } from 'node:crypto';

/** Background work that waits for rows to be committed: the webhook outbox and the email outbox. */
export type WakeTopic = 'webhooks' | 'email';
const TOPICS: readonly WakeTopic[] = ['webhooks', 'email'];

/** How a wake reaches the other nodes: PostgreSQL NOTIFY (none on PGlite, which is one process). */
export interface WakeRemote {
  notify(payload: string): Promise<void>;
  /** Delivers other sessions' payloads until the returned function is called. */
  listen(onPayload: (payload: string) => void): Promise<() => Promise<void>>;
}

/** Another node hears of a burst of writes once per this window, not once per row. */
const NOTIFY_EVERY_MS = 100;

/**
 * Wakes background workers when something they process was committed, so they need not poll: this
 * node's workers at once, other nodes' through PostgreSQL NOTIFY (at most one per topic and window).
 * Workers keep a slow safety poll for whatever a lost notification or a write that did not wake missed.
 */
export class Wake {
  private readonly listeners = new Map<WakeTopic, Set<() => void>>();
  private readonly pending = new Set<WakeTopic>();
  private readonly node = randomUUID();
  private stopListening: (() => Promise<void>) | null = null;
  private closed = false;

  constructor(private readonly remote: WakeRemote | null = null) {}

  /** Starts hearing other nodes' wakes (PostgreSQL only); a failure leaves the safety polls in charge. */
  async start(onError: (e: unknown) => void = () => {}): Promise<void> {
    if (!this.remote || this.stopListening || this.closed) return;
    try {
      this.stopListening = await this.remote.listen((payload) => {
        const [node, topic] = payload.split(':');
        if (node !== this.node && TOPICS.includes(topic as WakeTopic)) this.local(topic as WakeTopic);
      });
    } catch (e) {
      onError(e);
    }
  }

  on(topic: WakeTopic, listener: () => void): () => void {
    const set = this.listeners.get(topic) ?? new Set();
    this.listeners.set(topic, set.add(listener));
    return () => void set.delete(listener);
  }

  /** Rows for `topic` were committed. */
  wake(topic: WakeTopic): void {
    this.local(topic);
    if (!this.remote || this.closed || this.pending.has(topic)) return;
    this.pending.add(topic);
    setTimeout(() => {
      this.pending.delete(topic);
      if (!this.closed) this.remote?.notify(`${this.node}:${topic}`).catch(() => {});
    }, NOTIFY_EVERY_MS).unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.stopListening?.().catch(() => {});
    this.stopListening = null;
  }

  private local(topic: WakeTopic): void {
    for (const listener of this.listeners.get(topic) ?? []) listener();
  }
}
