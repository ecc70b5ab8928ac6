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
  /** Bot answers stored by the visitor message's own statement (one commit for both). */
  repliesWithMessage: 0,
  /** Bot turns that ran after the visitor's message was stored (its state changed since the socket saw it, or the first answer of a resend): a second commit. */
  botTurnsAfter: 0,
};
