import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends';
import { clientId, startServer, visitor, type RunningServer } from '../support/server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CONSOLE_BUILD = fileURLToPath(new URL('../../dist/console/index.html', import.meta.url));

let server: RunningServer;
let browser: Browser;
/** Uncaught errors in any console page fail the suite at the end. */
const pageErrors: Error[] = [];

beforeAll(async () => {
  if (!existsSync(CONSOLE_BUILD)) {
    // `npm run test:e2e` builds first; this covers running the file on its own.
    const { build } = await import('vite');
    await build({ configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)), logLevel: 'warn' });
  }
  server = await startServer(backends()[0]!);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  expect(pageErrors).toEqual([]);
});

/** A fresh browser profile (own cookies) signed in to the console. */
async function agentPage(email: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e));
  await page.goto(`${server.http}/agent`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Chats' }).waitFor();
  await page.getByText('Reconnecting…').waitFor({ state: 'detached' });
  return page;
}

const notice = 'Another agent took that chat first.';

describe('agent console against the real server', () => {
  it('a wrong password keeps the agent on the sign-in page with a reason', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.http}/agent`);
    await page.getByLabel('Email').fill('agent@demo.test');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('That email and password do not match an agent.');
    await page.close();
  });

  it('escalation reaches both agents, one claim wins, the chat runs both ways and resolves', async () => {
    const alex = await agentPage('agent@demo.test');
    const sam = await agentPage('admin@demo.test');

    const { socket: v } = await visitor(server);
    v.send({ type: 'visitor.send', id: clientId(), text: 'My order 77 never arrived' });
    await v.next((f) => f.type === 'message' && (f.message as { author: string }).author === 'bot');
    v.send({ type: 'visitor.escalate', id: clientId() });
    await v.next((f) => f.type === 'status' && f.status === 'queued');

    // Both consoles list the chat, with the visitor's last message and a ticking wait time.
    for (const page of [alex, sam]) {
      const queue = page.getByRole('region', { name: /Queue/ });
      await queue.getByText('My order 77 never arrived').waitFor();
      await queue.getByText(/waiting 0:0\d/).waitFor();
      await expect.poll(() => page.title()).toBe('(1) Queue — Console');
    }

    // Both claim at once: exactly one wins, the other is told and the chat leaves their queue.
    // Clicks go through handles taken beforehand so the second is not skipped when the first
    // winner's queue update removes the button a moment earlier.
    const buttons = await Promise.all([alex, sam].map((p) => p.getByRole('button', { name: /^Claim chat with Visitor #\d{4}/ }).elementHandle()));
    await Promise.all(buttons.map((b) => b?.evaluate((el) => (el as HTMLButtonElement).click())));
    const outcome = async (page: Page) => {
      const lost = page.getByText(notice);
      const won = page.getByRole('region', { name: /My chats/ }).getByRole('button', { name: /Visitor/ });
      await Promise.race([lost.waitFor(), won.waitFor()]);
      return (await lost.count()) > 0 ? 'lost' : 'won';
    };
    const [alexResult, samResult] = await Promise.all([outcome(alex), outcome(sam)]);
    expect([alexResult, samResult].sort()).toEqual(['lost', 'won']);
    const [w, l] = alexResult === 'won' ? [alex, sam] : [sam, alex];
    await l.getByRole('region', { name: /Queue/ }).getByText('No one is waiting.').waitFor();
    await w.getByRole('region', { name: /Queue/ }).getByText('No one is waiting.').waitFor();
    await expect.poll(() => l.title()).toBe('Queue — Console');

    // The winner sees what the bot already did, and the context beside the chat.
    const main = w.getByRole('main');
    await main.getByText('My order 77 never arrived').waitFor();
    const context = w.getByRole('complementary', { name: 'Visitor' });
    await context.getByText('Chrome 156').waitFor();
    await context.getByText('Europe/London').waitFor();

    // Agent → visitor: the claim put focus in the composer.
    await expect.poll(() => w.evaluate(() => document.activeElement?.id)).toBe('composer-input');
    await w.keyboard.type('Hi, I am looking into order 77 now.');
    await w.keyboard.press('Enter');
    await v.next((f) => f.type === 'message' && (f.message as { text: string }).text === 'Hi, I am looking into order 77 now.');
    await main.getByText('Hi, I am looking into order 77 now.').waitFor();
    await expect(main.getByText('Sending…').count()).resolves.toBe(0);

    // Visitor → agent, typing first.
    v.send({ type: 'visitor.typing', typing: true });
    await main.getByText(/^Visitor #\d{4}.* is typing…$/).waitFor();
    v.send({ type: 'visitor.send', id: clientId(), text: 'Thanks! It was a gift.' });
    await main.getByText('Thanks! It was a gift.').waitFor();
    await main.getByText(/^Visitor #\d{4}.* is typing…$/).waitFor({ state: 'detached' });

    // An internal note shows as one and never reaches the visitor.
    await w.getByRole('radio', { name: 'Note' }).check();
    await w.getByLabel('Internal note (the visitor does not see it)').fill('Offer a refund if the carrier confirms loss');
    await w.getByRole('button', { name: 'Add note' }).click();
    await main.locator('.msg.note', { hasText: 'Offer a refund if the carrier confirms loss' }).getByText('Internal note').waitFor();

    // Resolve with the keyboard; the visitor is told (and asked for a rating by the server).
    await w.locator('body').click();
    await w.keyboard.press('Alt+R');
    await v.next((f) => f.type === 'status' && f.status === 'resolved');
    await main.getByText('This conversation is closed.').waitFor();
    await w.getByRole('region', { name: /My chats/ }).getByText('No chats assigned to you.').waitFor();
    expect(v.frames.some((f) => JSON.stringify(f).includes('Offer a refund'))).toBe(false);

    // The visitor rates the chat once it is resolved.
    const resolved = await v.next<{ conversationId: string }>((f) => f.type === 'status' && f.status === 'resolved');
    const rating = clientId();
    v.send({ type: 'visitor.csat', id: rating, conversationId: resolved.conversationId, rating: 4, comment: 'Helpful' });
    await v.next((f) => f.type === 'ack' && f.id === rating);
    const csat = (await server.store.events.forConversation(resolved.conversationId)).find((e) => e.type === 'csat.submitted');
    expect(csat?.data).toMatchObject({ rating: 4, comment: 'Helpful' });

    v.close();
    await alex.context().close();
    await sam.context().close();
  });

  it('fits a tablet: the visitor details collapse into a drawer', async () => {
    const page = await agentPage('agent@demo.test', { width: 800, height: 1100 });
    const { socket: v } = await visitor(server);
    v.send({ type: 'visitor.send', id: clientId(), text: 'Tablet check please' });
    await v.next((f) => f.type === 'message' && (f.message as { author: string }).author === 'bot');
    v.send({ type: 'visitor.escalate', id: clientId() });
    await page.getByRole('region', { name: /Queue/ }).getByText('Tablet check please').click();
    await page.getByRole('main').getByText('Tablet check please').waitFor();
    const context = page.getByRole('complementary', { name: 'Visitor' });
    await expect(context.isVisible()).resolves.toBe(false);
    await page.getByRole('button', { name: 'Visitor details' }).click();
    await context.getByText('Europe/London').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(800);
    v.close();
    await page.context().close();
  });
});
