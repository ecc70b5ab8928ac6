import appFile from 'virtual:chat-app-file';
import { guard, report } from '../shared/guard';
import { endpoints, findScript, readConfig } from './config';
import { createController } from './controller';
import { createLauncher } from './launcher';

/** The optional stub pages may define before the loader arrives: `Chat.q` holds early calls. */
type ChatGlobal = ((command: unknown, ...args: unknown[]) => unknown) & { q?: ArrayLike<unknown>[]; loaded?: true };

const win = window as unknown as { Chat?: ChatGlobal };

function boot(script: HTMLScriptElement): void {
  const config = readConfig(script);
  if (!config) {
    report(new Error('data-site missing'));
    return;
  }
  const urls = endpoints(script.src, config.site, appFile);
  const queued = win.Chat?.q ?? [];
  const controller = createController({
    config,
    appUrl: urls.app,
    socketUrl: urls.socket,
    launcher: createLauncher(document),
    // Storage may throw (blocked site data); the loader then simply has nothing to resume.
    storage: {
      get: (key) => {
        try {
          return localStorage.getItem(key);
        } catch {
          return null;
        }
      },
      remove: (key) => {
        try {
          localStorage.removeItem(key);
        } catch {
          // Blocked storage holds nothing of ours.
        }
      },
    },
    importApp: (url) => import(/* @vite-ignore */ url),
    revokeToken: (token) => navigator.sendBeacon(new URL('api/visitor/revoke', script.src), token),
    // Safari has no requestIdleCallback; a plain timeout still keeps the work off the page's load path.
    whenIdle: (fn) => (window.requestIdleCallback ?? setTimeout)(guard(fn)),
  });
  const chat: ChatGlobal = (command, ...args) => controller.command(command, ...args);
  chat.loaded = true;
  win.Chat = chat;
  for (const call of queued) controller.command(...(Array.from(call) as [unknown, ...unknown[]]));
  controller.start();
}

try {
  if (!win.Chat?.loaded) {
    const script = findScript(document);
    if (script) {
      const run = guard(() => boot(script));
      if (document.body) run();
      else document.addEventListener('DOMContentLoaded', run, { once: true });
    }
  }
} catch (error) {
  report(error);
}
