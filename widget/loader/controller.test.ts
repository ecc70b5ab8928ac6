// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { storageKey } from '../shared/safe-storage';
import type { SnippetConfig, WidgetApp, WidgetHost } from '../shared/types';
import { createController } from './controller';
import { createLauncher } from './launcher';

const config: SnippetConfig = { site: 'demo', color: null, position: null, greeting: null, locale: null, launcherLabel: null, preload: 'none' };

beforeEach(() => {
  document.body.innerHTML = '';
  localStorage.clear();
});

function setup(over: Partial<SnippetConfig> = {}) {
  const app: WidgetApp = { open: vi.fn(), close: vi.fn(), toggle: vi.fn(), identify: vi.fn(), shutdown: vi.fn() };
  let host: WidgetHost | null = null;
  const mount = vi.fn((h: WidgetHost) => {
    host = h;
    return app;
  });
  const importApp = vi.fn(async () => ({ mount }));
  const revokeToken = vi.fn();
  const idle: (() => void)[] = [];
  const launcher = createLauncher(document);
  const controller = createController({
    config: { ...config, ...over },
    appUrl: 'http://x/widget/app.js',
    socketUrl: 'ws://x/ws/visitor?site=demo',
    launcher,
    storage: { get: (k) => localStorage.getItem(k), remove: (k) => localStorage.removeItem(k) },
    importApp,
    revokeToken,
    whenIdle: (fn) => idle.push(fn),
  });
  const flush = () => new Promise((r) => setTimeout(r, 0));
  return { app, mount, importApp, revokeToken, idle, launcher, controller, flush, host: () => host };
}

