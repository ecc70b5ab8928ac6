// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { endpoints, readConfig } from './config';

function tag(attrs: Record<string, string>): HTMLScriptElement {
  const s = document.createElement('script');
  for (const [k, v] of Object.entries(attrs)) s.setAttribute(k, v);
  return s;
}

describe('readConfig', () => {
  it('reads every documented data attribute', () => {
    const c = readConfig(tag({ 'data-site': 'demo', 'data-color': '#ff0000', 'data-position': 'left', 'data-greeting': 'Hi!', 'data-locale': 'es', 'data-launcher-label': 'Help', 'data-preload': 'idle' }));
    expect(c).toEqual({ site: 'demo', color: '#ff0000', position: 'left', greeting: 'Hi!', locale: 'es', launcherLabel: 'Help', preload: 'idle' });
  });

  it('leaves unset or invalid options null so the site settings apply', () => {
    expect(readConfig(tag({ 'data-site': 'demo', 'data-position': 'top' }))).toMatchObject({ position: null, color: null, preload: 'idle' });
    expect(readConfig(tag({ 'data-site': 'demo', 'data-preload': 'none' }))).toMatchObject({ preload: 'none' });
  });

  it('refuses a tag without a site key', () => {
    expect(readConfig(tag({}))).toBeNull();
  });
});

describe('endpoints', () => {
  it('puts the app and the socket next to the loader, with ws for http and wss for https', () => {
    expect(endpoints('http://localhost:3000/widget.js', 'demo', 'app-Ab12.js')).toEqual({ app: 'http://localhost:3000/widget/app-Ab12.js', socket: 'ws://localhost:3000/ws/visitor?site=demo' });
    expect(endpoints('https://chat.example.com/widget.js?v=2', 'a b', 'app-Ab12.js').socket).toBe('wss://chat.example.com/ws/visitor?site=a%20b');
  });
});
