import { AppError } from '../../shared/errors';
import { TokenBuckets, type BucketRule } from './token-bucket';

/**
 * How an HTTP route is metered. Every `/api/*` route declares one in its `config.meter`
 * (checked when the route is registered, see server/http/rest-metering.ts); other routes are `public`.
 * - `public`: per client address only (no sign-in: sign-in itself, pages, static files, the widget preview).
 * - `agent`: per address before the session is looked up, then per signed-in agent after the route's guard.
 * - `bulk`: `agent`, plus a smaller per-agent allowance for requests that cost much each: a whole-KB
 *   sync, a test delivery to a webhook receiver. (Export pages are bounded in size and paged by scripts: `agent`.)
 * - `visitor`: per address, then per visitor once the route has read a valid token (it calls `byVisitor`).
 * - `socket`: WebSocket upgrades, which meter themselves (connections per address, frame budgets).
 */
export type RouteMeter = 'public' | 'agent' | 'bulk' | 'visitor' | 'socket';

/**
 * The allowances, declared once (docs/SECURITY.md lists them). `RATE_REST_SCALE` multiplies every burst
 * and rate; load tests raise it. The address allowance is wide because an office or a carrier puts many
 * people behind one address; an agent's is what a person clicking through the console never reaches
 * (the ops dashboard fires about 20 requests when it opens).
 */
export const REST_RULES = {
  /** Every metered request, keyed by client address (after TRUST_PROXY): 600 a minute, bursts of 300. */
  perAddress: { capacity: 300, refillPerSecond: 10 },
  /** Console requests per signed-in agent (all of one agent's sessions share it): 300 a minute, bursts of 120. */
  perAgent: { capacity: 120, refillPerSecond: 5 },
  /** KB syncs and webhook test deliveries per agent, on top of `perAgent`: 60 a minute, bursts of 30. */
  bulkPerAgent: { capacity: 30, refillPerSecond: 1 },
  /** Requests that carry a visitor token, per visitor: 10 a minute, bursts of 5. */
  perVisitor: { capacity: 5, refillPerSecond: 1 / 6 },
} as const satisfies Record<string, BucketRule>;

const scaled = (rule: BucketRule, scale: number): BucketRule => ({ capacity: Math.max(1, Math.round(rule.capacity * scale)), refillPerSecond: rule.refillPerSecond * scale });

/** The buckets behind REST_RULES. Per process, like the socket limits; full buckets are swept each minute. */
export class RestMeters {
  private readonly address: TokenBuckets;
  private readonly agents: TokenBuckets;
  private readonly bulk: TokenBuckets;
  private readonly visitors: TokenBuckets;
  private readonly timer: NodeJS.Timeout;

  constructor(scale = 1, now: () => number = Date.now) {
    this.address = new TokenBuckets(scaled(REST_RULES.perAddress, scale), now);
    this.agents = new TokenBuckets(scaled(REST_RULES.perAgent, scale), now);
    this.bulk = new TokenBuckets(scaled(REST_RULES.bulkPerAgent, scale), now);
    this.visitors = new TokenBuckets(scaled(REST_RULES.perVisitor, scale), now);
    this.timer = setInterval(() => {
      for (const b of [this.address, this.agents, this.bulk, this.visitors]) b.sweep();
    }, 60_000);
    this.timer.unref();
  }

  /** Each throws `RestLimited` (429 with a wait) when its allowance is spent. */
  byAddress(ip: string): void {
    charge(this.address, ip, 'too many requests from your network');
  }

  byAgent(agentId: string, meter: 'agent' | 'bulk'): void {
    charge(this.agents, agentId, 'too many requests');
    if (meter === 'bulk') charge(this.bulk, agentId, 'too many syncs or test deliveries');
  }

  byVisitor(visitorId: string): void {
    charge(this.visitors, visitorId, 'too many requests for this visitor');
  }

  close(): void {
    clearInterval(this.timer);
  }
}

/** `rate_limited` that remembers its wait, so the HTTP edge can send `retry-after`. */
export class RestLimited extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', `${message}: please wait ${retryAfterSeconds} s and try again`);
  }
}

function charge(buckets: TokenBuckets, key: string, message: string): void {
  const wait = buckets.take(key);
  if (wait > 0) throw new RestLimited(message, Math.max(1, Math.ceil(wait / 1000)));
}
