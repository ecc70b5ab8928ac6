import { describe, expect, it } from 'vitest';
import type { Article } from '../article';
import { planFolds } from './held-out';

const article = (id: string, questions: string[]): Article => ({ id, title: `Title ${id}`, questions, tags: [], url: null, locale: null, body: `About ${id}.` });

describe('planFolds', () => {
  const articles = Array.from({ length: 9 }, (_, i) => article(`a${i}`, Array.from({ length: 6 }, (_, q) => `question ${q} of a${i}`)));
  const folds = planFolds(articles, { folds: 3, seed: 1, maxQuestions: 1000, titlesAsQuestions: true });

  it('asks every example question once out of scope (its article held out) and at most once in scope', () => {
    const all = articles.flatMap((a) => a.questions).sort();
    const oos = folds.flatMap((f) => f.questions.filter((q) => q.expected === null).map((q) => q.text)).sort();
    const inScope = folds.flatMap((f) => f.questions.filter((q) => q.expected !== null).map((q) => q.text));
    expect(oos).toEqual(all);
    expect(new Set(inScope).size).toBe(inScope.length);
    // Each article keeps its questions in 2 of 3 folds and holds out a third of them in each: about 2/3 asked in scope.
    expect(inScope.length).toBeGreaterThan(all.length / 2);
  });

  it("leaves a held-out article out of its fold's KB, and expects its questions to get no answer", () => {
    for (const fold of folds) {
      const kept = new Set(fold.articles.map((a) => a.id));
      expect(kept.size).toBe(6);
      for (const q of fold.questions) {
        if (q.expected === null) expect(kept.has(q.origin)).toBe(false);
        else expect(q.expected).toBe(q.origin);
      }
    }
  });

  it('removes a held-out question from the article it expects', () => {
    for (const fold of folds) {
      const byId = new Map(fold.articles.map((a) => [a.id, a]));
      for (const q of fold.questions.filter((x) => x.expected)) expect(byId.get(q.expected as string)?.questions).not.toContain(q.text);
    }
  });

  it('holds out the title of an article without questions, keeping its body', () => {
    const bare = [article('x', []), article('y', []), article('z', [])];
    const plan = planFolds(bare, { folds: 3, seed: 2, maxQuestions: 100, titlesAsQuestions: true });
    const inScope = plan.flatMap((f) => f.questions.filter((q) => q.expected !== null).map((q) => ({ q, fold: f })));
    expect(inScope.length).toBeGreaterThan(0);
    for (const { q, fold } of inScope) {
      const a = fold.articles.find((x) => x.id === q.expected);
      expect(a?.title).toBe('');
      expect(a?.body).toBe(`About ${q.expected}.`);
    }
    expect(planFolds(bare, { folds: 3, seed: 2, maxQuestions: 100, titlesAsQuestions: false }).flatMap((f) => f.questions)).toEqual([]);
  });

  it('asks at most maxQuestions per fold, the same ones for the same seed', () => {
    const small = planFolds(articles, { folds: 3, seed: 5, maxQuestions: 10, titlesAsQuestions: true });
    expect(small.every((f) => f.questions.length === 10)).toBe(true);
    expect(planFolds(articles, { folds: 3, seed: 5, maxQuestions: 10, titlesAsQuestions: true })).toEqual(small);
  });
});
