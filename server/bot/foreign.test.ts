import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from './config';
import { ForeignWords } from './foreign';
import type { WordEncoder } from './foreign';
import { KbLoader } from './loader';
import { KbSnapshot } from './kb';
import { decide, fixedPoint } from './policy';
import { runNow } from './sliced';
import { md, tempKb } from './test-helpers';

/**
 * A synthetic word encoder whose meanings are known: each word sits on one axis of a small space
 * ("topics"), words of one topic share the axis, and the weight stands in for the SIF length.
 */
function encoderOf(topics: Record<string, { axis: number; weight?: number }>): WordEncoder {
  const dimensions = 8;
  return {
    dimensions,
    weighted(text: string) {
      const vector = new Float32Array(dimensions);
      const t = topics[text];
      // An unknown word gets its own axis (the last): near nothing the articles say.
      vector[t ? t.axis : dimensions - 1] = 1;
      return { vector, weight: t?.weight ?? 1 };
    },
  };
}

const THRESHOLDS = { similarity: 0.4, weight: 0.5 };

describe('ForeignWords', () => {
  const enc = encoderOf({
    guest: { axis: 0 },
    friend: { axis: 0 },
    girlfriend: { axis: 0 },
    bring: { axis: 1 },
    dog: { axis: 2 },
    want: { axis: 3, weight: 0.2 },
  });
  const check = runNow(ForeignWords.build([['guest', 'friend', 'bring'], ['dog']], enc, THRESHOLDS));

  it('finds the missing word the article is not about', () => {
    expect(check.foreign(['dog'], 0)).toBe('dog');
    expect(check.foreign(['girlfriend', 'dog'], 0)).toBe('dog');
  });

  it('passes a missing word near one of the article’s words in meaning', () => {
    expect(check.foreign(['girlfriend'], 0)).toBeNull();
    expect(check.foreign(['dog'], 1)).toBeNull();
  });

  it('passes words too common to tell anything, and no missing words at all', () => {
    expect(check.foreign(['want'], 0)).toBeNull();
    expect(check.foreign([], 0)).toBeNull();
  });

  it('a stricter similarity makes more words foreign; 1 makes every non-identical one foreign', () => {
    const loose = runNow(ForeignWords.build([['guest']], encoderOf({ guest: { axis: 0 }, visitor: { axis: 0 } }), { similarity: 1.01, weight: 0 }));
    expect(loose.foreign(['visitor'], 0)).toBe('visitor');
  });

  it('an article index it does not know has no foreign word', () => {
    expect(check.foreign(['dog'], 7)).toBeNull();
  });
});

describe('the meaning check in a decision', () => {
  const KB = {
    'guest-passes.md': md('title: Guest passes', 'Members can bring a friend as a guest twice a month. Book the guest pass in the app.'),
    'opening-hours.md': md('title: Opening hours', 'Every gym is open from 6am to 10pm, seven days a week.'),
    'class-booking.md': md('title: Booking a class', 'Book classes in the app up to seven days ahead.'),
  };
  // Every word the KB and the questions use, on axes by meaning; "dog" is on none of the KB's.
  const enc = encoderOf({
    dog: { axis: 6 },
    girlfriend: { axis: 0 },
    friend: { axis: 0 },
    guest: { axis: 0 },
  });
  const axisOfKbWords = (w: string) => (['friend', 'guest', 'girlfriend'].includes(w) ? 0 : 1);
  const kbEncoder: WordEncoder = {
    dimensions: 8,
    weighted: (w) => (w === 'dog' ? enc.weighted(w) : { vector: Float32Array.from({ length: 8 }, (_, i) => (i === axisOfKbWords(w) ? 1 : 0)), weight: 1 }),
  };

  const snapshots = async () => {
    const kb = await tempKb(KB);
    try {
      const { articles, synonyms } = await new KbLoader(kb.dir, () => {}).load();
      const list = articles.map((a) => a.article);
      return {
        plain: runNow(KbSnapshot.build(list, synonyms, DEFAULT_THRESHOLDS)),
        checked: runNow(KbSnapshot.build(list, synonyms, DEFAULT_THRESHOLDS, null, kbEncoder)),
      };
    } finally {
      await kb.cleanup();
    }
  };

  it('keeps a neighbour that shares the words but not the subject from being answered, and suggests it', async () => {
    const { plain, checked } = await snapshots();
    const ctx = { unhelpfulRounds: 0 };
    const without = decide('can i bring my dog as a guest', ctx, plain, DEFAULT_THRESHOLDS);
    expect(without.kind === 'answer' && without.article.id).toBe('guest-passes');
    const withCheck = decide('can i bring my dog as a guest', ctx, checked, DEFAULT_THRESHOLDS);
    expect(withCheck.kind).toBe('suggest');
    expect(withCheck.kind === 'suggest' && withCheck.suggestions[0]?.id).toBe('guest-passes');
    expect(withCheck.confidence).toBeLessThan(DEFAULT_THRESHOLDS.answer);
  });

  it('still answers when the extra word is near the article in meaning', async () => {
    const { checked } = await snapshots();
    const d = decide('can i bring my girlfriend as a guest', { unhelpfulRounds: 0 }, checked, DEFAULT_THRESHOLDS);
    expect(d.kind === 'answer' && d.article.id).toBe('guest-passes');
  });

  it('applies only at the fixed point: a KB that measured itself is judged by its own point', async () => {
    const { checked } = await snapshots();
    const measured = { ...fixedPoint(checked, DEFAULT_THRESHOLDS), meaningCheck: false };
    const d = decide('can i bring my dog as a guest', { unhelpfulRounds: 0 }, checked, DEFAULT_THRESHOLDS, null, measured);
    expect(d.kind === 'answer' && d.article.id).toBe('guest-passes');
  });
});

describe('the meaning check with the distilled table', async () => {
  // Built before the test run (tests/setup/distilled-table.ts) when the optional teacher package is installed.
  const { staticTablePath, staticEncoder } = await import('./encoder/static-table');
  const available = (await staticTablePath()) !== null;

  it.skipIf(!available)('a word near the article in meaning passes, an unrelated one is foreign', async () => {
    const check = runNow(ForeignWords.build([['guest', 'friend', 'bring', 'members', 'month']], await staticEncoder(), { similarity: 0.4, weight: 0.5 }));
    expect(check.foreign(['girlfriend'], 0)).toBeNull();
    expect(check.foreign(['dog'], 0)).toBe('dog');
    expect(check.foreign(['caravan'], 0)).toBe('caravan');
    // Common words weigh too little to count, whatever they mean.
    expect(check.foreign(['want'], 0)).toBeNull();
  });
});

describe('the cost of a long message', () => {
  it('looks at no more than 16 missing words, so a foreign word far into a long message is not looked up', () => {
    const looked: string[] = [];
    const enc: WordEncoder = {
      dimensions: 2,
      weighted(text: string) {
        looked.push(text);
        return { vector: Float32Array.from(text === 'near' || text.startsWith('w') ? [1, 0] : [0, 1]), weight: 1 };
      },
    };
    const check = runNow(ForeignWords.build([['near']], enc, THRESHOLDS));
    const near = Array.from({ length: 16 }, (_, i) => `w${i}`);
    expect(check.foreign([...near, 'faraway'], 0)).toBeNull();
    expect(looked).not.toContain('faraway');
    expect(check.foreign([...near.slice(1), 'faraway'], 0)).toBe('faraway');
  });
});
