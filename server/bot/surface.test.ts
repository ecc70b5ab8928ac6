import { describe, expect, it } from 'vitest';
import { SurfaceFeatures } from './surface';
import type { SparseVector } from './vectors';

const dot = (a: SparseVector, b: SparseVector): number => {
  const m = new Map<number, number>();
  a.ids.forEach((id, k) => m.set(id, a.values[k] as number));
  let s = 0;
  b.ids.forEach((id, k) => (s += (m.get(id) ?? 0) * (b.values[k] as number)));
  return s;
};
const norm = (values: Float32Array): number => Math.sqrt(values.reduce((s, v) => s + v * v, 0));

describe('SurfaceFeatures', () => {
  it('keeps the small words that tell intents apart, and their order', () => {
    const f = new SurfaceFeatures();
    const texts = [['what', 'is', 'your', 'name'], ['change', 'my', 'name']];
    const counts = texts.map((w) => f.count(w));
    f.fit(counts);
    const [asked, change] = counts.map((c) => f.transform(c));
    // "your name" shares "name" with both; only the stop word "your" and the pair "your name" tell them apart.
    const q = f.transform(f.count(['your', 'name']));
    expect(dot(q, asked!)).toBeGreaterThan(dot(q, change!) + 0.2);
  });

  it('normalises words and character n-grams separately, so each family weighs the same', () => {
    const f = new SurfaceFeatures();
    f.fit([f.count(['order', 'status']), f.count(['cancel', 'order'])]);
    const v = f.transform(f.count(['order', 'status']));
    // Two unit-length families.
    expect(norm(v.values)).toBeCloseTo(Math.SQRT2, 4);
  });

  it('ignores what it never saw once fitted, so a message cannot grow the vocabulary', () => {
    const f = new SurfaceFeatures();
    f.fit([f.count(['refund'])]);
    const before = f.dimensions;
    const v = f.transform(f.count(['zzzz', 'qqqq']));
    expect(v.ids.length).toBe(0);
    expect(f.dimensions).toBe(before);
  });
});
