import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../server/bot/types';
import { backends } from '../support/backends';
import { clientId, DEMO_KB, startServer, visitor, type RunningServer } from '../support/server';
import { axeViolations, describeViolations } from './support/axe';
import { buildWidget, launchBrowser, openPage, widget } from './support/browser';

const KB_BUILD = fileURLToPath(new URL('../../dist/console/kb.html', import.meta.url));
/** Set to a folder to keep the screenshots for a look at the layout. */
const SHOTS = process.env.KB_SCREENSHOTS ?? null;

let server: RunningServer;
let bot: Bot;
let kbDir: string;
let browser: Browser;
const pageErrors: string[] = [];

async function signedIn(path: string, email = 'admin@demo.test'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // Expected: the signed-out check before sign-in (401), the placeholder guard's refusal (400), the browser's favicon probe.
  page.on('console', (m) => m.type() === 'error' && !/status of (401|400)/.test(m.text()) && !m.location().url.endsWith('/favicon.ico') && pageErrors.push(`${m.text()} ${m.location().url}`));
  await page.goto(`${server.http}/agent`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Chats' }).waitFor();
  await page.goto(`${server.http}${path}`);
  return page;
}

async function expectAxeClean(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

/** Asks the demo site's widget, as a visitor would, and returns the article card it answers with. */
async function askWidget(question: string): Promise<{ title: string; text: string; close(): Promise<void> }> {
  const { page, context, errors } = await openPage(browser, `${server.http}/`);
  await widget.launcher(page).click();
  await widget.composer(page).fill(question);
  await widget.composer(page).press('Enter');
  const card = page.locator('chat-widget .card').first();
  await card.waitFor();
  const title = (await card.getByRole('heading').textContent()) ?? '';
  // The whole article is in the card (folded to a few lines when long).
  const text = (await card.textContent()) ?? '';
  expect(errors).toEqual([]);
  return { title, text, close: () => context.close() };
}

beforeAll(async () => {
  if (!existsSync(KB_BUILD)) {
    const { build } = await import('vite');
    await build({ configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)), logLevel: 'warn' });
  }
  await buildWidget();
  // A copy of the demo KB: the editor writes files, which must not land in the repository's demo/kb.
  kbDir = await mkdtemp(join(tmpdir(), 'kb-editor-'));
  await cp(DEMO_KB, kbDir, { recursive: true });
  server = await startServer(backends()[0]!, {}, kbDir);
  bot = server.app.services.bot;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (kbDir) await rm(kbDir, { recursive: true, force: true });
  expect(pageErrors).toEqual([]);
});

