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
import { evaluateKb, readQueries } from '../server/bot/evaluation/run';
import type { BotThresholdsInput } from '../server/bot/config';

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
  const thresholds = values.config ? (JSON.parse(await readFile(values.config, 'utf8')) as BotThresholdsInput) : undefined;
  const queries = await readQueries(values.queries);
  const { rows, summary } = await evaluateKb(values.kb, queries, thresholds, (level, msg) => process.stderr.write(`[${level}] ${msg}\n`));
  if (values.out) await writeFile(values.out, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
