/**
 * Compares the first open of two widget builds in one run, interleaved, so that both see the same machine
 * load: on a shared machine a change of a few ms is lost in the run-to-run noise of separate test runs.
 * Also measures what each build costs a page that never opens the chat (navigation to 3 s after `load`,
 * idle-time work included), against the same page without the widget.
 *
 *   npx vite build -c vite.widget.config.ts --outDir /tmp/a/widget && npx vite build -c vite.loader.config.ts --outDir /tmp/a/widget
 *   (the same for /tmp/b after the change), then: npx tsx scripts/first-open-ab.ts /tmp/a /tmp/b [runs]
 */
import { createBot } from '../server/bot/index';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { openStore } from '../server/store/open';
import { DEMO_KB } from '../tests/support/server';
import { launchBrowser, startHostSite } from '../tests/e2e/support/browser';
import { BLANK, HOST, MARKER, median, pageLoadCpu, traced } from '../tests/e2e/support/first-open';

async function serve(distDir: string): Promise<{ origin: string; close(): Promise<void> }> {
  const store = await openStore({ databaseUrl: null, dataDir: null });
  const bot = await createBot({ kbDir: DEMO_KB, watch: false, log: () => {} });
  const app = await buildApp({ ...loadConfig({ LOG_LEVEL: 'warn' }), demo: true }, { store, bot, logger: false, distDir });
  const origin = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    origin,
    close: async () => {
      await app.close();
      await store.close();
      bot.close();
    },
  };
}

const tag = (origin: string) => `<script src="${origin}/widget.js" data-site="demo" async></script>`;
const fmt = (xs: number[]) => `median ${median(xs).toFixed(1)} ms (${xs.map((x) => x.toFixed(1)).join(', ')})`;

async function main(dirA: string, dirB: string, runs: number): Promise<void> {
  const [a, b] = [await serve(dirA), await serve(dirB)];
  const site = await startHostSite({
    '/a': { html: `${HOST}${MARKER}${tag(a.origin)}</body></html>` },
    '/b': { html: `${HOST}${MARKER}${tag(b.origin)}</body></html>` },
    '/blank': { html: BLANK },
    '/load-none': { html: `${HOST}</body></html>` },
    '/load-a': { html: `${HOST}${tag(a.origin)}</body></html>` },
    '/load-b': { html: `${HOST}${tag(b.origin)}</body></html>` },
  });
  const browser = await launchBrowser();
  const r: Record<string, number[]> = { blank: [], a: [], b: [], 'load-none': [], 'load-a': [], 'load-b': [] };
  try {
    for (let i = 0; i < runs; i++) {
      r.blank!.push((await traced(browser, `${site.origin}/blank`, 'button')).cpuMs);
      // Alternate which build goes first, so neither always runs right after the blank page.
      for (const k of i % 2 ? ['b', 'a'] : ['a', 'b']) r[k]!.push((await traced(browser, `${site.origin}/${k}`, 'chat-widget button.launcher')).cpuMs);
      for (const k of ['load-none', 'load-a', 'load-b']) r[k]!.push(await pageLoadCpu(browser, `${site.origin}/${k}`));
    }
  } finally {
    await browser.close();
    await site.close();
    await a.close();
    await b.close();
  }
  const diff = r.b!.map((x, i) => x - r.a![i]!);
  console.log(`first open A (${dirA}): ${fmt(r.a!)}`);
  console.log(`first open B (${dirB}): ${fmt(r.b!)}`);
  console.log(`B - A per round: ${fmt(diff)}; blank page click ${fmt(r.blank!)}`);
  for (const k of ['load-none', 'load-a', 'load-b']) console.log(`page load ${k}: ${fmt(r[k]!)}`);
}

const [dirA, dirB, runs] = process.argv.slice(2);
if (!dirA || !dirB) throw new Error('usage: tsx scripts/first-open-ab.ts DIST_A DIST_B [runs]');
await main(dirA, dirB, Number(runs ?? 7));
