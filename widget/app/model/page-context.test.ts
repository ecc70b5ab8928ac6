// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VisitorContext } from '../../../shared/protocol/index';
import { collectContext, visitorTimeZone, watchNavigation } from './page-context';

afterEach(() => vi.useRealTimers());

describe('collectContext', () => {
  it('reports the page, language, time zone and viewport, trimmed to the protocol limits', () => {
    document.title = 'x'.repeat(400);
    const c = collectContext(window, visitorTimeZone());
    expect(c.url).toBe(window.location.href);
    expect(c.title).toHaveLength(300);
    expect(c.language).toBe(navigator.language);
    expect(c.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(c.viewport).toEqual({ width: window.innerWidth, height: window.innerHeight });
  });

  it('turns control characters in a host page title into spaces, so the server accepts the hello', () => {
    document.title = 'Shop\u0000home\u001b';
    const c = collectContext(window);
    expect(c.title).toBe(document.title.replace(/[\u0000-\u001f]/g, ' '));
    expect(VisitorContext.safeParse(c).success).toBe(true);
  });
});

describe('watchNavigation', () => {
  it('notices pushState, replaceState and back navigation, with the title set after the push', () => {
    vi.useFakeTimers();
    const seen: string[] = [];
    const stop = watchNavigation(window, () => seen.push(`${location.pathname} ${document.title}`));
    history.pushState({}, '', '/pricing');
    document.title = 'Pricing';
    vi.advanceTimersByTime(150);
    history.replaceState({}, '', '/pricing?plan=pro');
    vi.advanceTimersByTime(150);
    window.dispatchEvent(new PopStateEvent('popstate'));
    vi.advanceTimersByTime(150);
    expect(seen).toEqual(['/pricing Pricing', '/pricing Pricing', '/pricing Pricing']);
    stop();
  });

  it('gives the page back its own History methods on shutdown', () => {
    const push = history.pushState;
    const replace = history.replaceState;
    const stop = watchNavigation(window, () => undefined);
    expect(history.pushState).not.toBe(push);
    stop();
    expect(history.pushState).toBe(push);
    expect(history.replaceState).toBe(replace);
  });

  it('does not undo a wrapper another script installed after ours, and stays quiet once stopped', () => {
    vi.useFakeTimers();
    const calls = vi.fn();
    const stop = watchNavigation(window, calls);
    const ours = history.pushState;
    const theirs: History['pushState'] = function (this: History, ...args) {
      return ours.apply(this, args);
    };
    history.pushState = theirs;
    stop();
    expect(history.pushState).toBe(theirs);
    history.pushState({}, '', '/after');
    vi.advanceTimersByTime(150);
    expect(calls).not.toHaveBeenCalled();
  });
});
