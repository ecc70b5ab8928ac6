import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends';
import { clientId, startServer, visitor, type RunningServer } from '../support/server';
import { axeViolations, describeViolations } from './support/axe';
import { launchBrowser } from './support/browser';
import { ensureBuilt, signInTo } from './support/settings';

/** Set to a folder to keep a screenshot of the open picker. */
const SHOTS = process.env.EMOJI_SCREENSHOTS ?? null;

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
});

/** What has focus, as a keyboard user would hear it named. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id ?? null);
const composerState = (page: Page) =>
  page.locator('#composer-input').evaluate((box: HTMLTextAreaElement) => ({ value: box.value, caret: box.selectionStart, focused: document.activeElement === box }));

describe('emoji picker in the agent console (real Chromium, real server)', () => {
  it('opens from the keyboard, searches, puts the chosen emoji at the caret, closes with Escape, and is accessible', async () => {
    const agent = await signInTo(browser, server.http, 'agent@demo.test', 'demo', '/agent', pageErrors);
    await agent.getByText('Reconnecting…').waitFor({ state: 'detached' });
    const { socket } = await visitor(server);
    socket.send({ type: 'visitor.send', id: clientId(), text: 'Did my parcel ship?' });
    socket.send({ type: 'visitor.escalate', id: clientId() });
    await agent.getByRole('button', { name: /^Claim chat with/ }).click();
    await agent.getByRole('main').getByText('Did my parcel ship?').waitFor();

    // The agent types, then moves the caret back before the "!".
    await agent.locator('#composer-input').focus();
    await agent.keyboard.type('Yes, it shipped today !');
    await agent.keyboard.press('ArrowLeft');
    expect(await composerState(agent)).toEqual({ value: 'Yes, it shipped today !', caret: 22, focused: true });

    // Tab from the text box reaches the emoji button (after the file picker); Enter opens it with the search focused.
    for (let i = 0; i < 4 && (await focused(agent)) !== 'Insert emoji'; i++) await agent.keyboard.press('Tab');
    expect(await focused(agent)).toBe('Insert emoji');
    await agent.keyboard.press('Enter');
    const picker = agent.getByRole('dialog', { name: 'Emoji' });
    await picker.waitFor();
    expect(await agent.getByRole('button', { name: 'Insert emoji' }).getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => focused(agent)).toBe('Search emoji');

    await agent.keyboard.type('heart');
    const search = picker.getByRole('combobox', { name: 'Search emoji' });
    const active = async () => (await agent.locator(`#${await search.getAttribute('aria-activedescendant')}`).getAttribute('aria-label')) ?? '';
    expect(await active()).toBe('smiling face with heart eyes');
    await agent.keyboard.press('ArrowRight');
    await agent.keyboard.press('ArrowRight');
    expect(await active()).toBe('red heart');
    expect(await picker.getByRole('option', { name: 'red heart' }).getAttribute('aria-selected')).toBe('true');

    const open = await axeViolations(agent);
    expect(open, describeViolations(open)).toEqual([]);
    if (SHOTS) await agent.screenshot({ path: `${SHOTS}/emoji-picker.png`, clip: { x: 290, y: 420, width: 650, height: 480 } });

    // Enter puts it where the caret was, closes the picker and gives the text box its focus back, caret after the emoji.
    await agent.keyboard.press('Enter');
    await picker.waitFor({ state: 'detached' });
    expect(await composerState(agent)).toEqual({ value: 'Yes, it shipped today ❤️!', caret: 22 + '❤️'.length, focused: true });
    expect(await agent.getByRole('button', { name: 'Insert emoji' }).getAttribute('aria-expanded')).toBe('false');

    // A search that finds nothing says so; Escape closes without inserting and returns focus to the button.
    await agent.getByRole('button', { name: 'Insert emoji' }).focus();
    await agent.keyboard.press('Enter');
    await picker.waitFor();
    await agent.keyboard.type('zzzz');
    await picker.getByRole('status').getByText('No emoji match.').waitFor();
    await agent.keyboard.press('Escape');
    await picker.waitFor({ state: 'detached' });
    expect(await focused(agent)).toBe('Insert emoji');
    expect((await composerState(agent)).value).toBe('Yes, it shipped today ❤️!');
    // Escape in the picker is its own: the chat stays open.
    await agent.getByRole('main').getByText('Did my parcel ship?').waitFor();

    // The reply with the emoji reaches the visitor as typed.
    await agent.locator('#composer-input').focus();
    await agent.keyboard.press('Enter');
    const got = await socket.next<{ message: { author: string; text: string } }>((f) => f.type === 'message' && (f.message as { author: string }).author === 'agent');
    expect(got.message.text).toBe('Yes, it shipped today ❤️!');
    const closed = await axeViolations(agent);
    expect(closed, describeViolations(closed)).toEqual([]);
    socket.ws.close();
    expect(pageErrors).toEqual([]);
  });
});
