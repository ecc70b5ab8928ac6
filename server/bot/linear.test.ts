import { describe, expect, it } from 'vitest';
import { SoftmaxModel } from './linear';
import type { SparseVector } from './vectors';

const vec = (entries: [number, number][]): SparseVector => ({
  ids: Int32Array.from(entries.map(([id]) => id)),
  values: Float32Array.from(entries.map(([, v]) => v)),
});

describe('SoftmaxModel', () => {
  it('learns the feature that tells two classes apart, not the one they share', () => {
    // Feature 0 is in every example; feature 1 marks class 0 and feature 2 class 1.
    const vectors = [vec([[0, 1], [1, 1]]), vec([[0, 1], [1, 0.5]]), vec([[0, 1], [2, 1]]), vec([[0, 1], [2, 0.5]])];
    const model = new SoftmaxModel(vectors, [0, 0, 1, 1], 2, 3, { epochs: 5, rate: 1, skip: 0.01 });
    const p = new Float32Array(2);
    model.posterior(vec([[0, 1], [2, 1]]), 1, p);
    expect(p[1]).toBeGreaterThan(0.9);
    model.posterior(vec([[0, 1]]), 1, p);
    expect(Math.abs((p[0] as number) - (p[1] as number))).toBeLessThan(0.2);
    expect((p[0] as number) + (p[1] as number)).toBeCloseTo(1, 5);
  });
});
