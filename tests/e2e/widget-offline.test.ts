import { describe, expect, it } from 'vitest';
import { clientId } from '../support/server';
import { openPage, useChatAndBrowser, widget } from './support/browser';

const env = useChatAndBrowser();

describe('never losing a message (real server, real Chromium)', () => {
  it('going offline and back loses nothing, sends nothing twice, and keeps the order', async () => {
    const { page, context, errors } = await openPage(env.browser, `${env.chat.http}/`);
    await widget.launcher(page).click();
    await widget.composer(page).fill('Do you ship to Canada?');
    await widget.composer(page).press('Enter');
    await page.locator('chat-widget .card').first().waitFor();
    const { conversationId } = await page.evaluate(() => JSON.parse(localStorage.getItem('chat:demo:state') ?? '{}') as { conversationId: string });

    await context.setOffline(true);
    await page.getByText('You are offline. Your messages will be sent when the connection is back.').waitFor();

    // While the visitor is away an agent answers (straight through the service, as the console would).
    const agent = (await env.chat.store.agents.byEmail('agent@demo.test'))!;
    await env.chat.store.conversations.setStatus(conversationId, { status: 'assigned', agentId: agent.id });
    await env.chat.app.services.agents.send(agent, { id: clientId(), conversationId, text: 'Hi, Alex here. Yes we do!' });
    await env.chat.app.services.agents.send(agent, { id: clientId(), conversationId, text: 'It takes 5–8 days.' });

    await widget.composer(page).fill('Great, thanks');
    await widget.composer(page).press('Enter');
    await widget.composer(page).fill('Is there a tracking number?');
    await widget.composer(page).press('Enter');
    expect(await page.locator('chat-widget .msg-visitor[data-state="pending"]').count()).toBe(2);
    // Offline for a while: the reconnect loop keeps waiting without giving up or flooding.
    await page.waitForTimeout(1500);

    await context.setOffline(false);
    await widget.bubble(page, 'It takes 5–8 days.').waitFor();
    await page.locator('chat-widget .msg-visitor[data-state="pending"]').first().waitFor({ state: 'detached' });
    await expect.poll(() => page.getByText('You are offline', { exact: false }).count()).toBe(0);

    const bubbles = await widget.bubbles(page);
    const greeting = bubbles[0];
    expect(bubbles.slice(1)).toEqual(['Do you ship to Canada?', 'Hi, Alex here. Yes we do!', 'It takes 5–8 days.', 'Great, thanks', 'Is there a tracking number?']);
    expect(greeting).toBeTruthy();

    const stored = await env.chat.store.messages.after(conversationId, 0, 100, false);
    const visitorTexts = stored.filter((m) => m.author === 'visitor').map((m) => m.text);
    expect(visitorTexts).toEqual(['Do you ship to Canada?', 'Great, thanks', 'Is there a tracking number?']);

    // A reload right after shows the same transcript, still without duplicates.
    await page.reload();
    await widget.bubble(page, 'Is there a tracking number?').waitFor();
    expect((await widget.bubbles(page)).slice(1)).toEqual(bubbles.slice(1));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a second tab shows the same conversation and gets replies too', async () => {
    const { page, context, errors } = await openPage(env.browser, `${env.chat.http}/`);
    await widget.launcher(page).click();
    await widget.composer(page).fill('Where is my order?');
    await widget.composer(page).press('Enter');
    await page.locator('chat-widget .msg-bot').nth(1).waitFor();

    const second = await context.newPage();
    await second.goto(`${env.chat.http}/`);
    // The chat was open when the visitor left the first page, so it opens by itself here (as after navigating).
    await widget.panel(second).waitFor();
    await widget.bubble(second, 'Where is my order?').first().waitFor();

    await widget.composer(second).fill('Sent from the second tab');
    await widget.composer(second).press('Enter');
    await page.locator('chat-widget .msg-visitor .bubble', { hasText: 'Sent from the second tab' }).waitFor();
    expect((await widget.visitorBubbles(page)).filter((t) => t === 'Sent from the second tab')).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
