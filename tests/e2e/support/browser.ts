import { readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { backends } from '../../support/backends';
import { startServer, type RunningServer } from '../../support/server';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

const config = (name: string) => fileURLToPath(new URL(`../../../${name}`, import.meta.url));

/**
 * Builds the widget exactly as `npm run build` does (the app, then the
 * loader), so the browser tests always run the current source.
 */
export async function buildWidget(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: config('vite.widget.config.ts'), logLevel: 'warn' });
  await build({ configFile: config('vite.loader.config.ts'), logLevel: 'warn' });
  // An earlier `npm run build` left compressed copies, which the server prefers: a stale widget.js.gz would still
  // load the previous app, and a test would silently measure old code. Without them the fresh files are sent.
  const dist = config('dist/widget');
  for (const name of readdirSync(dist)) if (/\.(br|gz)$/.test(name)) rmSync(join(dist, name));
}

/** The real chat server (PGlite in memory, demo seed) with the widget freshly built. */
export async function startChatServer(): Promise<RunningServer> {
  await buildWidget();
  const backend = backends()[0];
  if (!backend) throw new Error('no storage backend');
  return startServer(backend);
}

/** The chat server and a browser for one test file, started before its tests and closed after. */
export function useChatAndBrowser(): { chat: RunningServer; browser: Browser } {
  const env = {} as { chat: RunningServer; browser: Browser };
  beforeAll(async () => {
    env.chat = await startChatServer();
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.chat?.close();
  });
  return env;
}

export interface HostPage {
  html: string;
  headers?: Record<string, string>;
}

export interface HostSite {
  origin: string;
  close(): Promise<void>;
}

/** A customer's website on its own origin (another port), so the widget is embedded cross-origin as in production. */
export async function startHostSite(pages: Record<string, HostPage>): Promise<HostSite> {
  const server: Server = createServer((req, res) => {
    const page = pages[(req.url ?? '/').split('?')[0] ?? '/'];
    if (!page) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...page.headers }).end(page.html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The one-tag embed snippet pointing at the chat server. */
export function snippet(chat: RunningServer, attrs: Record<string, string> = {}): string {
  const extra = Object.entries(attrs)
    .map(([k, v]) => ` data-${k}="${v}"`)
    .join('');
  return `<script src="${chat.http}/widget.js" data-site="demo"${extra} async></script>`;
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught exceptions and console errors seen on the page (the widget must cause none). */
  errors: string[];
}

/** A fresh profile (own storage) with a page whose errors are collected. */
export async function openPage(browser: Browser, url: string, viewport = { width: 1280, height: 800 }): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // The demo pages have no favicon; that 404 is the browser's, not the widget's.
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(`console: ${m.text()} ${m.location().url}`);
  });
  await page.goto(url);
  return { page, context, errors };
}

/** Playwright locators pierce open shadow roots, so these find the widget's own controls. */
export const widget = {
  launcher: (page: Page) => page.locator('chat-widget button.launcher'),
  panel: (page: Page) => page.getByRole('dialog'),
  composer: (page: Page) => page.getByRole('textbox', { name: 'Your message' }),
  /** One message bubble by its text (not the live region that also speaks it). */
  bubble: (page: Page, text: string) => page.locator('chat-widget .msg .bubble', { hasText: text }),
  /** Text of every message bubble, in order. */
  bubbles: (page: Page) => page.locator('chat-widget .msg .bubble').allTextContents(),
  visitorBubbles: (page: Page) => page.locator('chat-widget .msg-visitor .bubble').allTextContents(),
};

/** The element focused inside the widget's shadow root, described for assertions. */
export function focusedInWidget(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const host = document.querySelector('chat-widget');
    const el = host?.shadowRoot?.activeElement;
    if (!el || document.activeElement !== host) return null;
    return el.getAttribute('aria-label') ?? el.id ?? el.tagName;
  });
}
