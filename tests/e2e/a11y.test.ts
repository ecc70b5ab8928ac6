import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../support/server';
import { axeViolations, describeViolations } from './support/axe';
import { launchBrowser, openPage, startChatServer, widget } from './support/browser';

const CONSOLE_BUILD = fileURLToPath(new URL('../../dist/console/index.html', import.meta.url));

let chat: RunningServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CONSOLE_BUILD)) {
    const { build } = await import('vite');
    await build({ configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)), logLevel: 'warn' });
  }
  chat = await startChatServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await chat?.close();
});

/** No axe-core violation anywhere on the page (the widget's shadow root included). */
async function expectAxeClean(page: Page, where: string): Promise<void> {
  expect.soft(describeViolations(await axeViolations(page)), where).toBe('');
}

/** Whether the last line of the widget's message list is fully inside the list's visible box. */
function lastMessageVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const list = document.querySelector('chat-widget')?.shadowRoot?.querySelector('.messages');
    const items = list?.querySelectorAll('li.msg');
    const last = items?.[items.length - 1];
    if (!list || !last) return false;
    const box = list.getBoundingClientRect();
    const line = last.getBoundingClientRect();
    return line.top >= box.top - 1 && line.bottom <= box.bottom + 1;
  });
}

async function signedInAgent(): Promise<Page> {
  const { page } = await openPage(browser, `${chat.http}/agent`);
  await page.getByLabel('Email').fill('agent@demo.test');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Chats' }).waitFor();
  await page.getByText('Reconnecting…').waitFor({ state: 'detached' });
  return page;
}

describe('axe-core finds no violation in what visitors and agents meet (real server, real Chromium)', () => {
  it('widget: open, with an answer, with suggestions, and the offline form', async () => {
    const { page, context } = await openPage(browser, `${chat.http}/`);
    await widget.launcher(page).click();
    await widget.composer(page).waitFor();
    await expectAxeClean(page, 'widget open');

    await widget.composer(page).fill('Do you ship to Canada?');
    await widget.composer(page).press('Enter');
    await page.locator('chat-widget .card').first().waitFor();
    await expectAxeClean(page, 'widget with an answer');

    await widget.composer(page).fill('returns');
    await widget.composer(page).press('Enter');
    await page.locator('chat-widget .msg-bot').nth(2).waitFor();
    await expectAxeClean(page, 'widget with a second bot turn (suggestions or an answer)');

    // The launcher with an unread badge: its accessible name must contain its visible text.
    await page.getByRole('button', { name: 'Close chat' }).first().click();
    await expectAxeClean(page, 'launcher closed');

    await widget.launcher(page).click();
    await page.getByRole('button', { name: 'Talk to a person' }).first().click();
    await page.getByRole('heading', { name: 'No one is available right now' }).waitFor();
    await expectAxeClean(page, 'offline form');
    await context.close();
  });

  it('console queue and open chat, and the widget rating prompt after the agent resolves', async () => {
    const agent = await signedInAgent();
    await expectAxeClean(agent, 'console, empty queue');
    const { page: visitor, context } = await openPage(browser, `${chat.http}/`);
    await widget.launcher(visitor).click();
    await widget.composer(visitor).fill('I need help with my order');
    await widget.composer(visitor).press('Enter');
    await visitor.locator('chat-widget .msg-bot').nth(1).waitFor();
    await visitor.getByRole('button', { name: 'Talk to a person' }).first().click();

    const queue = agent.getByRole('region', { name: /Queue/ });
    await queue.getByText('I need help with my order').waitFor();
    await expectAxeClean(agent, 'console queue with a chat');
    await agent.getByRole('button', { name: /^Claim chat with/ }).click();
    const main = agent.getByRole('main');
    await main.getByText('I need help with my order').waitFor();
    await agent.keyboard.type('Hello! Let me look at it.');
    await agent.keyboard.press('Enter');
    await widget.bubble(visitor, 'Hello! Let me look at it.').waitFor();
    // Formatting and a link, as both sides see them (and axe checks them below).
    await agent.locator('#composer-input').fill('See **our policy** at https://shop.example/returns\n- keep the receipt\n- use the `RMA` code');
    await agent.keyboard.press('Enter');
    await visitor.locator('chat-widget .bubble a[href="https://shop.example/returns"][rel~="noopener"]').waitFor();
    await visitor.locator('chat-widget .bubble strong', { hasText: 'our policy' }).waitFor();
    await main.locator('.msg-text li', { hasText: 'keep the receipt' }).waitFor();
    await expectAxeClean(agent, 'console chat open');
    await expectAxeClean(visitor, 'widget with an agent');
    // The header says who the visitor is talking to, not an event that happened once.
    await visitor.locator('chat-widget .status', { hasText: 'Chatting with Alex Rivera' }).waitFor();

    // A reply while the panel is closed: the launcher shows an unread badge, and its name says what it shows.
    await visitor.getByRole('button', { name: 'Close chat' }).first().click();
    await agent.locator('#composer-input').focus();
    await agent.keyboard.type('Found it: it ships tomorrow.');
    await agent.keyboard.press('Enter');
    await visitor.locator('chat-widget .badge:not([hidden])').waitFor();
    await expectAxeClean(visitor, 'launcher with an unread badge');
    await widget.launcher(visitor).click();

    await agent.locator('body').click();
    await agent.keyboard.press('Alt+R');
    await main.getByText('This conversation is closed.').waitFor();
    await visitor.getByText('How would you rate this conversation?').waitFor();
    await expectAxeClean(visitor, 'widget rating prompt');
    // Stars at their own size (not the form label's 13 px), and the agent's last message still in view above the prompt.
    expect(await visitor.locator('chat-widget label.star').first().evaluate((el) => getComputedStyle(el).fontSize)).toBe('28px');
    await expect.poll(() => lastMessageVisible(visitor)).toBe(true);
    await context.close();
    await agent.context().close();
  });
});
