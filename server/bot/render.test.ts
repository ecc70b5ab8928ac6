import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from './bot';
import { excerpt, markdownToText, passages, renderArticle, renderMarkdown } from './render';
import { md, tempKb } from './test-helpers';
import type { Bot } from './types';

const PAYLOADS = [
  '<script>alert("s")</script>',
  '<img src=x onerror="alert(1)">',
  '[click](javascript:alert(1))',
  '<a href="JaVaScRiPt:alert(2)">x</a>',
  '<a href="  javascript:alert(3)">y</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<p onclick="alert(4)" style="background:url(x)">para</p>',
  '<svg onload="alert(5)"><circle /></svg>',
  '<div onmouseover="alert(6)">hover</div>',
  '[data](data:text/html;base64,PHNjcmlwdD4=)',
  '<style>body{display:none}</style>',
  '<object data="x.swf"></object><embed src="x">',
  '<form action="https://evil"><input name=a></form>',
].join('\n\n');

function assertSafe(html: string): void {
  expect(html).not.toMatch(/<script|<iframe|<img|<svg|<style|<object|<embed|<form|<input|<div/i);
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/javascript:|data:text/i);
  expect(html).not.toMatch(/style=/i);
}

describe('renderMarkdown', () => {
  it('removes scripts, event handlers, dangerous urls, frames and styles', () => {
    assertSafe(renderMarkdown(PAYLOADS));
  });

  it('keeps the allowed structure and makes links safe', () => {
    const html = renderMarkdown(
      '## Title\n\n- **bold** and *em* and `code`\n\n> quote\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[site](https://shop.example/x) [mail](mailto:help@shop.example)',
    );
    for (const tag of ['<h2>', '<li>', '<strong>', '<em>', '<code>', '<blockquote>', '<table>', '<td>']) expect(html).toContain(tag);
    expect(html).toContain('<a rel="noopener noreferrer" target="_blank" href="https://shop.example/x">site</a>');
    expect(html).toContain('href="mailto:help@shop.example"');
  });
});

describe('KB files with XSS payloads', () => {
  let bot: Bot;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const kb = await tempKb({ 'evil.md': md('title: "<img src=x onerror=alert(1)> Evil"', PAYLOADS) });
    cleanup = kb.cleanup;
    bot = await createBot({ kbDir: kb.dir, watch: false, log: () => {} });
  });
  afterAll(async () => {
    bot.close();
    await cleanup();
  });

  it('never reach the visitor as HTML', () => {
    const a = bot.article('evil');
    expect(a).toBeDefined();
    if (!a) return;
    assertSafe(a.html);
    expect(a.html).toContain('<p>para</p>');
    // Title and excerpt are plain text: the UI must render them as text, and they carry no script text.
    expect(a.excerpt).not.toMatch(/alert\("s"\)|<script/);
    expect(a.title).toBe('<img src=x onerror=alert(1)> Evil');
  });
});

describe('excerpt', () => {
  it('cuts long text at a word boundary', () => {
    const e = excerpt('word '.repeat(100), 50);
    expect(e.length).toBeLessThanOrEqual(51);
    expect(e.endsWith('word…')).toBe(true);
  });
});

describe('plain text', () => {
  it('keeps one line per paragraph, list item, table row and heading, so passages do not run across them', () => {
    expect(markdownToText('## Costs\n\n| Option | Price |\n|---|---|\n| Standard | £3.95 |\n\nFree over\n£50.\n\n- one\n- two')).toBe(
      'Costs\nOption Price\nStandard £3.95\nFree over £50.\none\ntwo',
    );
  });

  it('gives a one-line excerpt', () => {
    expect(excerpt('first line\nsecond line')).toBe('first line second line');
  });
});

describe('renderArticle', () => {
  it.each([
    'Standard delivery takes 3–5 days.\n\n- Express: next day\n- Click and collect (free)\n',
    'One paragraph\nover two lines.\n\n  \n- a list item\ncontinued\n- another',
    'Title\n---\nbody text',
    '1. first\n2. second',
    'a\n\n---\n\nb',
    "It's **free** & fast: <b>see</b> [terms](https://shop.example)",
  ])('gives the same text and HTML as a full Markdown render: %j', (body) => {
    const r = renderArticle(body);
    expect(r.text).toBe(markdownToText(body));
    expect(r.html()).toBe(renderMarkdown(body));
  });
});

describe('passages', () => {
  it('pairs sentences within a block and never joins two list items or a row to a paragraph', () => {
    const text = markdownToText('Returns are free. Use the label in the box. Refunds take 5 days.\n\n- Shoes: 30 days\n- Coats: 60 days');
    expect(passages(text)).toEqual(['Returns are free. Use the label in the box.', 'Refunds take 5 days.', 'Shoes: 30 days', 'Coats: 60 days']);
  });
});

describe('article excerpt', () => {
  it('is cut from the prose, not from a table at the top of the body', () => {
    const body = 'We ship from Leeds.\n\n| Option | Price |\n|---|---|\n| Standard | £3.95 |\n\nTimes start at **dispatch**.';
    const r = renderArticle(body);
    expect(excerpt(r.lead)).toBe('We ship from Leeds. Times start at dispatch.');
    // The table still counts for matching.
    expect(r.text).toContain('Standard £3.95');
  });

  it('falls back to the table when the body is only a table', () => {
    expect(renderArticle('| Size | Chest |\n|---|---|\n| M | 96 cm |').lead).toBe('Size Chest\nM 96 cm');
  });
});
