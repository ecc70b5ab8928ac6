import { z } from 'zod';
import type { BotDecision } from './types';

/** One line of an evaluation query file. `expected: null` = nothing in the KB answers it. */
export const EvalQuery = z.object({ text: z.string(), expected: z.string().nullable() });
export type EvalQuery = z.infer<typeof EvalQuery>;

/** One line of `--out`: what the bot did, in the eval contract's terms. */
export interface EvalRow {
  decision: 'answer' | 'suggest' | 'escalate';
  articleId: string | null;
  suggestions: string[];
  confidence: number;
}

/** Small talk is "not answered", so it maps to escalate with no article. */
export function toEvalRow(d: BotDecision): EvalRow {
  switch (d.kind) {
    case 'answer':
      return { decision: 'answer', articleId: d.article.id, suggestions: [], confidence: d.confidence };
    case 'suggest':
      return { decision: 'suggest', articleId: null, suggestions: d.suggestions.map((s) => s.id), confidence: d.confidence };
    case 'escalate':
      return { decision: 'escalate', articleId: d.article?.id ?? null, suggestions: [], confidence: d.confidence };
    case 'smalltalk':
      return { decision: 'escalate', articleId: null, suggestions: [], confidence: d.confidence };
  }
}

export interface EvalSummary {
  queries: number;
  inScope: number;
  outOfScope: number;
  /** answered with the expected article / in-scope queries */
  inScopeAccuracy: number;
  /** not answered / out-of-scope queries */
  oosRecall: number;
  /** answered correctly / answered */
  answerPrecision: number;
  /** answered / all queries */
  coverage: number;
  /** expected article answered or among the first three suggestions / in-scope queries */
  selfServeAt3: number;
  p50Ms: number;
  p99Ms: number;
  buildMs: number;
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? 0;
}

const ratio = (n: number, d: number): number => (d === 0 ? 0 : Math.round((n / d) * 10_000) / 10_000);
const ms = (x: number): number => Math.round(x * 1000) / 1000;

export function summarise(rows: readonly EvalRow[], expected: readonly (string | null)[], timesMs: readonly number[], buildMs: number): EvalSummary {
  if (rows.length !== expected.length) throw new RangeError('one row per query');
  let inScope = 0;
  let correct = 0;
  let answered = 0;
  let oos = 0;
  let declined = 0;
  let selfServe = 0;
  rows.forEach((r, i) => {
    const want = expected[i] ?? null;
    const isAnswer = r.decision === 'answer';
    if (isAnswer) answered++;
    if (want === null) {
      oos++;
      if (!isAnswer) declined++;
      return;
    }
    inScope++;
    const right = isAnswer && r.articleId === want;
    if (right) correct++;
    if (right || (r.decision === 'suggest' && r.suggestions.slice(0, 3).includes(want))) selfServe++;
  });
  return {
    queries: rows.length,
    inScope,
    outOfScope: oos,
    inScopeAccuracy: ratio(correct, inScope),
    oosRecall: ratio(declined, oos),
    answerPrecision: ratio(correct, answered),
    coverage: ratio(answered, rows.length),
    selfServeAt3: ratio(selfServe, inScope),
    p50Ms: ms(percentile(timesMs, 50)),
    p99Ms: ms(percentile(timesMs, 99)),
    buildMs: Math.round(buildMs),
  };
}
