import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSite, updateSite } from '../../server/sites/manage';
import { axeViolations, describeViolations } from './support/axe';
import { openPage, startHostSite, useChatAndBrowser, widget, type HostSite } from './support/browser';

const env = useChatAndBrowser();

describe('a site switched off by its admin (real server, real Chromium)', () => {
  let host: HostSite;
  let site: { id: string; key: string };
  const visitors = async () => Number((await env.chat.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM visitors WHERE site_id = $1', [site.id]))[0]!.n);

  beforeAll(async () => {
    // The host page needs its own origin before the site can allow it; the page reads the key from this object.
    const page = { html: '' };
    host = await startHostSite({ '/': page });
    site = await createSite(env.chat.store, { name: 'Paused shop', allowedOrigins: [host.origin] });
    page.html = `<!doctype html><html lang="en"><head><title>Paused shop</title></head><body><main><h1>Paused shop</h1></main>
      <script src="${env.chat.http}/widget.js" data-site="${site.key}" async></script></body></html>`;
    await updateSite(env.chat.store, site.id, { disabled: true });
  });
  afterAll(() => host.close());

  it('says so when opened, then stops drawing its launcher, until the site is switched back on', async () => {
    const { page, context, errors } = await openPage(env.browser, `${host.origin}/`);
    // A first visit cannot know yet: the launcher is drawn, and opening it says chat is off.
    await widget.launcher(page).click();
    await page.getByText('Chat is switched off on this site.').waitFor();
    await page.screenshot({ path: '/tmp/golive-disabled-open.png' });
    expect(describeViolations(await axeViolations(page))).toBe('');
    expect(await visitors()).toBe(0);

    // Closing the panel takes the launcher away; the next page does not show it either.
    await page.getByRole('button', { name: 'Close chat' }).first().click();
    await widget.launcher(page).waitFor({ state: 'hidden' });
    await page.reload();
    await page.locator('chat-widget').waitFor({ state: 'attached' });
    // The app re-checks when idle and finds the site still off: the launcher stays hidden.
    await page.waitForTimeout(1_500);
    expect(await widget.launcher(page).isVisible()).toBe(false);
    await page.screenshot({ path: '/tmp/golive-disabled-hidden.png' });
    expect(await visitors()).toBe(0);

    await updateSite(env.chat.store, site.id, { disabled: false });
    await page.reload();
    await widget.launcher(page).waitFor({ state: 'visible' });
    await widget.launcher(page).click();
    await widget.composer(page).waitFor();
    expect(await visitors()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
