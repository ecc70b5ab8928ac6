import { describe, expect, it } from 'vitest';
import type { Article } from './article';
import { DEFAULT_THRESHOLDS } from './config';
import { KbSnapshot } from './kb';
import { contested, judgeWith } from './policy';
import type { Ranked } from './ranker';
import { runNow } from './sliced';

const t = DEFAULT_THRESHOLDS;
const point = { calibration: t.calibrationTrained, suggest: 0.05 };
const noSupport = () => ({ evidence: 1, shared: 5, unknown: false, missing: [] });

describe('contested (the pairwise check of the top two)', () => {
  it('is true only when a close runner-up owns a phrasing clearly nearer than any of the best article', () => {
    expect(contested([{ index: 0, score: 0.8, near: 0.5 }, { index: 1, score: 0.3, near: 0.6 }])).toBe(true);
    // As near, or nearer by a hair: the blend's choice stands.
    expect(contested([{ index: 0, score: 0.8, near: 0.5 }, { index: 1, score: 0.3, near: 0.5 }])).toBe(false);
    expect(contested([{ index: 0, score: 0.8, near: 0.5 }, { index: 1, score: 0.3, near: 0.52 }])).toBe(false);
    expect(contested([{ index: 0, score: 0.8, near: 0.6 }, { index: 1, score: 0.3, near: 0.5 }])).toBe(false);
    // A runner-up far behind on every other signal is not a rival.
    expect(contested([{ index: 0, score: 0.8, near: 0.5 }, { index: 1, score: 0.1, near: 0.7 }])).toBe(false);
    // No runner-up, a runner-up with no phrasing in common, or a ranker that did not say: nothing to compare.
    expect(contested([{ index: 0, score: 0.8, near: 0 }])).toBe(false);
    expect(contested([{ index: 0, score: 0.8, near: 0 }, { index: 1, score: 0.3, near: 0 }])).toBe(false);
    expect(contested([{ index: 0, score: 0.8 }, { index: 1, score: 0.3 }])).toBe(false);
  });

  it('makes a contested match a suggestion only at a point that asks for the check', () => {
    const ranked: Ranked[] = [
      { index: 0, score: 0.9, near: 0.4, agrees: true },
      { index: 1, score: 0.2, near: 0.7 },
    ];
    const plain = judgeWith(ranked, point, t, noSupport);
    expect(plain).toBeGreaterThan(0.5);
    // Every measured answer threshold is at least 0.25, far above `suggest`: suggested, never answered.
    expect(judgeWith(ranked, { ...point, pairCheck: true }, t, noSupport)).toBe(point.suggest);
    const clear: Ranked[] = [{ ...ranked[0], near: 0.8 } as Ranked, ranked[1] as Ranked];
    expect(judgeWith(clear, { ...point, pairCheck: true }, t, noSupport)).toBe(judgeWith(clear, point, t, noSupport));
  });
});

function article(id: string, title: string, questions: string[]): Article {
  return { id, title, questions, tags: [], url: null, locale: null, body: '' };
}

describe('Ranked.near on a synthetic KB', () => {
  const kb = runNow(
    KbSnapshot.build(
      [
        article('balance', 'Holiday balance', ['how many vacation days do i have left', 'what is my remaining leave']),
        article('status', 'Holiday request status', ['has my vacation request been approved', 'status of my leave request']),
      ],
      null,
      t,
    ),
  );

  it("is the best cosine with one of the article's own phrasings", () => {
    const ranked = kb.rank('has my vacation request been approved', 5, undefined);
    const byId = new Map(ranked.map((r) => [kb.view(r.index).id, r]));
    expect(byId.get('status')?.near).toBeCloseTo(1, 5);
    expect(byId.get('balance')?.near ?? 0).toBeLessThan(0.5);
    expect(contested(ranked)).toBe(false);
  });
});
