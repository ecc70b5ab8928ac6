import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBot } from './bot';
import { BotError } from './errors';
import { eventually, md, memoryLog, tempKb } from './test-helpers';
import type { Bot } from './types';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function setup(files: Record<string, string>, watch = false): Promise<{ bot: Bot; dir: string; lines: ReturnType<typeof memoryLog>['lines'] }> {
  const kb = await tempKb(files);
  const { log, lines } = memoryLog();
  const bot = await createBot({ kbDir: kb.dir, watch, log, debounceMs: 30 });
  cleanups.push(kb.cleanup, () => bot.close());
  return { bot, dir: kb.dir, lines };
}

describe('loading', () => {
  it('loads articles with front matter, defaulting the id to the file name', async () => {
    const { bot } = await setup({
      'shipping-times.md': md('title: Shipping times\ntags: [shipping]\nurl: https://shop.example/ship', 'Delivery takes **3–5** days.'),
      'other.md': md('id: custom-id\ntitle: Other', 'Body'),
    });
    expect(bot.size).toBe(2);
    const a = bot.article('shipping-times');
    expect(a).toMatchObject({ id: 'shipping-times', title: 'Shipping times', url: 'https://shop.example/ship', tags: ['shipping'] });
    expect(a?.html).toContain('<strong>3–5</strong>');
    expect(a?.excerpt).toBe('Delivery takes 3–5 days.');
    expect(bot.article('custom-id')?.title).toBe('Other');
  });

  it('skips a malformed file with a message naming it and what is wrong, and serves the rest', async () => {
    const { bot, lines } = await setup({
      'good.md': md('title: Good article', 'Fine.'),
      'no-title.md': md('tags: [x]', 'Missing title.'),
      'bad-yaml.md': '---\ntitle: [unclosed\n---\nbody',
      'no-front-matter.md': 'Just text',
      'bad-url.md': md('title: Bad url\nurl: javascript:alert(1)', 'x'),
      'dup.md': md('id: good\ntitle: Duplicate', 'x'),
      'notes.txt': 'not markdown',
    });
    expect(bot.articles().map((a) => a.id)).toEqual(['good']);
    const warnings = lines.filter((l) => l.level === 'warn').map((l) => l.msg);
    expect(warnings.find((w) => w.includes('no-title.md'))).toMatch(/title/);
    expect(warnings.find((w) => w.includes('bad-yaml.md'))).toMatch(/YAML/);
    expect(warnings.find((w) => w.includes('no-front-matter.md'))).toMatch(/front matter/);
    expect(warnings.find((w) => w.includes('bad-url.md'))).toMatch(/url/);
    expect(warnings.find((w) => w.includes('dup.md'))).toMatch(/already used by good\.md/);
    expect(warnings.some((w) => w.includes('notes.txt'))).toBe(false);
  });

  it('starts empty, without throwing, when the folder does not exist', async () => {
    const { log, lines } = memoryLog();
    const bot = await createBot({ kbDir: '/nonexistent/kb-folder', log });
    expect(bot.size).toBe(0);
    expect((await bot.decide('where is my order', { unhelpfulRounds: 0 })).kind).toBe('escalate');
    expect(lines.some((l) => l.level === 'error' && l.msg.includes('/nonexistent/kb-folder'))).toBe(true);
    bot.close();
  });

  it('rejects invalid thresholds with a typed error', async () => {
    await expect(createBot({ kbDir: '/tmp', watch: false, thresholds: { answer: 2 } })).rejects.toBeInstanceOf(BotError);
    // An encoder the bot does not know is named in the message, before anything is loaded.
    await expect(createBot({ kbDir: '/tmp', watch: false, thresholds: { encoder: 'bert' } as never })).rejects.toThrow(/encoder/);
    await expect(createBot({ kbDir: '/tmp', watch: false, thresholds: { ranker: { encoderWeight: -1 } } })).rejects.toThrow(/ranker\.encoderWeight/);
  });
});

