import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../bot';
import { INTENTS_KB, eventually, memoryLog, tempKb } from '../test-helpers';
import type { Bot } from '../types';
import { DEFAULT_DISTIL } from './distil';
import { staticEncoder, staticTablePath } from './static-table';

/** A table build reads 8,000 pieces through the full model and runs PCA: 15–40 s of CPU, minutes on a busy machine. */
const BUILD_MS = 600_000;

let cache: string;
let kb: { dir: string; cleanup: () => Promise<void> };
let bot: Bot;
const { log, lines } = memoryLog();
beforeAll(async () => {
  cache = await mkdtemp(join(tmpdir(), 'static-cache-'));
  kb = await tempKb(INTENTS_KB);
  bot = await createBot({ kbDir: kb.dir, watch: false, log, thresholds: { encoder: 'static' }, encoderCacheDir: cache });
}, 60_000);
afterAll(async () => {
  bot.close();
  await kb.cleanup();
  await rm(cache, { recursive: true, force: true });
});

describe('the bot with encoder "static" on a first start (no table yet)', () => {
  it('starts and answers on words at once, while the table is built on a worker', async () => {
    expect(lines.some((l) => l.msg.includes('building the static encoder'))).toBe(true);
    expect(lines.filter((l) => l.msg.includes('indexed in'))).toHaveLength(1);
    const d = await bot.decide('what will the weather be like tomorrow', { unhelpfulRounds: 0 });
    expect(d.kind === 'answer' ? d.article.id : d.kind === 'suggest' ? d.suggestions[0]?.id : null).toBe('weather');
  });

  it('re-indexes with the table once it is built, and the table is byte-identical to one built before', async () => {
    await eventually(() => expect(lines.some((l) => l.msg.includes('the static encoder is ready'))).toBe(true), BUILD_MS);
    // Re-indexed after the table is ready. The meaning check reads the same table and asks for its own
    // re-index when it is ready, so two requests may or may not coalesce into one: one or two more lines.
    const ready = lines.findIndex((l) => l.msg.includes('the static encoder is ready'));
    await eventually(() => expect(lines.slice(ready + 1).some((l) => l.msg.includes('indexed in'))).toBe(true), 60_000);
    expect(lines.filter((l) => l.msg.includes('indexed in')).length).toBeLessThanOrEqual(3);
    const d = await bot.decide('what will the weather be like tomorrow', { unhelpfulRounds: 0 });
    expect(d.kind === 'answer' ? d.article.id : d.kind === 'suggest' ? d.suggestions[0]?.id : null).toBe('weather');

    // Regenerated from the same installed package: the same bytes as the default cache's table.
    await staticEncoder();
    const fresh = await readFile((await staticTablePath(DEFAULT_DISTIL, cache)) as string);
    const cached = await readFile((await staticTablePath()) as string);
    expect(fresh.byteLength).toBe(cached.byteLength);
    expect(Buffer.compare(fresh, cached)).toBe(0);
  }, BUILD_MS + 120_000);
});
