import { cpus, loadavg, totalmem } from 'node:os';
import type { BenchOptions } from './args';
import type { TargetResult } from './run';
import type { Summary } from './stats';

/** The figures the issue asks for, checked against the measured results. */
export interface Verdict {
  target: string;
  met: boolean | null;
  measured: string;
}

const KB = 1024;
const MB = 1024 * 1024;

export function verdicts(results: TargetResult[], options: BenchOptions): Verdict[] {
  const by = (t: string) => results.find((r) => r.target === t && !r.skipped);
  const pglite = by('pglite');
  const postgres = by('postgres');
  const out: Verdict[] = [];
  for (const r of [pglite, postgres]) {
    if (!r?.connect) continue;
    const enough = options.sockets >= 10_000;
    out.push({ target: `${r.target}: 10,000 visitor sockets held`, met: enough ? r.connect.held >= 10_000 : null, measured: `${r.connect.held} of ${options.sockets} requested` });
    out.push({ target: `${r.target}: < 50 KB server memory per socket`, met: r.bytesPerSocket !== undefined && r.bytesPerSocket < 50 * KB, measured: `${fmtKb(r.bytesPerSocket)} KB` });
  }
  if (pglite?.traffic) {
    out.push({ target: 'pglite: ≥ 500 messages/s sustained', met: pglite.traffic.ackedPerSecond >= 500, measured: `${pglite.traffic.ackedPerSecond}/s acked (${pglite.traffic.offeredPerSecond}/s offered)` });
  }
  const t = postgres?.traffic;
  if (t) {
    out.push({ target: 'postgres: ≥ 1,000 messages/s sustained', met: t.ackedPerSecond >= 1_000, measured: `${t.ackedPerSecond}/s acked (${t.offeredPerSecond}/s offered)` });
    out.push({ target: 'postgres: ack p99 < 50 ms', met: t.ack.p99 !== null && t.ack.p99 < 50 && t.missing.ack === 0, measured: `${t.ack.p99} ms (${t.missing.ack} never acked)` });
    out.push({ target: 'postgres: bot reply p99 < 20 ms', met: t.botReply.p99 !== null && t.botReply.p99 < 20 && t.missing.botReply === 0, measured: `${t.botReply.p99} ms (${t.missing.botReply} never answered)` });
    const two = by('two-nodes')?.traffic;
    if (two) {
      out.push({ target: 'two-nodes: every message delivered across nodes', met: two.missing.ack + two.missing.agentDelivery === 0, measured: `${two.missing.ack} never acked, ${two.missing.agentDelivery} never delivered to the agent on the other node` });
    }
  } else {
    const reason = results.find((r) => r.target === 'postgres')?.skipped ?? 'not requested (--store)';
    out.push({ target: 'postgres throughput targets', met: null, measured: `skipped: ${reason}` });
  }
  return out;
}

