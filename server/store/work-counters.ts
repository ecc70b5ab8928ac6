/**
 * What this process asked of its database, counted so the benchmark can report queries per visitor
 * message measured rather than estimated. Plain integer increments: cheap enough to keep always on;
 * only exposed over HTTP when BENCH_COUNTERS is set (GET /bench/counters, server/app.ts).
 */
export const workCounters = {
  /** Round trips to the database: statements, plus BEGIN and COMMIT/ROLLBACK of transactions. */
  queries: 0,
  /** Visitor messages stored (resends that were already stored are not counted). */
  visitorMessages: 0,
  /** Statements that stored a batch of appends at once (group commit). */
  appendBatches: 0,
  /** Appends stored by those statements, and the milliseconds they took (send to result): mean batch size and latency. */
  appendBatchRows: 0,
  appendBatchMs: 0,
};
