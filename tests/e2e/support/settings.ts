import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { buildWidget } from './browser';

const built = (path: string) => existsSync(fileURLToPath(new URL(`../../../dist/${path}`, import.meta.url)));

/** `npm run test:e2e` builds first; this covers running a settings test file on its own. */
export async function ensureBuilt(): Promise<void> {
  if (!built('widget/widget.js')) await buildWidget();
  if (!built('console/settings.html')) {
    const { build } = await import('vite');
    await build({ configFile: fileURLToPath(new URL('../../../vite.config.ts', import.meta.url)), logLevel: 'warn' });
  }
}

/** Uncaught errors and console errors of a page (the expected 401 of the signed-out check aside). */
export function watchErrors(page: Page, into: string[]): void {
  page.on('pageerror', (e) => into.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // The pages have no favicon; that 404 is the browser's own request.
    if (m.type() === 'error' && !/status of 401/.test(m.text()) && !m.location().url.endsWith('/favicon.ico')) into.push(`console: ${m.text()} ${m.location().url}`);
  });
}

/** A fresh profile signed in to the console; `then` is the page it goes to afterwards. */
export async function signInTo(browser: Browser, base: string, email: string, password: string, then: string, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'Europe/Madrid' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const page = await context.newPage();
  watchErrors(page, errors);
  await page.goto(`${base}/agent`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Chats' }).waitFor();
  if (then !== '/agent') await page.goto(`${base}${then}`);
  return page;
}

/** Opens a settings screen from the navigation list, as a user would. */
export async function openScreen(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 2, name }).waitFor();
}
