import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress } from '../scripts/build/precompress';
import { buildApp } from '../server/app';
import { createBot } from '../server/bot/index';
import { loadConfig } from '../server/config';
import { openStore } from '../server/store/open';
import { DEMO_KB } from '../tests/support/server';

/** Budgets from the issue, gzip bytes on the wire (1 KB = 1024 bytes). */
const LOADER_BUDGET = 3 * 1024;
const FIRST_OPEN_BUDGET = 30 * 1024;

interface Sent {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body exactly as it crossed the wire (still compressed). */
  bytes: number;
  body: Buffer;
}

/** A GET that keeps the body as sent: fetch() would decompress it and hide what the visitor downloads. */
function get(url: string, encoding: string): Promise<Sent> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: body.length, body });
      });
    })
      .on('error', reject)
      .end();
  });
}

describe('what the server sends a visitor (a production build, served by the real server)', () => {
  const dist = mkdtempSync(join(tmpdir(), 'chat-dist-'));
  let app: FastifyInstance;
  let origin = '';
  let close = async () => {};

  beforeAll(async () => {
    // Exactly `npm run build`'s widget steps, into a scratch folder: the app, then the loader, then compression.
    // Vitest sets NODE_ENV=test, which would build development code paths that `npm run build` leaves out.
    const outDir = join(dist, 'widget');
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: 'vite.widget.config.ts', mode: 'production', logLevel: 'silent', build: { outDir } });
      await build({ configFile: 'vite.loader.config.ts', mode: 'production', logLevel: 'silent', build: { outDir } });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    await precompress(outDir, { zopfli: true });
    const store = await openStore({ databaseUrl: null, dataDir: null });
    const bot = await createBot({ kbDir: DEMO_KB, watch: false, log: () => {} });
    app = await buildApp({ ...loadConfig({ LOG_LEVEL: 'warn' }), demo: true }, { store, bot, logger: false, distDir: dist });
    origin = await app.listen({ port: 0, host: '127.0.0.1' });
    close = async () => {
      await app.close();
      await store.close();
      bot.close();
    };
  }, 60_000);
  afterAll(async () => {
    await close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('keeps the loader under 3 KB and loader + chat app under 30 KB, gzip as sent', async () => {
    const loader = await get(`${origin}/widget.js`, 'gzip');
    expect(loader.status).toBe(200);
    expect(loader.headers['content-encoding']).toBe('gzip');
    const loaderCode = (await get(`${origin}/widget.js`, 'identity')).body.toString('utf8');
    const appFile = /`(app-[\w-]+\.js)`|"(app-[\w-]+\.js)"/.exec(loaderCode);
    const appPath = `/widget/${appFile?.[1] ?? appFile?.[2]}`;
    const app = await get(`${origin}${appPath}`, 'gzip');
    expect(app.status, `the loader's app ${appPath} is served`).toBe(200);
    expect(app.headers['content-encoding']).toBe('gzip');

    const brotli = (await get(`${origin}/widget.js`, 'br, gzip')).bytes + (await get(`${origin}${appPath}`, 'br, gzip')).bytes;
    console.info(`sent: widget.js ${loader.bytes} B gzip; widget.js + ${appPath} ${loader.bytes + app.bytes} B gzip, ${brotli} B brotli`);
    expect(loader.bytes).toBeLessThanOrEqual(LOADER_BUDGET);
    expect(loader.bytes + app.bytes).toBeLessThanOrEqual(FIRST_OPEN_BUDGET);
    expect(brotli).toBeLessThan(loader.bytes + app.bytes);

    // The loader must stay framework-free: no Preact internals, no zod.
    expect(loaderCode).not.toMatch(/__preactattr_|\$ZodType|zod/);
    const appCode = (await get(`${origin}${appPath}`, 'identity')).body.toString('utf8');
    expect(appCode).not.toMatch(/\$ZodType|_zod/);
    // Everything an English first open needs is that one file: it imports nothing else statically. The
    // other languages' strings and the attachments UI are lazy chunks (named by the build: chunk-NAME-HASH),
    // served and cached like the app; a first open in any language (loader + app + its strings) stays in budget.
    expect(appCode).not.toMatch(/\bfrom\s*["'`]\.\//);
    const lazy = [...appCode.matchAll(/\bimport\(\s*["'`]\.\/(chunk-[\w-]+\.js)["'`]\s*\)/g)].map((m) => m[1]!);
    expect([...appCode.matchAll(/\bimport\s*\(/g)].length, 'every dynamic import names a built chunk').toBe(lazy.length);
    const languages = lazy.filter((chunk) => /^chunk-(es|de|ar)-/.test(chunk));
    expect(languages.length, 'es, de and ar strings are lazy chunks').toBe(3);
    expect(lazy.length, 'and the attachments UI').toBe(4);
    for (const chunk of lazy) {
      const sent = await get(`${origin}/widget/${chunk}`, 'gzip');
      expect(sent.status, chunk).toBe(200);
      expect(sent.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      console.info(`lazy: ${chunk} ${sent.bytes} B gzip`);
      if (languages.includes(chunk)) expect(loader.bytes + app.bytes + sent.bytes).toBeLessThanOrEqual(FIRST_OPEN_BUDGET);
    }
  });

  it('caches the hashed app for a year and the loader briefly, varying by encoding', async () => {
    const loader = await get(`${origin}/widget.js`, 'br');
    expect(loader.headers['content-encoding']).toBe('br');
    expect(loader.headers['cache-control']).toBe('public, max-age=300');
    expect(loader.headers.vary).toMatch(/accept-encoding/i);
    const loaderCode = (await get(`${origin}/widget.js`, 'identity')).body.toString('utf8');
    const appPath = `/widget/${/(app-[\w-]+\.js)/.exec(loaderCode)?.[1]}`;
    const app = await get(`${origin}${appPath}`, 'br');
    expect(app.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(app.headers['access-control-allow-origin']).toBe('*');
    // A client that accepts no compression still gets the plain file.
    const plain = await get(`${origin}${appPath}`, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.bytes).toBeGreaterThan(app.bytes);
  });
});
