/**
 * Copies a KB folder without the example `questions` of its articles: titles and bodies only, as
 * most site owners start. Synonyms files are copied as they are.
 *
 *   npx tsx scripts/kb-without-questions.ts --kb demo/kb --out .tmp/demo-bare
 *
 * The output folder must be new or empty.
 */
import { parseArgs } from 'node:util';
import { copyKbWithoutQuestions } from '../server/bot/strip-questions';

const USAGE = 'usage: kb-without-questions --kb <dir> --out <new or empty dir>';

async function main(): Promise<void> {
  let values: { kb?: string; out?: string };
  try {
    ({ values } = parseArgs({ options: { kb: { type: 'string' }, out: { type: 'string' } } }));
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${USAGE}`);
  }
  if (!values.kb || !values.out) throw new Error(USAGE);
  const n = await copyKbWithoutQuestions(values.kb, values.out);
  process.stderr.write(`wrote ${n} articles without questions to ${values.out}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
