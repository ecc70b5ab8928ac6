import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../support/server';
import { launchBrowser, openPage, snippet, startChatServer, startHostSite, widget, type HostSite } from './support/browser';

let chat: RunningServer;
let browser: Browser;
let site: HostSite;

/** A host stylesheet that tries everything to restyle the widget, and elements named like ours. */
const HOSTILE_CSS = `
  * { color: rgb(255, 0, 0) !important; background: rgb(255, 255, 0) !important; font-family: monospace !important; border-radius: 0 !important; }
  button, textarea { display: none !important; }
  chat-widget { display: none !important; transform: scale(0.1) !important; }
  .launcher, .panel, .bubble, .messages, .composer { display: none !important; visibility: hidden !important; }
`;

function hostPage(chatServer: RunningServer, head = '', attrs: Record<string, string> = {}): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>${head}</head><body>
    <h1>Customer site</h1>
    <div class="panel" id="host-panel">host panel</div><button class="launcher" id="host-launcher">host button</button>
    <p class="sr-only" id="host-sr">host text</p>
    ${snippet(chatServer, attrs)}</body></html>`;
}

beforeAll(async () => {
  chat = await startChatServer();
  browser = await launchBrowser();
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${chat.http}`,
    `connect-src 'self' ${chat.ws}`,
    "style-src 'self'",
    "img-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');
  site = await startHostSite({
    '/hostile': { html: hostPage(chat, `<style>${HOSTILE_CSS}</style>`).replace('<style>', '<style id="hostile">') },
    '/plain': { html: hostPage(chat) },
    '/es': { html: hostPage(chat, '', { locale: 'es' }) },
    '/bare': { html: hostPage(chat).replace(snippet(chat), '') },
    '/queued': {
      html: hostPage(
        chat,
        `<script>window.Chat=window.Chat||function(){var a=arguments;(Chat.q=Chat.q||[]).push(a);return function(){Chat('off',a[1],a[2])}};
          window.opened = 0; Chat('on', 'open', function () { window.opened++; });
          window.closes = 0; window.offClose = Chat('on', 'close', function () { window.closes++; });
          window.said = []; Chat('on', 'message', function (m) { window.said.push(m.text); });
          Chat('identify', { name: 'Ana López', email: 'ana@example.com' }); Chat('open');</script>`,
      ),
    },
    '/csp': {
      html: hostPage(chat, '', { color: '#ffd400', position: 'left' }),
      headers: { 'content-security-policy': csp },
    },
  });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await chat?.close();
});

async function sendAndGetAnswer(page: Page, text: string) {
  await widget.launcher(page).click();
  await widget.composer(page).fill(text);
  await widget.composer(page).press('Enter');
  await page.locator('chat-widget .card').first().waitFor();
}

