import { describe, expect, it } from 'vitest';
import { agent, clientId } from '../support/server';
import { focusedInWidget, openPage, useChatAndBrowser, widget } from './support/browser';

const env = useChatAndBrowser();

describe('visitor flow with the bot (real server, real Chromium)', () => {
  it('asks a question, gets an article card, says it helped, and keeps it all across a reload', async () => {
    const { page, context, errors } = await openPage(env.browser, `${env.chat.http}/`);
    await widget.launcher(page).click();
    await widget.composer(page).waitFor();
    expect(await focusedInWidget(page)).toBe('composer-input');

    await widget.composer(page).fill('Do you ship to Canada?');
    await widget.composer(page).press('Enter');
    const card = page.locator('chat-widget .card').first();
    await card.waitFor();
    expect(await card.getByRole('heading').textContent()).toMatch(/shipping/i);
    // The whole sanitised article is in the card; this one has no public URL, so nothing links out.
    await card.getByText(/Canada/).first().waitFor();
    expect(await card.getByRole('link', { name: 'Read the full article' }).count()).toBe(0);
    const more = card.getByRole('button', { name: 'Show more' });
    if ((await more.count()) > 0) {
      await more.click();
      expect(await card.getByRole('button', { name: 'Show less' }).getAttribute('aria-expanded')).toBe('true');
    }

    await page.getByRole('button', { name: 'Yes, that helped' }).click();
    await page.getByText('Thanks for letting us know.').waitFor();
    const before = await widget.bubbles(page);
    expect(before.filter((t) => t === 'Do you ship to Canada?')).toHaveLength(1);

    await page.reload();
    await widget.panel(page).waitFor();
    await page.locator('chat-widget .card').first().waitFor();
    expect(await widget.bubbles(page)).toEqual(before);
    // Feedback is remembered too: the question is not asked again.
    expect(await page.getByRole('button', { name: 'Yes, that helped' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps the "Thanks" marker for feedback in a second tab, and after the first tab reloads', async () => {
    const { page, context, errors } = await openPage(env.browser, `${env.chat.http}/`);
    await widget.launcher(page).click();
    await widget.composer(page).fill('Do you ship to Canada?');
    await widget.composer(page).press('Enter');
    await page.locator('chat-widget .card').first().waitFor();
    // The second tab is already open when the feedback is given.
    const second = await context.newPage();
    await second.goto(`${env.chat.http}/`);
    await page.getByRole('button', { name: 'Yes, that helped' }).click();
    await page.getByText('Thanks for letting us know.').waitFor();

    if (!(await widget.panel(second).isVisible())) await widget.launcher(second).click();
    await second.locator('chat-widget .card').first().waitFor();
    await second.getByText('Thanks for letting us know.').waitFor();
    expect(await second.getByRole('button', { name: 'Yes, that helped' }).count()).toBe(0);

    // A third tab opened afterwards, and the first after a reload, still show it.
    const third = await context.newPage();
    await third.goto(`${env.chat.http}/`);
    if (!(await widget.panel(third).isVisible())) await widget.launcher(third).click();
    await third.getByText('Thanks for letting us know.').waitFor();
    await page.reload();
    await page.getByText('Thanks for letting us know.').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('with no agent online, says so honestly and turns the visitor’s message into a ticket', async () => {
    const { page, context, errors } = await openPage(env.browser, `${env.chat.http}/`);
    await widget.launcher(page).click();
    await widget.composer(page).fill('My order 1234 arrived damaged');
    await widget.composer(page).press('Enter');
    await page.locator('chat-widget .msg-bot').nth(1).waitFor();
    await page.getByRole('button', { name: 'Talk to a person' }).first().click();

    await page.getByRole('heading', { name: 'No one is available right now' }).waitFor();
    expect(await page.getByText('No agents available').count()).toBeGreaterThan(0);
    await page.getByLabel('Email address').fill('ana@example.com');
    await page.getByLabel('Message', { exact: true }).fill('Please send a replacement for order 1234');
    await page.getByRole('button', { name: 'Send message' }).click();
    // This server has no SMTP_URL: the widget must not promise an email that would never come.
    await page.getByText('Thanks! We received your message. Our answer will appear here in this chat.').first().waitFor();
    expect(await page.locator('chat-widget').getByText(/by email/i).count()).toBe(0);

    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('chat:demo:state') ?? '{}') as { conversationId: string });
    const conversation = await env.chat.store.conversations.byId(stored.conversationId);
    expect(conversation?.status).toBe('offline');

    // An agent answers the ticket: the reply shows, the header says so, and the visitor can answer.
    const alex = await agent(env.chat, 'agent@demo.test');
    alex.socket.send({ type: 'agent.open', conversationId: stored.conversationId });
    await alex.socket.type('conversation');
    alex.socket.send({ type: 'agent.send', id: clientId(), conversationId: stored.conversationId, text: 'A replacement is on its way.' });
    await widget.bubble(page, 'A replacement is on its way.').waitFor();
    await page.locator('chat-widget').getByText('You have a reply').waitFor();
    expect(await page.locator('chat-widget').getByText('No agents available').count()).toBe(0);
    await widget.composer(page).fill('Thank you!');
    await widget.composer(page).press('Enter');
    await alex.socket.next((f) => f.type === 'message' && (f.message as { text: string }).text === 'Thank you!');
    await page.screenshot({ path: 'test-results/ticket-reply-widget.png' });
    alex.socket.close();
    expect(errors).toEqual([]);
    await context.close();
  });
});
