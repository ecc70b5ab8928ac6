import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isMap, parseDocument } from 'yaml';

/**
 * Turns a KB into the one most site owners start with: titles and bodies, no example questions.
 * Used to measure the bot on such a KB (`scripts/kb-without-questions.ts`, `demo-eval.test.ts`).
 */

const FRONT_MATTER = /^(\uFEFF?---[ \t]*\r?\n)([\s\S]*?)(\r?\n---[ \t]*(?:\r?\n|$))/;

/**
 * The article file without `questions` in its front matter; everything else is kept (through the
 * `yaml` document model, so key order and the comments on other keys survive). A file without front matter, without
 * questions or with front matter the KB could not read anyway is returned unchanged.
 */
export function stripQuestions(source: string): string {
  const m = FRONT_MATTER.exec(source);
  if (!m) return source;
  const doc = parseDocument(m[2] ?? '');
  if (doc.errors.length > 0 || !isMap(doc.contents) || !doc.has('questions')) return source;
  doc.delete('questions');
  const rest = source.slice(m[0].length);
  return `${m[1]}${doc.toString({ flowCollectionPadding: false }).trimEnd()}${m[3]}${rest}`;
}

/**
 * Copies every file of `kbDir` into `outDir` (created; must be new or empty, so a stale article
 * from an earlier copy cannot slip into an evaluation), with questions stripped from `*.md`.
 * Synonyms files and anything else are copied as they are. Returns the number of `.md` files.
 */
export async function copyKbWithoutQuestions(kbDir: string, outDir: string): Promise<number> {
  if (resolve(kbDir) === resolve(outDir)) throw new Error('the output folder must differ from the KB folder');
  const entries = await readdir(kbDir, { withFileTypes: true });
  await mkdir(outDir, { recursive: true });
  if ((await readdir(outDir)).length > 0) throw new Error(`${outDir} is not empty; remove it or choose another folder`);
  let articles = 0;
  for (const e of entries) {
    if (!e.isFile()) continue;
    const text = await readFile(join(kbDir, e.name));
    const isArticle = e.name.endsWith('.md');
    if (isArticle) articles++;
    await writeFile(join(outDir, e.name), isArticle ? stripQuestions(text.toString('utf8')) : text);
  }
  return articles;
}
