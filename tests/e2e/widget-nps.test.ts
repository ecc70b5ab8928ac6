import { describe, expect, it } from 'vitest';
import { BOT_NPS_QUIET_MS } from '../../server/conversations/nps';
import { agent, clientId } from '../support/server';
import { axeViolations, describeViolations } from './support/axe';
import { focusedInWidget, openPage, useChatAndBrowser, widget } from './support/browser';

const env = useChatAndBrowser();

describe('the NPS question in the widget (real server, real Chromium)', () => {
  it('follows a rated chat on a site that turned it on, works by keyboard, is axe-clean and is stored', async () => {
    const site = (await env.chat.store.sites.byKey('demo'))!;
    await env.chat.store.sites.update(site.id, { settings: { ...site.settings, nps: { enabled: true, sampleDays: 90, samplePercent: 100 } } });
    const alex = await agent(env.chat);
    const { page, context, errors } = await openPage(env.browser, `${env.chat.http}/`);

    await widget.launcher(page).click();
    await widget.composer(page).fill('Do you ship to Canada?');
    await widget.composer(page).press('Enter');
    await page.locator('chat-widget .card').first().waitFor();
    await page.getByRole('button', { name: 'Talk to a person' }).first().click();
    const queued = await alex.socket.next<{ items: Array<{ conversationId: string }> }>((f) => f.type === 'queue' && (f.items as unknown[]).length === 1);
    const conversationId = queued.items[0]!.conversationId;
    for (const frame of [
      { type: 'agent.claim', id: clientId(), conversationId },
      { type: 'agent.send', id: clientId(), conversationId, text: 'Yes, Canada takes 5 to 8 business days.' },
      { type: 'agent.resolve', id: clientId(), conversationId },
    ]) {
      alex.socket.send(frame);
      await alex.socket.next((f) => f.type === 'ack' && f.id === frame.id);
    }

    await page.getByText('How would you rate this conversation?').waitFor();
    await page.locator('chat-widget label.star').nth(3).click();
    await page.getByRole('button', { name: 'Send rating' }).click();
    await page.getByText('Thanks for your rating!').waitFor();

    // Then the optional NPS question, with its scale explained.
    const question = page.getByRole('group', { name: 'How likely are you to recommend us to a friend?' });
    await question.waitFor();
    expect(await question.getByRole('radio').count()).toBe(11);
    // Set OPS_SCREENSHOTS to a folder to keep a picture of the question for a look.
    if (process.env.OPS_SCREENSHOTS) await page.screenshot({ path: `${process.env.OPS_SCREENSHOTS}/widget-nps.png` });
    // The widget only: the demo host page around it is not ours to judge here.
    const violations = await axeViolations(page, 'chat-widget');
    expect(violations, describeViolations(violations)).toEqual([]);

    // Keyboard only: focus the 0, arrow up to 9, write a comment, send.
    await question.getByRole('radio', { name: '0', exact: true }).focus();
    await page.keyboard.press('Space');
    for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight');
    expect(await question.getByRole('radio', { name: '9', exact: true }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focusedInWidget(page)).toBe('nps-comment');
    await page.keyboard.type('Fast answer, thanks');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await question.waitFor({ state: 'detached' });

    await expect.poll(async () => (await env.chat.store.events.forConversation(conversationId)).find((e) => e.type === 'nps.submitted')?.data).toEqual({ score: 9, comment: 'Fast answer, thanks' });
    // Asked once for this visitor: a reload does not bring it back.
    await page.reload();
    await page.getByText('Thanks for your rating!').waitFor({ state: 'attached' });
    expect(await page.getByRole('group', { name: 'How likely are you to recommend us to a friend?' }).count()).toBe(0);
    expect(errors).toEqual([]);
    alex.socket.close();
    await context.close();
  });

  it('follows a bot answer the visitor said helped, once nothing more was asked for a while, and is stored as after the bot', async () => {
    const site = (await env.chat.store.sites.byKey('demo'))!;
    await env.chat.store.sites.update(site.id, { settings: { ...site.settings, nps: { enabled: true, sampleDays: 90, samplePercent: 100 } } });
    const { page, context, errors } = await openPage(env.browser, `${env.chat.http}/`);

    await widget.launcher(page).click();
    await widget.composer(page).fill('How do I track my order?');
    await widget.composer(page).press('Enter');
    const helped = page.getByRole('button', { name: 'Yes, that helped' });
    await helped.waitFor();
    const question = page.getByRole('group', { name: 'How likely are you to recommend us to a friend?' });
    const sentAt = Date.now();
    await helped.click();
    // Not at once (the visitor may still ask something), then after the quiet period.
    await page.waitForTimeout(3_000);
    expect(await question.count()).toBe(0);
    await question.waitFor({ timeout: 20_000 });
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(BOT_NPS_QUIET_MS);
    const violations = await axeViolations(page, 'chat-widget');
    expect(violations, describeViolations(violations)).toEqual([]);
    if (process.env.OPS_SCREENSHOTS) await page.screenshot({ path: `${process.env.OPS_SCREENSHOTS}/widget-nps-bot.png` });

    await question.getByRole('radio', { name: '10', exact: true }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Send rating' }).click();
    await question.waitFor({ state: 'detached' });
    const conversationId = await page.evaluate(() => {
      for (let i = 0; i < localStorage.length; i++) {
        const v = localStorage.getItem(localStorage.key(i)!) ?? '';
        const m = /"conversationId":"([^"]+)"/.exec(v);
        if (m) return m[1];
      }
      return null;
    });
    expect(conversationId).toBeTruthy();
    const events = await env.chat.store.events.forConversation(conversationId!);
    expect(events.find((e) => e.type === 'nps.asked')?.data).toMatchObject({ after: 'bot' });
    expect(events.find((e) => e.type === 'nps.submitted')?.data).toEqual({ score: 10, comment: null });
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
