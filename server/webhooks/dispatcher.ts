import { outboundPolicy, OutboundRefused, type OutboundPolicy } from '../net/address-policy';
import { guardedPost } from '../net/guarded-request';
import type { Store } from '../store/store';
import { fanOut } from './outbox';
import { WebhookRepo, type Delivery } from './repo';
import { HEADERS, sign } from './sign';

export interface DispatcherOptions {
  /** Pause between passes when there is nothing more to do. */
  pollMs: number;
  /** Source rows read per fan-out pass. */
  batch: number;
  /** Requests in flight at once on this node; a slow receiver holds one slot, not the loop. */
  concurrency: number;
  /** A receiver that has not answered by then has failed this attempt. */
  timeoutMs: number;
  /** Retry n waits retryBaseMs × 2^(n−1) (plus up to 20 % jitter), at most retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** After this many failed attempts a delivery is marked failed (an admin can retry it). */
  maxAttempts: number;
  /** Which addresses a receiver may have: public ones only, unless the operator trusts a range. */
  policy: OutboundPolicy;
}

export const DEFAULT_DISPATCHER: DispatcherOptions = {
  pollMs: 500,
  batch: 200,
  concurrency: 8,
  timeoutMs: 10_000,
  retryBaseMs: 10_000,
  retryMaxMs: 3_600_000,
  maxAttempts: 8,
  policy: outboundPolicy(),
};

interface Log { warn(obj: object, msg: string): void }

export function retryDelay(attempt: number, o: Pick<DispatcherOptions, 'retryBaseMs' | 'retryMaxMs'>, random = Math.random): number {
  return Math.round(Math.min(o.retryMaxMs, o.retryBaseMs * 2 ** Math.max(0, attempt - 1)) * (1 + 0.2 * random()));
}

/**
 * The background half of webhooks: fans stored events out into deliveries and sends them. It
 * runs on every node; the database decides who does what, so nodes never double-send a claim.
 */
export class WebhookDispatcher {
  private readonly options: DispatcherOptions;
  private readonly repo: WebhookRepo;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private passing: Promise<void> | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  private abort = new AbortController();

  constructor(
    private readonly store: Store,
    private readonly log: Log,
    options: Partial<DispatcherOptions> = {},
  ) {
    this.options = { ...DEFAULT_DISPATCHER, ...options };
    this.repo = new WebhookRepo(store.db);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.abort = new AbortController();
    this.schedule(0);
  }

  /** Stops claiming, aborts requests in flight (their deliveries become due again) and waits for them. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort.abort();
    await this.passing;
    await Promise.allSettled([...this.inFlight]);
  }

  private schedule(delay: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.passing = this.pass()
        .then((more) => this.schedule(more ? 0 : this.options.pollMs))
        .catch((e: unknown) => {
          this.log.warn({ err: e }, 'webhook pass failed');
          this.schedule(this.options.pollMs);
        });
    }, delay);
    this.timer.unref();
  }

  /** One fan-out pass plus claiming as many due deliveries as there are free slots. */
  async pass(): Promise<boolean> {
    const more = await fanOut(this.store.db, this.options.batch);
    if (this.abort.signal.aborted) return more;
    const free = this.options.concurrency - this.inFlight.size;
    const claimed = await this.repo.claimDue(free, this.options.timeoutMs + 30_000);
    for (const d of claimed) {
      const p = this.send(d).finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }
    return more;
  }

  /**
   * Runs passes until every event and message written before the call has been fanned out, nothing
   * is due and nothing is in flight (for tests and scripts). Fan-out can lag behind any transaction
   * open on the PostgreSQL cluster, so "nothing due yet" alone does not mean done.
   */
  async drain(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const newest = async (table: string) => (await this.store.db.query<{ tx: string }>(`SELECT tx::text AS tx FROM ${table} ORDER BY tx DESC LIMIT 1`))[0]?.tx;
    const targets = { events: await newest('events'), messages: await newest('messages') };
    for (;;) {
      await this.pass();
      await Promise.allSettled([...this.inFlight]);
      const cursors = await this.store.db.query<{ source: 'events' | 'messages'; tx: string }>('SELECT source, tx::text AS tx FROM webhook_cursors');
      // The cursor's tx is the first transaction not fully fanned out.
      const caughtUp = cursors.every((c) => targets[c.source] === undefined || BigInt(c.tx) > BigInt(targets[c.source]!));
      const [due] = await this.store.db.query<{ n: number }>("SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= now()");
      if (caughtUp && (due?.n ?? 0) === 0 && this.inFlight.size === 0) return;
      if (Date.now() > deadline) throw new Error('webhook deliveries did not drain in time');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  private async send(d: Delivery & { url: string; secret: string }): Promise<void> {
    const startedAt = Date.now();
    const timestamp = Math.floor(startedAt / 1000);
    let statusCode: number | null = null;
    let error: string | null = null;
    let excerpt: string | null = null;
    try {
      const response = await guardedPost({
        url: d.url,
        body: d.body,
        policy: this.options.policy,
        signal: this.abort.signal,
        timeoutMs: this.options.timeoutMs,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'deflect-chat-webhooks/1',
          [HEADERS.timestamp]: String(timestamp),
          [HEADERS.signature]: sign(d.secret, timestamp, d.body),
          [HEADERS.delivery]: d.id,
          [HEADERS.event]: d.eventType,
        },
      });
      statusCode = response.status;
      excerpt = response.excerpt;
      if (statusCode < 200 || statusCode >= 300) error = `receiver answered ${statusCode}`;
    } catch (e) {
      if (this.abort.signal.aborted) {
        await this.repo.release(d.id, d.attempts).catch(() => {});
        return;
      }
      error = describeFailure(e, this.options.timeoutMs);
    }
    const ok = error === null;
    const status = ok ? 'delivered' : d.attempts >= this.options.maxAttempts ? 'failed' : 'pending';
    try {
      await this.repo.finish(d, { startedAt, durationMs: Date.now() - startedAt, statusCode, error, responseExcerpt: excerpt }, { status, retryInMs: ok ? 0 : retryDelay(d.attempts, this.options) });
    } catch (e) {
      this.log.warn({ err: e, delivery: d.id }, 'could not record webhook attempt');
    }
  }
}

function describeFailure(e: unknown, timeoutMs: number): string {
  if (e instanceof OutboundRefused) return e.message;
  const err = e as NodeJS.ErrnoException & { cause?: { name?: string } };
  if (err.name === 'AbortError' && err.cause?.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  if (err.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  return err.code ? `connection failed: ${err.code}` : `connection failed: ${err.message}`;
}
