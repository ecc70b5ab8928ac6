import { describe, expect, it } from 'vitest';
import { focusedInWidget, openPage, useChatAndBrowser, widget } from './support/browser';

const env = useChatAndBrowser();

describe('keyboard only (real server, real Chromium)', () => {
  it('reaches the launcher, chats, answers the feedback question and closes, never touching the mouse', async () => {
    const { page, context, errors } = await openPage(env.browser, `${env.chat.http}/`);
    await widget.launcher(page).waitFor();

    let tabs = 0;
    while ((await focusedInWidget(page)) === null && tabs++ < 30) await page.keyboard.press('Tab');
    expect(await focusedInWidget(page)).toBe('Open chat');

    await page.keyboard.press('Enter');
    await widget.composer(page).waitFor();
    expect(await focusedInWidget(page)).toBe('composer-input');
    expect(await widget.launcher(page).getAttribute('aria-expanded')).toBe('true');

    await page.keyboard.type('Do you ship to Canada?');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('And to Mexico?');
    await page.keyboard.press('Enter');
    await widget.bubble(page, 'Do you ship to Canada?\nAnd to Mexico?').waitFor();
    await page.locator('chat-widget .msg-bot .card, chat-widget .msg-bot .suggestions').first().waitFor();

    // Shift+Tab backwards from the composer reaches the bot's buttons.
    let back = 0;
    const isBotButton = async () => /helped|talk to a person|ship/i.test((await page.evaluate(() => document.querySelector('chat-widget')?.shadowRoot?.activeElement?.textContent ?? '')) ?? '');
    while (!(await isBotButton()) && back++ < 15) await page.keyboard.press('Shift+Tab');
    expect(await isBotButton()).toBe(true);

    await page.keyboard.press('Escape');
    expect(await widget.panel(page).isHidden()).toBe(true);
    expect(await focusedInWidget(page)).toBe('Open chat');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('announces replies through a polite live region', async () => {
    const { page, context } = await openPage(env.browser, `${env.chat.http}/`);
    await widget.launcher(page).click();
    await widget.composer(page).fill('hello');
    await widget.composer(page).press('Enter');
    const region = page.locator('chat-widget .sr-only[aria-live="polite"]');
    await expect.poll(() => region.textContent()).toMatch(/^Bot: /);
    await context.close();
  });
});
