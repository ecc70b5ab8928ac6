import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/limits';
import { backends } from '../support/backends';
import { fill } from '../support/fill';
import { agent, clientId, startServer, visitor, type RunningServer } from '../support/server';
import { axeViolations, describeViolations } from './support/axe';
import { launchBrowser } from './support/browser';

const CONSOLE_BUILD = fileURLToPath(new URL('../../dist/console/index.html', import.meta.url));
const SHOTS = process.env.SCREENSHOT_DIR;

let server: RunningServer;
let browser: Browser;
const pageErrors: Error[] = [];
/** Frames the console refused for their size: there must be none. */
const refused: string[] = [];

beforeAll(async () => {
  if (!existsSync(CONSOLE_BUILD)) {
    const { build } = await import('vite');
    await build({ configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)), logLevel: 'warn' });
  }
  server = await startServer(backends()[0]!);
  browser = await launchBrowser();

  // A 500-message chat (long, non-ASCII replies), assigned to the admin, and 200 open tickets.
  const v = await visitor(server);
  v.socket.send({ type: 'visitor.identify', identity: { name: 'Larry Long' } });
  const admin = await agent(server, 'admin@demo.test');
  const asked = clientId();
  v.socket.send({ type: 'visitor.escalate', id: asked });
  const { conversationId } = await v.socket.next<{ conversationId: string }>((f) => f.type === 'ack' && f.id === asked);
  const claim = clientId();
  admin.socket.send({ type: 'agent.claim', id: claim, conversationId });
  await admin.socket.next((f) => f.type === 'ack' && f.id === claim);
  await fill(server, conversationId, 500, `réponse ${'é'.repeat(3_000)}`);
  admin.socket.close();
  v.socket.close();
  const site = (await server.store.sites.byKey('demo'))!;
  for (let i = 0; i < 200; i++) {
    const tv = await server.store.visitors.create(site.id, null);
    const c = await server.store.conversations.create({ siteId: site.id, visitorId: tv.id, context: null });
    await server.store.messages.append({ conversationId: c.id, id: `ticket_${i}_xxxx`, author: 'visitor', authorId: tv.id, authorName: null, kind: 'text', text: `Ticket ${i}: ${'ü'.repeat(3_900)}`, bot: null, system: null });
    await server.store.conversations.setStatus(c.id, { status: 'offline' });
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  expect(pageErrors).toEqual([]);
});

async function signedIn(email: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' })).newPage();
  page.on('pageerror', (e) => pageErrors.push(e));
  page.on('console', (m) => {
    if (m.text().includes('frame_too_large')) refused.push(m.text());
  });
  await page.goto(`${server.http}/agent`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Chats' }).waitFor();
  await page.getByText('Reconnecting…').waitFor({ state: 'detached', timeout: 15_000 });
  return page;
}

describe('console with a long chat and many tickets', () => {
  it('connects, opens the 500-message chat and loads every earlier page', async () => {
    const page = await signedIn('admin@demo.test');
    const tickets = page.getByRole('region', { name: /Tickets/ });
    await tickets.getByText(`Showing the ${LIMITS.summaryPage} longest waiting of 200.`).waitFor();

    await page.getByRole('region', { name: /My chats/ }).getByRole('button', { name: /Larry Long/ }).click();
    const main = page.getByRole('main');
    await main.getByText(/réponse é+ 500$/).waitFor({ timeout: 15_000 });
    const loadEarlier = main.getByRole('button', { name: 'Load earlier messages' });
    await loadEarlier.waitFor();
    expect(await axeViolations(page, '.messages').then(describeViolations)).toBe('');
    await main.locator('.messages').evaluate((el) => (el.scrollTop = 0));
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/console-long-chat.png` });

    let pages = 1;
    while ((await loadEarlier.count()) > 0) {
      const before = await main.locator('.messages ol > li.msg').count();
      await loadEarlier.click();
      await expect.poll(() => main.locator('.messages ol > li.msg').count(), { timeout: 10_000 }).toBeGreaterThan(before);
      pages++;
    }
    // Seq 1 and 2 are the escalation and the claim (system messages); the replies follow.
    await main.getByText(/réponse é+ 3$/).waitFor();
    expect(await main.locator('.messages ol > li.msg').count()).toBe(500);
    expect(pages).toBeGreaterThan(3);
    expect(refused).toEqual([]);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/console-long-chat-top.png` });
  });
});
