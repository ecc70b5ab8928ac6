/**
 * The generalisation KBs in eval/kbs (docs/BOT.md, *Our own KBs*) stay usable as evaluation data:
 * every article loads, every label names an article that exists, dev and test share no query, and
 * each set keeps the size and the share of questions without an answer that make its numbers mean
 * something. A renamed article or a pasted duplicate fails here instead of silently skewing a score.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticleFile } from '../server/bot/article';
import { readQueries } from '../server/bot/evaluation/run';

const ROOT = resolve(import.meta.dirname, '../eval/kbs');
const names = (await readdir(ROOT, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const normalise = (text: string): string => text.toLowerCase().replace(/\s+/g, ' ').trim();

async function articleIds(kbDir: string): Promise<string[]> {
  const files = (await readdir(kbDir)).filter((f) => f.endsWith('.md'));
  const ids: string[] = [];
  for (const file of files) {
    const parsed = parseArticleFile(await readFile(join(kbDir, file), 'utf8'), file.replace(/\.md$/, ''));
    if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
    ids.push(parsed.article.id);
  }
  return ids;
}

describe('eval/kbs', () => {
  it('holds at least four KBs', () => {
    expect(names.length).toBeGreaterThanOrEqual(4);
  });

  describe.each(names)('%s', (name) => {
    it('has 25–70 articles that all load, with unique ids', async () => {
      const ids = await articleIds(join(ROOT, name, 'kb'));
      expect(ids.length).toBeGreaterThanOrEqual(25);
      expect(ids.length).toBeLessThanOrEqual(70);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('has dev and test sets of 150–400 queries, labelled with existing articles, a quarter to a half expecting null', async () => {
      const ids = new Set(await articleIds(join(ROOT, name, 'kb')));
      for (const split of ['dev', 'test']) {
        const queries = await readQueries(join(ROOT, name, `${split}.jsonl`));
        expect(queries.length, split).toBeGreaterThanOrEqual(150);
        expect(queries.length, split).toBeLessThanOrEqual(400);
        const unknown = queries.filter((q) => q.expected !== null && !ids.has(q.expected));
        expect(unknown, split).toEqual([]);
        const nullShare = queries.filter((q) => q.expected === null).length / queries.length;
        expect(nullShare, split).toBeGreaterThanOrEqual(0.25);
        expect(nullShare, split).toBeLessThanOrEqual(0.5);
        // Every article is asked about in both splits, so dev and test measure the same KB.
        const asked = new Set(queries.map((q) => q.expected));
        expect([...ids].filter((id) => !asked.has(id)), split).toEqual([]);
        const texts = queries.map((q) => normalise(q.text));
        expect(texts.length - new Set(texts).size, `${split}: repeated queries`).toBe(0);
      }
    });

    it('shares no query between dev and test', async () => {
      const dev = new Set((await readQueries(join(ROOT, name, 'dev.jsonl'))).map((q) => normalise(q.text)));
      const test = (await readQueries(join(ROOT, name, 'test.jsonl'))).map((q) => normalise(q.text));
      expect(test.filter((t) => dev.has(t))).toEqual([]);
    });
  });
});
