import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../support/server';
import { launchBrowser, openPage, snippet, startChatServer, startHostSite, widget, type HostSite } from './support/browser';

const CONSOLE_BUILD = fileURLToPath(new URL('../../dist/console/index.html', import.meta.url));
/** Set to a folder to keep screenshots for a human to look at. */
const SHOTS = process.env.HISTORY_SCREENSHOTS ?? null;

let chat: RunningServer;
let host: HostSite;
let browser: Browser;

const shopPage = (title: string, body: string) => ({
  html: `<!doctype html><html lang="en"><head><title>${title}</title></head><body><h1>${title}</h1>${body}${snippet(chat)}</body></html>`,
});

beforeAll(async () => {
  if (!existsSync(CONSOLE_BUILD)) {
    const { build } = await import('vite');
    await build({ configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)), logLevel: 'warn' });
  }
  chat = await startChatServer();
  host = await startHostSite({
    '/helmets.html': shopPage('Helmets', '<a href="/checkout.html">Go to checkout</a>'),
    // The checkout is a small single-page app: its steps change the URL with the history API.
    '/checkout.html': shopPage('Checkout', `<button id="pay" onclick="history.pushState({}, '', '/checkout.html?step=pay'); document.title = 'Payment'">Pay</button>`),
  });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await chat?.close();
});

async function signedInAgent(): Promise<Page> {
  const { page } = await openPage(browser, `${chat.http}/agent`);
  await page.getByLabel('Email').fill('agent@demo.test');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Chats' }).waitFor();
  return page;
}

describe('a multi-page visit, live in the console', () => {
  it('lists every page the visitor opens or navigates to, live and after a console reload', async () => {
    const agent = await signedInAgent();
    const { page: visitor } = await openPage(browser, `${host.origin}/helmets.html`);
    await widget.launcher(visitor).click();
    await widget.composer(visitor).fill('Do you ship to Canada?');
    await widget.composer(visitor).press('Enter');
    await visitor.locator('chat-widget .card').first().waitFor();
    await visitor.getByRole('button', { name: 'Talk to a person' }).first().click();
    await visitor.getByText(/Waiting for an agent/).first().waitFor();

    await agent.getByRole('button', { name: /^Claim chat with/ }).click();
    const context = agent.getByRole('complementary', { name: 'Visitor' });
    const current = context.locator('dd').filter({ has: agent.getByRole('link') }).first();
    await expect.poll(() => current.textContent()).toBe('Helmets');

    // An ordinary link: a new page load of the host site.
    await visitor.getByRole('link', { name: 'Go to checkout' }).click();
    await visitor.waitForURL(`${host.origin}/checkout.html`);
    if (!(await widget.composer(visitor).isVisible())) await widget.launcher(visitor).click();
    await expect.poll(() => current.textContent(), { timeout: 10_000 }).toBe('Checkout');

    // SPA navigation: no reload, no polling; the widget hears the history API.
    await visitor.getByRole('button', { name: 'Pay' }).click();
    await expect.poll(() => current.textContent(), { timeout: 10_000 }).toBe('Payment');
    const pages = () => context.locator('ol.pages li a').allTextContents();
    expect(await pages()).toEqual(['Helmets', 'Checkout', 'Payment']);
    if (SHOTS) await agent.screenshot({ path: `${SHOTS}/console-pages-live.png` });

    await agent.reload();
    await agent.getByRole('button', { name: /Visitor/ }).first().click();
    await expect.poll(() => current.textContent(), { timeout: 10_000 }).toBe('Payment');
    expect(await pages()).toEqual(['Helmets', 'Checkout', 'Payment']);
  });
});
