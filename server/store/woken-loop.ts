export interface WokenLoopOptions {
  /** The slow safety poll: a pass at least this often, for what no wake announced (retries falling due, lost notifications). */
  pollMs: number;
  /** A wake runs a pass this much later, so a burst of writes is handled by one pass. */
  wakeDelayMs: number;
}

/** What a pass says about the next one: `more` runs it at once; `nextInMs` no later than that. */
export interface PassOutcome {
  more: boolean;
  nextInMs?: number | null;
}

/**
 * A background loop that runs when woken instead of polling fast: one pass at a time, a pass soon
 * after a wake (a wake during a pass runs one more after it), and a slow poll as a safety net.
 */
export class WokenLoop {
  private timer: NodeJS.Timeout | null = null;
  private dueAt = Infinity;
  private running = false;
  private woken = false;
  private passing: Promise<void> | null = null;

  constructor(
    private readonly pass: (woken: boolean) => Promise<PassOutcome>,
    private readonly options: WokenLoopOptions,
    private readonly onError: (e: unknown) => void,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.arm(0, false);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.clear();
    await this.passing;
  }

  /** Something to do was committed. */
  wake(): void {
    if (!this.running) return;
    if (this.passing) this.woken = true;
    else this.arm(this.options.wakeDelayMs, true);
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.dueAt = Infinity;
  }

  /** Runs a pass in `delay` ms unless one is already due sooner. */
  private arm(delay: number, woken: boolean): void {
    if (!this.running || this.passing) return;
    const at = Date.now() + delay;
    if (this.timer && this.dueAt <= at) return;
    this.clear();
    this.dueAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.dueAt = Infinity;
      this.woken = false;
      this.passing = this.pass(woken)
        .catch((e: unknown): PassOutcome => {
          this.onError(e);
          return { more: false };
        })
        .then((outcome) => {
          this.passing = null;
          const again = this.woken;
          this.woken = false;
          if (outcome.more) this.arm(0, again);
          else if (again) this.arm(this.options.wakeDelayMs, true);
          else this.arm(Math.max(0, Math.min(this.options.pollMs, outcome.nextInMs ?? Infinity)), false);
        });
    }, delay);
    this.timer.unref();
  }
}
