import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation } from '../../server/store/types';
import { backends } from '../support/backends';
import { LiveScenario } from '../support/ops-scenario';
import { startServer, type RunningServer } from '../support/server';
import { axeViolations, describeViolations } from './support/axe';
import { launchBrowser } from './support/browser';

/** Set to a folder to keep screenshots of the history screen for a human to look at. */
const SHOTS = process.env.HISTORY_SCREENSHOTS ?? null;

let server: RunningServer;
let browser: Browser;
let live: LiveScenario;
const chats: Record<string, Conversation> = {};
const pageErrors: Error[] = [];

async function chat(name: string, text: string): Promise<Conversation> {
  const v = await live.visitor();
  await server.store.visitors.identify(v.id, { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.com`, verified: false });
  await live.say(v, text);
  return live.askForPerson(v);
}

beforeAll(async () => {
  server = await startServer(backends()[0]!);
  browser = await launchBrowser();
  live = await LiveScenario.start(server.app);
  await live.staffed(true);
  chats.ana = await chat('Ana Lima', 'My parcel never arrived, the courier says delivered');
  await live.handle(chats.ana, 'I have opened a claim with the courier.');
  chats.bruno = await chat('Bruno Díaz', 'Can I change the colour of my helmet order');
  await live.staffed(false);
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
  await page.getByLabel(locale.startsWith('es') ? 'Correo electrónico' : 'Email').fill(email);
  await page.getByLabel(locale.startsWith('es') ? 'Contraseña' : 'Password').fill('demo');
  await page.keyboard.press('Enter');
  await page.locator('nav.sidebar').waitFor();
  return page;
}

describe('conversation history in the console', () => {
  it('an admin searches resolved chats by message words with the keyboard and opens one read-only', async () => {
    const page = await signedIn('admin@demo.test');
    await page.getByRole('button', { name: 'History' }).click();
    const list = page.locator('.history-list');
    await page.getByRole('heading', { name: 'Conversation history' }).waitFor();
    await page.getByText('2 conversations shown').waitFor({ state: 'attached' });
    expect(await list.locator('.item-name').allTextContents()).toEqual(['Bruno Díaz', 'Ana Lima']);

    await page.getByRole('searchbox', { name: 'Search' }).fill('couri');
    await page.keyboard.press('Enter');
    await page.getByText('1 conversations shown').waitFor({ state: 'attached' });
    expect(await list.locator('.item-name').allTextContents()).toEqual(['Ana Lima']);
    await expect(list.locator('.last').textContent()).resolves.toBe('I have opened a claim with the courier.');
    const violations = await axeViolations(page, '.history');
    expect(violations, describeViolations(violations)).toEqual([]);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/console-history-search.png` });

    await page.getByRole('search').getByRole('combobox', { name: 'Status', exact: true }).selectOption('queued');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('No conversations match.').waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('1 conversations shown').waitFor({ state: 'attached' });
    expect(await list.locator('.item-name').allTextContents()).toEqual(['Bruno Díaz']);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByText('2 conversations shown').waitFor({ state: 'attached' });
    const ana = list.getByRole('button', { name: /Ana Lima/ });
    await ana.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Ana Lima' }).waitFor();
    await page.getByText('I have opened a claim with the courier.').waitFor();
    await page.getByText('This conversation is closed.').waitFor();
    await expect(page.getByRole('button', { name: 'History' }).getAttribute('aria-pressed')).resolves.toBe('false');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/console-history-opened.png` });
  });

  it('an agent does not find chats another agent handled, and the screen speaks Spanish', async () => {
    await server.app.services.agents.claim((await server.store.agents.byEmail('admin@demo.test'))!, chats.bruno!.id);
    await server.app.services.agents.resolve((await server.store.agents.byEmail('admin@demo.test'))!, chats.bruno!.id);
    const page = await signedIn('agent@demo.test', 'es-ES');
    await page.getByRole('button', { name: 'Historial' }).click();
    await page.getByRole('heading', { name: 'Historial de conversaciones' }).waitFor();
    await page.getByText('1 conversaciones mostradas').waitFor({ state: 'attached' });
    expect(await page.locator('.history-list .item-name').allTextContents()).toEqual(['Ana Lima']);
    await expect(page.locator('.history-status').textContent()).resolves.toBe('Resuelta');
    const violations = await axeViolations(page, '.history');
    expect(violations, describeViolations(violations)).toEqual([]);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/console-history-es.png` });
  });
});
