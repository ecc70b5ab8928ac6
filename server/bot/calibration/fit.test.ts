import { describe, expect, it } from 'vitest';
import { fitLogistic } from './fit';
import type { LabelledFeatures } from './fit';

/** Samples drawn from a known logistic model (deterministic pseudo-random numbers). */
function synthetic(n: number, weights: readonly number[], seed = 7): LabelledFeatures[] {
  let a = seed;
  const next = (): number => {
    a = (a * 1103515245 + 12345) % 2147483648;
    return a / 2147483648;
  };
  return Array.from({ length: n }, () => {
    const x = [next(), next()];
    const z = (weights[0] as number) + (weights[1] as number) * (x[0] as number) + (weights[2] as number) * (x[1] as number);
    return { x, y: next() < 1 / (1 + Math.exp(-z)), weight: 1 };
  });
}

describe('fitLogistic', () => {
  it('recovers the weights of the model the data came from', () => {
    const truth = [-3, 4, 2];
    const w = fitLogistic(synthetic(20_000, truth), [0, 0, 0], 0.01);
    w.forEach((wi, j) => expect(wi).toBeCloseTo(truth[j] as number, 0));
  });

  it('stays at the prior with little data and moves to the data with much', () => {
    const prior = [0, 1, 1];
    const few = fitLogistic(synthetic(5, [-3, 4, 2]), prior, 50);
    const many = fitLogistic(synthetic(5000, [-3, 4, 2]), prior, 50);
    expect(Math.abs((few[0] as number) - 0)).toBeLessThan(0.5);
    expect(many[0]).toBeLessThan(-1.5);
  });

  it('does not diverge on separable data', () => {
    const samples: LabelledFeatures[] = [
      { x: [0.9], y: true, weight: 1 },
      { x: [0.8], y: true, weight: 1 },
      { x: [0.2], y: false, weight: 1 },
      { x: [0.1], y: false, weight: 1 },
    ];
    const w = fitLogistic(samples, [0, 1], 1);
    expect(w.every((x) => Number.isFinite(x) && Math.abs(x) < 50)).toBe(true);
    expect(w[1]).toBeGreaterThan(1);
  });
});
