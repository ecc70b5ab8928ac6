import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends';
import { startServer, type RunningServer } from '../support/server';
import { buildWidget, launchBrowser, snippet, startHostSite, type HostSite } from './support/browser';
import { mainThreadCpu, type TraceEvent } from './support/trace';

/** Issue #15's budget: host-page main-thread CPU from the click on the launcher to a usable chat. */
const FIRST_OPEN_BUDGET_MS = 40;
/**
 * NOT the budget: the budget is not met yet (measured 71-83 ms on a quiet machine, 2 cores; #15 stays
 * open). Until it is, this ceiling catches the first open getting dearer than today plus headroom for a
 * loaded CI machine; the test prints how far the figure is from FIRST_OPEN_BUDGET_MS on every run.
 */
const REGRESSION_CEILING_MS = 120;
const RUNS = 5;

const HOST = `<!doctype html><html lang="en"><head><title>Shop</title></head><body><h1>Shop</h1>`;

/**
 * In the page: marks the click (capture phase, before the launcher's own handler) and the moment the
 * chat is usable: panel shown, composer focused, connected (the panel drops aria-busy after the welcome).
 * A MutationObserver, not polling, so the measurement itself adds next to nothing to the main thread.
 */
const MARKER = `<script>
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
const BLANK = `${HOST}<button type="button">Hi</button><script>
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

/**
 * Resolves when the page records the `open-ready` mark. An observer, not `page.waitForFunction`: that polls on
 * every animation frame, and its callbacks (and the frames it keeps requesting) ran on the very main thread being
 * measured, about 0.8 ms per frame, so a slow download showed up as widget CPU.
 */
const untilReady = () =>
  new Promise<void>((resolve) => {
    if (performance.getEntriesByName('open-ready').length > 0) return resolve();
    new PerformanceObserver((list, observer) => {
      if (list.getEntriesByName('open-ready').length === 0) return;
      observer.disconnect();
      resolve();
    }).observe({ type: 'mark' });
  });

async function traced(browser: Browser, url: string, selector: string): Promise<{ cpuMs: number; wallMs: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  await page.locator(selector).waitFor();
  await browser.startTracing(page, { categories: CATEGORIES });
  await mouseClick(page, selector);
  await Promise.race([page.evaluate(untilReady), new Promise((_, reject) => setTimeout(() => reject(new Error('no open-ready mark within 20 s')), 20_000))]).catch(async (e: unknown) => {
    await browser.stopTracing();
    throw new Error(`never ready: ${await page.evaluate(() => document.querySelector('chat-widget')?.shadowRoot?.innerHTML.slice(0, 600))}`, { cause: e });
  });
  const raw = await browser.stopTracing();
  // FIRST_OPEN_TRACE=/tmp/open.json keeps the last trace, to open in DevTools' Performance panel when profiling.
  if (process.env.FIRST_OPEN_TRACE) writeFileSync(process.env.FIRST_OPEN_TRACE, raw);
  const trace = JSON.parse(raw.toString('utf8')) as { traceEvents: TraceEvent[] };
  await context.close();
  return mainThreadCpu(trace.traceEvents, 'open-click', 'open-ready');
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'toplevel'];
// FIRST_OPEN_PROFILE=1 adds V8's sampling profiler, for scripts/first-open-trace.ts's per-function view; it costs
// CPU itself, so figures recorded with it are for finding where the time goes, not for the budget.
if (process.env.FIRST_OPEN_PROFILE) CATEGORIES.push('disabled-by-default-v8.cpu_profiler');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('first open: host-page main-thread CPU (real server, real Chromium, CDP trace)', () => {
  let chat: RunningServer;
  let browser: Browser;
  let site: HostSite;

  beforeAll(async () => {
    // What visitors get: a production build (vitest's NODE_ENV=test would build development code paths).
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await buildWidget();
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    chat = await startServer(backends()[0]!);
    browser = await launchBrowser();
    site = await startHostSite({ '/': { html: `${HOST}${MARKER}${snippet(chat)}</body></html>` }, '/blank': { html: BLANK } });
  }, 300_000);
  afterAll(async () => {
    await site?.close();
    await browser?.close();
    await chat?.close();
  });

  it(`stays under ${REGRESSION_CEILING_MS} ms of main-thread CPU from click to a usable chat (budget ${FIRST_OPEN_BUDGET_MS} ms, not met yet)`, { timeout: 180_000 }, async () => {
    const open: { cpuMs: number; wallMs: number }[] = [];
    const blank: { cpuMs: number; wallMs: number }[] = [];
    // Interleaved, each in a fresh profile (nothing cached, as for a new visitor), so both see the same load.
    for (let i = 0; i < RUNS; i++) {
      blank.push(await traced(browser, `${site.origin}/blank`, 'button'));
      open.push(await traced(browser, `${site.origin}/`, 'chat-widget button.launcher'));
    }
    const openCpu = median(open.map((r) => r.cpuMs));
    const blankCpu = median(blank.map((r) => r.cpuMs));
    console.info(
      `first open: main-thread CPU median ${openCpu.toFixed(1)} ms (runs ${open.map((r) => r.cpuMs.toFixed(1)).join(', ')}), ` +
        `click to ready ${median(open.map((r) => r.wallMs)).toFixed(0)} ms wall; blank page click ${blankCpu.toFixed(1)} ms CPU; ` +
        `ratio ${(openCpu / Math.max(blankCpu, 0.1)).toFixed(1)}x; budget ${FIRST_OPEN_BUDGET_MS} ms ${openCpu <= FIRST_OPEN_BUDGET_MS ? 'met' : 'NOT met'}`,
    );
    // The click itself (input handling, one frame) is the browser's, not ours: counted against the budget anyway.
    expect(openCpu).toBeLessThanOrEqual(REGRESSION_CEILING_MS);
  });
});
