import { LIMITS } from '../../../shared/limits';
import type { VisitorContext } from '../../../shared/protocol/index';
import { guard } from '../../shared/guard';

// The server refuses control characters in context fields; a host page's odd title must not keep its visitors from chatting.
// eslint-disable-next-line no-control-regex
const cut = (s: string, max: number) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, max);

/**
 * The visitor's IANA time zone, or '' when unknown. Costly the first time on a page (the browser
 * loads its time-zone data: tens of ms of the host page's main thread), so it is asked for when idle.
 */
export function visitorTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
  } catch {
    return '';
  }
}

/** Where the visitor is and what they use, trimmed to the protocol's limits; `timeZone` as far as known yet. */
export function collectContext(win: Window = window, timeZone = ''): VisitorContext {
  return {
    url: cut(win.location.href, LIMITS.urlChars),
    title: cut(win.document.title, LIMITS.titleChars),
    referrer: cut(win.document.referrer, LIMITS.urlChars),
    language: cut(win.navigator.language ?? '', 35),
    timeZone: cut(timeZone, 64),
    userAgent: cut(win.navigator.userAgent, 512),
    viewport: { width: Math.round(win.innerWidth), height: Math.round(win.innerHeight) },
  };
}

type HistoryMethod = History['pushState'];

/**
 * Calls `onChange` after every navigation, including single-page-app History API changes, without
 * polling. pushState/replaceState fire no event, so they are wrapped; the returned function
 * restores the originals (unless another script wrapped them after us, in which case ours stays
 * in the chain but goes quiet, so we never undo someone else's wrapper).
 */
export function watchNavigation(win: Window, onChange: () => void): () => void {
  let active = true;
  let timer: ReturnType<typeof setTimeout> | null = null;
  // SPAs usually set document.title just after pushState; wait a moment so we report the new one.
  const changed = guard(() => {
    if (!active) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(guard(() => active && onChange()), 100);
  });

  const history = win.history;
  const wrap = (name: 'pushState' | 'replaceState') => {
    const original: HistoryMethod = history[name];
    const wrapper: HistoryMethod = function (this: History, ...args) {
      const result = original.apply(this, args);
      changed();
      return result;
    };
    history[name] = wrapper;
    return () => {
      if (history[name] === wrapper) history[name] = original;
    };
  };
  const restorePush = wrap('pushState');
  const restoreReplace = wrap('replaceState');
  win.addEventListener('popstate', changed);
  win.addEventListener('hashchange', changed);

  return () => {
    active = false;
    if (timer) clearTimeout(timer);
    restorePush();
    restoreReplace();
    win.removeEventListener('popstate', changed);
    win.removeEventListener('hashchange', changed);
  };
}
