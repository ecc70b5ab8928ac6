import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { mainThreadCpu, type TraceEvent } from './trace';

/**
 * The first-open measurement shared by tests/e2e/first-open-cpu.test.ts and scripts/first-open-ab.ts: a host
 * page whose script marks the click on the launcher and the moment the chat is usable, a blank page with a
 * plain button as the floor, and a CDP-traced click on either.
 */
export const HOST = `<!doctype html><html lang="en"><head><title>Shop</title></head><body><h1>Shop</h1>`;

/**
 * In the page: marks the click (capture phase, before the launcher's own handler) and the moment the
 * chat is usable: panel shown, composer focused, connected (the panel drops aria-busy after the welcome).
 * A MutationObserver, not polling, so the measurement itself adds next to nothing to the main thread.
 */
export const MARKER = `<script>
  addEventListener('click', () => {
    performance.mark('open-click');
    const root = document.querySelector('chat-widget').shadowRoot;
    const ready = () => {
      const panel = root.querySelector('.panel');
      return panel && !panel.hidden && panel.getAttribute('aria-busy') === 'false' && root.activeElement && root.activeElement.tagName === 'TEXTAREA';
    };
    const obs = new MutationObserver(() => {
      if (!ready()) return;
      obs.disconnect();
      performance.mark('open-ready');
    });
    obs.observe(root, { subtree: true, childList: true, attributes: true });
  }, { capture: true, once: true });
</script>`;

/** The same click on a page with only a plain button: the floor the browser itself costs for a click. */
export const BLANK = `${HOST}<button type="button">Hi</button><script>
  document.querySelector('button').addEventListener('click', () => { performance.mark('open-click'); requestAnimationFrame(() => setTimeout(() => performance.mark('open-ready'))); });
</script></body></html>`;

/**
 * A real mouse click at the element's centre, sent through CDP: Playwright's `locator.click()` would
 * first run its own actionability checks inside the page, on the very main thread being measured.
 */
async function mouseClick(page: Page, selector: string): Promise<void> {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'toplevel'];
// FIRST_OPEN_PROFILE=1 adds V8's sampling profiler, for scripts/first-open-trace.ts's per-function view; it costs
// CPU itself, so figures recorded with it are for finding where the time goes, not for the budget.
if (process.env.FIRST_OPEN_PROFILE) CATEGORIES.push('disabled-by-default-v8.cpu_profiler', 'disabled-by-default-v8.cpu_profiler.hires');

/**
 * Resolves when the page records the mark `name`. An observer, not `page.waitForFunction`: that polls on
 * every animation frame, and its callbacks (and the frames it keeps requesting) ran on the very main thread being
 * measured, about 0.8 ms per frame, so a slow download showed up as widget CPU.
 */
const untilMark = (name: string) =>
  new Promise<void>((resolve) => {
    if (performance.getEntriesByName(name).length > 0) return resolve();
    new PerformanceObserver((list, observer) => {
      if (list.getEntriesByName(name).length === 0) return;
      observer.disconnect();
      resolve();
    }).observe({ type: 'mark' });
  });

let traceCount = 0;

export async function traced(browser: Browser, url: string, selector: string): Promise<{ cpuMs: number; wallMs: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  await page.locator(selector).waitFor();
  await browser.startTracing(page, { categories: CATEGORIES });
  await mouseClick(page, selector);
  await Promise.race([page.evaluate(untilMark, 'open-ready'), new Promise((_, reject) => setTimeout(() => reject(new Error('no open-ready mark within 20 s')), 20_000))]).catch(async (e: unknown) => {
    await browser.stopTracing();
    throw new Error(`never ready: ${await page.evaluate(() => document.querySelector('chat-widget')?.shadowRoot?.innerHTML.slice(0, 600))}`, { cause: e });
  });
  const raw = await browser.stopTracing();
  // FIRST_OPEN_TRACE=/tmp/open.json keeps the last trace, to open in DevTools' Performance panel when profiling;
  // FIRST_OPEN_TRACE_ALL=/tmp/t keeps every one (/tmp/t-1-unprepared.json, /tmp/t-2-blank.json, …), to see what an outlier did.
  if (process.env.FIRST_OPEN_TRACE) writeFileSync(process.env.FIRST_OPEN_TRACE, raw);
  if (process.env.FIRST_OPEN_TRACE_ALL) writeFileSync(`${process.env.FIRST_OPEN_TRACE_ALL}-${++traceCount}-${new URL(url).pathname.slice(1) || 'open'}.json`, raw);
  const trace = JSON.parse(raw.toString('utf8')) as { traceEvents: TraceEvent[] };
  await context.close();
  return mainThreadCpu(trace.traceEvents, 'open-click', 'open-ready');
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;


/**
 * What a page costs its main thread from the first script to 3 s after `load` (idle-time work included), for a
 * visitor who never opens the chat: compare a page with the snippet against the same page without it.
 */
export async function pageLoadCpu(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  await context.addInitScript(() => {
    performance.mark('page-start');
    addEventListener('load', () => setTimeout(() => performance.mark('page-settled'), 3000));
  });
  const page = await context.newPage();
  await browser.startTracing(page, { categories: CATEGORIES });
  await page.goto(url);
  await page.evaluate(untilMark, 'page-settled');
  const raw = await browser.stopTracing();
  await context.close();
  return mainThreadCpu((JSON.parse(raw.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents, 'page-start', 'page-settled').cpuMs;
}
