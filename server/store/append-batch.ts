import { isUniqueViolation, type Sql } from './db';
import type { NewMessage } from './types';
import { workCounters } from './work-counters';
import { appendStatement, type AppendItem, type AppendOptions, type Appended } from './append-statement';
import { GroupCommit, type GroupCommitOptions } from './group-commit';
import { recordStage } from './stage-timings';

/** One append waiting for its batch's commit. */
type Pending = AppendItem;

/**
 * Four statements in flight: with two, a backlog made batches of ~235 appends that took ~180 ms each and
 * the backlog never drained (bench defaults on PostgreSQL, 2 cores: ack p50/p99 1,171/1,914 ms); with four,
 * batches of ~11 took ~14 ms and both cores served them (17/192 ms); eight measured 22/469 ms. One run each,
 * load 3-4, docs/BENCHMARK.md.
 */
const DEFAULTS: GroupCommitOptions = { maxInFlight: 4, maxBatch: 256, queuedStage: 'append.queued' };
/** PostgreSQL's deadlock_detected: two statements waited on each other; the loser is retried alone. */
const DEADLOCK = '40P01';

/**
 * Group commit for message appends: the appends that arrive while a batch statement is in flight (or in
 * the same tick) are stored together by one statement, in one transaction, with one commit. Each keeps
 * the single append's meaning (the conversation's next seq, once per client id, its conditions and its
 * event) and its caller hears back only after that commit. A conversation has one append in flight at a
 * time: a second one waits for the first one's commit, so seqs follow the order of calls.
 */
export class AppendBatcher {
  private readonly group: GroupCommit<Pending, Appended | null>;

  constructor(
    private readonly sql: Sql,
    /** The single-statement append, for the rare batch that must be replayed one by one. */
    private readonly single: (m: NewMessage, opts: AppendOptions) => Promise<Appended | null>,
    options: Partial<GroupCommitOptions> = {},
  ) {
    this.group = new GroupCommit((batch) => this.run(batch), { ...DEFAULTS, ...options }, (p) => p.m.conversationId);
  }

  append(m: NewMessage, opts: AppendOptions): Promise<Appended | null> {
    return this.group.submit({ m, opts });
  }

  /** Appends waiting for a batch (not yet sent to the database). */
  get waiting(): number {
    return this.group.waiting;
  }

  private async run(batch: Pending[]): Promise<Array<Appended | null | Promise<Appended | null>>> {
    if (batch.length === 1) return [await this.single(batch[0]!.m, batch[0]!.opts)];
    try {
      return await this.store(batch);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (!isUniqueViolation(e) && code !== DEADLOCK) throw e;
      // Two sends of one client id raced in two batches (or two batches deadlocked): replay one by one, in order.
      const out: Promise<Appended | null>[] = [];
      for (const p of batch) {
        const r = this.single(p.m, p.opts);
        out.push(r);
        await r.catch(() => {});
      }
      return out;
    }
  }

  private async store(batch: Pending[]): Promise<(Appended | null)[]> {
    const started = performance.now();
    const results = await appendStatement(this.sql, batch);
    workCounters.appendBatches++;
    workCounters.appendBatchRows += batch.length;
    const ms = performance.now() - started;
    workCounters.appendBatchMs += ms;
    recordStage('append.statement', ms);
    return results;
  }
}
