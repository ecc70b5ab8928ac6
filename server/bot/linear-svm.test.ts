import { describe, expect, it } from 'vitest';
import { LinearSvm } from './linear-svm';
import { runNow } from './sliced';
import type { SparseVector } from './vectors';

const vec = (entries: [number, number][]): SparseVector => ({
  ids: Int32Array.from(entries.map(([id]) => id)),
  values: Float32Array.from(entries.map(([, v]) => v)),
});

// Feature 0 is in every example; feature 1 marks class 0, feature 2 class 1, feature 3 class 2.
const vectors = [
  vec([[0, 0.5], [1, 1]]),
  vec([[0, 0.5], [1, 0.7]]),
  vec([[0, 0.5], [2, 1]]),
  vec([[0, 0.5], [2, 0.7]]),
  vec([[0, 0.5], [3, 1]]),
  vec([[0, 0.5], [3, 0.7]]),
];
const labels = [0, 0, 1, 1, 2, 2];

describe('LinearSvm', () => {
  it('learns the feature that tells articles apart, not the one they share', () => {
    const svm = runNow(LinearSvm.train(vectors, labels, 3, 4, { c: 1, passes: 20 }));
    const out = new Float32Array(3);
    svm.scores(vec([[0, 0.5], [2, 1]]), out);
    expect(out[1]).toBeGreaterThan(0);
    expect(out[0]).toBeLessThan(0);
    expect(out[2]).toBeLessThan(0);
  });

  it('claims nothing for a text made only of shared features', () => {
    const svm = runNow(LinearSvm.train(vectors, labels, 3, 4, { c: 1, passes: 20 }));
    const known = new Float32Array(3);
    svm.claims(vec([[3, 1]]), 0.25, known);
    const vague = new Float32Array(3);
    svm.claims(vec([[0, 1]]), 0.25, vague);
    expect(known[2]).toBeGreaterThan(0.9);
    // Unlike a softmax, the claims need not sum to 1: no article wins a text that fits none.
    expect(Math.max(...vague)).toBeLessThan(0.5);
  });

  it('trains the same model every time (deterministic order)', () => {
    const a = new Float32Array(3);
    const b = new Float32Array(3);
    runNow(LinearSvm.train(vectors, labels, 3, 4, { c: 1, passes: 3 })).scores(vec([[1, 1], [2, 1]]), a);
    runNow(LinearSvm.train(vectors, labels, 3, 4, { c: 1, passes: 3 })).scores(vec([[1, 1], [2, 1]]), b);
    expect([...a]).toEqual([...b]);
  });
});
