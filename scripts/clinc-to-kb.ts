/**
 * Turns CLINC150 (CC BY 3.0) into a KB folder plus query files, for `npm run eval:bot`.
 *
 *   tsx scripts/clinc-to-kb.ts --out .tmp/clinc [--per-intent 10] [--protocol-seed 1] [--data ../shared/datasets/clinc150/data_full.json]
 *
 * One article per intent (title from the intent name, training utterances as `questions`, the
 * first N of them with --per-intent), `val.jsonl` (val + oos_val) and `test.jsonl` (test + oos_test).
 * With --protocol-seed: the in-domain out-of-scope protocol, 5 of the 15 intents of each domain
 * left out (chosen by the seed); their queries expect null, and CLINC's own out-of-scope ones are left out.
 * Generate into a temp or `.tmp/` folder: the dataset is not to be copied into the repository.
 */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { clincQueries, readClinc, removedIntents, writeClincKb } from '../server/bot/evaluation/clinc';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      'per-intent': { type: 'string' },
      'protocol-seed': { type: 'string' },
      data: { type: 'string', default: resolve(import.meta.dirname, '../../shared/datasets/clinc150/data_full.json') },
    },
  });
  if (!values.out) throw new Error('usage: clinc-to-kb --out DIR [--per-intent N] [--protocol-seed S] [--data data_full.json]');
  const perIntent = values['per-intent'] ? Number(values['per-intent']) : Infinity;
  if (!(perIntent > 0)) throw new Error('--per-intent must be a positive number');
  const seed = values['protocol-seed'];
  const removed = seed === undefined ? new Set<string>() : removedIntents(Number(seed));
  const data = await readClinc(values.data ?? '');
  const kbDir = join(values.out, 'kb');
  const n = await writeClincKb(data, kbDir, { perIntent, removed });
  const lines = (split: 'val' | 'test'): string => clincQueries(data, split, removed, seed === undefined).map((q) => JSON.stringify(q)).join('\n') + '\n';
  await writeFile(join(values.out, 'val.jsonl'), lines('val'));
  await writeFile(join(values.out, 'test.jsonl'), lines('test'));
  process.stderr.write(`wrote ${n} articles to ${kbDir}, val.jsonl and test.jsonl to ${values.out}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
