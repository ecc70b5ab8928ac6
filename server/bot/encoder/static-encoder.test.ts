import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DISTIL } from './distil';
import type { StaticEncoder } from './static-encoder';
import { staticEncoder } from './static-table';

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * (b[i] as number), 0);

/** Building the table reads 8,000 pieces through the full model and runs PCA: 15–40 s of CPU on a busy machine. */
const BUILD_MS = 400_000;

let encoder: StaticEncoder;
beforeAll(async () => {
  encoder = await staticEncoder();
}, BUILD_MS);

/** The table's regeneration is checked byte for byte in `static-start.test.ts`. */
describe('the static encoder distilled from the Universal Sentence Encoder lite', () => {
  it('puts paraphrases closer together than unrelated messages', async () => {
    const pairs = [
      ['how do I send an item back', 'I want to return my order', 'what will the weather be tomorrow'],
      ['my parcel has not arrived', 'where is my package', 'how do I change my password'],
      ['can I pay with a credit card', 'which payment methods do you accept', 'do you ship to canada'],
    ] as const;
    for (const [a, b, c] of pairs) {
      const [va, vb, vc] = await encoder.embed([a, b, c]);
      expect(dot(va as Float32Array, vb as Float32Array), `${a} / ${b} vs ${c}`).toBeGreaterThan(dot(va as Float32Array, vc as Float32Array));
    }
  });

  it('returns unit vectors, the zero vector for empty text, and copes with hostile input', async () => {
    const out = await encoder.embed(['', 'where is my parcel', '<script>alert(1)</script>', '🤔🔥', '我的订单在哪里？', 'delivery '.repeat(2000), '\u0000\u200b']);
    expect(out[0]?.every((x) => x === 0)).toBe(true);
    expect(dot(out[1] as Float32Array, out[1] as Float32Array)).toBeCloseTo(1, 5);
    expect(out.every((v) => v.length === DEFAULT_DISTIL.dimensions && v.every(Number.isFinite))).toBe(true);
  });

  it('is cached: a second call gives the same encoder without building again', async () => {
    expect(await staticEncoder()).toBe(encoder);
  });
});
