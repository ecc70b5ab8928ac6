/**
 * Turns CLINC150 (CC BY 3.0) into a KB folder plus query files, for `npm run eval:bot`.
 *
 *   tsx scripts/clinc-to-kb.ts --out .tmp/clinc [--per-intent 10] [--data ../shared/datasets/clinc150/data_full.json]
 *
 * One article per intent (title from the intent name, training utterances as `questions`, the
 * first N of them with --per-intent), `val.jsonl` (val + oos_val) and `test.jsonl` (test + oos_test).
 * Generate into a temp or `.tmp/` folder: the dataset is not to be copied into the repository.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { z } from 'zod';

const Split = z.array(z.tuple([z.string(), z.string()]));
const Clinc = z.object({ train: Split, val: Split, test: Split, oos_val: Split, oos_test: Split });

function title(intent: string): string {
  const t = intent.replace(/_/g, ' ');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      'per-intent': { type: 'string' },
      data: { type: 'string', default: resolve(import.meta.dirname, '../../shared/datasets/clinc150/data_full.json') },
    },
  });
  if (!values.out) throw new Error('usage: clinc-to-kb --out DIR [--per-intent N] [--data data_full.json]');
  const perIntent = values['per-intent'] ? Number(values['per-intent']) : Infinity;
  if (!(perIntent > 0)) throw new Error('--per-intent must be a positive number');
  const data = Clinc.parse(JSON.parse(await readFile(values.data ?? '', 'utf8')));

  const byIntent = new Map<string, string[]>();
  for (const [text, intent] of data.train) {
    const list = byIntent.get(intent) ?? [];
    if (list.length < perIntent) list.push(text);
    byIntent.set(intent, list);
  }
  const kbDir = join(values.out, 'kb');
  await rm(kbDir, { recursive: true, force: true });
  await mkdir(kbDir, { recursive: true });
  for (const [intent, questions] of byIntent) {
    const fm = stringify({ id: intent, title: title(intent), questions }).trimEnd();
    await writeFile(join(kbDir, `${intent}.md`), `---\n${fm}\n---\n\nHelp with ${title(intent).toLowerCase()}.\n`);
  }
  const lines = (inScope: z.infer<typeof Split>, oos: z.infer<typeof Split>): string =>
    [
      ...inScope.map(([text, intent]) => JSON.stringify({ text, expected: intent })),
      ...oos.map(([text]) => JSON.stringify({ text, expected: null })),
    ].join('\n') + '\n';
  await writeFile(join(values.out, 'val.jsonl'), lines(data.val, data.oos_val));
  await writeFile(join(values.out, 'test.jsonl'), lines(data.test, data.oos_test));
  process.stderr.write(`wrote ${byIntent.size} articles to ${kbDir}, val.jsonl and test.jsonl to ${values.out}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