/** The human-readable table: one column per target, ratios to the bare `ws` floor in brackets. */
export function table(results: TargetResult[]): string {
  const ran = results.filter((r) => !r.skipped);
  const floor = ran.find((r) => r.target === 'echo');
  const rows: Array<[string, (r: TargetResult) => number | undefined, (v: number) => string, 'lower' | 'higher' | null]> = [
    ['visitor sockets held', (r) => r.connect?.held, String, null],
    ['handshakes per second', (r) => r.connect?.perSecond, String, 'higher'],
    ['handshake p99 (ms)', (r) => r.connect?.handshake.p99 ?? undefined, String, 'lower'],
    ['queries per hello', (r) => r.hellos?.queries, (v) => v.toFixed(2), null],
    ['server CPU per hello (ms)', (r) => r.hellos?.serverCpuMs, (v) => v.toFixed(3), 'lower'],
    ['PostgreSQL CPU per hello (ms)', (r) => r.hellos?.databaseCpuMs, (v) => v.toFixed(3), null],
    ['queries after the last welcome (2 s settle)', (r) => r.hellos?.settleQueries, String, null],
    ['server CPU after the last welcome (ms, 2 s settle)', (r) => r.hellos?.settleServerCpuMs, String, null],
    ['server RSS idle (MB)', (r) => r.rssBefore, (v) => (v / MB).toFixed(0), null],
    ['server RSS with sockets (MB)', (r) => r.rssHeld, (v) => (v / MB).toFixed(0), null],
    ['memory per socket (KB)', (r) => r.bytesPerSocket, (v) => fmtKb(v), 'lower'],
    ['messages/s offered', (r) => r.traffic?.offeredPerSecond, String, null],
    ['messages/s acked (sustained)', (r) => r.traffic?.ackedPerSecond, String, 'higher'],
    ...latencyRows('ack', (r) => r.traffic?.ack),
    ...latencyRows('bot reply', (r) => r.traffic?.botReply),
    ...latencyRows('visitor→agent (two-nodes: across nodes)', (r) => r.traffic?.agentDelivery),
    ['never acked / answered / delivered', (r) => (r.traffic ? r.traffic.missing.ack + r.traffic.missing.botReply + r.traffic.missing.agentDelivery : undefined), String, null],
    ['error frames', (r) => (r.traffic ? Object.values(r.traffic.errors).reduce((a, b) => a + b, 0) : undefined), String, null],
    ['queries per visitor message', (r) => r.queriesPerMessage, (v) => v.toFixed(2), null],
    ['append batch statements', (r) => r.appendBatches?.count, String, null],
    ['appends per batch (mean)', (r) => r.appendBatches?.meanRows, (v) => v.toFixed(1), null],
    ['batch statement time (mean ms)', (r) => r.appendBatches?.meanMs, (v) => v.toFixed(1), null],
    ['server CPU in traffic (cores)', (r) => r.serverCpu, (v) => v.toFixed(2), null],
    ['PostgreSQL backends CPU (cores)', (r) => r.databaseCpu?.backends, (v) => v.toFixed(2), null],
    ['PostgreSQL background CPU (cores)', (r) => r.databaseCpu?.background, (v) => v.toFixed(2), null],
    ['server CPU per message (ms)', (r) => r.cpuPerMessageMs?.server, (v) => v.toFixed(3), null],
    ['PostgreSQL CPU per message (ms)', (r) => r.cpuPerMessageMs?.database, (v) => v.toFixed(3), null],
    ['load generator CPU (cores)', (r) => r.traffic?.loadGenCpu, (v) => v.toFixed(2), null],
    ['bot answers stored with the message', (r) => r.botReplies?.withMessage, String, null],
    ['bot turns after the message (2nd commit)', (r) => r.botReplies?.after, String, null],
    ...stageRows(),
  ];
  const header = ['', ...ran.map((r) => (r.target === 'echo' ? 'ws echo (floor)' : r.target))];
  const body = rows.map(([label, get, fmt, better]) => [
    label,
    ...ran.map((r) => {
      const v = get(r);
      if (v === undefined) return '–';
      const base = floor && r !== floor && better ? get(floor) : undefined;
      return base ? `${fmt(v)} (${(v / base).toFixed(1)}×)` : fmt(v);
    }),
  ]);
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const skipped = results.filter((r) => r.skipped).map((r) => `${r.target}: skipped (${r.skipped})`);
  return [line(header), ...body.map(line), ...skipped].join('\n');
}

function latencyRows(name: string, get: (r: TargetResult) => Summary | undefined): Array<[string, (r: TargetResult) => number | undefined, (v: number) => string, 'lower']> {
  return (['p50', 'p99'] as const).map((q) => [`${name} ${q} (ms)`, (r: TargetResult) => get(r)?.[q] ?? undefined, (v: number) => v.toFixed(1), 'lower']);
}

/** Where the latency went inside the server (first node), in the traffic phase: p50 / p99 / max of each stage. */
function stageRows(): Array<[string, (r: TargetResult) => number | undefined, (v: number) => string, null]> {
  const stages: Array<[string, string]> = [
    ['in server: send → ack', 'visitor.send.ack'],
    ['in server: frame queued on its socket', 'frame.queued'],
    ['in server: append queued for a batch', 'append.queued'],
    ['in server: append statement', 'append.statement'],
    ['in server: new conversation queued', 'start.queued'],
    ['in server: pool wait', 'pool.wait'],
    ['event-loop delay', 'eventLoop.delay'],
    ['GC pause', 'gc.pause'],
    ['GC pause, mark-compact only', 'gc.major'],
  ];
  return stages.flatMap(([label, key]) =>
    (['p50', 'p99', 'max'] as const).map((q): [string, (r: TargetResult) => number | undefined, (v: number) => string, null] => [`${label} ${q} (ms)`, (r) => r.stages?.[key]?.[q], (v) => v.toFixed(2), null]),
  ).concat([
    ['GC pause total (ms)', (r) => r.stages?.['gc.pause']?.totalMs, String, null],
    ['GC mark-compact count', (r) => r.stages?.['gc.major']?.count, String, null],
  ]);
}

const fmtKb = (bytes: number | undefined) => (bytes === undefined ? '–' : (bytes / KB).toFixed(1));

export function machine() {
  const cpu = cpus();
  return { cpus: cpu.length, model: cpu[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version, loadAverage: loadavg().map((l) => Math.round(l * 100) / 100) };
}
