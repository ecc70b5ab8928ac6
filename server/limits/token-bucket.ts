export interface BucketRule {
  /** Tokens available at once (the burst). */
  capacity: number;
  /** Tokens added per second. */
  refillPerSecond: number;
}

interface Bucket { tokens: number; at: number }

/**
 * Token buckets by key (a visitor, an IP). Full buckets are dropped on sweep so memory stays
 * bounded by the number of keys active within one refill period. Per process, like any socket state.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  constructor(
    readonly rule: BucketRule,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes `cost` tokens; returns 0 when allowed, else the milliseconds until they are available. */
  take(key: string, cost = 1): number {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.rule.capacity, at: t };
    b.tokens = Math.min(this.rule.capacity, b.tokens + ((t - b.at) / 1000) * this.rule.refillPerSecond);
    b.at = t;
    if (b.tokens < cost) {
      this.buckets.set(key, b);
      return Math.ceil(((cost - b.tokens) / this.rule.refillPerSecond) * 1000);
    }
    b.tokens -= cost;
    this.buckets.set(key, b);
    if (this.buckets.size > 50_000) this.sweep();
    return 0;
  }

  sweep(): void {
    const t = this.now();
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((t - b.at) / 1000) * this.rule.refillPerSecond >= this.rule.capacity) this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }
}
