import { describe, expect, it } from 'vitest';
import { MeaningCache } from './meanings';
import type { SentenceEncoder } from './sentence-encoder';

/** An encoder outside our concern here: records the batches it is given and answers at once. */
function recordingEncoder(): SentenceEncoder & { batches: number[] } {
  const batches: number[] = [];
  return {
    name: 'recording',
    dimensions: 2,
    batches,
    embed: async (texts) => {
      batches.push(texts.length);
      return texts.map((t) => Float32Array.of(t.length, 1));
    },
  };
}

describe('MeaningCache', () => {
  it('encodes a large KB a slice at a time, letting other work run in between', async () => {
    const encoder = recordingEncoder();
    const cache = new MeaningCache(encoder);
    const texts = Array.from({ length: 1000 }, (_, i) => `question number ${i}`);
    let otherWorkRan = false;
    setImmediate(() => (otherWorkRan = true));
    const meanings = await cache.prepare(texts);
    expect(otherWorkRan).toBe(true);
    expect(encoder.batches.length).toBeGreaterThan(1);
    expect(Math.max(...encoder.batches)).toBeLessThanOrEqual(256);
    expect(encoder.batches.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(meanings.of('question number 999')).toEqual(Float32Array.of('question number 999'.length, 1));
  });

  it('encodes only new texts on a reload and forgets removed ones', async () => {
    const encoder = recordingEncoder();
    const cache = new MeaningCache(encoder);
    await cache.prepare(['a', 'bb']);
    const meanings = await cache.prepare(['bb', 'ccc']);
    expect(encoder.batches).toEqual([2, 1]);
    expect(meanings.of('a')).toBeUndefined();
    expect(meanings.of('ccc')).toEqual(Float32Array.of(3, 1));
  });
});
