import { recordStage, type Stage } from './stage-timings';

export interface GroupCommitOptions {
  /** Batch statements in flight at once; more items wait and join the next batch (that wait is the backpressure). */
  maxInFlight: number;
  /** Items stored by one statement at most. */
  maxBatch: number;
  /** Where the items' queue wait is recorded (stage-timings.ts). */
  queuedStage?: Stage;
}

interface Pending<I, O> {
  item: I;
  submittedAt: number;
  resolve(o: O | PromiseLike<O>): void;
  reject(e: unknown): void;
}

/**
 * Group commit: the items submitted while a batch statement is in flight (or in the same tick) are stored
 * together by one statement, in one transaction, with one commit, and each caller hears back only after
 * that commit. On this machine a commit's WAL flush costs 0.2 to 6 ms depending on the disk's other work
 * (docs/BENCHMARK.md), so one commit per item caps a burst at a few hundred items a second.
 *
 * With `keyOf`, items sharing a key are never in the same batch nor in two batches in flight at once: the
 * later one waits for the earlier one's commit. Their statements then never wait on each other's row locks,
 * and they are stored in the order of the calls.
 */
export class GroupCommit<I, O> {
  private queue: Pending<I, O>[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly busyKeys = new Set<string>();

  constructor(
    /** Stores a batch and returns one result per item, in order (a rejected one fails that item); a throw fails them all. */
    private readonly store: (items: I[]) => Promise<Array<O | Promise<O>>>,
    private readonly options: GroupCommitOptions,
    private readonly keyOf: ((item: I) => string) | null = null,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, submittedAt: performance.now(), resolve, reject });
      this.schedule();
    });
  }

  /** Items waiting for a batch (not yet sent to the database). */
  get waiting(): number {
    return this.queue.length;
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    // One tick lets the items of the frames handled in the same turn of the event loop share a statement.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.inFlight >= this.options.maxInFlight || this.queue.length === 0) return;
    const batch: Pending<I, O>[] = [];
    const rest: Pending<I, O>[] = [];
    const keys: string[] = [];
    for (const p of this.queue) {
      const key = this.keyOf?.(p.item);
      if (batch.length < this.options.maxBatch && (key === undefined || !this.busyKeys.has(key))) {
        if (key !== undefined) {
          this.busyKeys.add(key);
          keys.push(key);
        }
        batch.push(p);
      } else rest.push(p);
    }
    this.queue = rest;
    if (batch.length === 0) return; // every waiting item's key is in flight: its commit schedules the next batch
    if (this.options.queuedStage) {
      const now = performance.now();
      for (const p of batch) recordStage(this.options.queuedStage, now - p.submittedAt);
    }
    this.inFlight++;
    void this.run(batch).finally(() => {
      this.inFlight--;
      for (const key of keys) this.busyKeys.delete(key);
      this.schedule();
    });
    this.schedule();
  }

  private async run(batch: Pending<I, O>[]): Promise<void> {
    try {
      const results = await this.store(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(results[i] as O | Promise<O>));
    } catch (e) {
      for (const p of batch) p.reject(e);
    }
  }
}
