import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends';
import { clientId, startServer, visitor, type RunningServer } from '../support/server';
import { axeViolations } from './support/axe';
import { launchBrowser } from './support/browser';
import { ensureBuilt, openScreen, signInTo } from './support/settings';

/** Set to a folder to keep screenshots of each screen for a look at the layout. */
const SHOTS = process.env.SETTINGS_SCREENSHOTS ?? null;

let server: RunningServer;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  await ensureBuilt();
  server = await startServer(backends()[0]!);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  expect(pageErrors).toEqual([]);
});

const settingsPage = () => signInTo(browser, server.http, 'admin@demo.test', 'demo', '/agent/settings', pageErrors);
const demoSite = async () => (await server.store.sites.byKey('demo'))!;
const shot = async (page: Page, name: string) => SHOTS && (await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true }));

async function openDemoSite(page: Page) {
  await page.getByRole('button', { name: 'Manage Northwind Outfitters' }).click();
  return page.getByRole('region', { name: 'Site: Northwind Outfitters' });
}

describe('Settings in the console (real Chromium, real server)', () => {
  it('keeps agents out, and has no accessibility violations on any screen', async () => {
    const agentPage = await signInTo(browser, server.http, 'agent@demo.test', 'demo', '/agent/settings', pageErrors);
    await agentPage.getByRole('heading', { name: 'Admins only' }).waitFor();
    await agentPage.context().close();

    const page = await settingsPage();
    const site = await openDemoSite(page);
    const preview = page.frameLocator('iframe[title="Live preview of the chat widget"]');
    await preview.locator('chat-widget button.launcher').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'settings-sites');
    await site.getByRole('button', { name: 'Copy Embed snippet' }).waitFor();

    for (const [name, ready] of [
      ['Agents', 'Alex Rivera'],
      ['Canned responses', '/greet'],
      ['Webhooks', 'No webhooks yet.'],
    ] as const) {
      await openScreen(page, name);
      await page.getByText(ready).first().waitFor();
      expect(await axeViolations(page), name).toEqual([]);
      await shot(page, `settings-${name.toLowerCase().replace(' ', '-')}`);
    }
    await page.getByLabel('Language').selectOption('es');
    await page.getByRole('heading', { level: 1, name: 'Configuración' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Webhooks' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Idioma').selectOption('en');
    await page.context().close();
  });

  it('works from the keyboard alone: the list of screens, opening a site, a form', async () => {
    const page = await settingsPage();
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? null);
    await page.getByRole('button', { name: 'Manage Northwind Outfitters' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('Site: Northwind Outfitters');
    await page.getByRole('link', { name: 'Canned responses' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('Canned responses');
    // As a sighted keyboard user would: the list has loaded, and focus is still on the heading.
    await page.getByRole('button', { name: 'Edit /bye' }).waitFor();
    expect(await focused()).toBe('Canned responses');
    // From the screen's heading, Tab goes through the list (the demo's responses) to the form; Enter submits it.
    const label = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.closest('label')?.textContent ?? document.activeElement?.getAttribute('aria-label'));
    await page.keyboard.press('Tab');
    await expect.poll(label).toBe('Edit /bye');
    for (let i = 0; i < 40 && (await label()) !== 'Shortcut'; i++) await page.keyboard.press('Tab');
    expect(await label()).toBe('Shortcut');
    await page.keyboard.type('hours');
    await page.keyboard.press('Tab');
    await page.keyboard.type('We answer from 9 to 5.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('row', { name: /\/hours/ }).waitFor();
    await page.context().close();
  });

  it('a canned response created in Settings is offered with /shortcut in a chat and reaches the visitor', async () => {
    const page = await settingsPage();
    await openScreen(page, 'Canned responses');
    const form = page.getByRole('region', { name: 'Add a canned response' });
    await form.getByLabel('Shortcut').fill('bad shortcut!');
    await form.getByLabel('Text').fill('x');
    await form.getByRole('button', { name: 'Add response' }).click();
    await expect(form.getByLabel('Shortcut').getAttribute('aria-invalid')).resolves.toBe('true');
    await form.getByLabel('Shortcut').fill('wait');
    await form.getByLabel('Text').fill('Thanks for waiting. I am {agent.name} and I am on it.');
    await form.getByRole('button', { name: 'Add response' }).click();
    await page.getByRole('row', { name: /\/wait/ }).waitFor();
    await page.getByRole('button', { name: 'Edit /wait' }).click();
    const edit = page.getByRole('region', { name: 'Edit /wait' });
    await edit.getByLabel('Text').fill('Thanks for waiting! I am {agent.name} and I am on it.');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('cell', { name: 'Thanks for waiting! I am {agent.name} and I am on it.' }).waitFor();
    await page.context().close();

    // Alex is online first, so the escalation queues instead of becoming a ticket; his console loads the new response.
    const alex = await signInTo(browser, server.http, 'agent@demo.test', 'demo', '/agent', pageErrors);
    await alex.getByText('Reconnecting…').waitFor({ state: 'detached' });
    const { socket: v } = await visitor(server);
    v.send({ type: 'visitor.escalate', id: clientId() });
    await v.next((f) => f.type === 'status' && f.status === 'queued');
    await alex.getByRole('button', { name: 'Claim chat with Visitor' }).click();
    await expect.poll(() => alex.evaluate(() => document.activeElement?.id)).toBe('composer-input');
    await alex.keyboard.type('/wa');
    await alex.getByRole('option', { name: /\/wait/ }).waitFor();
    await alex.keyboard.press('Enter');
    await alex.keyboard.press('Enter');
    const got = await v.next<{ message: { text: string; author: string } }>((f) => f.type === 'message' && (f.message as { author: string }).author === 'agent');
    expect(got.message.text).toBe('Thanks for waiting! I am Alex Rivera and I am on it.');
    v.close();
    await alex.context().close();
  });

  it('appearance: the preview draws the real widget with the look being edited, and saving keeps it', async () => {
    const page = await settingsPage();
    const site = await openDemoSite(page);
    const look = site.getByRole('region', { name: 'Appearance' });
    await look.getByLabel('Colour as hex').fill('#12');
    await look.getByRole('alert').getByText('Write the colour as # and six hex digits').waitFor();
    await expect(look.getByRole('button', { name: 'Save appearance' }).isDisabled()).resolves.toBe(true);
    await look.getByLabel('Colour as hex').fill('#aa0066');
    await look.getByRole('radio', { name: 'Bottom left' }).check();
    await look.getByLabel('Launcher label').fill('Ask us');
    await look.getByLabel('Greeting').fill('Hola! How can we help?');
    const launcher = page.frameLocator('iframe[title="Live preview of the chat widget"]').locator('chat-widget button.launcher');
    await launcher.getByText('Ask us').waitFor();
    const frame = page.frames().find((f) => f.url().includes('/preview/widget'))!;
    await expect.poll(() => frame.evaluate(() => document.querySelector('chat-widget')?.getAttribute('data-position'))).toBe('left');
    await launcher.click();
    await page.frameLocator('iframe[title="Live preview of the chat widget"]').getByText('Hola! How can we help?').waitFor();
    await shot(page, 'settings-appearance');
    await look.getByRole('button', { name: 'Save appearance' }).click();
    await look.getByRole('status').getByText('Saved.').waitFor();
    expect((await demoSite()).settings).toMatchObject({ color: '#aa0066', position: 'left', launcherLabel: 'Ask us', greeting: 'Hola! How can we help?' });

    await page.reload();
    const again = await openDemoSite(page);
    await expect(again.getByLabel('Colour as hex').inputValue()).resolves.toBe('#aa0066');
    await page.context().close();
  });

  it('allowed origins are checked as typed and saved as origins', async () => {
    const page = await settingsPage();
    const origins = (await openDemoSite(page)).getByRole('region', { name: 'Allowed origins' });
    await origins.getByText('No origins listed').waitFor();
    await origins.getByLabel('Add an origin').fill('shop.example');
    await origins.getByRole('button', { name: 'Add', exact: true }).click();
    await origins.getByRole('alert').getByText('“shop.example” is not an origin').waitFor();
    await origins.getByLabel('Add an origin').press('End');
    await origins.getByLabel('Add an origin').fill('https://shop.example.com/some/page');
    await origins.getByLabel('Add an origin').press('Enter');
    await origins.getByText('https://shop.example.com', { exact: true }).waitFor();
    await origins.getByRole('button', { name: 'Save origins' }).click();
    await origins.getByRole('status').getByText('Saved.').waitFor();
    expect((await demoSite()).allowedOrigins).toEqual(['https://shop.example.com']);
    await origins.getByRole('button', { name: 'Remove https://shop.example.com' }).click();
    await origins.getByRole('button', { name: 'Save origins' }).click();
    await expect.poll(async () => (await demoSite()).allowedOrigins).toEqual([]);
    await page.context().close();
  });

  it('business hours and chat rules are validated and saved', async () => {
    const page = await settingsPage();
    const site = await openDemoSite(page);
    const hours = site.getByRole('region', { name: 'Business hours' });
    await hours.getByRole('radio', { name: 'Only during set hours' }).check();
    await hours.getByLabel('Time zone').fill('Mars/Olympus');
    await hours.getByRole('alert').getByText('Unknown time zone').waitFor();
    await hours.getByLabel('Time zone').fill('Europe/Madrid');
    await hours.getByLabel('Closes on Monday at').fill('08:00');
    await hours.getByRole('alert').getByText('Closing time must be after opening time: Monday.').waitFor();
    await hours.getByLabel('Closes on Monday at').fill('18:30');
    await hours.getByLabel('Open on Friday').uncheck();
    await hours.getByRole('button', { name: 'Save business hours' }).click();
    await hours.getByRole('status').getByText('Saved.').waitFor();
    expect((await demoSite()).settings.businessHours).toEqual({
      timeZone: 'Europe/Madrid',
      days: { mon: [['09:00', '18:30']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']] },
    });
    await hours.getByRole('radio', { name: 'Always (no business hours)' }).check();
    await hours.getByRole('button', { name: 'Save business hours' }).click();
    await expect.poll(async () => (await demoSite()).settings.businessHours).toBeNull();

    // Expected reply time, from the keyboard: choose "a time I set", type it, save with Enter.
    const reply = site.getByRole('region', { name: 'Expected reply time' });
    expect(await reply.getByRole('radio', { name: 'Measure automatically' }).isChecked()).toBe(true);
    await reply.getByRole('radio', { name: 'Measure automatically' }).focus();
    await page.keyboard.press('ArrowDown');
    expect(await reply.getByRole('radio', { name: 'A time I set' }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('label')?.textContent)).toBe('Usually replies within (minutes)');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('0');
    await page.keyboard.press('Enter');
    await reply.getByRole('alert').getByText('Enter a whole number of minutes from 1 to 1,440.').waitFor();
    expect(await reply.getByLabel('Usually replies within (minutes)').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page, '#site-detail')).toEqual([]);
    if (SHOTS) await reply.screenshot({ path: join(SHOTS, 'settings-reply-time.png') });
    expect((await demoSite()).settings.replyTimeMinutes).toBeNull();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('20');
    await page.keyboard.press('Enter');
    await reply.getByRole('status').getByText('Saved.').waitFor();
    expect((await demoSite()).settings.replyTimeMinutes).toBe(20);
    // What the widget is told on its next hello, and so shows in its header.
    const { socket: v, welcome } = await visitor(server);
    expect((welcome as unknown as { availability: { replyMinutes: number | null } }).availability.replyMinutes).toBe(20);
    v.ws.close();
    await reply.getByRole('radio', { name: 'Measure automatically' }).check();
    await reply.getByRole('button', { name: 'Save reply time' }).click();
    await expect.poll(async () => (await demoSite()).settings.replyTimeMinutes).toBeNull();

    const rules = site.getByRole('region', { name: 'Chat rules' });
    await rules.getByLabel('Email').selectOption('required');
    await rules.getByLabel('Name').selectOption('optional');
    await rules.getByRole('radio', { name: /least busy online agent/ }).check();
    await rules.getByLabel('Require identity verification').check();
    await rules.getByRole('button', { name: 'Save chat rules' }).click();
    await rules.getByRole('status').getByText('Saved.').waitFor();
    expect((await demoSite()).settings).toMatchObject({
      preChatFields: [{ name: 'name', required: false }, { name: 'email', required: true }],
      assignMode: 'auto',
      requireVerification: true,
    });
    await server.store.sites.update((await demoSite()).id, { settings: { ...(await demoSite()).settings, preChatFields: [], assignMode: 'pick', requireVerification: false } });
    await page.context().close();
  });
});
