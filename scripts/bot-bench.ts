/**
 * Performance check for the bot on a synthetic 1,000-article KB, or on CLINC150 (150 articles ×
 * 100 example questions, the largest self-calibration we run).
 *
 *   tsx scripts/bot-bench.ts [--articles 1000] [--queries 5000] [--dir .tmp/bench-kb]
 *   tsx scripts/bot-bench.ts --clinc [--dir .tmp/bench-clinc]
 *
 * Synthetic articles get a title, 0–3 example questions and a 4–8 sentence body over a 4,000-word
 * vocabulary (the demo KB's words plus invented ones); queries mix words of one article with random
 * words and noise. `--clinc` uses CLINC's val questions (in scope and out of scope) as the chats.
 * Prints a JSON line: build time (load + render + index), how long the self-calibration took and
 * how chats fared meanwhile (decision p99, longest event-loop stall), and decision time percentiles.
 * On a shared machine wall times mostly measure the other processes, so it also prints CPU times
 * (`calibrationCpuMs` counts every thread: the worker and the chats answered meanwhile) and a floor:
 * the p50/p99 of a fixed task as long as a median decision, run as many times right after.
 */
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createBot } from '../server/bot/index';
import { clincQueries, readClinc, writeClincKb } from '../server/bot/evaluation/clinc';
import { percentile } from '../server/bot/eval';

let seed = 42;
/** Deterministic PRNG (mulberry32) so runs are comparable. */
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;

/** Half real English (the demo KB's words, Zipf-like), half invented words with English letter frequencies. */
async function vocabulary(): Promise<string[]> {
  const demo = join(import.meta.dirname, '../demo/kb');
  const text = (await Promise.all((await readdir(demo)).map((f) => readFile(join(demo, f), 'utf8')))).join(' ');
  const real = [...new Set(text.toLowerCase().match(/[a-z]{3,}/g) ?? [])];
  const LETTERS = 'eeeeeeeeeeeetttttttttaaaaaaaaooooooooiiiiiiinnnnnnnsssssshhhhhhrrrrrrddddlllluuucccmmmwwffggyyppbbvkjxqz';
  const invented = Array.from({ length: 4000 - real.length }, () => Array.from({ length: 3 + Math.floor(random() * 7) }, () => pick([...LETTERS])).join(''));
  return [...real, ...invented];
}
let VOCAB: string[] = [];
const GLUE = ['how', 'do', 'i', 'the', 'my', 'can', 'you', 'is', 'what', 'when', 'where', 'a', 'to', 'for'];
const sentence = (topic: readonly string[], n: number): string =>
  Array.from({ length: n }, () => (random() < 0.5 ? pick(topic) : random() < 0.5 ? pick(GLUE) : pick(VOCAB))).join(' ');

const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;
function timed(task: () => void): number {
  const t0 = performance.now();
  task();
  return performance.now() - t0;
}
/**
 * The floor: a task of fixed work costing what a median decision costs, run as often. Its p99 is
 * what preemption alone does to a tail on this machine right now.
 */
function floorTimes(medianMs: number, n: number): number[] {
  const perUnit = percentile(Array.from({ length: 50 }, () => timed(() => fixedWork(10))), 50) / 10;
  const units = Math.max(1, Math.round(medianMs / Math.max(perUnit, 1e-6)));
  return Array.from({ length: n }, () => timed(() => fixedWork(units)));
}
let sink = 0;
/** Arithmetic of a fixed size; `sink` keeps it from being optimised away. */
function fixedWork(units: number): void {
  let x = 0;
  for (let i = 0; i < units * 20_000; i++) x += Math.sqrt(i + sink);
  sink = x % 7;
}

/** Writes the synthetic KB into `dir` and returns chats that mostly aim at one of its articles. */
async function syntheticKb(dir: string, nArticles: number, nQueries: number): Promise<string[]> {
  VOCAB = await vocabulary();
  const topics: string[][] = [];
  for (let i = 0; i < nArticles; i++) {
    const topic = Array.from({ length: 6 }, () => pick(VOCAB));
    topics.push(topic);
    const questions = Array.from({ length: Math.floor(random() * 4) }, () => `  - ${sentence(topic, 6 + Math.floor(random() * 6))}`);
    const body = Array.from({ length: 4 + Math.floor(random() * 5) }, () => `${sentence(topic, 10 + Math.floor(random() * 10))}.`).join(' ');
    const fm = [`title: ${sentence(topic, 4)}`, ...(questions.length ? ['questions:', ...questions] : []), `tags: [${pick(VOCAB)}]`].join('\n');
    await writeFile(join(dir, `a${i}.md`), `---\n${fm}\n---\n\n${body}\n\n- ${sentence(topic, 8)}\n- ${sentence(topic, 8)}\n`);
  }
  return Array.from({ length: nQueries }, () =>
    random() < 0.8 ? sentence(pick(topics), 3 + Math.floor(random() * 12)) : Array.from({ length: 5 }, () => pick(VOCAB)).join(' '),
  );
}

