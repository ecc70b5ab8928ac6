import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';

/** Budgets from the issue, gzip bytes (1 KB = 1024 bytes). */
const LOADER_BUDGET = 3 * 1024;
const FIRST_OPEN_BUDGET = 30 * 1024;

/** Builds one production bundle in memory (nothing written to dist) and returns its JS files. */
async function bundle(configFile: string): Promise<Map<string, string>> {
  const result = await build({ configFile, logLevel: 'silent', build: { write: false } });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const files = new Map<string, string>();
  for (const out of outputs) {
    for (const item of out.output) {
      if (item.type === 'chunk') files.set(item.fileName, item.code);
      else if (item.fileName.endsWith('.js') || item.fileName.endsWith('.css')) files.set(item.fileName, String(item.source));
    }
  }
  return files;
}

const gz = (code: string) => gzipSync(code, { level: 9 }).length;

describe('production bundle size', () => {
  it('keeps the loader under 3 KB and loader + chat app under 30 KB (gzip)', async () => {
    const [loader, app] = await Promise.all([bundle('vite.loader.config.ts'), bundle('vite.widget.config.ts')]);
    expect([...loader.keys()]).toEqual(['widget.js']);
    // One file is everything the loader imports on first open: no chunks, no CSS files.
    expect([...app.keys()]).toEqual(['app.js']);

    const loaderCode = loader.get('widget.js') ?? '';
    const appCode = app.get('app.js') ?? '';
    const loaderBytes = gz(loaderCode);
    const firstOpenBytes = loaderBytes + gz(appCode);
    console.info(`widget.js ${loaderBytes} B gzip; widget.js + app.js ${firstOpenBytes} B gzip`);

    expect(loaderBytes).toBeLessThanOrEqual(LOADER_BUDGET);
    expect(firstOpenBytes).toBeLessThanOrEqual(FIRST_OPEN_BUDGET);
    // The loader must stay framework-free: no Preact internals, no zod.
    expect(loaderCode).not.toMatch(/__preactattr_|\$ZodType|zod/);
    expect(appCode).not.toMatch(/\$ZodType|_zod/);
  }, 30_000);
});
