import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from './bot';
import { useLite } from './encoder/sentence-encoder';
import type { SentenceEncoder } from './encoder/sentence-encoder';
import { INTENTS_KB as KB, tempKb } from './test-helpers';
import type { Bot, BotDecision } from './types';

/** The real encoder, counting the texts it is asked to encode. */
function counting(inner: SentenceEncoder): SentenceEncoder & { texts: string[] } {
  const texts: string[] = [];
  return {
    name: inner.name,
    dimensions: inner.dimensions,
    texts,
    embed: (batch) => {
      texts.push(...batch);
      return inner.embed(batch);
    },
  };
}

const first = (d: BotDecision): string | null =>
  d.kind === 'answer' ? d.article.id : d.kind === 'suggest' ? (d.suggestions[0]?.id ?? null) : null;

let cleanup: () => Promise<void>;
let encoded: Bot;
let plain: Bot;
let encoder: ReturnType<typeof counting>;
let dir: string;
beforeAll(async () => {
  const kb = await tempKb(KB);
  cleanup = kb.cleanup;
  dir = kb.dir;
  encoder = counting(await useLite());
  encoded = await createBot({ kbDir: dir, watch: false, log: () => {}, thresholds: { encoder: 'use-lite' }, encoder });
  plain = await createBot({ kbDir: dir, watch: false, log: () => {} });
}, 60_000);
afterAll(async () => {
  encoded.close();
  plain.close();
  await cleanup();
});

describe('a KB read with a sentence encoder', () => {
  it('encodes every title and example question once when the KB loads', () => {
    const expected = Object.keys(KB).length * 7;
    expect(encoder.texts.slice(0, expected)).toHaveLength(expected);
    expect(new Set(encoder.texts.slice(0, expected)).size).toBe(expected);
  });

  /** Messages that share no telling word with their article. */
  const PARAPHRASES = [
    ['do I need an umbrella tomorrow', 'weather'],
    ['somewhere nice to have dinner with my wife, for 7pm', 'restaurant'],
    ['are we taking off late', 'flight'],
    ["I'd love to listen to something relaxing", 'music'],
  ] as const;

  it.each(PARAPHRASES)('ranks "%s" first to %s', async (text, id) => {
    expect(first(await encoded.decide(text, { unhelpfulRounds: 0 }))).toBe(id);
  });

  it('is what makes the difference: on words alone most of those messages are not ranked right', async () => {
    let right = 0;
    for (const [text, id] of PARAPHRASES) if (first(await plain.decide(text, { unhelpfulRounds: 0 })) === id) right++;
    expect(right).toBeLessThanOrEqual(2);
  });

  it('still hands over, answers small talk and survives hostile input', async () => {
    expect(await encoded.decide('talk to a human', { unhelpfulRounds: 0 })).toMatchObject({ kind: 'escalate', reason: 'asked_for_human' });
    expect(await encoded.decide('thanks!', { unhelpfulRounds: 0 })).toMatchObject({ kind: 'smalltalk' });
    for (const text of ['', '🤔🔥', '<script>alert(1)</script>', 'x'.repeat(10_000)]) {
      const d = await encoded.decide(text, { unhelpfulRounds: 0 });
      expect(d.confidence).toBeGreaterThanOrEqual(0);
      expect(d.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('decides on the words alone, and says so, when the encoder fails', async () => {
    const kb = await tempKb(KB);
    const lines: string[] = [];
    let calls = 0;
    const flaky = {
      name: 'flaky',
      dimensions: encoder.dimensions,
      embed: (texts: readonly string[]) => (calls++ === 0 ? encoder.embed(texts) : Promise.reject(new Error('sentence encoder: its thread stopped'))),
    };
    const bot = await createBot({ kbDir: kb.dir, watch: false, log: (_, msg) => lines.push(msg), thresholds: { encoder: 'use-lite' }, encoder: flaky });
    try {
      const d = await bot.decide('is my flight on time', { unhelpfulRounds: 0 });
      expect(first(d)).toBe('flight');
      expect(lines.some((l) => l.includes('its thread stopped') && l.includes('words alone'))).toBe(true);
    } finally {
      bot.close();
      await kb.cleanup();
    }
  });

  it('encodes only the new texts when the KB changes', async () => {
    const before = encoder.texts.length;
    await encoded.upsert({ id: 'music', title: 'Playing music', questions: ['play some jazz', 'play my road trip mix'], body: 'Say what you want to hear.' });
    const added = encoder.texts.slice(before).filter((t) => t !== 'play my road trip mix');
    // Only the new question (and no KB text seen before) went to the encoder during the reload.
    expect(encoder.texts.slice(before)).toContain('play my road trip mix');
    expect(added.every((t) => !Object.values(KB).some((file) => file.includes(t)))).toBe(true);
  });
});
