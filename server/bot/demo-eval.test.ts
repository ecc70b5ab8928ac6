import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvalQuery, summarise, toEvalRow } from './eval';
import type { EvalRow, EvalSummary } from './eval';
import { createBot } from './index';
import { copyKbWithoutQuestions, stripQuestions } from './strip-questions';

/**
 * The demo KB on visitor-style queries written from the article bodies (demo/eval/queries.jsonl),
 * as it is and with its example questions removed (titles and bodies only, as most site owners
 * start). Same metrics as `npm run eval:bot`.
 *
 * Measured (233 queries: 177 in scope, 13 of them on always-human articles, which a handover
 * never counts as answered; 56 out of scope):
 *
 * | KB | inScopeAccuracy | answerPrecision | oosRecall | selfServeAt3 |
 * |---|---|---|---|---|
 * | with questions | 0.2373 | 0.8936 | 0.9643 | 0.7684 |
 * | without questions | 0.2316 | 0.9318 | 0.9643 | 0.7345 |
 *
 * (Before the meaning check, which trades answers for precision on KBs that keep the fixed point:
 * 0.3333 / 0.8806 / 0.9286 / 0.7684 and 0.3051 / 0.9153 / 0.9464 / 0.7288; docs/BOT.md, *Meaning
 * check*. The floors moved with it: in-scope down, precision and out-of-scope recall up; they hold
 * with and without the check, which needs the optional teacher package.)
 *
 * This file is the held-out test set: tune on demo/eval/dev.jsonl and dev-paraphrased.jsonl, run
 * this once per change, and never edit its queries to fit the bot. The floors sit a couple of
 * points below the measured values, as a regression alarm.
 */
type Floors = Pick<EvalSummary, 'inScopeAccuracy' | 'answerPrecision' | 'oosRecall' | 'selfServeAt3'>;
const FLOORS: Record<'withQuestions' | 'withoutQuestions', Floors> = {
  withQuestions: { inScopeAccuracy: 0.22, answerPrecision: 0.87, oosRecall: 0.92, selfServeAt3: 0.74 },
  withoutQuestions: { inScopeAccuracy: 0.21, answerPrecision: 0.91, oosRecall: 0.94, selfServeAt3: 0.71 },
};

const DEMO_KB = join(import.meta.dirname, '../../demo/kb');
const QUERIES = readFileSync(join(import.meta.dirname, '../../demo/eval/queries.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => EvalQuery.parse(JSON.parse(line)));

async function evaluate(kbDir: string): Promise<{ ids: string[]; summary: EvalSummary }> {
  const bot = await createBot({ kbDir, watch: false, log: () => {} });
  try {
    await bot.calibrated();
    const rows: EvalRow[] = [];
    for (const q of QUERIES) rows.push(toEvalRow(await bot.decide(q.text, { unhelpfulRounds: 0 })));
    const summary = summarise(rows, QUERIES.map((q) => q.expected), [], 0);
    return { ids: bot.articles().map((a) => a.id), summary };
  } finally {
    bot.close();
  }
}

describe('stripQuestions', () => {
  it('drops the questions and keeps the other fields, comments and the body', () => {
    const source = '---\nid: returns\n# shown in the help centre\ntitle: Returns\nquestions:\n  - Can I send it back?\ntags: [returns, always-human]\nurl: https://shop.example/returns\n---\n\nBody **text**.\n';
    expect(stripQuestions(source)).toBe('---\nid: returns\n# shown in the help centre\ntitle: Returns\ntags: [returns, always-human]\nurl: https://shop.example/returns\n---\n\nBody **text**.\n');
  });

  it('leaves a file without questions or without front matter as it is', () => {
    for (const source of ['---\ntitle: "Gift: cards"\n---\nBody\n', 'no front matter\n']) expect(stripQuestions(source)).toBe(source);
  });
});

describe('demo KB evaluation', () => {
  let bareDir: string;
  let results: Record<keyof typeof FLOORS, Awaited<ReturnType<typeof evaluate>>>;
  beforeAll(async () => {
    bareDir = await mkdtemp(join(tmpdir(), 'kb-bare-'));
    await copyKbWithoutQuestions(DEMO_KB, bareDir);
    results = { withQuestions: await evaluate(DEMO_KB), withoutQuestions: await evaluate(bareDir) };
  });
  afterAll(() => rm(bareDir, { recursive: true, force: true }));

  it('strips every question and loses no article', async () => {
    const files = (await readdir(bareDir)).filter((f) => f.endsWith('.md'));
    const texts = await Promise.all(files.map((f) => readFile(join(bareDir, f), 'utf8')));
    expect(texts.filter((t) => /^questions:/m.test(t))).toEqual([]);
    expect(results.withoutQuestions.ids.sort()).toEqual(results.withQuestions.ids.sort());
  });

  it('labels only articles the demo KB has', () => {
    const ids = new Set(results.withQuestions.ids);
    expect(QUERIES.filter((q) => q.expected !== null && !ids.has(q.expected))).toEqual([]);
  });

  it.each(['withQuestions', 'withoutQuestions'] as const)('%s stays above its floors', (setting) => {
    const { summary } = results[setting];
    for (const [metric, floor] of Object.entries(FLOORS[setting])) {
      expect.soft(summary[metric as keyof Floors], metric).toBeGreaterThanOrEqual(floor);
    }
  });
});
