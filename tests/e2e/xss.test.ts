import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends';
import { DEMO_KB, startServer, type RunningServer } from '../support/server';
import { buildWidget, launchBrowser, openPage, widget } from './support/browser';

/** Each payload sets a different marker if it ever runs. */
const payload = (n: number) => `<img src=x onerror="window.__xss=${n}"><script>window.__xss=${n}</script>`;

let chat: RunningServer;
let browser: Browser;

beforeAll(async () => {
  await buildWidget();
  const kb = mkdtempSync(join(tmpdir(), 'kb-xss-'));
  cpSync(DEMO_KB, kb, { recursive: true });
  chat = await startServer(backends()[0]!, {}, kb);
  await chat.app.services.bot.upsert({
    id: 'parcel-lockers',
    title: `Parcel lockers ${payload(1)}`,
    questions: ['can I have my order delivered to a parcel locker'],
    tags: ['delivery'],
    body: [
      'You can choose a parcel locker at checkout.',
      payload(2),
      '[Find a locker](javascript:window.__xss=3)',
      '<iframe src="javascript:window.__xss=4"></iframe>',
      '<a href="#" onclick="window.__xss=5">lockers near you</a>',
      '<svg onload="window.__xss=6"></svg>',
    ].join('\n\n'),
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await chat?.close();
});

async function markers(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss ?? null);
}

describe('hostile text never runs (real Chromium, widget and console)', () => {
  it('keeps XSS in visitor messages, names, attributes and KB articles inert in both UIs', async () => {
    const dialogs: string[] = [];
    const agentPage = (await openPage(browser, `${chat.http}/agent`)).page;
    agentPage.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await agentPage.getByLabel('Email').fill('agent@demo.test');
    await agentPage.getByLabel('Password').fill('demo');
    await agentPage.getByRole('button', { name: 'Sign in' }).click();
    await agentPage.getByRole('navigation', { name: 'Chats' }).waitFor();

    const { page: visitor } = await openPage(browser, `${chat.http}/`);
    visitor.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await widget.launcher(visitor).click();
    await visitor.evaluate((p) => {
      (window as unknown as { Chat: (...a: unknown[]) => void }).Chat('identify', { name: `Eve ${p}`, attributes: { note: p, plan: '<b onmouseover="window.__xss=8">pro</b>' } });
    }, payload(7));
    const hostile = `Hi ${payload(9)} <a href="javascript:window.__xss=10">click</a>`;
    await widget.composer(visitor).fill(hostile);
    await widget.composer(visitor).press('Enter');
    await widget.bubble(visitor, 'Hi <img').waitFor();

    await widget.composer(visitor).fill('can I have my order delivered to a parcel locker');
    await widget.composer(visitor).press('Enter');
    const card = visitor.locator('chat-widget .card', { hasText: 'Parcel lockers' }).first();
    await card.waitFor();
    // The whole sanitised article is in the card (no "show the article" step any more).
    await card.getByText('You can choose a parcel locker at checkout.').last().waitFor();
    // The article's title is plain text: the markup shows as characters, not as an element.
    expect(await card.getByRole('heading').textContent()).toContain('<img src=x');
    const links = await card.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links.every((h) => h === null || /^(https?:|mailto:)/.test(h))).toBe(true);
    expect(await card.locator('script, iframe, svg[onload], [onclick], [onerror]').count()).toBe(0);

    await visitor.getByRole('button', { name: 'Talk to a person' }).first().click();
    await agentPage.getByRole('button', { name: /^Claim chat with/ }).click();
    const main = agentPage.getByRole('main');
    await main.getByText('Hi <img', { exact: false }).first().waitFor();
    const context = agentPage.getByRole('complementary', { name: 'Visitor' });
    await context.getByText('Eve <img', { exact: false }).first().waitFor();
    await context.getByText('<b onmouseover', { exact: false }).first().waitFor();
    // Hover and click everything the hostile content could hide behind.
    await context.getByText('<b onmouseover', { exact: false }).first().hover();
    await agentPage.waitForTimeout(300);
    await visitor.waitForTimeout(300);

    expect(await markers(visitor)).toBeNull();
    expect(await markers(agentPage)).toBeNull();
    expect(dialogs).toEqual([]);
  });
});
