import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../server/webhooks/test-receiver';
import { backends } from '../support/backends';
import { startServer, type RunningServer } from '../support/server';
import { launchBrowser } from './support/browser';
import { ensureBuilt, openScreen, signInTo } from './support/settings';

// The team and integration screens of Settings: agents and webhooks (console-settings.test.ts covers sites, rules and a11y).
let server: RunningServer;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  await ensureBuilt();
  server = await startServer(backends()[0]!, { OUTBOUND_ALLOW_NETWORKS: '127.0.0.1' }); // the test's webhook receiver listens on loopback
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  expect(pageErrors).toEqual([]);
});

const settingsPage = () => signInTo(browser, server.http, 'admin@demo.test', 'demo', '/agent/settings', pageErrors);

describe('Settings: agents and webhooks (real Chromium, real server)', () => {
  it('agents: add one with a first password, set capacity and role, reset the password, disable', async () => {
    const page = await settingsPage();
    await openScreen(page, 'Agents');
    const add = page.getByRole('region', { name: 'Add an agent' });
    await add.getByLabel('Name').fill('Rita Moreno');
    await add.getByLabel('Email').fill('rita@demo.test');
    const first = await add.getByLabel('First password').inputValue();
    expect(first).toMatch(/^[a-zA-Z0-9]{16}$/);
    await add.getByRole('button', { name: 'Add agent' }).click();
    await add.getByText('Rita Moreno added.').waitFor();
    await add.getByText(first).waitFor();
    const row = page.getByRole('row', { name: /Rita Moreno/ });
    await row.getByLabel('Capacity of Rita Moreno').fill('0');
    await row.getByText('A whole number from 1 to 50.').waitFor();
    await row.getByLabel('Capacity of Rita Moreno').fill('5');
    await row.getByRole('button', { name: 'Save' }).click();
    await row.getByRole('status').getByText('Saved.').waitFor();
    await row.getByLabel('Role of Rita Moreno').selectOption('admin');
    await expect.poll(async () => (await server.store.agents.byEmail('rita@demo.test'))?.role).toBe('admin');
    expect((await server.store.agents.byEmail('rita@demo.test'))?.capacity).toBe(5);

    await row.getByRole('button', { name: 'Reset password of Rita Moreno' }).click();
    await row.getByLabel('New password for Rita Moreno').fill('a-new-secret-1');
    await row.getByRole('button', { name: 'Set password' }).click();
    await row.getByText('New password set for Rita Moreno').waitFor();
    const rita = await signInTo(browser, server.http, 'rita@demo.test', 'a-new-secret-1', '/agent', pageErrors);
    await rita.context().close();

    await row.getByRole('button', { name: 'Disable' }).click();
    await row.getByText('Rita Moreno is disabled and signed out everywhere.').waitFor();
    expect((await server.store.agents.byEmail('rita@demo.test'))?.disabled).toBe(true);
    await page.context().close();
  });

  it('webhooks: add one, send a test event that arrives and shows in the log, delete it', async () => {
    const receiver = await startReceiver();
    try {
      const page = await settingsPage();
      await openScreen(page, 'Webhooks');
      const hooks = page.getByRole('region', { name: 'Webhooks' });
      await hooks.getByText('No webhooks yet.').waitFor();
      await hooks.getByLabel('URL').fill(receiver.url);
      await hooks.getByRole('checkbox', { name: 'csat.submitted' }).check();
      await hooks.getByRole('button', { name: 'Add webhook' }).click();
      await hooks.getByRole('status').getByText(/Its signing secret is shown only now: \S{16,}/).waitFor();
      const row = hooks.getByRole('row', { name: new RegExp(receiver.url.replace(/[.:/]/g, '\\$&')) });
      await expect(row.getByRole('cell').first().innerText()).resolves.toBe('conversation.escalated, csat.submitted');
      await row.getByRole('button', { name: `Send test event to ${receiver.url}` }).click();
      await hooks.getByText(`Test event queued for ${receiver.url}; its delivery shows in the log.`).waitFor();
      await hooks.getByRole('table', { name: `Delivery log: ${receiver.url}` }).getByText('webhook.test').waitFor();
      const [hit] = await receiver.waitFor(1);
      expect(JSON.parse(hit!.body)).toMatchObject({ type: 'webhook.test', site: { key: 'demo' } });
      page.once('dialog', (d) => void d.accept());
      await row.getByRole('button', { name: 'Delete' }).click();
      await hooks.getByText('No webhooks yet.').waitFor();
      await page.context().close();
    } finally {
      await receiver.close();
    }
  });
});
