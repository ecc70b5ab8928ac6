import { describe, expect, it } from 'vitest';
import { NEVER_ANSWER, chooseAnswer, estimateAt, oosWeight, suggestKeeping } from './operating-point';
import type { JudgedSample } from './operating-point';

const inScope = (confidence: number, right: boolean): JudgedSample => ({ confidence, right, outOfScope: false, suggested: !right });
const oos = (confidence: number): JudgedSample => ({ confidence, right: false, outOfScope: true, suggested: false });

/**
 * A KB whose right operating point is known: above 0.7 every answer is right; between 0.5 and 0.7
 * one in two is; below 0.5 nothing is. 100 samples at each confidence.
 */
function knownKb(): JudgedSample[] {
  const out: JudgedSample[] = [];
  for (let i = 0; i < 100; i++) {
    out.push(inScope(0.9, true), inScope(0.8, true));
    out.push(i % 2 ? inScope(0.6, true) : inScope(0.6, false));
    out.push(oos(0.3), inScope(0.3, false));
  }
  return out;
}

describe('chooseAnswer', () => {
  it('answers from the lowest confidence at which precision still reaches the target', () => {
    // Equal shares: the weights leave the out-of-scope samples as they are.
    expect(chooseAnswer(knownKb(), 0.95, 0.2, 0)).toEqual({ answer: 0.8, reached: true });
    // 250 right of 300 answered at 0.6: precision 0.83.
    expect(chooseAnswer(knownKb(), 0.8, 0.2, 0)).toEqual({ answer: 0.6, reached: true });
  });

  it('answers less for a higher target', () => {
    const samples = knownKb();
    const targets = [0.5, 0.7, 0.8, 0.9, 0.99];
    const answers = targets.map((t) => chooseAnswer(samples, t, 0.2, 0).answer);
    for (let i = 1; i < answers.length; i++) expect(answers[i]).toBeGreaterThanOrEqual(answers[i - 1] as number);
    const coverage = answers.map((a) => estimateAt(samples, a, 0.2).coverage);
    expect(coverage[0]).toBeGreaterThan(coverage[4] as number);
  });

  it('weighs out-of-scope questions to the assumed share: more of them, a higher threshold', () => {
    const samples = [...Array.from({ length: 100 }, () => inScope(0.9, true)), ...Array.from({ length: 100 }, () => inScope(0.7, true)), ...Array.from({ length: 10 }, () => oos(0.7))];
    expect(oosWeight(samples, 0.5)).toBeCloseTo(20);
    expect(chooseAnswer(samples, 0.9, 0.05, 0).answer).toBe(0.7);
    expect(chooseAnswer(samples, 0.9, 0.5, 0).answer).toBe(0.9);
  });

  it('does not trust a threshold resting on a handful of answers', () => {
    const samples = [inScope(0.99, true), inScope(0.98, true), ...Array.from({ length: 50 }, () => oos(0.5))];
    expect(chooseAnswer(samples, 0.9, 0.5, 0, 0).reached).toBe(false);
  });

  it('when no threshold reaches the target, answers where precision is best and says so', () => {
    const samples = knownKb().map((s) => (s.confidence >= 0.8 ? { ...s, right: s.confidence === 0.9 } : s));
    expect(chooseAnswer(samples, 0.995, 0.2, 0)).toEqual({ answer: 0.9, reached: false });
    expect(chooseAnswer([oos(0.9), oos(0.8)], 0.9, 0.2, 0).answer).toBe(NEVER_ANSWER);
  });

  it('never goes below the floor', () => {
    expect(chooseAnswer(knownKb(), 0.5, 0.2, 0.65).answer).toBe(0.8);
  });
});

describe('estimateAt', () => {
  it('counts suggestions that show the right article as self-served', () => {
    const e = estimateAt(knownKb(), 0.7, 0.2);
    expect(e.precision).toBe(1);
    expect(e.inScopeAccuracy).toBe(0.5);
    // The 0.6 and 0.3 in-scope samples are suggested when wrong (knownKb marks suggested = !right): 50 + 100 of 200.
    expect(e.selfServeAt3).toBe(0.875);
    expect(e.oosRecall).toBe(1);
  });
});

describe('suggestKeeping', () => {
  /** 100 in-scope questions at confidences 0.01, 0.02, …, 1.00 and out-of-scope ones near zero. */
  const spread = (): JudgedSample[] => [
    ...Array.from({ length: 100 }, (_, i) => inScope((i + 1) / 100, i % 2 === 0)),
    ...Array.from({ length: 50 }, () => oos(0.005)),
  ];

  it('keeps suggestions for the chosen share of in-scope questions, whatever the out-of-scope ones', () => {
    // 97 of 100 are at or above 0.04.
    expect(suggestKeeping(spread(), 0.97, 0.5)).toBe(0.04);
    expect(suggestKeeping(spread(), 0.9, 0.5)).toBe(0.11);
  });

  it('is the same share whichever way the confidences spread (only their order counts)', () => {
    const squeezed = spread().map((s) => ({ ...s, confidence: s.confidence ** 3 }));
    const kept = (samples: JudgedSample[], at: number): number => samples.filter((s) => !s.outOfScope && s.confidence >= at).length;
    expect(kept(squeezed, suggestKeeping(squeezed, 0.95, 1, 0))).toBe(kept(spread(), suggestKeeping(spread(), 0.95, 1, 0)));
  });

  it('never rises above the ceiling nor falls under the floor', () => {
    expect(suggestKeeping(spread(), 0.5, 0.1)).toBe(0.1);
    const faint = spread().map((s) => ({ ...s, confidence: s.confidence / 1000 }));
    expect(suggestKeeping(faint, 0.97, 0.1, 0.01)).toBe(0.01);
    expect(suggestKeeping([oos(0.3)], 0.97, 0.1)).toBe(0.1);
  });
});
