/**
 * Performance check for the bot on a synthetic 1,000-article KB.
 *
 *   tsx scripts/bot-bench.ts [--articles 1000] [--queries 5000] [--dir .tmp/bench-kb]
 *
 * Articles get a title, 0–3 example questions and a 4–8 sentence body over a 4,000-word vocabulary
 * (the demo KB's words plus invented ones);
 * queries mix words of one article with random words and noise. Prints a JSON line: build time
 * (load + render + index) and decision time percentiles.
 */
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createBot } from '../server/bot/index';
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

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '1000' },
      queries: { type: 'string', default: '5000' },
      dir: { type: 'string', default: '.tmp/bench-kb' },
    },
  });
  const nArticles = Number(values.articles);
  VOCAB = await vocabulary();
  const dir = values.dir ?? '.tmp/bench-kb';
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const topics: string[][] = [];
  for (let i = 0; i < nArticles; i++) {
    const topic = Array.from({ length: 6 }, () => pick(VOCAB));
    topics.push(topic);
    const questions = Array.from({ length: Math.floor(random() * 4) }, () => `  - ${sentence(topic, 6 + Math.floor(random() * 6))}`);
    const body = Array.from({ length: 4 + Math.floor(random() * 5) }, () => `${sentence(topic, 10 + Math.floor(random() * 10))}.`).join(' ');
    const fm = [`title: ${sentence(topic, 4)}`, ...(questions.length ? ['questions:', ...questions] : []), `tags: [${pick(VOCAB)}]`].join('\n');
    await writeFile(join(dir, `a${i}.md`), `---\n${fm}\n---\n\n${body}\n\n- ${sentence(topic, 8)}\n- ${sentence(topic, 8)}\n`);
  }

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

  const queries = Array.from({ length: Number(values.queries) }, () =>
    random() < 0.8 ? sentence(pick(topics), 3 + Math.floor(random() * 12)) : Array.from({ length: 5 }, () => pick(VOCAB)).join(' '),
  );
  // While the KB measures itself on its worker thread, chats are answered (at the fixed point) on this one.
  const during: number[] = [];
  const calibrating = bot.calibrated();
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
  for (const q of queries.slice(0, 200)) await bot.decide(q, { unhelpfulRounds: 0 });
  const times: number[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    await bot.decide(q, { unhelpfulRounds: 0 });
    times.push(performance.now() - t0);
  }
  const long = 'where is my order '.repeat(600);
  const t0 = performance.now();
  await bot.decide(long, { unhelpfulRounds: 0 });
  const longMs = performance.now() - t0;
  bot.close();
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  process.stdout.write(
    `${JSON.stringify({ articles: bot.size, queries: times.length, buildMs: Math.round(buildMs), buildCpuMs: Math.round(buildCpuMs), buildLongestStallMs: Math.round(stalls.max / 1e6), calibrationMs: Math.round(calibrationMs), calibrationWorkerMs: calibration.calibration?.ms ?? null, decisionsDuringCalibration: during.length, duringCalibrationP99Ms: r(percentile(during, 99)), loadAverage: Math.round((loadavg()[0] ?? 0) * 10) / 10, p50Ms: r(percentile(times, 50)), p99Ms: r(percentile(times, 99)), maxMs: r(Math.max(...times)), tenKCharsMs: r(longMs), heapMB: Math.round(process.memoryUsage().heapUsed / 1e6) })}\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
