import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends';
import { clientId, startServer, visitor, type RunningServer } from '../support/server';
import { axeViolations, describeViolations } from './support/axe';
import { launchBrowser } from './support/browser';

const CONSOLE_BUILD = fileURLToPath(new URL('../../dist/console/index.html', import.meta.url));
/** Set to a folder to keep screenshots of the button and the ops panel for a human to look at. */
const SHOTS = process.env.TRUST_SCREENSHOTS ?? null;

let server: RunningServer;
let browser: Browser;
const pageErrors: Error[] = [];

beforeAll(async () => {
  if (!existsSync(CONSOLE_BUILD)) {
    const { build } = await import('vite');
    await build({ configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)), logLevel: 'warn' });
  }
  server = await startServer(backends()[0]!);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  expect(pageErrors).toEqual([]);
});

async function signedIn(email: string, locale = 'en-US'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e));
  await page.goto(`${server.http}/agent`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Chats' }).waitFor();
  return page;
}

describe('an agent marks a bot answer wrong, and the ops dashboard shows it', () => {
  it('the console button (by keyboard) records it, and admins see the article and why', async () => {
    // Signed in first: with an agent online the handover goes to the queue, not to a ticket.
    const page = await signedIn('agent@demo.test');
    const { socket: v } = await visitor(server);
    v.send({ type: 'visitor.send', id: clientId(), text: 'How do I reset my password?' });
    const answer = await v.next<{ message: { bot: { type: string } } }>((f) => f.type === 'message' && (f.message as { author: string }).author === 'bot');
    expect(answer.message.bot.type).toBe('answer');
    v.send({ type: 'visitor.escalate', id: clientId() });
    await v.next((f) => f.type === 'status' && f.status === 'queued');

    await page.getByRole('button', { name: 'Claim chat with Visitor' }).click();
    const mark = page.getByRole('button', { name: 'Mark answer wrong' });
    await mark.waitFor();
    if (SHOTS) await page.locator('.msg.bot').screenshot({ path: join(SHOTS, 'console-mark-button.png') });
    await mark.focus();
    await page.keyboard.press('Enter');
    await page.getByText('Marked wrong: the bot will trust this article less for similar questions').waitFor();
    // Scoped to the new control: the message list's own `ol role="log"` is flagged by axe (reported separately).
    const violations = await axeViolations(page, '.mark-wrong');
    expect(violations, describeViolations(violations)).toEqual([]);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'console-marked-wrong.png') });
    const strikes = await server.store.trust.since(0);
    // The handover right after the answer counted too.
    expect(strikes.map((s) => s.source).sort()).toEqual(['agent_marked_wrong', 'handover_after_answer']);

    const ops = await signedIn('admin@demo.test');
    await ops.goto(`${server.http}/agent/ops`);
    const panel = ops.getByRole('region', { name: 'Articles the bot trusts less' });
    await panel.getByRole('rowheader').first().waitFor();
    const row = panel.getByRole('row').nth(1);
    await expect(row.textContent()).resolves.toContain('How do I reset my password?');
    const opsViolations = await axeViolations(ops, '#trust');
    expect(opsViolations, describeViolations(opsViolations)).toEqual([]);
    if (SHOTS) {
      await panel.screenshot({ path: join(SHOTS, 'ops-trust.png') });
    }
    v.close();
  });
});
