/**
 * Failed sign-ins per key with exponential backoff: the first `free` failures in a window cost
 * nothing, then each further failure doubles the wait (from `baseMs`, at most `maxMs`). Attempts
 * refused while waiting are not failures, so a patient guesser gets one try per wait, and the
 * wait a real user meets after a few typos stays seconds, not a quarter of an hour.
 * Per process: with several nodes each keeps its own counts, which still bounds guessing to nodes × limit.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly free: number,
    private readonly baseMs = 1_000,
    private readonly maxMs = 15 * 60_000,
    private readonly windowMs = 15 * 60_000,
  ) {}

  /** Milliseconds until `key` may try again, or 0. */
  retryAfter(key: string, now = Date.now()): number {
    const recent = this.recent(key, now);
    const over = recent.length - this.free;
    if (over < 0) return 0;
    const wait = Math.min(this.maxMs, this.baseMs * 2 ** over);
    return Math.max(0, recent.at(-1)! + wait - now);
  }

  fail(key: string, now = Date.now()): void {
    const recent = this.recent(key, now);
    recent.push(now);
    this.failures.set(key, recent);
    if (this.failures.size > 10_000) this.prune(now);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
  }

  private prune(now: number): void {
    for (const [key] of this.failures) if (this.recent(key, now).length === 0) this.failures.delete(key);
  }
}
