import { describe, expect, it } from 'vitest';
import { Analyzer } from './text';
import { Vectorizer } from './vectors';
import type { Counts } from './term-counter';
import { Vocabulary } from './vocabulary';

const ARTICLES = [
  ['Reset your password', 'I forgot my password', 'Use the link on the sign-in page.'],
  ['Delivery times', 'How long does delivery take?', 'Standard delivery takes 3–5 working days.'],
  ['Outer layers', 'Which waterproof jacket should I buy?', 'Our outer layers keep the rain out.'],
];

function build(): { vocab: Vocabulary; analyzer: Analyzer } {
  const analyzer = new Analyzer([]);
  const vectorizer = new Vectorizer({ words: 0.4, pairs: 0.4, chars: 0.2 });
  const vocab = new Vocabulary(vectorizer, (w) => analyzer.fold(w), 5);
  const counts: Counts[] = [];
  const groups: number[] = [];
  ARTICLES.forEach((texts, article) => {
    for (const text of texts) {
      const a = analyzer.analyze(text);
      const c = vectorizer.count(a);
      vocab.add(article, a, c);
      counts.push(c);
      groups.push(article);
    }
  });
  vectorizer.fit(counts, groups);
  vocab.freeze();
  return { vocab, analyzer };
}

describe('Vocabulary', () => {
  const { vocab, analyzer } = build();
  const support = (text: string, article: number) => vocab.support(analyzer.analyze(text), article);

  it('reads misspelt KB words and stop words as the words meant', () => {
    const got = vocab.correct(analyzer.analyze('whree is my delivrey'), 5);
    const want = analyzer.analyze('where is my delivery');
    expect([got.terms, got.all, got.at]).toEqual([want.terms, want.all, want.at]);
    expect(support('i forgott my pasword', 0)).toMatchObject({ unknown: false, evidence: 1 });
  });

  it('does not take a real word with another first letter for a typo ("router" is not "outer")', () => {
    expect(vocab.correct(analyzer.analyze('reset my router'), 5).terms).toContain('router');
    expect(support('reset my router', 0)).toMatchObject({ unknown: true, shared: 1 });
  });

  it('weighs what the article lacks: an unknown word, and the pairs around it', () => {
    const thin = support('what is the meaning of reset', 0);
    const full = support('reset my password', 0);
    expect(full.evidence).toBeGreaterThan(thin.evidence);
    expect(full.shared).toBeGreaterThan(thin.shared);
  });

  it('leaves out order numbers and courtesy words', () => {
    expect(support('reset password 4471923 pls', 0)).toMatchObject({ unknown: false });
  });

  it('lists the message words the article lacks, as written, misspellings as the word meant (for the meaning check)', () => {
    expect(support('reset my router', 0).missing).toEqual(['router']);
    expect(support('i forgott my pasword', 0).missing).toEqual([]);
    // A word the KB has, but in another article, is missing from this one; numbers and chat words are not words.
    expect(support('reset my delivrey password 4471923 pls', 0).missing).toEqual(['delivery']);
    expect(support('reset my delivrey password', 1).missing).toEqual(['reset', 'password']);
  });

  it('reads two KB words written together as those words ("signin" for "sign-in")', () => {
    const got = vocab.split(analyzer.analyze('the signin page'));
    const want = analyzer.analyze('the sign in page');
    expect([got.terms, got.all, got.at]).toEqual([want.terms, want.all, want.at]);
    expect(vocab.support(vocab.split(analyzer.analyze('outerlayers for rain')), 2)).toMatchObject({ unknown: false });
    // Only words the KB has side by side: "passwordreset" is two KB words, never written in that order.
    expect(vocab.split(analyzer.analyze('passwordreset')).terms).toEqual(analyzer.analyze('passwordreset').terms);
  });
});
