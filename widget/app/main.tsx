import { render } from 'preact';
import { guard } from '../shared/guard';
import { openStorage, storageKey } from '../shared/safe-storage';
import type { IdentityInput, LauncherLook, MountFn, WidgetApp, WidgetHost } from '../shared/types';
import { eventText, stringsFor } from './i18n/translate';
import { ChatStore } from './model/store';
import type { ChatState } from './model/state';
import { App, localeOf } from './ui/App';
import { ErrorBoundary } from './ui/ErrorBoundary';
import css from './ui/styles/panel.css?inline';

/** Snippet attributes win over the site's server-side settings. */
function lookOf(host: WidgetHost, s: ChatState): LauncherLook {
  const c = host.config;
  return {
    color: c.color ?? s.site?.color ?? null,
    position: c.position ?? s.site?.position ?? null,
    launcherLabel: c.launcherLabel ?? s.site?.launcherLabel ?? null,
    locale: localeOf(c, s),
  };
}

/**
 * Parsed when the module is evaluated, which the loader's idle-time prefetch does before the first click:
 * the click then only adopts it. Constructed in this document, which is the shadow root's.
 */
const sheet = new CSSStyleSheet();
sheet.replaceSync(css);

/**
 * Entry point the loader calls after importing this module. Renders the panel into the loader's
 * shadow root and returns the commands `window.Chat` forwards.
 */
export const mount: MountFn = (host) => {
  const doc = host.root.ownerDocument;
  host.root.adoptedStyleSheets = [...host.root.adoptedStyleSheets, sheet];
  const container = doc.createElement('div');
  host.root.append(container);
  const storage = openStorage();

  let store!: ChatStore;
  let unsubscribe = () => {};
  let lastLook = '';

  const syncLauncher = guard(() => {
    const s = store.getState();
    const off = s.stopReason === 'disabled';
    host.updateLauncher({ open: s.open, unread: s.unread, look: { ...lookOf(host, s), off } });
    // The site's own settings are cached so the next page's launcher has them before the app loads
    // (the loader puts the snippet attributes over them, as here); so is a site switched off.
    if (!s.site && !off) return;
    const site: LauncherLook = off ? { color: null, position: null, launcherLabel: null, locale: null, off } : { color: s.site!.color, position: s.site!.position, launcherLabel: s.site!.launcherLabel, locale: s.site!.locale };
    const encoded = JSON.stringify(site);
    if (encoded !== lastLook) {
      lastLook = encoded;
      storage.set(storageKey.look(host.config.site), encoded);
    }
  });

  // A prepared app (mounted when idle, not yet opened) has not connected: what `Chat('identify')` gives it
  // waits for the first open, since writing it into this tab's stored state before connecting could overwrite
  // a conversation another tab started meanwhile.
  let connected = host.prepare !== true;
  let pendingIdentity: IdentityInput | null = null;

  const close = () => {
    // `Chat('close')` on a closed chat must not move the page's focus to the launcher.
    if (!store.getState().open) return;
    store.setOpen(false);
    // After the launcher is visible again (it hides behind the full-screen panel on phones).
    host.launcher.focus();
  };

  const draw = () =>
    render(
      <ErrorBoundary>
        <App store={store} config={host.config} onClose={guard(close)} onOpen={guard(() => app.open())} />
      </ErrorBoundary>,
      container,
    );

  const createStore = () => {
    store = new ChatStore({
      site: host.config.site,
      socketUrl: host.socketUrl,
      storage,
      locale: host.config.locale ?? navigator.language,
      describe: (m) => eventText(m, stringsFor(localeOf(host.config, store.getState()))),
      onEvent: host.emit,
      // Another tab logged the visitor out: become a fresh visitor here too, without reconnecting yet.
      onRemoteShutdown: guard(() => {
        store.destroy();
        createStore();
        syncLauncher();
        draw();
      }),
    });
    unsubscribe = store.subscribe(syncLauncher);
  };

  createStore();
  if (connected) store.start();
  draw();
  syncLauncher();

  const app: WidgetApp = {
    open: guard(() => {
      connected = true;
      store.start();
      if (pendingIdentity) store.identify(pendingIdentity);
      pendingIdentity = null;
      store.setOpen(true);
    }),
    close: guard(close),
    toggle: guard(() => (store.getState().open ? close() : app.open())),
    identify: guard((identity: IdentityInput) => {
      if (connected) store.identify(identity);
      else pendingIdentity = { ...pendingIdentity, ...identity };
    }),
    shutdown: guard(() => {
      unsubscribe();
      store.shutdown();
      render(null, container);
      container.remove();
      host.root.adoptedStyleSheets = host.root.adoptedStyleSheets.filter((s) => s !== sheet);
      storage.remove(storageKey.look(host.config.site));
      host.updateLauncher({ open: false, unread: 0, look: lookOf(host, store.getState()) });
    }),
  };
  return app;
};
