import { readFile } from 'node:fs/promises';
import { createBot } from '../bot';
import type { BotThresholdsInput } from '../config';
import { EvalQuery, summarise, toEvalRow } from '../eval';
import type { EvalRow, EvalSummary } from '../eval';
import type { BotLog } from '../types';

/** Reads a query file: one `{"text", "expected"}` per line. */
export async function readQueries(file: string): Promise<EvalQuery[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter((l) => l.line)
    .map(({ line, n }) => {
      const q = EvalQuery.safeParse(JSON.parse(line));
      if (!q.success) throw new Error(`${file}:${n}: ${q.error.issues[0]?.message}`);
      return q.data;
    });
}

export interface EvalRun {
  rows: EvalRow[];
  summary: EvalSummary;
}

/**
 * The live bot on a KB folder and a query list, as `npm run eval:bot` runs it: `createBot`, then
 * `decide` on each query in order (after a 50-query warm-up, so the percentiles describe steady state).
 */
export async function evaluateKb(kbDir: string, queries: readonly EvalQuery[], thresholds?: BotThresholdsInput, log: BotLog = () => {}): Promise<EvalRun> {
  const started = performance.now();
  const bot = await createBot({ kbDir, watch: false, thresholds, log });
  // Scored as the bot runs once the KB is calibrated, not with the provisional point.
  await bot.calibrated();
  const buildMs = performance.now() - started;
  try {
    for (const q of queries.slice(0, 50)) await bot.decide(q.text, { unhelpfulRounds: 0 });
    const rows: EvalRow[] = [];
    const times: number[] = [];
    for (const q of queries) {
      const t0 = performance.now();
      const d = await bot.decide(q.text, { unhelpfulRounds: 0 });
      times.push(performance.now() - t0);
      rows.push(toEvalRow(d));
    }
    return { rows, summary: summarise(rows, queries.map((q) => q.expected), times, buildMs) };
  } finally {
    bot.close();
  }
}
