import { beforeAll, describe, expect, it } from 'vitest';
import { useLite } from './sentence-encoder';
import type { SentenceEncoder } from './sentence-encoder';

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * (b[i] as number), 0);

let encoder: SentenceEncoder;
beforeAll(async () => {
  encoder = await useLite();
}, 60_000);

describe('the Universal Sentence Encoder lite, from the npm package, on WebAssembly', () => {
  it('puts paraphrases closer together than unrelated messages', async () => {
    const [a, b, c] = await encoder.embed(['how do I send an item back', 'I want to return my order', 'what will the weather be tomorrow']);
    expect(dot(a as Float32Array, b as Float32Array)).toBeGreaterThan(dot(a as Float32Array, c as Float32Array) + 0.1);
  });

  it('returns unit vectors, the zero vector for empty text, and the same vector alone or in a batch', async () => {
    const texts = ['', 'where is my parcel', ...Array.from({ length: 20 }, (_, i) => `question number ${i}`)];
    const batch = await encoder.embed(texts);
    expect(batch).toHaveLength(texts.length);
    expect(batch[0]?.every((x) => x === 0)).toBe(true);
    expect(dot(batch[1] as Float32Array, batch[1] as Float32Array)).toBeCloseTo(1, 4);
    const [alone] = await encoder.embed(['where is my parcel']);
    expect(dot(alone as Float32Array, batch[1] as Float32Array)).toBeCloseTo(1, 4);
  });

  it('encodes hostile and very long input without throwing', async () => {
    const out = await encoder.embed(['<script>alert(1)</script>', '🤔🔥', '我的订单在哪里？', 'delivery '.repeat(2000), '\u0000\u200b']);
    expect(out.every((v) => v.length === encoder.dimensions && v.every(Number.isFinite))).toBe(true);
  });

  it('leaves the process error handlers as they were (the WebAssembly runtime adds rethrowing ones)', () => {
    const rethrowing = (listeners: readonly ((...args: never[]) => unknown)[]): string[] =>
      listeners.map(String).filter((f) => f.includes('ExitStatus') || f.includes('throw reason'));
    expect(rethrowing(process.listeners('uncaughtException'))).toEqual([]);
    expect(rethrowing(process.listeners('unhandledRejection'))).toEqual([]);
  });

  it('gives the same vectors when calls overlap (a message arriving while the KB is being encoded)', async () => {
    const groups = Array.from({ length: 4 }, (_, g) => Array.from({ length: 18 + g * 5 }, (_, i) => `group ${g}: where is parcel ${i}`));
    const one: Float32Array[][] = [];
    for (const g of groups) one.push(await encoder.embed(g));
    const overlapping = await Promise.all(groups.map((g) => encoder.embed(g)));
    expect(overlapping.map((vs) => vs.map((v) => Array.from(v)))).toEqual(one.map((vs) => vs.map((v) => Array.from(v))));
  });

  it('is loaded once per process', async () => {
    expect(await useLite()).toBe(encoder);
  });
});
