import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../server/bot/types';
import { backends } from '../support/backends';
import { agent, clientId, DEMO_KB, startServer, visitor, type RunningServer } from '../support/server';
import { axeViolations, describeViolations } from './support/axe';
import { launchBrowser } from './support/browser';

const OPS_BUILD = fileURLToPath(new URL('../../dist/console/ops.html', import.meta.url));
/** Set to a folder to keep the screenshots for a look at the layout. */
const SHOTS = process.env.OPS_SCREENSHOTS ?? null;

let server: RunningServer;
let bot: Bot;
let kbDir: string;
let browser: Browser;
const pageErrors: string[] = [];

/**
 * The real server, like `startServer`, but over a copy of the demo KB: the test saves an article
 * through the dashboard, and that must not land in the repository's demo/kb.
 */
async function startOnKbCopy(): Promise<RunningServer> {
  kbDir = await mkdtemp(join(tmpdir(), 'ops-kb-'));
  await cp(DEMO_KB, kbDir, { recursive: true });
  const server = await startServer(backends()[0]!, {}, kbDir);
  bot = server.app.services.bot;
  return server;
}

const botReplied = (f: { type: string; message?: unknown }) => f.type === 'message' && (f.message as { author: string }).author === 'bot';

/**
 * A little real history: one visitor asks, is handed to Sam (an admin) who replies and resolves,
 * and rates the chat 4 with a comment and gives NPS 10; another asks about kayak rental, which the KB lacks.
 */
async function makeHistory(): Promise<void> {
  const site = (await server.store.sites.byKey('demo'))!;
  await server.store.sites.update(site.id, { settings: { ...site.settings, nps: { enabled: true, sampleDays: 90, samplePercent: 100 } } });
  const sam = await agent(server, 'admin@demo.test');
  const { socket: a } = await visitor(server);
  a.send({ type: 'visitor.send', id: clientId(), text: 'My order 77 never arrived' });
  await a.next(botReplied);
  a.send({ type: 'visitor.escalate', id: clientId() });
  await a.next((f) => f.type === 'status' && f.status === 'queued');
  const queue = await sam.socket.next<{ items: Array<{ conversationId: string }> }>((f) => f.type === 'queue' && (f.items as unknown[]).length === 1);
  const conversationId = queue.items[0]!.conversationId;
  for (const frame of [
    { type: 'agent.claim', id: clientId(), conversationId },
    { type: 'agent.send', id: clientId(), conversationId, text: 'Sorry! I am checking with the carrier.' },
    { type: 'agent.resolve', id: clientId(), conversationId },
  ]) {
    sam.socket.send(frame);
    await sam.socket.next((f) => f.type === 'ack' && f.id === frame.id);
  }
  await a.next((f) => f.type === 'status' && f.status === 'resolved');
  const rating = clientId();
  a.send({ type: 'visitor.csat', id: rating, conversationId, rating: 4, comment: 'Quick and kind' });
  await a.next((f) => f.type === 'ack' && f.id === rating);
  for (const nps of [{ type: 'visitor.nps', id: clientId(), conversationId }, { type: 'visitor.nps', id: clientId(), conversationId, score: 10 }]) {
    a.send(nps);
    await a.next((f) => f.type === 'ack' && f.id === nps.id);
  }

  const { socket: b } = await visitor(server);
  b.send({ type: 'visitor.send', id: clientId(), text: 'Do you rent kayaks?' });
  await b.next(botReplied);
  for (const s of [a, b, sam.socket]) s.close();
}

async function signedIn(email: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'en-US', timezoneId: 'Europe/Madrid', acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // A CSP refusal (say, an inline style) shows only as a console error; the 401 of the
  // signed-out check before sign-in is expected.
  page.on('console', (m) => m.type() === 'error' && !/status of 401/.test(m.text()) && pageErrors.push(`${m.text()} ${m.location().url}`));
  await page.goto(`${server.http}/agent`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Chats' }).waitFor();
  await page.goto(`${server.http}/agent/ops`);
  return page;
}

beforeAll(async () => {
  if (!existsSync(OPS_BUILD)) {
    const { build } = await import('vite');
    await build({ configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)), logLevel: 'warn' });
  }
  server = await startOnKbCopy();
  browser = await launchBrowser();
  await makeHistory();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (kbDir) await rm(kbDir, { recursive: true, force: true });
  expect(pageErrors).toEqual([]);
});

