import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBot } from '../bot/index';
import { contentTerms, isOffTopic, KbVocabulary, kbWordShare, vocabularyOf } from './off-topic';

describe('KbVocabulary', () => {
  const kb = new KbVocabulary(['Track your order', 'Where is my parcel?', 'Gift cards can be used online and in stores.']);

  it('is the share of the question’s content words the KB uses, stemmed', () => {
    expect(kb.share('tracking my orders')).toBe(1);
    expect(kb.share('do you do gift wrapping')).toBe(0.5); // "gift" known, "wrapping" not
    expect(kb.share("what's the weather like tomorrow")).toBe(0);
  });

  it('has no share for a message without content words, and ignores chat words and numbers', () => {
    expect(contentTerms('thanks, please help 42')).toEqual([]);
    expect(kb.share('ok thanks')).toBeNull();
    expect(kb.share('order 12345 please')).toBe(1);
  });

  it('calls off-topic only a measured share of 0', () => {
    expect(isOffTopic(0)).toBe(true);
    expect(isOffTopic(0.01)).toBe(false);
    expect(isOffTopic(null)).toBe(false);
    expect(isOffTopic(undefined)).toBe(false);
  });
});

describe('kbWordShare', () => {
  it('follows the KB the bot serves when it changes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'off-topic-'));
    await writeFile(join(dir, 'returns.md'), '---\ntitle: Returns\nquestions: [how do I return an item]\n---\n\nSend it back within 30 days.\n');
    const bot = await createBot({ kbDir: dir, watch: false, log: () => {} });
    try {
      expect(kbWordShare(bot, 'what is the weather forecast')).toBe(0);
      expect(kbWordShare(bot, 'return my item')).toBe(1);
      await bot.upsert({ id: 'weather', title: 'Weather at our stores', questions: ['is the weather forecast good'], body: 'We stay open in any weather.' });
      expect(kbWordShare(bot, 'what is the weather forecast')).toBe(1);
      expect(kbWordShare(bot, 'do you sell kayaks today')).toBe(0);
      expect(kbWordShare(bot, 'return kayaks')).toBe(0.5);
    } finally {
      bot.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads a large KB between other work, and measures nothing until it is read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'off-topic-'));
    const body = Array.from({ length: 15_000 }, (_, i) => `parcel${i % 50} locker delivery`).join(' '); // ~340 k characters
    await writeFile(join(dir, 'lockers.md'), `---\ntitle: Parcel lockers\n---\n\n${body}\n`);
    const bot = await createBot({ kbDir: dir, watch: false, log: () => {} });
    try {
      expect(kbWordShare(bot, 'what is the weather forecast')).toBeNull();
      await vocabularyOf(bot);
      expect(kbWordShare(bot, 'what is the weather forecast')).toBe(0);
      expect(kbWordShare(bot, 'parcel locker')).toBe(1);
    } finally {
      bot.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