describe('knowledge-base editor against the real server', () => {
  it('is linked for admins, and agents are kept out', async () => {
    const alex = await signedIn('/agent', 'agent@demo.test');
    await expect(alex.getByRole('link', { name: 'Knowledge base' }).count()).resolves.toBe(0);
    await alex.goto(`${server.http}/agent/kb`);
    await alex.getByRole('heading', { name: 'Admins only' }).waitFor();
    await alex.context().close();

    const sam = await signedIn('/agent');
    await sam.getByRole('link', { name: 'Knowledge base' }).click();
    await sam.getByRole('heading', { name: 'Knowledge base', level: 1 }).waitFor();
    const count = (await readdir(kbDir)).filter((f) => f.endsWith('.md')).length;
    await sam.getByText(`${count} of ${count} articles`).waitFor();
    await sam.getByLabel('Search articles').fill('gift');
    await sam.getByRole('button', { name: /Gift cards/ }).waitFor();
    await expectAxeClean(sam);
    await sam.context().close();
  });

  it('refuses a placeholder, creates an article, edits it, and the widget answers from each edit at once', async () => {
    const page = await signedIn('/agent/kb');
    await page.getByRole('button', { name: 'New article' }).click();
    await page.getByLabel('Title').fill('Kayak rental');
    await page.getByLabel('Id (file name)').fill('kayak-rental');
    await page.getByLabel('Example questions (one per line)').fill('Do you rent kayaks?\nCan I hire a kayak?');
    await page.getByLabel('Answer (Markdown)').fill('TODO: write the answer.');
    await page.getByRole('button', { name: 'Create article' }).click();
    // The refusal is next to the field, read with it, and the keyboard lands there.
    const body = page.getByLabel('Answer (Markdown)');
    await expect.poll(() => body.getAttribute('aria-invalid')).toBe('true');
    await expect(body.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.getByText('Replace the placeholder “TODO: write the answer.” with the answer before saving.').waitFor();
    await expectAxeClean(page);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'kb-refused.png'), fullPage: true });
    // The server refuses it too, whatever the client: nothing is written.
    const refused = await page.request.put(`${server.http}/api/kb/articles/kayak-rental`, { data: { title: 'Kayak rental', body: 'TODO: write the answer.' } });
    expect(refused.status()).toBe(400);
    expect((await refused.json()).fields.body).toContain('draft placeholder');
    expect(existsSync(join(kbDir, 'kayak-rental.md'))).toBe(false);

    await body.fill('We rent **kayaks** at our Lakes store for £25 a day.');
    await page.locator('.kb-preview strong', { hasText: 'kayaks' }).waitFor();
    await page.getByRole('button', { name: 'Create article' }).click();
    await page.getByRole('status').getByText('Saved. The bot answers from it now.').waitFor();
    expect(await readFile(join(kbDir, 'kayak-rental.md'), 'utf8')).toContain('£25 a day');
    const first = await askWidget('Do you rent kayaks?');
    expect([first.title, first.text]).toEqual(['Kayak rental', expect.stringContaining('£25 a day')]);
    await first.close();

    await page.getByLabel('Title').fill('Kayak hire');
    await body.fill('Kayak hire is £30 a day at our Lakes store.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: 'Edit “Kayak hire”' }).waitFor();
    const second = await askWidget('Can I hire a kayak?');
    expect([second.title, second.text]).toEqual(['Kayak hire', expect.stringContaining('£30 a day')]);
    await second.close();
    await expectAxeClean(page);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'kb-edit.png'), fullPage: true });
    await page.context().close();
  });

  it('answers a KB gap with an existing article from the ops page: the gap disappears and stays gone', async () => {
    const { socket } = await visitor(server);
    socket.send({ type: 'visitor.send', id: clientId(), text: 'Can you engrave my watch?' });
    await socket.next((f) => f.type === 'message' && (f.message as { author: string }).author === 'bot');
    socket.close();

    const page = await signedIn('/agent/ops');
    const gaps = page.getByRole('region', { name: 'Knowledge-base gaps' });
    const gap = gaps.getByRole('listitem').filter({ hasText: 'Can you engrave my watch?' }).first();
    // An unedited draft cannot be published from here either.
    await gap.getByRole('button', { name: 'Create article' }).click();
    await gap.getByRole('button', { name: 'Save to knowledge base' }).click();
    await gap.getByText('Replace the placeholder text with the answer: a draft placeholder is never published.').waitFor();
    await gap.getByRole('button', { name: 'Cancel' }).click();
    if (SHOTS) await gaps.screenshot({ path: join(SHOTS, 'ops-gap.png') });

    await gap.getByLabel('Or answered by an existing article:').selectOption({ label: 'Repair service' });
    await gap.getByRole('button', { name: /Add its questions to that article \(\d+\)/ }).click();
    await gaps.getByText('Questions added to “Repair service”: 1. This gap is resolved.').waitFor();
    await expect.poll(() => gap.count()).toBe(0);
    const violations = await axeViolations(page, '#gaps');
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(await readFile(join(kbDir, 'repairs.md'), 'utf8')).toContain('- Can you engrave my watch?');
    const answer = await bot.decide('Can you engrave my watch?', { unhelpfulRounds: 0, locale: 'en' });
    expect(answer.kind === 'answer' ? answer.article.id : answer.kind).toBe('repairs');

    await page.reload();
    await gaps.getByText(/Questions the bot could not answer|The bot answered every question/).waitFor();
    await expect(gaps.getByText('Can you engrave my watch?').count()).resolves.toBe(0);
    await page.context().close();
  });

  it('adds a gap to the article it was ranked to, from the editor', async () => {
    const { socket } = await visitor(server);
    socket.send({ type: 'visitor.send', id: clientId(), text: 'Do you sell gift wrapping?' });
    await socket.next((f) => f.type === 'message' && (f.message as { author: string }).author === 'bot');
    socket.close();

    const page = await signedIn('/agent/kb?article=gift-cards');
    const nearby = page.getByRole('region', { name: 'Unanswered questions this article may answer' });
    await nearby.getByText('Do you sell gift wrapping?').waitFor();
    await expectAxeClean(page);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'kb-nearby-gap.png'), fullPage: true });
    await nearby.getByRole('button', { name: /Add these questions to this article \(\d+\)/ }).click();
    await nearby.getByRole('status').getByText('Questions added to this article: 1. That gap is resolved.').waitFor();
    await expect(page.getByLabel('Example questions (one per line)').inputValue()).resolves.toMatch(/\nDo you sell gift wrapping\?$/);
    expect(bot.source('gift-cards')?.questions).toContain('Do you sell gift wrapping?');
    const gaps = await page.request.get(`${server.http}/api/ops/gaps`);
    expect(JSON.stringify(await gaps.json())).not.toContain('gift wrapping');
    await page.context().close();
  });
});

