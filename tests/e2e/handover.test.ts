import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../support/server';
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

async function signedInAgent(): Promise<Page> {
  const { page } = await openPage(browser, `${chat.http}/agent`);
  await page.getByLabel('Email').fill('agent@demo.test');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Chats' }).waitFor();
  await page.getByText('Reconnecting…').waitFor({ state: 'detached' });
  return page;
}

describe('one script tag to an agent’s reply (two browser contexts, real server)', () => {
  it('visitor asks the bot, asks for a person, the agent picks it up with the story, replies live and resolves; the visitor rates it', async () => {
    const agent = await signedInAgent();
    const { page: visitor, errors } = await openPage(browser, `${chat.http}/`);

    // Visitor: the bot answers from the knowledge base.
    await widget.launcher(visitor).click();
    await widget.composer(visitor).fill('Do you ship to Canada?');
    await widget.composer(visitor).press('Enter');
    await visitor.locator('chat-widget .card').first().waitFor();

    // Visitor: asks for a person; the header says where they stand.
    await visitor.getByRole('button', { name: 'Talk to a person' }).first().click();
    await visitor.getByText('Waiting for an agent — you are number 1').first().waitFor();

    // Agent: the chat is in the queue; claiming shows the transcript and the page it came from.
    const queue = agent.getByRole('region', { name: /Queue/ });
    await queue.getByText('Do you ship to Canada?').waitFor();
    await agent.getByRole('button', { name: /^Claim chat with/ }).click();
    const main = agent.getByRole('main');
    await main.getByText('Do you ship to Canada?').waitFor();
    const context = agent.getByRole('complementary', { name: 'Visitor' });
    await context.getByRole('link', { name: /Northwind Outfitters/ }).first().waitFor();
    expect(await context.getByRole('link', { name: /Northwind Outfitters/ }).first().getAttribute('href')).toBe(`${chat.http}/`);

    // Agent → visitor, live.
    await expect.poll(() => agent.evaluate(() => document.activeElement?.id)).toBe('composer-input');
    await agent.keyboard.type('Hi! Yes — Canada takes 5 to 8 business days. Anything else?');
    await agent.keyboard.press('Enter');
    await widget.bubble(visitor, 'Hi! Yes — Canada takes 5 to 8 business days. Anything else?').waitFor();
    await visitor.getByText('Alex Rivera joined').first().waitFor();

    // Visitor → agent, live.
    await widget.composer(visitor).fill('No, that was all. Thanks!');
    await widget.composer(visitor).press('Enter');
    await main.getByText('No, that was all. Thanks!').waitFor();

    // Agent resolves; the visitor is asked for a rating and gives one.
    await agent.locator('body').click();
    await agent.keyboard.press('Alt+R');
    await main.getByText('This conversation is closed.').waitFor();
    await visitor.getByText('How would you rate this conversation?').waitFor();
    // The stars are labels around visually hidden radios: click the fifth star as a person would.
    await visitor.locator('chat-widget label.star').nth(4).click();
    expect(await visitor.getByRole('radio', { name: '5 out of 5' }).isChecked()).toBe(true);
    await visitor.getByRole('button', { name: 'Send rating' }).click();
    await visitor.getByText('Thanks for your rating!').waitFor();

    const stored = await visitor.evaluate(() => JSON.parse(localStorage.getItem('chat:demo:state') ?? '{}') as { conversationId: string });
    const events = await chat.store.events.forConversation(stored.conversationId);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['conversation.escalated', 'conversation.assigned', 'conversation.resolved', 'csat.submitted']));
    expect(events.find((e) => e.type === 'csat.submitted')?.data.rating).toBe(5);
    expect(errors).toEqual([]);
  });
});