describe('isolation from the host page (real Chromium)', () => {
  it("the host's CSS cannot hide or restyle the widget", async () => {
    const { page, context, errors } = await openPage(browser, `${site.origin}/hostile`);
    await sendAndGetAnswer(page, 'Do you ship to Canada?');
    const styles = await page.evaluate(() => {
      const root = document.querySelector('chat-widget')!.shadowRoot!;
      const pick = (sel: string) => {
        const cs = getComputedStyle(root.querySelector(sel)!);
        return { display: cs.display, color: cs.color, background: cs.backgroundColor, font: cs.fontFamily };
      };
      return { host: getComputedStyle(document.querySelector('chat-widget')!).transform, launcher: pick('.launcher'), bubble: pick('.msg-visitor .bubble'), panel: pick('.panel') };
    });
    expect(styles.host).toBe('none');
    for (const el of [styles.launcher, styles.bubble, styles.panel]) {
      expect(el.display).not.toBe('none');
      expect(el.color).not.toBe('rgb(255, 0, 0)');
      expect(el.background).not.toBe('rgb(255, 255, 0)');
      expect(el.font).not.toContain('monospace');
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the widget's CSS does not touch the host page, and it adds one global only", async () => {
    const bare = await openPage(browser, `${site.origin}/bare`);
    const globalsWithout = await bare.page.evaluate(() => Object.getOwnPropertyNames(window));
    await bare.context.close();
    const before = await openPage(browser, `${site.origin}/plain`);
    const snapshot = (page: Page) =>
      page.evaluate(() => {
        const cs = (id: string) => {
          const s = getComputedStyle(document.getElementById(id)!);
          return [s.position, s.display, s.backgroundColor, s.color, s.fontFamily, s.width, s.clipPath].join('|');
        };
        return { panel: cs('host-panel'), launcher: cs('host-launcher'), sr: cs('host-sr'), body: getComputedStyle(document.body).fontFamily };
      });
    const stylesBefore = await snapshot(before.page);
    await widget.launcher(before.page).waitFor();
    await sendAndGetAnswer(before.page, 'Do you ship to Canada?');
    expect(await snapshot(before.page)).toEqual(stylesBefore);
    const globalsAfter = await before.page.evaluate(() => Object.getOwnPropertyNames(window));
    expect(globalsAfter.filter((g) => !globalsWithout.includes(g))).toEqual(['Chat']);
    // No <style> or style="" written into the page, and nothing but our host element in the body.
    const injected = await before.page.evaluate(() => ({
      styles: document.querySelectorAll('style, link[rel=stylesheet]').length,
      // Our host's custom properties set through CSSOM show up as its style attribute; nothing else is touched.
      styled: [...document.querySelectorAll('[style]')].map((e) => e.tagName.toLowerCase()),
      hosts: document.querySelectorAll('body > chat-widget').length,
    }));
    expect(injected).toEqual({ styles: 0, styled: ['chat-widget'], hosts: 1 });
    expect(before.errors).toEqual([]);
    await before.context.close();
  });

  it('works under a strict Content-Security-Policy with no unsafe-inline or unsafe-eval', async () => {
    const { page, context, errors } = await openPage(browser, `${site.origin}/csp`);
    await page.evaluate(() => {
      (window as unknown as { violations: string[] }).violations = [];
      document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { violations: string[] }).violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await sendAndGetAnswer(page, 'Do you ship to Canada?');
    await page.getByRole('button', { name: 'Yes, that helped' }).click();
    await page.getByText('Thanks for letting us know.').waitFor();
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    // The snippet's colour is applied (through CSSOM, which CSP allows), with dark text for contrast.
    const look = await page.evaluate(() => {
      const host = document.querySelector('chat-widget') as HTMLElement;
      const button = host.shadowRoot!.querySelector('.launcher')!;
      const cs = getComputedStyle(button);
      return { background: cs.backgroundColor, color: cs.color, left: button.getBoundingClientRect().left };
    });
    expect(look).toMatchObject({ background: 'rgb(255, 212, 0)', color: 'rgb(0, 0, 0)' });
    expect(look.left).toBeLessThan(100);
    expect(errors).toEqual([]);
    // The policy really is enforced on this page: an inline style is refused.
    const inlineApplied = await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'h1 { color: rgb(1, 2, 3) }';
      document.head.append(style);
      return getComputedStyle(document.querySelector('h1')!).color === 'rgb(1, 2, 3)';
    });
    expect(inlineApplied).toBe(false);
    await context.close();
  });

  it('runs the calls a page queued before the loader arrived', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const sent: string[] = [];
    page.on('websocket', (ws) => ws.on('framesent', (f) => sent.push(String(f.payload))));
    await page.goto(`${site.origin}/queued`);
    await widget.composer(page).waitFor();
    expect(await page.evaluate(() => (window as unknown as { opened: number }).opened)).toBe(1);
    await expect.poll(() => sent.map((f) => JSON.parse(f) as { type: string; identity?: unknown }).find((f) => f.type === 'visitor.identify')?.identity).toEqual({
      name: 'Ana López',
      email: 'ana@example.com',
    });
    // `on` through the stub returned an unsubscribe function, which still works now that the loader is here.
    expect(await page.evaluate(() => typeof (window as unknown as { offClose: unknown }).offClose)).toBe('function');
    await page.getByRole('button', { name: 'Close chat' }).first().click();
    await widget.launcher(page).click();
    await page.getByRole('button', { name: 'Close chat' }).first().click();
    expect(await page.evaluate(() => (window as unknown as { closes: number }).closes)).toBe(2);
    await page.evaluate(() => (window as unknown as { offClose: () => void }).offClose());
    await widget.launcher(page).click();
    await page.getByRole('button', { name: 'Close chat' }).first().click();
    expect(await page.evaluate(() => (window as unknown as { closes: number }).closes)).toBe(2);
    await context.close();
  });

  it("tells the host page's message listener what the visitor saw, in the widget's language", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.origin}/es`);
    await page.evaluate(() => {
      const w = window as unknown as { said: string[]; Chat: (...a: unknown[]) => unknown };
      w.said = [];
      const off = w.Chat('on', 'message', (m: { text: string }) => w.said.push(m.text));
      if (typeof off !== 'function') throw new Error('on() must return an unsubscribe function');
    });
    await widget.launcher(page).click();
    await page.getByRole('textbox', { name: 'Tu mensaje' }).fill('Quiero hablar con una persona');
    await page.getByRole('textbox', { name: 'Tu mensaje' }).press('Enter');
    await page.locator('chat-widget .msg-bot').nth(1).waitFor();
    const shown = (await page.locator('chat-widget .msg-bot .bubble').nth(1).textContent()) ?? '';
    await expect.poll(() => page.evaluate(() => (window as unknown as { said: string[] }).said)).toContain(shown);
    await context.close();
  });

  it('is full-screen on a phone and follows the dark colour scheme', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 740 }, colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(`${site.origin}/plain`);
    await widget.launcher(page).click();
    await widget.composer(page).waitFor();
    const box = await widget.panel(page).boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 390, height: 740 });
    const background = await widget.panel(page).evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).toBe('rgb(29, 30, 33)');
    await context.close();
  });
});