describe('ops dashboard against the real server', () => {
  it('sends signed-out people to sign-in and tells agents it is for admins', async () => {
    const anon = await browser.newPage();
    await anon.goto(`${server.http}/agent/ops`);
    await anon.getByRole('heading', { name: 'Sign in to the agent console' }).waitFor();
    expect(new URL(anon.url()).pathname).toBe('/agent');
    await anon.close();

    const alex = await signedIn('agent@demo.test');
    await alex.getByRole('heading', { name: 'Admins only' }).waitFor();
    await expect(alex.getByText('Conversations started').count()).resolves.toBe(0);
    await alex.context().close();
  });

  it('shows the figures the history implies, exports CSV and saves a gap as an article', async () => {
    const page = await signedIn('admin@demo.test');
    const figures = page.getByRole('region', { name: 'Headline figures' });
    const card = (label: string) => figures.getByRole('listitem').filter({ has: page.getByRole('heading', { name: label, exact: true }) });
    await card('Conversations started').getByText('2', { exact: true }).waitFor();
    // Nothing happened in the previous period: the change says so in words, not colour alone.
    await expect(card('Conversations started').locator('.delta [aria-hidden]').innerText()).resolves.toBe('▲ new · better');
    await card('Escalated to people').getByText('50%', { exact: true }).waitFor();
    await card('CSAT (1–5)').getByText('4.0', { exact: true }).waitFor();
    await card('CSAT response rate').getByText('100%', { exact: true }).waitFor();

    // The day chart's data table: today, two started, one escalated.
    const byDay = page.getByRole('table', { name: 'Conversations by day' });
    const today = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Madrid', day: 'numeric', month: 'short' }).format(new Date());
    await expect(byDay.getByRole('row', { name: today }).getByRole('cell').allInnerTexts()).resolves.toEqual(['2', '1']);
    await page.getByRole('img', { name: 'Conversations by hour of day' }).waitFor();

    const reasons = page.getByRole('table', { name: 'Escalation reasons' });
    await expect(reasons.getByRole('row', { name: /Asked for a person/ }).getByRole('cell').allInnerTexts()).resolves.toEqual(['1', '100%']);
    const agents = page.getByRole('table', { name: 'Chats, handle time and satisfaction per agent' });
    await expect(agents.getByRole('row', { name: /Sam Admin/ }).getByRole('cell').nth(0).innerText()).resolves.toBe('1');
    await page.getByRole('table', { name: 'Comments' }).getByText('Quick and kind').waitFor();

    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'ops-1280.png'), fullPage: true });

    // CSV of the agents table.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('region', { name: 'Agents' }).getByRole('link', { name: 'Download CSV' }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toMatch(/^agents_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv).toMatch(/^agent_id,name,chats,resolved,/);
    expect(csv).toMatch(/,Sam Admin,1,1,/);

    // The kayak question is a gap; its draft becomes a KB article the bot answers with.
    const gap = page.getByRole('region', { name: 'Knowledge-base gaps' }).getByRole('listitem').filter({ hasText: 'Do you rent kayaks?' }).first();
    // By keyboard: the button opens the editor and the caret lands in its first field.
    await gap.getByRole('button', { name: 'Create article' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('Do you rent kayaks');
    await gap.getByLabel('Title').fill('Kayak rental');
    await gap.getByLabel('Article id (file name)').fill('kayak-rental');
    await gap.getByLabel('Answer (Markdown)').fill('We sell kayaks but do not rent them. Our **Lakes** store lists local rental partners.');
    await gap.getByRole('button', { name: 'Save to knowledge base' }).click();
    // Saving resolves the gap: it leaves the list, and the list says what was saved.
    const gaps = page.getByRole('region', { name: 'Knowledge-base gaps' });
    await gaps.locator('p[role=status]').getByText('Saved “Kayak rental” as kayak-rental.', { exact: false }).waitFor();
    await expect.poll(() => gap.count()).toBe(0);
    const saved = await readFile(join(kbDir, 'kayak-rental.md'), 'utf8');
    expect(saved).toContain('title: Kayak rental');
    expect(saved).toContain('- Do you rent kayaks?');
    const answer = await bot.decide('Do you rent kayaks?', { unhelpfulRounds: 0, locale: 'en' });
    expect(answer.kind === 'answer' ? answer.article.id : answer.kind).toBe('kayak-rental');
    await page.context().close();
  });

  it('shows how every chat ended with the reasons, NPS, the weekday × hour heatmap and the conversations CSV, with no axe violations', async () => {
    const page = await signedIn('admin@demo.test');
    const figures = page.getByRole('region', { name: 'Headline figures' });
    const card = (label: string) => figures.getByRole('listitem').filter({ has: page.getByRole('heading', { name: label, exact: true }) });
    // The kayak chat is still with the bot: shown as in progress, and the card says when it will count.
    const bot = card('Resolved by the bot');
    await bot.getByText('In progress: 1 (not counted yet)').waitFor();
    await bot.getByText('Confirmed or assumed bot resolutions of chats that ended; a bot chat ends after 30 min idle.').waitFor();
    await card('NPS (−100 to 100)').getByText('+100', { exact: true }).waitFor();

    const outcomes = page.getByRole('table', { name: 'How the chats of the period ended' });
    const row = (name: string | RegExp) => outcomes.getByRole('row', { name }).getByRole('cell').allInnerTexts();
    await expect(row('Handed to people')).resolves.toEqual(['1', '50%']);
    await expect(row(/^In progress/)).resolves.toEqual(['1', '50%']);
    await expect(row(/^Resolved by the bot: confirmed/)).resolves.toEqual(['0', '0%']);
    await expect(row('All chats')).resolves.toEqual(['2', '100%']);
    const held = page.getByRole('table', { name: 'Did resolutions hold? (reopened within 7 days)' });
    await expect(held.getByRole('row', { name: /^Agents/ }).getByRole('cell').allInnerTexts()).resolves.toEqual(['1', '0', '0', '1', '0%', '—']);

    const nps = page.getByRole('region', { name: 'Net Promoter Score' });
    await nps.getByRole('img', { name: 'NPS by day' }).waitFor();

    // The heatmap: one image with a description, and its numbers in a table on demand.
    const now = new Date();
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Madrid', weekday: 'long', hour: '2-digit', hourCycle: 'h23' }).formatToParts(now);
    const weekday = parts.find((p) => p.type === 'weekday')!.value;
    const hour = parts.find((p) => p.type === 'hour')!.value;
    await page.getByRole('img', { name: 'Conversations by weekday and hour' }).waitFor();
    await page.getByText('Show the numbers as a table').click();
    const heat = page.getByRole('table', { name: 'Conversations by weekday and hour' });
    const cells = await heat.getByRole('row', { name: new RegExp(`^${weekday}`) }).getByRole('cell').allInnerTexts();
    expect(cells).toHaveLength(24);
    expect(cells[Number(hour)]).toBe('2');
    expect(cells.reduce((n, c) => n + Number(c), 0)).toBe(2);

    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'ops-resolution.png'), fullPage: true });
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('region', { name: 'Bot resolution' }).getByRole('link', { name: 'CSV of conversations' }).click()]);
    const csv = (await readFile((await download.path())!, 'utf8')).trim().split('\r\n');
    expect(csv[0]).toMatch(/^conversation_id,site,page,started_at,ended_at,outcome,bot_resolution,bot_reason,handover_reason,ticket,first_reply_ms,handle_time_ms,agent_id,agent_name,csat,csat_comment,nps,nps_comment,resolution_fate,reopened,updated_at,nps_after$/);
    expect(csv).toHaveLength(3);
    expect(csv.find((l) => l.includes(',escalated,'))).toMatch(/,asked_for_human,false,\d+,\d+,[^,]+,Sam Admin,4,Quick and kind,10,,pending,false,/);
    expect(csv.find((l) => l.includes(',in_progress,'))).toBeTruthy();
    await page.context().close();
  });

  it('fits a tablet without sideways scrolling', async () => {
    const page = await signedIn('admin@demo.test', { width: 800, height: 1100 });
    await page.getByRole('region', { name: 'Headline figures' }).getByText('Conversations started').waitFor();
    await page.getByRole('table', { name: 'Chats, handle time and satisfaction per agent' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'ops-tablet.png'), fullPage: true });
    await page.context().close();
  });
});
