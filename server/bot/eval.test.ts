import { describe, expect, it } from 'vitest';
import { percentile, summarise, toEvalRow } from './eval';
import type { EvalRow } from './eval';
import type { ArticleView } from './types';

const view = (id: string): ArticleView => ({ id, title: id, excerpt: '', url: null, html: '', tags: [] });
const answer = (id: string): EvalRow => ({ decision: 'answer', articleId: id, suggestions: [], confidence: 0.9 });
const suggest = (...ids: string[]): EvalRow => ({ decision: 'suggest', articleId: null, suggestions: ids, confidence: 0.3 });
const escalate: EvalRow = { decision: 'escalate', articleId: null, suggestions: [], confidence: 0.05 };

describe('toEvalRow', () => {
  it('maps decisions to the eval contract; small talk counts as not answered', () => {
    expect(toEvalRow({ kind: 'smalltalk', reply: 'greeting', confidence: 1 })).toEqual({ decision: 'escalate', articleId: null, suggestions: [], confidence: 1 });
    expect(toEvalRow({ kind: 'answer', article: view('a'), confidence: 0.8, candidates: [] })).toEqual({ ...answer('a'), confidence: 0.8 });
    expect(toEvalRow({ kind: 'suggest', suggestions: [view('a'), view('b')], confidence: 0.3, candidates: [] }).suggestions).toEqual(['a', 'b']);
    expect(toEvalRow({ kind: 'escalate', reason: 'always_human_topic', mode: 'start', article: view('r'), confidence: 0.9, candidates: [] })).toMatchObject({ decision: 'escalate', articleId: 'r' });
  });
});

describe('summarise', () => {
  it('computes the metrics from their definitions', () => {
    const rows = [answer('a'), answer('b'), suggest('x', 'c', 'y'), suggest('x', 'y', 'z', 'd'), escalate, answer('a'), escalate, suggest('a')];
    const expected = ['a', 'a', 'c', 'd', 'e', null, null, null];
    const s = summarise(rows, expected, [1, 2, 3, 4, 5, 6, 7, 100], 42.4);
    expect(s).toEqual({
      queries: 8,
      inScope: 5,
      outOfScope: 3,
      inScopeAccuracy: 0.2, // only rows[0]
      oosRecall: 0.6667, // rows 6 and 7 not answered, row 5 answered
      answerPrecision: 0.3333, // 1 correct of 3 answered
      coverage: 0.375, // 3 of 8
      selfServeAt3: 0.4, // rows 0 and 2; row 3 has d fourth
      p50Ms: 4,
      p99Ms: 100,
      buildMs: 42,
    });
  });

  it('does not divide by zero', () => {
    expect(summarise([], [], [], 0)).toMatchObject({ inScopeAccuracy: 0, oosRecall: 0, answerPrecision: 0, p99Ms: 0 });
  });

  it('rejects mismatched lengths', () => {
    expect(() => summarise([escalate], [], [], 0)).toThrow();
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile([3, 1, 2], 100)).toBe(3);
  });
});