describe('loader controller', () => {
  it('draws an accessible launcher at once and loads nothing until it is used', () => {
    const { importApp, launcher } = setup();
    expect(launcher.button.getAttribute('aria-label')).toBe('Open chat');
    expect(launcher.button.getAttribute('aria-expanded')).toBe('false');
    expect(importApp).not.toHaveBeenCalled();
  });

  it('loads and mounts the app on the first click, then opens it', async () => {
    const { launcher, importApp, app, flush } = setup();
    launcher.button.click();
    expect(launcher.button.getAttribute('aria-busy')).toBe('true');
    await flush();
    expect(importApp).toHaveBeenCalledWith('http://x/widget/app.js');
    expect(app.open).toHaveBeenCalled();
    launcher.button.click();
    expect(app.toggle).toHaveBeenCalled();
    expect(importApp).toHaveBeenCalledTimes(1);
  });

  it('forwards identify() made before the app existed once it mounts', async () => {
    const { controller, app, flush } = setup();
    controller.command('identify', { name: 'Ana', email: 'ana@example.com' });
    controller.command('open');
    await flush();
    expect(app.identify).toHaveBeenCalledWith({ name: 'Ana', email: 'ana@example.com' });
  });

  it('lets the page subscribe to events and unsubscribe', async () => {
    const { controller, flush, host } = setup();
    const seen = vi.fn();
    const off = controller.command('on', 'message', seen) as () => void;
    controller.command('open');
    await flush();
    host()?.emit('message', { author: 'agent', authorName: 'Ana', text: 'Hi' });
    off();
    host()?.emit('message', { author: 'agent', authorName: 'Ana', text: 'again' });
    expect(seen).toHaveBeenCalledTimes(1);
    expect(seen).toHaveBeenCalledWith({ author: 'agent', authorName: 'Ana', text: 'Hi' });
    // `off` (what the stub's unsubscribe calls) removes a listener too.
    const other = vi.fn();
    controller.command('on', 'close', other);
    controller.command('off', 'close', other);
    host()?.emit('close');
    expect(other).not.toHaveBeenCalled();
  });

  it('never lets a throwing page callback or a bad command reach the page', async () => {
    const { controller, flush, host } = setup();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    controller.command('on', 'open', () => {
      throw new Error('page bug');
    });
    expect(() => controller.command('explode')).not.toThrow();
    controller.command('open');
    await flush();
    expect(() => host()?.emit('open')).not.toThrow();
    expect(error).toHaveBeenCalled();
  });

  it('shows unread replies on the launcher badge and in its name', async () => {
    const { controller, flush, host, launcher } = setup();
    controller.command('open');
    await flush();
    host()?.updateLauncher({ open: false, unread: 3, look: { color: '#ffd400', position: 'left', launcherLabel: 'Help', locale: 'es' } });
    // The name starts with the visible label and carries the badge's count (axe label-content-name-mismatch).
    expect(launcher.button.getAttribute('aria-label')).toBe('Help, Abrir chat, 3 sin leer');
    expect(launcher.root.querySelector('.badge')?.textContent).toBe('3');
    expect(launcher.host.dataset.position).toBe('left');
    expect(launcher.host.style.getPropertyValue('--on-accent')).toBe('#000000');
  });

  it('resumes an ongoing conversation in the background, and reopens a chat left open', async () => {
    localStorage.setItem(storageKey.state('demo'), JSON.stringify({ v: 1, conversationId: 'c1', open: false }));
    const resumed = setup();
    resumed.controller.start();
    expect(resumed.importApp).not.toHaveBeenCalled();
    resumed.idle.forEach((fn) => fn());
    await resumed.flush();
    expect(resumed.mount).toHaveBeenCalled();
    expect(resumed.app.open).not.toHaveBeenCalled();

    document.body.innerHTML = '';
    localStorage.setItem(storageKey.state('demo'), JSON.stringify({ v: 1, conversationId: 'c1', open: true }));
    const reopened = setup();
    reopened.controller.start();
    await reopened.flush();
    expect(reopened.app.open).toHaveBeenCalled();
  });

  it('prepares the app when idle (mounted, told not to connect yet, launcher never busy), so the first click only opens it', async () => {
    const { controller, idle, importApp, mount, app, launcher, flush, host } = setup({ preload: 'idle' });
    controller.start();
    expect(importApp).not.toHaveBeenCalled();
    idle.forEach((fn) => fn());
    expect(launcher.button.getAttribute('aria-busy')).toBe('false');
    await flush();
    expect(mount).toHaveBeenCalledTimes(1);
    expect(host()?.prepare).toBe(true);
    expect(app.open).not.toHaveBeenCalled();
    launcher.button.click();
    expect(app.toggle).toHaveBeenCalled();
    expect(importApp).toHaveBeenCalledTimes(1);
  });

  it('mounts a clicked app ready to connect, not prepared, when the snippet turns preparation off', async () => {
    const { controller, idle, launcher, flush, host, app } = setup({ preload: 'none' });
    controller.start();
    expect(idle).toHaveLength(0);
    launcher.button.click();
    await flush();
    expect(host()?.prepare).toBeUndefined();
    expect(app.open).toHaveBeenCalled();
  });

  it('applies the site settings cached from the last visit, with snippet attributes winning', () => {
    localStorage.setItem(storageKey.look('demo'), JSON.stringify({ color: '#000080', position: 'left', launcherLabel: 'Chat', locale: 'de' }));
    const { launcher } = setup({ position: 'right' });
    expect(launcher.host.dataset.position).toBe('right');
    expect(launcher.host.style.getPropertyValue('--accent')).toBe('#000080');
    expect(launcher.button.getAttribute('aria-label')).toBe('Chat, Chat öffnen');
  });

  it('does not show the launcher of a site last seen switched off, and shows it once the app finds it on again', async () => {
    localStorage.setItem(storageKey.look('demo'), JSON.stringify({ off: true }));
    const { controller, launcher, idle, mount, importApp, flush, host } = setup();
    controller.start();
    expect(launcher.host.hidden).toBe(true);
    expect(importApp).not.toHaveBeenCalled();
    idle.forEach((fn) => fn());
    await flush();
    // The app connects on mount; its welcome says the site is on again.
    expect(mount).toHaveBeenCalled();
    host()!.updateLauncher({ open: false, unread: 0, look: { color: null, position: null, launcherLabel: null, locale: null, off: false } });
    expect(launcher.host.hidden).toBe(false);
    // Told off while the panel is open, the launcher stays until the visitor closes it.
    host()!.updateLauncher({ open: true, unread: 0, look: { color: null, position: null, launcherLabel: null, locale: null, off: true } });
    expect(launcher.host.hidden).toBe(false);
    host()!.updateLauncher({ open: false, unread: 0, look: { color: null, position: null, launcherLabel: null, locale: null, off: true } });
    expect(launcher.host.hidden).toBe(true);
  });

  it('shutdown forgets the visitor even if the app never loaded', () => {
    localStorage.setItem(storageKey.state('demo'), '{"v":1,"token":"t"}');
    const { controller, revokeToken } = setup();
    controller.command('shutdown');
    expect(localStorage.getItem(storageKey.state('demo'))).toBeNull();
    // …and asks the server to revoke the token, so a copy of it left anywhere stops working.
    expect(revokeToken).toHaveBeenCalledExactlyOnceWith('t');
  });

  it('shutdown with no visitor yet sends nothing', () => {
    const { controller, revokeToken } = setup();
    controller.command('shutdown');
    expect(revokeToken).not.toHaveBeenCalled();
  });

  it('retries the download after a failed one', async () => {
    const { controller, importApp, app, flush } = setup();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    importApp.mockRejectedValueOnce(new Error('offline'));
    controller.command('open');
    await flush();
    expect(app.open).not.toHaveBeenCalled();
    controller.command('open');
    await flush();
    expect(app.open).toHaveBeenCalled();
  });
});
