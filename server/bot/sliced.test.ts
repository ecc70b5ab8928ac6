import { describe, expect, it } from 'vitest';
import type { Article } from './article';
import { DEFAULT_THRESHOLDS } from './config';
import { KbSnapshot } from './kb';
import { runNow, runSliced } from './sliced';
import type { Work } from './sliced';

function* countTo(n: number): Work<number> {
  let sum = 0;
  for (let i = 1; i <= n; i++) {
    sum += i;
    yield;
  }
  return sum;
}

const articles: Article[] = Array.from({ length: 300 }, (_, i) => ({
  id: `a${i}`,
  title: `Topic ${i} of the shop help centre`,
  questions: [`how does topic ${i} work`, `question about thing ${i}`],
  tags: [],
  url: null,
  locale: null,
  body: Array.from({ length: 6 }, (_, k) => `Sentence ${k} about topic ${i} and delivery, returns or payment number ${i * k}.`).join(' '),
}));

describe('sliced work', () => {
  it('gives the same result run straight through or in slices', async () => {
    expect(runNow(countTo(100))).toBe(5050);
    expect(await runSliced(countTo(100), 0, async () => {})).toBe(5050);
  });

  it('hands the event loop a turn between slices', async () => {
    let pauses = 0;
    await runSliced(countTo(50), 0, async () => {
      pauses++;
    });
    expect(pauses).toBe(50);
  });

  it('builds a KB index in many slices, and the same index as in one go', async () => {
    let pauses = 0;
    const sliced = await runSliced(KbSnapshot.build(articles, null, DEFAULT_THRESHOLDS), 0, async () => {
      pauses++;
    });
    const straight = runNow(KbSnapshot.build(articles, null, DEFAULT_THRESHOLDS));
    // Each pause is a chance for sockets and timers to run while a large KB is being indexed.
    expect(pauses).toBeGreaterThan(10);
    for (const q of ['how does topic 17 work', 'delivery returns payment', 'topic 250']) {
      expect(sliced.rank(q, 5, undefined)).toEqual(straight.rank(q, 5, undefined));
    }
  });
});
