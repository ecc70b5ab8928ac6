import type { Article } from '../article';

/** A question held out of a fold's KB: `expected` answers it, or null when its article was held out. */
export interface HeldOutQuestion {
  text: string;
  expected: string | null;
  /** The article it was written for (for held-out articles: the one the KB no longer has). */
  origin: string;
}

/** One rebuild of the KB with some content held out, and the questions to ask it. */
export interface Fold {
  articles: Article[];
  questions: HeldOutQuestion[];
}

export interface FoldPlanOptions {
  folds: number;
  seed: number;
  /** Most questions asked per fold (a random subset beyond it), to bound the time. */
  maxQuestions: number;
  /**
   * For an article without example questions, hold out its title as one (the KB keeps its body):
   * the nearest thing to a visitor's question that such a KB has.
   */
  titlesAsQuestions: boolean;
}

/** A small deterministic PRNG (mulberry32): the same KB always gets the same folds. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], next: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/**
 * Cross-validation that also simulates questions the KB has no article for. Articles are dealt
 * into `folds` groups; fold k leaves group k out of the KB entirely (its questions must not be
 * answered: close neighbours, as in a real KB's gaps) and holds out every k-th example question of
 * the other articles (they must be answered by their own article). Each question is asked out of
 * scope once, and in scope at most once.
 */
export function planFolds(articles: readonly Article[], opts: FoldPlanOptions): Fold[] {
  const next = random(opts.seed);
  const order = shuffle(articles.map((_, i) => i), next);
  const group = new Array<number>(articles.length);
  order.forEach((a, i) => (group[a] = i % opts.folds));
  const offsets = articles.map(() => Math.floor(next() * opts.folds));
  const folds: Fold[] = [];
  for (let k = 0; k < opts.folds; k++) {
    const kept: Article[] = [];
    const questions: HeldOutQuestion[] = [];
    articles.forEach((a, i) => {
      const asTitle = a.questions.length === 0 && opts.titlesAsQuestions;
      if (group[i] === k) {
        for (const q of asTitle ? [a.title] : a.questions) questions.push({ text: q, expected: null, origin: a.id });
        return;
      }
      if (asTitle) {
        // The title is held out in the article's own turn, like a question.
        if ((offsets[i] as number) % opts.folds === k) {
          kept.push({ ...a, title: '' });
          questions.push({ text: a.title, expected: a.id, origin: a.id });
        } else kept.push(a);
        return;
      }
      const held = a.questions.filter((_, q) => (q + (offsets[i] as number)) % opts.folds === k);
      for (const q of held) questions.push({ text: q, expected: a.id, origin: a.id });
      kept.push(held.length ? { ...a, questions: a.questions.filter((_, q) => (q + (offsets[i] as number)) % opts.folds !== k) } : a);
    });
    const asked = questions.length > opts.maxQuestions ? shuffle(questions, next).slice(0, opts.maxQuestions) : questions;
    folds.push({ articles: kept, questions: asked });
  }
  return folds;
}
