/** One event of a Chrome trace (the JSON `traceEvents` array); times are microseconds. */
export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time: what the thread really ran, without the time it waited for a core. */
  tdur?: number;
  args?: { name?: string };
}

/**
 * Main-thread work of the renderer that recorded the `from` and `to` user-timing marks, between them:
 * the sum of its top-level tasks (`RunTask`) that start in the window. CPU uses each task's thread time,
 * so a machine busy with other work inflates it far less than the wall time it also returns.
 */
export function mainThreadCpu(events: TraceEvent[], from: string, to: string): { cpuMs: number; wallMs: number } {
  const mark = (name: string) => events.find((e) => e.name === name && e.cat.includes('blink.user_timing'));
  const start = mark(from);
  const end = mark(to);
  if (!start || !end) throw new Error(`trace lacks the marks ${from}/${to}`);
  const mainThreads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  // The marks' own thread is the page's main thread (cross-origin frames would have others).
  const thread = `${start.pid}:${start.tid}`;
  if (!mainThreads.has(thread)) throw new Error('the marks are not on a renderer main thread');
  let cpu = 0;
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'RunTask' || `${e.pid}:${e.tid}` !== thread) continue;
    // A task that contains the click mark counts from its start: the click handler is part of opening.
    if (e.ts + (e.dur ?? 0) < start.ts || e.ts > end.ts) continue;
    cpu += e.tdur ?? e.dur ?? 0;
  }
  return { cpuMs: cpu / 1000, wallMs: (end.ts - start.ts) / 1000 };
}
