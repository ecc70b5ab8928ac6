/**
 * Every evaluation setting of the bot in one table (docs/BOT.md, *Evaluation*).
 *
 *   npx tsx scripts/eval-suite.ts [--test] [--config thresholds.json] [--only clinc,protocol,small,demo,own] [--json out.json]
 *
 * Tuning splits by default: CLINC150 val (full and 10 per intent), the in-domain out-of-scope
 * protocol on val (3 seeds, and their mean), five small KBs of close neighbours (two CLINC domains,
 * 20 of their 30 intents, 10 questions each; the other 10 intents' queries expect null), the demo KB's dev sets with and without example
 * questions, and the KBs in eval/kbs (each `NAME/kb` with `NAME/dev.jsonl`, also without questions).
 * `--test` runs the held-out splits instead (CLINC test, protocol test, demo queries.jsonl,
 * `NAME/test.jsonl`): run it once per version, never to tune.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BotThresholdsInput } from '../server/bot/config';
import type { EvalQuery, EvalSummary } from '../server/bot/eval';
import { clincQueries, clincQueriesOf, readClinc, removedIntents, smallKbs, writeClincKb } from '../server/bot/evaluation/clinc';
import { evaluateKb, readQueries } from '../server/bot/evaluation/run';
import { copyKbWithoutQuestions } from '../server/bot/strip-questions';

const ROOT = resolve(import.meta.dirname, '..');
const CLINC = resolve(ROOT, '../shared/datasets/clinc150/data_full.json');
const SEEDS = [1, 2, 3];

interface Row {
  name: string;
  summary: EvalSummary;
}

const METRICS = ['inScopeAccuracy', 'oosRecall', 'answerPrecision', 'coverage', 'selfServeAt3'] as const;

function mean(name: string, rows: readonly Row[]): Row {
  const first = rows[0] as Row;
  const summary = { ...first.summary };
  for (const m of METRICS) summary[m] = Math.round((rows.reduce((s, r) => s + r.summary[m], 0) / rows.length) * 10_000) / 10_000;
  summary.buildMs = Math.round(rows.reduce((s, r) => s + r.summary.buildMs, 0) / rows.length);
  return { name, summary };
}

function table(rows: readonly Row[]): string {
  const head = '| setting | queries | in-scope | OOS recall | precision | coverage | self-serve@3 | p99 ms | build ms |';
  const lines = rows.map(({ name, summary: s }) =>
    `| ${name} | ${s.queries} | ${s.inScopeAccuracy.toFixed(3)} | ${s.oosRecall.toFixed(3)} | ${s.answerPrecision.toFixed(3)} | ${s.coverage.toFixed(3)} | ${s.selfServeAt3.toFixed(3)} | ${s.p99Ms.toFixed(1)} | ${s.buildMs} |`,
  );
  return [head, '|---|---|---|---|---|---|---|---|---|', ...lines].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { test: { type: 'boolean', default: false }, config: { type: 'string' }, only: { type: 'string' }, json: { type: 'string' } },
  });
  const thresholds = values.config ? (JSON.parse(await readFile(values.config, 'utf8')) as BotThresholdsInput) : undefined;
  const split = values.test ? 'test' : 'val';
  const wants = (group: string): boolean => !values.only || values.only.split(',').includes(group);
  const tmp = await mkdtemp(join(tmpdir(), 'eval-suite-'));
  const rows: Row[] = [];
  const run = async (name: string, kbDir: string, queries: readonly EvalQuery[]): Promise<Row> => {
    const { summary } = await evaluateKb(kbDir, queries, thresholds);
    const row = { name, summary };
    rows.push(row);
    process.stderr.write(`${name}: ${JSON.stringify(summary)}\n`);
    return row;
  };
  try {
    if (wants('clinc') || wants('protocol') || wants('small')) {
      const data = await readClinc(CLINC);
      if (wants('clinc')) {
        await writeClincKb(data, join(tmp, 'clinc'));
        await run(`CLINC full ${split}`, join(tmp, 'clinc'), clincQueries(data, split));
        await writeClincKb(data, join(tmp, 'clinc10'), { perIntent: 10 });
        await run(`CLINC 10/intent ${split}`, join(tmp, 'clinc10'), clincQueries(data, split));
      }
      if (wants('protocol')) {
        const seeds: Row[] = [];
        for (const seed of SEEDS) {
          const removed = removedIntents(seed);
          await writeClincKb(data, join(tmp, `protocol${seed}`), { removed });
          seeds.push(await run(`in-domain OOS, seed ${seed}, ${split}`, join(tmp, `protocol${seed}`), clincQueries(data, split, removed, false)));
        }
        rows.push(mean(`**in-domain OOS, mean of 3, ${split}**`, seeds));
      }
      if (wants('small')) {
        const small: Row[] = [];
        for (const kb of smallKbs()) {
          const dir = join(tmp, `small-${kb.name}`);
          await writeClincKb(data, dir, { perIntent: 10, only: kb.only, removed: kb.removed });
          small.push(await run(`small KB ${kb.name}, ${split}`, dir, clincQueriesOf(data, split, kb.only, kb.removed)));
        }
        rows.push(mean(`**small KBs, mean of 5, ${split}**`, small));
      }
    }
    const kbs: { name: string; dir: string; sets: string[] }[] = [];
    if (wants('demo')) {
      kbs.push({ name: 'demo', dir: join(ROOT, 'demo/kb'), sets: values.test ? ['demo/eval/queries.jsonl'] : ['demo/eval/dev.jsonl', 'demo/eval/dev-paraphrased.jsonl'] });
    }
    const own = join(ROOT, 'eval/kbs');
    if (wants('own') && existsSync(own)) {
      for (const name of (await readdir(own)).sort()) {
        const set = `eval/kbs/${name}/${values.test ? 'test' : 'dev'}.jsonl`;
        if (existsSync(join(ROOT, set))) kbs.push({ name, dir: join(own, name, 'kb'), sets: [set] });
      }
    }
    for (const kb of kbs) {
      const bare = join(tmp, `${kb.name}-bare`);
      await copyKbWithoutQuestions(kb.dir, bare);
      for (const set of kb.sets) {
        const queries = await readQueries(join(ROOT, set));
        const label = set.split('/').pop()?.replace('.jsonl', '');
        await run(`${kb.name} ${label}`, kb.dir, queries);
        await run(`${kb.name} ${label}, no questions`, bare, queries);
      }
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  if (values.json) await writeFile(values.json, JSON.stringify(rows, null, 2));
  process.stdout.write(`${table(rows)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? (e as Error).message}\n`);
  process.exit(1);
});
