import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends';
import { exe, pdf, png } from '../support/files';
import { startServer, type RunningServer } from '../support/server';
import { axeViolations, describeViolations } from './support/axe';
import { buildWidget, launchBrowser, openPage, snippet, startHostSite, widget, type HostSite } from './support/browser';
import { giveFile } from './support/files';
import { ensureBuilt, signInTo } from './support/settings';

/** Screenshots of the widget and the console with attachments shown, for a look (set to a folder). */
const SHOTS = process.env.FILES_SCREENSHOTS ?? null;

let chat: RunningServer;
let host: HostSite;
let browser: Browser;
const consoleErrors: string[] = [];

const hostPage = (lang: string) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Northwind shop</title></head><body><main><h1>Northwind shop</h1></main>`;

beforeAll(async () => {
  await ensureBuilt();
  await buildWidget();
  // Enough uploads a minute for one test's worth of files from one visitor.
  chat = await startServer(backends()[0]!, { RATE_UPLOADS_PER_MINUTE: '120' });
  // The shop is another origin: the widget's uploads and downloads are cross-origin, with the token, as in production.
  host = await startHostSite({
    '/': { html: `${hostPage('en')}${snippet(chat)}</body></html>` },
    '/de': { html: `${hostPage('de')}${snippet(chat, { locale: 'de' })}</body></html>` },
    '/ar': { html: `${hostPage('ar')}${snippet(chat, { locale: 'ar' })}</body></html>` },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await chat?.close();
});

const storedFiles = async () => Number((await chat.store.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM files'))[0]!.n);
const image = (name: string, rgb: [number, number, number], w = 48, h = 32) => ({ name, mimeType: 'image/png', buffer: png(w, h, rgb) });
const shot = async (page: Page, name: string) => SHOTS && (await page.screenshot({ path: join(SHOTS, `${name}.png`) }));

/** How the image `alt` in `page` rendered: its natural size once decoded (0×0 while loading or broken). */
const decoded = (page: Page, alt: string) =>
  page.locator(`img[alt="${alt}"]`).evaluate((img: HTMLImageElement) => (img.complete ? `${img.naturalWidth}x${img.naturalHeight}` : 'loading'));

/** Whether the image `alt` is wholly inside the scrolled message list (the widget's or the console's). */
const bottomInView = (page: Page, alt: string) =>
  page.locator(`img[alt="${alt}"]`).evaluate((img) => {
    const list = img.closest('.messages')!.getBoundingClientRect();
    const box = img.getBoundingClientRect();
    return box.top >= list.top && box.bottom <= list.bottom;
  });

interface Chat {
  agent: Page;
  agentContext: BrowserContext;
  visitor: Page;
  visitorErrors: string[];
}
let live: Chat;

describe('files and images both ways (real server, real Chromium, widget on another origin)', () => {
  it('the visitor is handed to a person and the agent claims the chat', async () => {
    const agent = await signInTo(browser, chat.http, 'agent@demo.test', 'demo', '/agent', consoleErrors);
    await agent.getByText('Reconnecting…').waitFor({ state: 'detached' });
    const { page: visitor, errors: visitorErrors } = await openPage(browser, `${host.origin}/`);
    await widget.launcher(visitor).click();
    await widget.composer(visitor).fill('Do you ship to Canada?');
    await widget.composer(visitor).press('Enter');
    await visitor.locator('chat-widget .card').first().waitFor();
    await visitor.getByRole('button', { name: 'Talk to a person' }).first().click();
    await visitor.getByText(/Waiting for an agent/).first().waitFor();
    await agent.getByRole('region', { name: /Queue/ }).getByText('Do you ship to Canada?').waitFor();
    await agent.getByRole('button', { name: /^Claim chat with/ }).click();
    await agent.getByRole('main').getByText('Do you ship to Canada?').waitFor();
    await visitor.getByText('Alex Rivera joined').first().waitFor();
    live = { agent, agentContext: agent.context(), visitor, visitorErrors };
  });

  it('the visitor sends an image with the picker, another by pasting it and a PDF by dropping it; the agent sees them', async () => {
    const { visitor, agent } = live;
    await visitor.getByLabel('Attach a file').setInputFiles(image('picked.png', [30, 110, 200]));
    await visitor.getByRole('img', { name: 'picked.png' }).waitFor();
    await giveFile(widget.composer(visitor), 'paste', image('pasted.png', [20, 150, 60], 32, 48));
    const dropped = await giveFile(visitor.locator('chat-widget form.composer'), 'drop', { name: 'invoice.pdf', mimeType: 'application/pdf', buffer: pdf() });
    // Both cancelled, or Chromium would refuse the drag or open the PDF in place of the shop's page.
    expect(dropped).toEqual({ dragoverTaken: true, taken: true });
    await visitor.getByRole('button', { name: 'Download invoice.pdf' }).waitFor();
    await expect.poll(() => decoded(visitor, 'picked.png')).toBe('48x32');
    await expect.poll(() => decoded(visitor, 'pasted.png')).toBe('32x48');

    const main = agent.getByRole('main');
    await main.getByRole('link', { name: 'Download invoice.pdf' }).waitFor();
    // Previews load with the agent's session cookie: decoded to their real size, not a broken image.
    await expect.poll(() => decoded(agent, 'picked.png')).toBe('48x32');
    await expect.poll(() => decoded(agent, 'pasted.png')).toBe('32x48');
    const stored = await chat.store.sql.query<{ name: string; type: string }>('SELECT name, type FROM files WHERE conversation_id IS NOT NULL ORDER BY created_at');
    expect(stored).toEqual([
      { name: 'picked.png', type: 'image/png' },
      { name: 'pasted.png', type: 'image/png' },
      { name: 'invoice.pdf', type: 'application/pdf' },
    ]);
  });

  it('the agent opens the image inline and downloads the PDF, served with safe headers', async () => {
    const { agent, agentContext } = live;
    const [response, popup] = await Promise.all([
      agentContext.waitForEvent('response', (r) => /\/api\/files\/f_/.test(r.url())),
      agentContext.waitForEvent('page'),
      agent.getByRole('link', { name: 'Open image picked.png' }).click(),
    ]);
    expect(response.status()).toBe(200);
    const headers = response.headers();
    expect(headers['content-type']).toBe('image/png');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-disposition']).toMatch(/^inline; filename="picked.png"/);
    expect(headers['content-security-policy']).toMatch(/^sandbox/);
    expect(Buffer.from(await response.body()).equals(png(48, 32, [30, 110, 200]))).toBe(true);
    await popup.close();

    const [download] = await Promise.all([agent.waitForEvent('download'), agent.getByRole('link', { name: /^Download invoice\.pdf/ }).click()]);
    expect(download.suggestedFilename()).toBe('invoice.pdf');
    expect(readFileSync(await download.path()).equals(pdf())).toBe(true);
    // The same URL as the browser fetched it, with the agent's own cookies: a download, never a page.
    const href = await agent.getByRole('link', { name: /^Download invoice\.pdf/ }).getAttribute('href');
    const res = await agentContext.request.get(`${chat.http}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-disposition']).toBe(`attachment; filename="invoice.pdf"; filename*=UTF-8''invoice.pdf`);
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
    expect(res.headers()['content-type']).toBe('application/pdf');
  });

  it('the agent sends a text file with the picker and an image by dropping it; the visitor sees and downloads them', async () => {
    const { agent, visitor } = live;
    await agent.getByLabel('Attach a file').setInputFiles({ name: 'return-steps.txt', mimeType: 'text/plain', buffer: Buffer.from('1. Print the label\n2. Drop the parcel off\n') });
    const dropped = await giveFile(agent.locator('form.composer'), 'drop', image('label.png', [200, 120, 0], 64, 40));
    expect(dropped).toEqual({ dragoverTaken: true, taken: true });

    await visitor.getByRole('button', { name: 'Download return-steps.txt' }).waitFor();
    await expect.poll(() => decoded(visitor, 'label.png')).toBe('64x40');
    // The image arrived after the list scrolled to it (lazy chunk, then its bytes): still fully in view.
    await expect.poll(() => bottomInView(visitor, 'label.png')).toBe(true);
    await expect.poll(() => decoded(agent, 'label.png')).toBe('64x40');
    await expect.poll(() => bottomInView(agent, 'label.png')).toBe(true);
    const [download] = await Promise.all([visitor.waitForEvent('download'), visitor.getByRole('button', { name: 'Download return-steps.txt' }).click()]);
    expect(download.suggestedFilename()).toBe('return-steps.txt');
    expect(readFileSync(await download.path(), 'utf8')).toBe('1. Print the label\n2. Drop the parcel off\n');
  });

  it('serves a file only with the visitor token or the agent session, never by its URL alone', async () => {
    const { visitor, agentContext } = live;
    const [row] = await chat.store.sql.query<{ id: string }>("SELECT id FROM files WHERE name = 'label.png'");
    const id = row!.id;
    const { token } = await visitor.evaluate(() => JSON.parse(localStorage.getItem('chat:demo:state') ?? '{}') as { token: string });
    const visitorUrl = `${chat.http}/api/visitor/files/${id}`;
    expect((await fetch(visitorUrl)).status).toBe(401);
    expect((await fetch(visitorUrl, { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
    expect((await fetch(visitorUrl, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    // The agent route takes the session cookie, not a visitor's token.
    const agentUrl = `${chat.http}/api/files/${id}`;
    expect((await fetch(agentUrl)).status).toBe(401);
    expect((await fetch(agentUrl, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    const cookie = (await agentContext.cookies(chat.http)).map((c) => `${c.name}=${c.value}`).join('; ');
    expect((await fetch(agentUrl, { headers: { cookie } })).status).toBe(200);
    // In the shop's page, a plain <img> of the URL (what a guessed link would give) does not load.
    const bare = await visitor.evaluate(
      (src) =>
        new Promise<string>((resolve) => {
          const img = new Image();
          img.onload = () => resolve('loaded');
          img.onerror = () => resolve('refused');
          img.src = src;
        }),
      visitorUrl,
    );
    expect(bare).toBe('refused');
  });

  it('has no accessibility violations with attachments shown, in the widget and in the console', async () => {
    const { agent, visitor } = live;
    const inWidget = await axeViolations(visitor);
    expect(inWidget, describeViolations(inWidget)).toEqual([]);
    const inConsole = await axeViolations(agent);
    expect(inConsole, describeViolations(inConsole)).toEqual([]);
    await shot(visitor, 'files-widget');
    await shot(agent, 'files-console');
  });

  it('refuses a file over the site limit or of a type it does not take, says why in both apps, and stores nothing', async () => {
    const { agent, visitor } = live;
    const site = (await chat.store.sites.byKey('demo'))!;
    await chat.store.sites.update(site.id, { settings: { ...site.settings, attachments: { enabled: true, maxBytes: 2_048, kinds: ['images', 'pdf'] } } });
    const before = await storedFiles();
    const big = { name: 'scan.png', mimeType: 'image/png', buffer: png(800, 800, [1, 2, 3]) };
    expect(big.buffer.length).toBeGreaterThan(2_048);
    const program = { name: 'setup.pdf', mimeType: 'application/pdf', buffer: exe() };

    await visitor.getByLabel('Attach a file').setInputFiles(big);
    await visitor.getByRole('alert').getByText('scan.png is too large to send.').waitFor();
    await visitor.getByLabel('Attach a file').setInputFiles(program);
    await visitor.getByRole('alert').getByText('setup.pdf is a type of file this chat does not accept.').waitFor();

    await agent.getByLabel('Attach a file').setInputFiles(big);
    await agent.getByRole('alert').getByText('scan.png is larger than this site accepts.').waitFor();
    await agent.getByLabel('Attach a file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('plain text is not allowed now') });
    await agent.getByRole('alert').getByText('notes.txt is a type of file this site does not accept.').waitFor();
    // The notice made the composer taller; the newest message is still in view above it.
    await expect.poll(() => bottomInView(agent, 'label.png')).toBe(true);
    expect(await storedFiles()).toBe(before);

    const widgetAxe = await axeViolations(visitor);
    expect(widgetAxe, describeViolations(widgetAxe)).toEqual([]);
    const consoleAxe = await axeViolations(agent);
    expect(consoleAxe, describeViolations(consoleAxe)).toEqual([]);
    await shot(visitor, 'files-widget-refused');
    await shot(agent, 'files-console-refused');
  });

  it('tells visitors in their language when files are off, too large, or the connection drops', async () => {
    const site = (await chat.store.sites.byKey('demo'))!;
    await chat.store.sites.update(site.id, { settings: { ...site.settings, attachments: { enabled: true, maxBytes: 2_048, kinds: ['images'] } } });
    const { page: de, context: deContext, errors: deErrors } = await openPage(browser, `${host.origin}/de`);
    await widget.launcher(de).click();
    await de.getByLabel('Datei anhängen').setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: png(800, 800, [9, 9, 9]) });
    await de.getByRole('alert').getByText('foto.png ist zu groß zum Senden.').waitFor();

    await chat.store.sites.update(site.id, { settings: { ...site.settings, attachments: { ...site.settings.attachments, enabled: false } } });
    await de.getByLabel('Datei anhängen').setInputFiles(image('klein.png', [9, 9, 9], 4, 4));
    await de.getByRole('alert').getByText('Dieser Chat nimmt keine Dateien an, klein.png wurde nicht gesendet.').waitFor();
    // A visitor who opens the chat while files are off is not offered the button at all (the welcome says so).
    const { page: off, context: offContext } = await openPage(browser, `${host.origin}/`);
    await widget.launcher(off).click();
    await widget.composer(off).waitFor();
    await expect.poll(() => off.locator('chat-widget .panel').getAttribute('aria-busy')).toBe('false');
    expect(await off.getByLabel('Attach a file').count()).toBe(0);
    await offContext.close();
    await chat.store.sites.update(site.id, { settings: { ...site.settings, attachments: { enabled: true, maxBytes: 10_485_760, kinds: ['images', 'pdf', 'text', 'office'] } } });
    await deContext.close();

    const { page: ar, context: arContext, errors: arErrors } = await openPage(browser, `${host.origin}/ar`);
    await widget.launcher(ar).click();
    const before = await storedFiles();
    // Offline at the first attachment: the attachments code itself cannot be fetched. The visitor is still told.
    await ar.route('**/chunk-attach-*', (route) => route.abort('internetdisconnected'));
    await ar.getByLabel('إرفاق ملف').setInputFiles(image('first.png', [9, 9, 9], 4, 4));
    await ar.getByRole('alert').getByText('first.png: لم تُرسل.').waitFor();
    await ar.unroute('**/chunk-attach-*');
    // Back online, the next file fetches the code again; then the connection drops while the file goes up.
    await ar.route('**/api/visitor/files**', (route) => route.abort('connectionreset'));
    await ar.getByLabel('إرفاق ملف').setInputFiles(image('photo.png', [9, 9, 9], 4, 4));
    await ar.getByRole('alert').getByText('تعذّر إرسال photo.png: تحقّق من اتصالك وحاول مرة أخرى.').waitFor();
    expect(await storedFiles()).toBe(before);
    const arAxe = await axeViolations(ar);
    expect(arAxe, describeViolations(arAxe)).toEqual([]);
    await shot(ar, 'files-widget-offline-ar');
    await arContext.close();
    // The aborted requests are Chromium's console errors about them; nothing else may fail.
    expect([...deErrors, ...arErrors].filter((e) => !/ERR_CONNECTION_RESET|ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e))).toEqual([]);
  });

  it('caused no errors in either page', () => {
    // The refused uploads log their HTTP status in the browser console; nothing else may.
    const unexpected = (errors: string[]) => errors.filter((e) => !/status of 4(13|15)/.test(e));
    expect(unexpected(live.visitorErrors)).toEqual([]);
    expect(unexpected(consoleErrors)).toEqual([]);
  });
});
