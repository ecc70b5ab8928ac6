import { describe, expect, it } from 'vitest';
import { agent, clientId } from '../support/server';
import { axeViolations, describeViolations } from './support/axe';
import { openPage, useChatAndBrowser, widget } from './support/browser';

const env = useChatAndBrowser();
/** SCREENSHOT_DIR=/some/dir keeps screenshots of each state, to look at. */
const SHOTS = process.env.SCREENSHOT_DIR;

describe('what a visitor sees before and around an agent reply (real server, real Chromium)', () => {
  it('shows the usual reply time, the agent with an avatar, and an unread reply as a preview above the launcher', async () => {
    const site = (await env.chat.store.sites.byKey('demo'))!;
    await env.chat.store.sites.update(site.id, { settings: { ...site.settings, replyTimeMinutes: 3 } });
    const ana = await agent(env.chat, 'agent@demo.test');
    const avatar = await fetch(`${env.chat.http}/api/auth/me`, {
      method: 'PATCH',
      headers: { cookie: ana.cookie, 'content-type': 'application/json', origin: env.chat.http },
      // Unreachable on purpose: the widget falls back to initials when the picture does not load.
      body: JSON.stringify({ name: 'Ana Lima', avatarUrl: 'https://avatars.invalid/ana.png' }),
    });
    expect(avatar.status).toBe(200);

    const { page, context, errors } = await openPage(env.browser, `${env.chat.http}/`);
    await widget.launcher(page).click();
    await expect.poll(() => page.locator('chat-widget .hours').textContent()).toBe('Usually replies in ~3 min');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/widget-reply-time.png` });

    await page.locator('chat-widget .header-action').click();
    const queued = await ana.socket.next<{ items: Array<{ conversationId: string }> }>((f) => f.type === 'queue' && (f.items as unknown[]).length > 0);
    const conversationId = queued.items[0]!.conversationId;
    const claim = clientId();
    ana.socket.send({ type: 'agent.claim', id: claim, conversationId });
    await ana.socket.next((f) => f.id === claim);
    await page.locator('chat-widget .header .icon-button').click();
    await expect.poll(() => widget.panel(page).isHidden()).toBe(true);

    ana.socket.send({ type: 'agent.send', id: clientId(), conversationId, text: 'Hi! I can see your order. It left our warehouse this morning and should arrive on Thursday.' });
    const preview = page.locator('chat-widget .preview-open');
    await preview.waitFor();
    expect(await page.getByRole('group', { name: 'New message from Ana Lima' }).count()).toBe(1);
    expect((await preview.textContent())?.replace(/\s+/g, ' ')).toBe('Ana Lima:Hi! I can see your order. It left our warehouse this morning and should arrive on Thursday.');
    expect(await widget.launcher(page).getAttribute('aria-label')).toMatch(/1/);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/widget-unread-preview.png` });
    expect(describeViolations(await axeViolations(page)), 'preview').toBe('');

    await preview.click();
    await widget.composer(page).waitFor();
    expect(await preview.count()).toBe(0);
    const author = page.locator('chat-widget .msg-agent .msg-author').last();
    expect((await author.textContent())?.trim()).toBe('ALAna Lima');
    // The picture failed to load, so the initials show on the agent's stable colour.
    await expect.poll(() => page.locator('chat-widget .msg-agent .avatar img').count()).toBe(0);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/widget-agent-avatar.png` });
    expect(describeViolations(await axeViolations(page)), 'open with an agent reply').toBe('');

    // Dismissing a preview keeps it away until the next reply.
    await page.locator('chat-widget .header .icon-button').click();
    ana.socket.send({ type: 'agent.send', id: clientId(), conversationId, text: 'Anything else?' });
    await preview.waitFor();
    await page.locator('chat-widget .preview-dismiss').click();
    expect(await preview.count()).toBe(0);
    expect(errors.filter((e) => !e.includes('avatars.invalid'))).toEqual([]);
    ana.socket.close();
    await context.close();
  });
});