/** CLINC150 as a KB (every training question) in `dir`; its val questions are the chats. */
async function clincKb(dir: string): Promise<string[]> {
  const data = await readClinc(join(import.meta.dirname, '../../shared/datasets/clinc150/data_full.json'));
  await writeClincKb(data, dir);
  return clincQueries(data, 'val').map((q) => q.text);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '1000' },
      queries: { type: 'string', default: '5000' },
      dir: { type: 'string' },
      clinc: { type: 'boolean', default: false },
    },
  });
  const dir = values.dir ?? (values.clinc ? '.tmp/bench-clinc' : '.tmp/bench-kb');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const queries = values.clinc ? await clincKb(dir) : await syntheticKb(dir, Number(values.articles), Number(values.queries));

  const started = performance.now();
  const cpu = process.cpuUsage();
  // The index is built in slices; this is the longest the event loop (every chat) waited meanwhile.
  const stalls = monitorEventLoopDelay({ resolution: 5 });
  stalls.enable();
  const bot = await createBot({ kbDir: dir, watch: false, log: () => {} });
  const buildMs = performance.now() - started;
  stalls.disable();
  // CPU time is less distorted than wall time when the machine is shared.
  const used = process.cpuUsage(cpu);
  const buildCpuMs = (used.user + used.system) / 1000;

  // While the KB measures itself on its worker thread, chats are answered (at the fixed point) on this one.
  const during: number[] = [];
  const calibrating = bot.calibrated();
  // Chats wait for the event loop; its longest stall while the worker measures is what a visitor could feel.
  const calibrationStalls = monitorEventLoopDelay({ resolution: 5 });
  calibrationStalls.enable();
  const calibrationCpu = process.cpuUsage();
  let settled = false;
  void calibrating.then(() => (settled = true));
  for (let i = 0; !settled && i < 100_000; i++) {
    const t1 = performance.now();
    await bot.decide(queries[i % queries.length] as string, { unhelpfulRounds: 0 });
    during.push(performance.now() - t1);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const calibration = await calibrating;
  const calibrationMs = performance.now() - started;
  calibrationStalls.disable();
  const calibrationCpuMs = cpuMs(process.cpuUsage(calibrationCpu));
  for (const q of queries.slice(0, 200)) await bot.decide(q, { unhelpfulRounds: 0 });
  const times: number[] = [];
  const decisionCpu = process.cpuUsage();
  for (const q of queries) {
    const t0 = performance.now();
    await bot.decide(q, { unhelpfulRounds: 0 });
    times.push(performance.now() - t0);
  }
  const decisionCpuMs = cpuMs(process.cpuUsage(decisionCpu));
  const floor = floorTimes(percentile(times, 50), times.length);
  const long = 'where is my order '.repeat(600);
  const t0 = performance.now();
  await bot.decide(long, { unhelpfulRounds: 0 });
  const longMs = performance.now() - t0;
  bot.close();
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  process.stdout.write(
    `${JSON.stringify({ articles: bot.size, queries: times.length, buildMs: Math.round(buildMs), buildCpuMs: Math.round(buildCpuMs), buildLongestStallMs: Math.round(stalls.max / 1e6), calibrationMs: Math.round(calibrationMs), calibrationWorkerMs: calibration.calibration?.ms ?? null, calibrationMeasured: calibration.calibration?.measured ?? false, calibrationReached: calibration.calibration?.reached ?? false, calibrationCpuMs: Math.round(calibrationCpuMs), calibrationLongestStallMs: Math.round(calibrationStalls.max / 1e6), decisionsDuringCalibration: during.length, duringCalibrationP99Ms: r(percentile(during, 99)), loadAverage: Math.round((loadavg()[0] ?? 0) * 10) / 10, p50Ms: r(percentile(times, 50)), p99Ms: r(percentile(times, 99)), floorP50Ms: r(percentile(floor, 50)), floorP99Ms: r(percentile(floor, 99)), decisionCpuMeanMs: r(decisionCpuMs / times.length), maxMs: r(Math.max(...times)), tenKCharsMs: r(longMs), heapMB: Math.round(process.memoryUsage().heapUsed / 1e6) })}\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
