/**
 * Evaluates the live bot's decisions on a labelled query file.
 *
 *   npm run eval:bot -- --kb <dir> --queries <file.jsonl> [--out <decisions.jsonl>] [--config <thresholds.json>]
 *
 * Query lines: {"text": "...", "expected": "<article id>" | null}. The last stdout line is the JSON
 * summary (see EvalSummary in server/bot/eval.ts); everything else goes to stderr.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createBot } from '../server/bot/index';
import { EvalQuery, summarise, toEvalRow } from '../server/bot/eval';
import type { EvalRow } from '../server/bot/eval';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      kb: { type: 'string' },
      queries: { type: 'string' },
      out: { type: 'string' },
      config: { type: 'string' },
    },
  });
  if (!values.kb || !values.queries) {
    throw new Error('usage: eval-bot --kb <dir> --queries <file.jsonl> [--out <decisions.jsonl>] [--config <thresholds.json>]');
  }
  const thresholds: unknown = values.config ? JSON.parse(await readFile(values.config, 'utf8')) : undefined;
  const queries = (await readFile(values.queries, 'utf8'))
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter((l) => l.line)
    .map(({ line, n }) => {
      const q = EvalQuery.safeParse(JSON.parse(line));
      if (!q.success) throw new Error(`${values.queries}:${n}: ${q.error.issues[0]?.message}`);
      return q.data;
    });

  const started = performance.now();
  const bot = await createBot({
    kbDir: values.kb,
    watch: false,
    thresholds: thresholds as Parameters<typeof createBot>[0]['thresholds'],
    log: (level, msg) => process.stderr.write(`[${level}] ${msg}\n`),
  });
  const buildMs = performance.now() - started;

  // Warm up the JIT so percentiles describe steady state, as in the live server.
  for (const q of queries.slice(0, 50)) await bot.decide(q.text, { unhelpfulRounds: 0 });

  const rows: EvalRow[] = [];
  const times: number[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    const d = await bot.decide(q.text, { unhelpfulRounds: 0 });
    times.push(performance.now() - t0);
    rows.push(toEvalRow(d));
  }
  bot.close();
  if (values.out) await writeFile(values.out, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  process.stdout.write(`${JSON.stringify(summarise(rows, queries.map((q) => q.expected), times, buildMs))}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
