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

/** What makes a page update worth sending: a new page, or the time zone learned since. */
const contextKey = (c: VisitorContext) => `${c.url}\n${c.title}\n${c.timeZone}`;

export interface PageReport {
  /** The context a hello carries, which the server then knows. */
  forHello(): VisitorContext;
  /** Hands the context to `write` if it changed since the server last got it; `write` says whether it went out. */
  update(write: (context: VisitorContext) => boolean): void;
  /** Learns the time zone when the browser is idle (not on the first open's path), then calls `learned`. */
  learnTimeZone(learned: () => void): void;
}

/**
 * The visitor's page as the server last heard of it: the hello carries it, and a `visitor.page` follows only when
 * it changed (a navigation, or the time zone learned when idle after the first welcome). A closure, not a class:
 * its names then shrink in the bundle.
 */
export function pageReport(win: Window): PageReport {
  let last = '';
  // Learned when idle after the first welcome, then sent with a page update (see `visitorTimeZone`).
  let timeZone = '';
  return {
    forHello() {
      const context = collectContext(win, timeZone);
      last = contextKey(context);
      return context;
    },
    update(write) {
      const context = collectContext(win, timeZone);
      const key = contextKey(context);
      if (key !== last && write(context)) last = key;
    },
    learnTimeZone(learned) {
      if (timeZone) return;
      const idle = win.requestIdleCallback?.bind(win) ?? ((fn: () => void) => setTimeout(fn, 0));
      idle(
        guard(() => {
          timeZone = visitorTimeZone();
          learned();
        }),
      );
    },
  };
}
