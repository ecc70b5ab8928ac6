/**
 * Breaks down a first-open trace kept by tests/e2e/first-open-cpu.test.ts (FIRST_OPEN_TRACE=/tmp/open.json):
 * the main-thread tasks between the `open-click` and `open-ready` marks, the time by trace event (self
 * time, so nested events are not counted twice), and, when the trace was recorded with the V8 sampling
 * profiler (FIRST_OPEN_PROFILE=1), the samples by script URL and by function.
 *
 *   npx tsx scripts/first-open-trace.ts /tmp/open.json
 */
import { readFileSync } from 'node:fs';
import type { TraceEvent } from '../tests/e2e/support/trace';

interface Event extends TraceEvent {
  id?: string;
  args?: { name?: string; data?: ProfileData };
}
interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface ProfileData {
  cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
  timeDeltas?: number[];
}

const cpuOf = (e: TraceEvent) => e.tdur ?? e.dur ?? 0;
const ms = (us: number) => (us / 1000).toFixed(1).padStart(7);

function table(title: string, rows: Map<string, number>, limit = 25): void {
  console.log(`\n${title}`);
  for (const [k, v] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, limit)) console.log(`${ms(v)} ms  ${k}`);
}

const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);

function main(file: string): void {
  const events = (JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: Event[] }).traceEvents;
  const mark = (n: string) => events.find((e) => e.name === n && e.cat.includes('blink.user_timing'));
  const start = mark('open-click');
  const end = mark('open-ready');
  if (!start || !end) throw new Error('no open-click/open-ready marks in this trace');
  const onThread = (e: Event) => e.pid === start.pid && e.tid === start.tid;
  const tasks = events.filter((e) => onThread(e) && e.ph === 'X' && e.name === 'RunTask' && e.ts + (e.dur ?? 0) >= start.ts && e.ts <= end.ts);
  const from = Math.min(...tasks.map((t) => t.ts));

  console.log(`click to ready ${ms(end.ts - start.ts)} ms wall; ${tasks.length} tasks, ${ms(tasks.reduce((s, t) => s + (t.tdur ?? t.dur ?? 0), 0))} ms CPU`);
  console.log('\ntasks (start after click, wall, CPU, what runs inside):');
  const complete = events.filter((e) => onThread(e) && e.ph === 'X' && e.ts >= from && e.ts <= end.ts).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  for (const t of tasks) {
    if ((t.dur ?? 0) < 300) continue;
    const inner = complete.filter((e) => e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + (t.dur ?? 0) && (e.dur ?? 0) >= 300);
    const names = [...new Set(inner.map((e) => `${e.name}${e.name === 'FunctionCall' || e.name === 'EvaluateScript' ? '' : ''}`))].slice(0, 6).join(', ');
    console.log(`${ms(t.ts - start.ts)} ${ms(t.dur ?? 0)} ${ms(t.tdur ?? t.dur ?? 0)}  ${names}`);
  }

  // Self CPU per event name: each event's thread time minus its direct children's, on a stack.
  const self = new Map<string, number>();
  const stack: { e: Event; children: number }[] = [];
  const pop = () => {
    const top = stack.pop()!;
    add(self, top.e.name, cpuOf(top.e) - top.children);
    if (stack.length) stack[stack.length - 1]!.children += cpuOf(top.e);
  };
  for (const e of complete) {
    if (!tasks.some((t) => e.ts >= t.ts && e.ts <= t.ts + (t.dur ?? 0))) continue;
    while (stack.length && stack[stack.length - 1]!.e.ts + (stack[stack.length - 1]!.e.dur ?? 0) <= e.ts) pop();
    stack.push({ e, children: 0 });
  }
  while (stack.length) pop();
  table('self CPU by trace event (thread time):', self);

  // The sampling profile, when recorded: self samples attributed by URL and by function.
  const nodes = new Map<number, ProfileNode>();
  const byUrl = new Map<string, number>();
  const byFn = new Map<string, number>();
  let t = 0;
  for (const e of events.filter((x) => onThread(x) || x.name === 'ProfileChunk')) {
    if (e.name === 'Profile') t = e.ts;
    if (e.name !== 'ProfileChunk' || e.pid !== start.pid) continue;
    const data = e.args?.data;
    for (const n of data?.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    const samples = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      t += deltas[i] ?? 0;
      const next = deltas[i + 1] ?? 0;
      // From the click on: the task that delivers it also ran the pointer's earlier hover events.
      if (t < start.ts || t > end.ts) continue;
      const frame = nodes.get(samples[i]!)?.callFrame;
      if (!frame) continue;
      const url = frame.url ? (frame.url.split('/').pop() ?? frame.url) : `(${frame.functionName || 'native'})`;
      add(byUrl, url, next);
      add(byFn, `${frame.functionName || '(anonymous)'} ${url}:${frame.lineNumber + 1}`, next);
    }
  }
  if (byUrl.size) {
    table('JS samples by script (self):', byUrl, 12);
    table('JS samples by function (self):', byFn, 40);
  } else console.log('\n(no sampling profile: record with FIRST_OPEN_PROFILE=1 for the per-function view)');
}

main(process.argv[2] ?? '/tmp/open.json');
