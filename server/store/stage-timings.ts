import { constants, createHistogram, monitorEventLoopDelay, PerformanceObserver, type IntervalHistogram, type RecordableHistogram } from 'node:perf_hooks';

/**
 * Where a message's latency goes, for `npm run bench` (BENCH_COUNTERS): the wait of each stage as a histogram,
 * plus the event loop's delay and GC pauses. Nothing is recorded until `startStageTimings()` (only under
 * BENCH_COUNTERS), so a production server pays one boolean test per stage and message.
 */
export type Stage =
  /** A visitor message from the start of its handler to its ack being sent (with `frame.queued`, the server's share of the ack latency). */
  | 'visitor.send.ack'
  /** An inbound frame waiting behind the frames of its socket before its handler starts. */
  | 'frame.queued'
  /** An append from its submission to the start of the statement that stores it (group-commit queue). */
  | 'append.queued'
  /** One append statement, from send to result (commit included). */
  | 'append.statement'
  /** A new conversation from its submission to the start of its statement. */
  | 'start.queued'
  /** A unit of database work waiting for a pool connection (the gate in front of the pool). */
  | 'pool.wait';

const histograms = new Map<string, RecordableHistogram>();
let loop: IntervalHistogram | null = null;

/** Records one wait, in milliseconds (kept at microsecond resolution), once the timings are started. */
export function recordStage(stage: Stage, ms: number): void {
  if (!loop) return;
  let h = histograms.get(stage);
  if (!h) histograms.set(stage, (h = createHistogram()));
  h.record(Math.max(1, Math.round(ms * 1000)));
}

/** Starts the event-loop delay monitor and the GC observer (once per process). */
export function startStageTimings(): void {
  if (loop) return;
  loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const gc = createHistogram();
  const major = createHistogram();
  histograms.set('gc.pause', gc);
  histograms.set('gc.major', major);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const us = Math.max(1, Math.round(e.duration * 1000));
      gc.record(us);
      // Mark-compact collections, told apart from scavenges: the ones whose cost grows with the heap (sockets held).
      if ((e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) major.record(us);
    }
  }).observe({ entryTypes: ['gc'] });
}

export interface StageSummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
  /** Sum of all samples (ms): for GC, the total pause. */
  totalMs: number;
}

/** Every stage since the last call (then reset), in milliseconds. */
export function takeStageTimings(): Record<string, StageSummary> {
  const out: Record<string, StageSummary> = {};
  const us = (v: number) => Math.round(v) / 1000;
  for (const [name, h] of histograms) {
    if (h.count === 0) continue;
    out[name] = { count: h.count, p50: us(h.percentile(50)), p99: us(h.percentile(99)), max: us(h.max), totalMs: Math.round((h.mean * h.count) / 1000) };
    h.reset();
  }
  if (loop && loop.count > 0) {
    const ns = (v: number) => Math.round(v / 1e3) / 1e3;
    out['eventLoop.delay'] = { count: loop.count, p50: ns(loop.percentile(50)), p99: ns(loop.percentile(99)), max: ns(loop.max), totalMs: 0 };
    loop.reset();
  }
  return out;
}
