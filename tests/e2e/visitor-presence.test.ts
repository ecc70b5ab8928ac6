import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends';
import { clientId, startServer, visitor, type RunningServer } from '../support/server';
import { axeViolations, describeViolations } from './support/axe';
import { launchBrowser } from './support/browser';

/** Set to a folder to keep screenshots for a human to look at. */
const SHOTS = process.env.HISTORY_SCREENSHOTS ?? null;

let server: RunningServer;
let browser: Browser;
const pageErrors: Error[] = [];

beforeAll(async () => {
  server = await startServer(backends()[0]!);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  expect(pageErrors).toEqual([]);
});

describe('visitor presence in the console', () => {
  it('shows the visitor on the site across two tabs, and live when the last one leaves', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e));
    await page.goto(`${server.http}/agent`);
    await page.getByLabel('Email').fill('agent@demo.test');
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Chats' }).waitFor();

    const tab1 = await visitor(server);
    tab1.socket.send({ type: 'visitor.send', id: clientId(), text: 'hello' });
    await tab1.socket.next((f) => f.type === 'message' && (f.message as { author: string }).author === 'bot');
    tab1.socket.send({ type: 'visitor.escalate', id: clientId() });
    await tab1.socket.next((f) => f.type === 'status' && f.status === 'queued');
    const tab2 = await visitor(server, { token: tab1.welcome.token });

    await page.getByRole('button', { name: 'Claim chat with Visitor' }).click();
    const presence = page.locator('.visitor-presence');
    await expect(presence.textContent({ timeout: 5_000 })).resolves.toBe('On the site now');
    tab1.socket.close();
    await page.waitForTimeout(500);
    await expect(presence.textContent()).resolves.toBe('On the site now');

    tab2.socket.close();
    await page.locator('.visitor-presence.gone').waitFor({ timeout: 5_000 });
    await expect(presence.textContent()).resolves.toMatch(/^Left the site · last seen .+/);
    const violations = await axeViolations(page, '.context');
    expect(violations, describeViolations(violations)).toEqual([]);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/console-visitor-left.png` });
    await context.close();
  });
});
