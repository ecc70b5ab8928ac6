import type { Position, SnippetConfig } from '../shared/types';

/** Reads the snippet's `data-*` options; null when the tag has no site key (nothing to connect to). */
export function readConfig(script: HTMLScriptElement): SnippetConfig | null {
  const d = script.dataset;
  const site = d.site?.trim();
  if (!site) return null;
  const position: Position | null = d.position === 'left' || d.position === 'right' ? d.position : null;
  return {
    site,
    color: d.color?.trim() || null,
    position,
    greeting: d.greeting?.trim() || null,
    locale: d.locale?.trim() || null,
    launcherLabel: d.launcherLabel?.trim() || null,
    preload: d.preload === 'none' ? 'none' : 'idle',
  };
}

/**
 * Where the app bundle and the socket live: next to the loader, so one script tag is all a site needs.
 * `appFile` is the app's content-hashed file name, fixed when the loader is built.
 */
export function endpoints(loaderSrc: string, site: string, appFile: string): { app: string; socket: string } {
  const socket = new URL(`ws/visitor?site=${encodeURIComponent(site)}`, loaderSrc);
  socket.protocol = socket.protocol === 'https:' ? 'wss:' : 'ws:';
  return { app: new URL(`widget/${appFile}`, loaderSrc).href, socket: socket.href };
}

/** The script tag that loaded us; `currentScript` is null when run from a module or a later tick. */
export function findScript(doc: Document): HTMLScriptElement | null {
  const current = doc.currentScript as HTMLScriptElement | null;
  if (current?.dataset.site) return current;
  return doc.querySelector<HTMLScriptElement>('script[data-site][src*="widget.js"]');
}
