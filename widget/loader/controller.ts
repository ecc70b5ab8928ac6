import { guard, report } from '../shared/guard';
import { storageKey } from '../shared/safe-storage';
import type { ChatEventName, ChatMessageEvent, IdentityInput, LauncherLook, MountFn, SnippetConfig, WidgetApp } from '../shared/types';
import type { Launcher, LauncherState } from './launcher';

export interface ControllerDeps {
  config: SnippetConfig;
  appUrl: string;
  socketUrl: string;
  launcher: Launcher;
  /** Raw localStorage access; the app owns the full storage wrapper. */
  storage: { get(key: string): string | null; remove(key: string): void };
  importApp: (url: string) => Promise<unknown>;
  /** Tells the server to revoke a visitor token (navigator.sendBeacon: survives the page unloading). */
  revokeToken: (token: string) => void;
  /** Runs work when the browser is idle (requestIdleCallback, or a timeout where missing). */
  whenIdle: (fn: () => void) => void;
}

type Listener = (detail?: ChatMessageEvent) => void;

export interface Controller {
  /** `window.Chat(command, ...args)`; unknown commands are ignored with a console warning. */
  command(name: unknown, ...args: unknown[]): unknown;
  /** Resumes a conversation from a previous page, or prepares the app when idle unless the snippet says not to. */
  start(): void;
}

/**
 * Owns the launcher and the lazy app: the app is imported on first open (or when idle, when
 * preloading or resuming), and `window.Chat` commands are forwarded to it once it is mounted.
 */
export function createController(deps: ControllerDeps): Controller {
  const { config, launcher, storage } = deps;
  const listeners = new Map<ChatEventName, Set<Listener>>();
  let identity: IdentityInput | null = null;
  let app: WidgetApp | null = null;
  let mounting: Promise<WidgetApp> | null = null;
  const state: LauncherState = { open: false, unread: 0, busy: false, look: cachedLook() };

  /** A stored JSON object of ours; `{}` when missing or unreadable (storage blocked, another script's value). */
  function stored(key: string): Record<string, unknown> {
    try {
      return (JSON.parse(storage.get(key)!) as Record<string, unknown> | null) ?? {};
    } catch {
      return {};
    }
  }

  function cachedLook(): LauncherLook {
    const cached = stored(storageKey.look(config.site)) as Partial<LauncherLook>;
    return {
      color: config.color ?? cached.color ?? null,
      position: config.position ?? cached.position ?? null,
      launcherLabel: config.launcherLabel ?? cached.launcherLabel ?? null,
      locale: config.locale ?? cached.locale ?? null,
      off: cached.off === true,
    };
  }

  const render = () => launcher.render(state);

  /**
   * Mounts the app (once). `prepare`: the idle-time preparation of a visitor who has not opened the chat yet,
   * so that the first click only shows the panel: drawn but not connected (its first open connects), and
   * without the launcher's busy look.
   */
  function ensureApp(prepare?: true): Promise<WidgetApp> {
    if (app) return Promise.resolve(app);
    if (!mounting) {
      state.busy = !prepare;
      render();
      // A failed download (offline, blocked) leaves `mounting` empty again: the next click tries again.
      mounting = deps
        .importApp(deps.appUrl)
        .then((m) => {
          const mount = (m as { mount?: unknown } | null)?.mount;
          if (typeof mount !== 'function') throw new Error('no mount');
          const mounted = (mount as MountFn)({
            root: launcher.root,
            config,
            socketUrl: deps.socketUrl,
            launcher: launcher.button,
            emit,
            prepare,
            updateLauncher(next) {
              state.open = next.open;
              state.unread = next.unread;
              state.look = next.look;
              render();
            },
          });
          app = mounted;
          if (identity) mounted.identify(identity);
          return mounted;
        })
        .finally(() => {
          mounting = null;
          state.busy = false;
          render();
        });
    }
    return mounting;
  }

  function withApp(fn: (a: WidgetApp) => void): void {
    ensureApp().then(guard(fn), report);
  }

  function emit(event: ChatEventName, detail?: ChatMessageEvent): void {
    for (const fn of listeners.get(event) ?? []) guard(fn)(detail);
  }

  function on(event: unknown, fn: unknown): () => void {
    // Unknown event names are accepted and simply never fire: cheaper than a check in the loader.
    if (typeof fn === 'function') listeners.set(event as ChatEventName, (listeners.get(event as ChatEventName) ?? new Set<Listener>()).add(fn as Listener));
    return () => off(event, fn);
  }

  /** `Chat('off', event, fn)`: also what the documented stub's unsubscribe calls once the loader is here. */
  function off(event: unknown, fn: unknown): void {
    listeners.get(event as ChatEventName)?.delete(fn as Listener);
  }

  function shutdown(): void {
    // Logging out must end the visitor's access on the server too, not only forget it here.
    const { token } = stored(storageKey.state(config.site));
    // The server checks what it gets; a stored value that is not a token is simply refused there.
    if (typeof token === 'string' && token) deps.revokeToken(token);
    identity = null;
    app?.shutdown();
    app = null;
    storage.remove(storageKey.state(config.site));
    storage.remove(storageKey.look(config.site));
    Object.assign(state, { open: false, unread: 0, look: cachedLook() });
    render();
  }

  const commands: Record<string, (...args: unknown[]) => unknown> = {
    open: () => withApp((a) => a.open()),
    close: () => app?.close(),
    toggle: () => (app ? app.toggle() : withApp((a) => a.open())),
    identify: (input) => {
      if (typeof input !== 'object' || input === null) return;
      identity = { ...identity, ...(input as IdentityInput) };
      app?.identify(identity);
    },
    on,
    off,
    shutdown,
  };

  launcher.button.addEventListener('click', guard(() => commands.toggle?.()));
  render();

  return {
    command(name, ...args) {
      try {
        const fn = typeof name === 'string' ? commands[name] : undefined;
        if (!fn) {
          report(new Error(`Chat ${String(name)}?`));
          return undefined;
        }
        return fn(...args);
      } catch (error) {
        report(error);
        return undefined;
      }
    },
    start() {
      const saved = stored(storageKey.state(config.site));
      if (saved.open === true) withApp((a) => a.open());
      // An ongoing conversation reconnects in the background so agent replies raise the badge.
      else if (typeof saved.conversationId === 'string') deps.whenIdle(() => withApp(() => undefined));
      // Switched off when last seen: stay hidden, and ask again (the app connects) to learn when it is back on.
      else if (state.look.off) deps.whenIdle(() => withApp(() => undefined));
      else if (config.preload === 'idle') deps.whenIdle(() => void ensureApp(true).catch(report));
    },
  };
}
