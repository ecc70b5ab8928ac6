import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, ROOT, ServerProcess } from '../../scripts/bench/server-process';
import { axeViolations } from './support/axe';
import { launchBrowser, startHostSite, widget, type HostSite } from './support/browser';
import { ensureBuilt, openScreen, signInTo, watchErrors } from './support/settings';

/**
 * The whole way from an empty database to a live chat, as a site owner goes: the production
 * server in its own process, the first admin made with the CLI, everything else done in Settings,
 * and the snippet pasted into a page on another origin with a strict CSP.
 */

let dataDir: string;
let server: ServerProcess;
let browser: Browser;
let host: HostSite | null = null;
const pageErrors: string[] = [];
const OWNER = { email: 'owner@shop.test', password: 'owner-pass-1234' };

/** `npm run agents -- add …` with the password on stdin, against the server's data directory. */
function cli(args: string[], stdin: string, env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const { DATABASE_URL: _url, ...inherited } = process.env;
    const child = spawn('npm', ['run', '--silent', 'agents', '--', ...args], { cwd: ROOT, env: { ...inherited, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, out }));
    child.stdin.end(`${stdin}\n`);
  });
}

beforeAll(async () => {
  await ensureBuilt();
  dataDir = await mkdtemp(join(tmpdir(), 'go-live-'));
  const env = { NODE_ENV: 'production', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  const made = await cli(['add', '--email', OWNER.email, '--name', 'Olivia Owner', '--role', 'admin'], OWNER.password, env);
  expect(made.code, made.out).toBe(0);
  server = await ServerProcess.start({ port: await freePort(), env });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
  expect(pageErrors).toEqual([]);
});

describe('going live on an empty production server (real process, real Chromium)', () => {
  it('admin from the CLI → site and agent made in Settings → snippet on a strict-CSP page → visitor and agent chat', async () => {
    // No demo data in production: the only login is the one the CLI made.
    const refused = await fetch(`${server.http}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@demo.test', password: 'demo' }) });
    expect(refused.status).toBe(401);

    const owner = await signInTo(browser, server.http, OWNER.email, OWNER.password, '/agent/settings', pageErrors);
    await owner.getByText('No sites yet.', { exact: false }).waitFor();
    await owner.getByLabel('Name').fill('Acme Shop');
    await owner.getByRole('button', { name: 'Create site' }).click();
    const site = owner.getByRole('region', { name: 'Site: Acme Shop' });
    await site.waitFor();
    await site.getByRole('button', { name: 'Copy Embed snippet' }).click();
    await site.getByText('Copied.').waitFor();
    const snippet = await owner.evaluate(() => navigator.clipboard.readText());
    expect(snippet).toMatch(new RegExp(`^<script src="${server.http}/widget\\.js" data-site="[0-9a-f]{16}" async></script>$`));

    // The shop lives on another origin, with a strict CSP that allows only the chat server.
    const csp = ["default-src 'self'", `script-src 'self' ${server.http}`, `connect-src 'self' ${server.ws}`, "style-src 'self'", "img-src 'self'", "object-src 'none'", "base-uri 'none'"].join('; ');
    const page = { html: '', headers: { 'content-security-policy': csp } };
    host = await startHostSite({ '/': page });
    page.html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme Shop</title></head><body><main><h1>Acme Shop</h1></main>${snippet}</body></html>`;

    const origins = site.getByRole('region', { name: 'Allowed origins' });
    await origins.getByLabel('Add an origin').fill(host.origin);
    await origins.getByLabel('Add an origin').press('Enter');
    await origins.getByRole('button', { name: 'Save origins' }).click();
    await origins.getByText('Saved.').waitFor();

    await openScreen(owner, 'Agents');
    const add = owner.getByRole('region', { name: 'Add an agent' });
    await add.getByLabel('Name').fill('Alex Helper');
    await add.getByLabel('Email').fill('alex@shop.test');
    const alexPassword = await add.getByLabel('First password').inputValue();
    await add.getByRole('button', { name: 'Add agent' }).click();
    await add.getByText('Alex Helper added.').waitFor();
    expect(await axeViolations(owner)).toEqual([]);

    // Alex signs in with the password the owner handed over, and is online.
    const alex = await signInTo(browser, server.http, 'alex@shop.test', alexPassword, '/agent', pageErrors);
    await alex.getByText('Reconnecting…').waitFor({ state: 'detached' });

    const visitorContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const visitor = await visitorContext.newPage();
    watchErrors(visitor, pageErrors);
    await visitor.goto(`${host.origin}/`);
    await widget.launcher(visitor).click();
    await widget.composer(visitor).fill('Where is my order 1234?');
    await widget.composer(visitor).press('Enter');
    await widget.bubble(visitor, 'Where is my order 1234?').waitFor();
    await visitor.locator('chat-widget').getByRole('button', { name: 'Talk to a person' }).first().click();

    await alex.getByRole('button', { name: /Claim chat with/ }).click();
    await expect.poll(() => alex.evaluate(() => document.activeElement?.id)).toBe('composer-input');
    await alex.keyboard.type('Hi, this is Alex. Order 1234 left our warehouse today.');
    await alex.keyboard.press('Enter');
    await widget.bubble(visitor, 'Hi, this is Alex. Order 1234 left our warehouse today.').waitFor();

    await widget.composer(visitor).fill('Great, thank you!');
    await widget.composer(visitor).press('Enter');
    await alex.getByRole('main').getByText('Great, thank you!').waitFor();

    for (const p of [owner, alex, visitor]) await p.context().close();
  }, 120_000);
});
