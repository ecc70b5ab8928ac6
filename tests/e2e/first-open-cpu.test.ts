import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends';
import { startServer, type RunningServer } from '../support/server';
import { buildWidget, launchBrowser, snippet, startHostSite, type HostSite } from './support/browser';
import { BLANK, HOST, MARKER, median, traced } from './support/first-open';

/**
 * Issue #15's budget: host-page main-thread CPU from the click on the launcher to a usable chat, median of
 * RUNS. It was 64-99 ms before the app was prepared when idle, 33-42 ms after (docs/BENCHMARK.md, "First
 * open"); since the closed panel stays laid out (its first layout and fonts in the idle-time preparation, not
 * on the click), medians of 23.5-30.4 ms in four runs at load averages of 10-14, so the budget is asserted.
 */
const FIRST_OPEN_BUDGET_MS = 40;
const RUNS = 5;

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
    site = await startHostSite({
      '/': { html: `${HOST}${MARKER}${snippet(chat)}</body></html>` },
      '/unprepared': { html: `${HOST}${MARKER}${snippet(chat, { preload: 'none' })}</body></html>` },
      '/blank': { html: BLANK },
    });
  }, 300_000);
  afterAll(async () => {
    await site?.close();
    await browser?.close();
    await chat?.close();
  });

  it(`costs at most ${FIRST_OPEN_BUDGET_MS} ms of main-thread CPU from click to a usable chat`, { timeout: 180_000 }, async () => {
    const open: { cpuMs: number; wallMs: number }[] = [];
    const blank: { cpuMs: number; wallMs: number }[] = [];
    // For the record, not the budget: a site that turned the idle-time preparation off (data-preload="none")
    // downloads, evaluates and draws the app on the click.
    const unprepared: number[] = [];
    // Interleaved, each in a fresh profile (nothing cached, as for a new visitor), so all see the same load;
    // a prepared open last in each round, so that FIRST_OPEN_TRACE keeps one.
    for (let i = 0; i < RUNS; i++) {
      if (i < 3) unprepared.push((await traced(browser, `${site.origin}/unprepared`, 'chat-widget button.launcher')).cpuMs);
      blank.push(await traced(browser, `${site.origin}/blank`, 'button'));
      open.push(await traced(browser, `${site.origin}/`, 'chat-widget button.launcher'));
    }
    const openCpu = median(open.map((r) => r.cpuMs));
    const blankCpu = median(blank.map((r) => r.cpuMs));
    console.info(
      `first open: main-thread CPU median ${openCpu.toFixed(1)} ms (runs ${open.map((r) => r.cpuMs.toFixed(1)).join(', ')}), ` +
        `click to ready ${median(open.map((r) => r.wallMs)).toFixed(0)} ms wall; blank page click ${blankCpu.toFixed(1)} ms CPU; ` +
        `ratio ${(openCpu / Math.max(blankCpu, 0.1)).toFixed(1)}x; budget ${FIRST_OPEN_BUDGET_MS} ms ${openCpu <= FIRST_OPEN_BUDGET_MS ? 'met' : 'NOT met'}; ` +
        `with data-preload="none" ${median(unprepared).toFixed(1)} ms (${unprepared.map((x) => x.toFixed(1)).join(', ')})`,
    );
    // The click itself (input handling, one frame) is the browser's, not ours: counted against the budget anyway.
    expect(openCpu, `first open costs ${openCpu.toFixed(1)} ms of the host page's main-thread CPU (median of ${RUNS}), over issue #15's ${FIRST_OPEN_BUDGET_MS} ms budget: break a kept trace down with scripts/first-open-trace.ts`).toBeLessThanOrEqual(FIRST_OPEN_BUDGET_MS);
  });
});