describe('reload on change', () => {
  it('picks up an edited, an added and a deleted file, including writes via rename', async () => {
    const { bot, dir } = await setup(
      {
        'a.md': md('title: Alpha article', 'Alpha.'),
        'b.md': md('title: Beta article', 'Beta.'),
      },
      true,
    );
    expect(bot.size).toBe(2);

    await writeFile(join(dir, 'a.md'), md('title: Alpha renamed', 'Alpha v2.'));
    await eventually(() => expect(bot.article('a')?.title).toBe('Alpha renamed'));

    // Editors such as vim save to a temp file and rename it over the original.
    await writeFile(join(dir, '.c.md.swp'), md('title: Gamma article', 'Gamma.'));
    await rename(join(dir, '.c.md.swp'), join(dir, 'c.md'));
    await eventually(() => expect(bot.article('c')?.title).toBe('Gamma article'));

    await rm(join(dir, 'b.md'));
    await eventually(() => expect(bot.article('b')).toBeUndefined());
    expect(bot.size).toBe(2);
  });

  it('does not index again when the watcher reports the write the bot made itself', async () => {
    const { bot, lines } = await setup({ 'a.md': md('title: Alpha', 'x') }, true);
    const indexed = (): number => lines.filter((l) => l.msg.includes(' indexed in ')).length;
    await bot.upsert({ id: 'b', title: 'Beta', body: 'y' });
    const afterWrite = indexed();
    // Longer than the watcher's debounce (30 ms): its reload has run and found nothing new.
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.article('b')?.title).toBe('Beta');
    expect(indexed()).toBe(afterWrite);
  });

  it('keeps serving the rest when an edit breaks a file', async () => {
    const { bot, dir, lines } = await setup({ 'a.md': md('title: Alpha', 'x'), 'b.md': md('title: Beta', 'y') }, true);
    await writeFile(join(dir, 'a.md'), '---\ntitle: 42: : :\n---\n');
    await eventually(() => expect(bot.article('a')).toBeUndefined());
    expect(bot.article('b')?.title).toBe('Beta');
    expect(lines.some((l) => l.level === 'warn' && l.msg.includes('a.md'))).toBe(true);
  });
});

describe('upsert and remove', () => {
  it('validates, writes a Markdown file and reindexes', async () => {
    const { bot, dir } = await setup({});
    const view = await bot.upsert({ id: 'gift-cards', title: 'Gift cards', questions: ['Do gift cards expire?'], tags: ['payments'], body: 'Valid for **24 months**.' });
    expect(view.html).toContain('<strong>24 months</strong>');
    const d = await bot.decide('do gift cards expire', { unhelpfulRounds: 0 });
    expect(d.kind === 'answer' && d.article.id).toBe('gift-cards');
    const fresh = await createBot({ kbDir: dir, watch: false, log: () => {} });
    expect(fresh.article('gift-cards')?.title).toBe('Gift cards');
    fresh.close();

    expect(await bot.remove('gift-cards')).toBe(true);
    expect(bot.article('gift-cards')).toBeUndefined();
    expect(await bot.remove('gift-cards')).toBe(false);
  });

  it('throws a typed error on invalid input and writes nothing', async () => {
    const { bot } = await setup({});
    for (const bad of [null, 'x', { id: '../etc/passwd', title: 'x' }, { id: 'ok' }, { id: 'ok', title: 'x', url: 'javascript:alert(1)' }]) {
      await expect(bot.upsert(bad)).rejects.toMatchObject({ code: 'kb_invalid_article' });
    }
    expect(bot.size).toBe(0);
  });
});

describe('synonyms file', () => {
  it('lets a KB teach the bot its own words', async () => {
    // The body has every other word of the question, so only "snailmail" stands between it and an answer.
    const files = { 'shipping.md': md('title: Shipping times', 'How long shipping takes: standard shipping takes 3–5 working days.') };
    const before = await setup(files);
    expect((await before.bot.decide('how long does the snailmail take', { unhelpfulRounds: 0 })).kind).not.toBe('answer');
    const after = await setup({ ...files, 'synonyms.yaml': 'groups:\n  - [shipping, snailmail]\n' });
    const d = await after.bot.decide('how long does the snailmail take', { unhelpfulRounds: 0 });
    expect(d.kind === 'answer' && d.article.id).toBe('shipping');
  });

  it('ignores an invalid synonyms file with a message and keeps the defaults', async () => {
    const { bot, lines } = await setup({ 'a.md': md('title: Returns', 'Send it back.'), 'synonyms.yaml': 'groups: 42' });
    expect(bot.size).toBe(1);
    expect(lines.some((l) => l.level === 'warn' && l.msg.includes('synonyms.yaml'))).toBe(true);
  });
});
