import { outboundPolicy, OutboundRefused, type OutboundPolicy } from '../net/address-policy';
import { guardedPost } from '../net/guarded-request';
import type { Store } from '../store/store';
import { fanOut } from './outbox';
import { WokenLoop, type PassOutcome } from '../store/woken-loop';
import { WebhookRepo, type Delivery } from './repo';
import { HEADERS, sign } from './sign';

export interface DispatcherOptions {
  /** The safety poll: a pass at least this often. Passes otherwise run when woken by what is written (Store.wake). */
  pollMs: number;
  /** A wake runs a pass this much later, so a burst of messages is fanned out by one pass (at most ~5 passes/s under traffic). */
  wakeDelayMs: number;
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
  pollMs: 5_000,
  wakeDelayMs: 200,
  batch: 200,
  concurrency: 8,
  timeoutMs: 10_000,
  retryBaseMs: 10_000,
  retryMaxMs: 3_600_000,
  maxAttempts: 8,
  policy: outboundPolicy(),
};

interface Log { warn(obj: object, msg: string): void }

const LAG_RETRIES = 4;
const LAG_RETRY_MS = 250;

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
  private readonly loop: WokenLoop;
  private readonly inFlight = new Set<Promise<void>>();
  private abort = new AbortController();
  private stopWaking: (() => void) | null = null;
  /** Woken passes left that may retry soon when rows were expected but not yet visible (see `pass`). */
  private lagRetries = 0;

  constructor(
    private readonly store: Store,
    private readonly log: Log,
    options: Partial<DispatcherOptions> = {},
  ) {
    this.options = { ...DEFAULT_DISPATCHER, ...options };
    this.repo = new WebhookRepo(store.db);
    this.loop = new WokenLoop((woken) => this.loopPass(woken), this.options, (e) => this.log.warn({ err: e }, 'webhook pass failed'));
  }

  start(): void {
    this.abort = new AbortController();
    this.stopWaking ??= this.store.wake.on('webhooks', () => this.loop.wake());
    this.loop.start();
  }

  /** Stops claiming, aborts requests in flight (their deliveries become due again) and waits for them. */
  async stop(): Promise<void> {
    this.stopWaking?.();
    this.stopWaking = null;
    this.abort.abort();
    await this.loop.stop();
    await Promise.allSettled([...this.inFlight]);
  }

  private async loopPass(woken: boolean): Promise<PassOutcome> {
    const { more, found, hooks } = await this.passOnce();
    // A row committed just now stays out of reach while an older transaction runs (the snapshot horizon):
    // a woken pass that found nothing looks again shortly, a few times, before leaving it to the safety poll.
    if (woken) this.lagRetries = LAG_RETRIES;
    const lagging = hooks > 0 && found === 0 && this.lagRetries-- > 0;
    // With every slot busy, a finishing send wakes the loop; a delivery another node holds is looked at after a pause.
    const due = this.inFlight.size >= this.options.concurrency ? null : await this.repo.nextDueInMs();
    const nextDue = due === null ? null : Math.max(this.options.wakeDelayMs, due);
    return { more, nextInMs: lagging ? Math.min(LAG_RETRY_MS, nextDue ?? Infinity) : nextDue };
  }

  /** One fan-out pass plus claiming as many due deliveries as there are free slots; true when more rows wait. */
  async pass(): Promise<boolean> {
    return (await this.passOnce()).more;
  }

  private async passOnce(): Promise<{ more: boolean; found: number; hooks: number }> {
    const fanned = await fanOut(this.store.db, this.options.batch);
    if (this.abort.signal.aborted) return fanned;
    const free = this.options.concurrency - this.inFlight.size;
    const claimed = await this.repo.claimDue(free, this.options.timeoutMs + 30_000);
    for (const d of claimed) {
      // A finished send frees a slot and may have set a retry time: the loop looks again.
      const p = this.send(d).finally(() => {
        this.inFlight.delete(p);
        this.loop.wake();
      });
      this.inFlight.add(p);
    }
    return fanned;
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
