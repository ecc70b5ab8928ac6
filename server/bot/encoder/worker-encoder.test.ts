import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useLite } from './sentence-encoder';
import { useLiteInWorker } from './worker-encoder';
import type { WorkerEncoder } from './worker-encoder';

let encoder: WorkerEncoder;
beforeAll(async () => {
  encoder = await useLiteInWorker();
}, 60_000);
afterAll(() => encoder.close());

const TEXTS = Array.from({ length: 48 }, (_, i) => `can you tell me where parcel number ${i} is right now`);

describe('the sentence encoder on its own thread', () => {
  it('gives the same vectors as on the calling thread', async () => {
    const [here] = await (await useLite()).embed(['where is my order']);
    const [there] = await encoder.embed(['where is my order']);
    expect(Array.from(there as Float32Array)).toEqual(Array.from(here as Float32Array));
  });

  it('leaves the event loop free while it encodes', async () => {
    let last = performance.now();
    let longest = 0;
    const tick = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    const vectors = await encoder.embed(TEXTS);
    const took = performance.now() - started;
    clearInterval(tick);
    expect(vectors).toHaveLength(TEXTS.length);
    // 48 texts take a few hundred ms of CPU; on this thread they would stall it for all of that.
    expect(took).toBeGreaterThan(100);
    expect(longest).toBeLessThan(took / 2);
  });

  it('keeps a process alive while a call waits for it, and lets it exit when idle', async () => {
    // A script whose only pending work is the encoder's answer (as in `npm run eval:bot`).
    const script = `const { useLiteInWorker } = await import(${JSON.stringify(join(import.meta.dirname, 'worker-encoder.ts'))});
      const e = await useLiteInWorker();
      const [v] = await e.embed(['where is my order']);
      console.log('dimensions', v.length);`;
    const tsx = join(import.meta.dirname, '../../../node_modules/.bin/tsx');
    const { stdout } = await promisify(execFile)(tsx, ['--input-type=module', '-e', script], { timeout: 60_000 });
    expect(stdout.trim()).toBe('dimensions 512');
  }, 60_000);

  it('fails calls after it is closed, instead of hanging', async () => {
    const other = await useLiteInWorker();
    await other.close();
    await expect(other.embed(['hello'])).rejects.toThrow(/closed/);
  });
});
