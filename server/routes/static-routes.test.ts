import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticRoutes } from './static-routes';

const demoDir = fileURLToPath(new URL('../../demo', import.meta.url));
let distDir: string;

beforeAll(async () => {
  distDir = await mkdtemp(join(tmpdir(), 'static-routes-'));
});
afterAll(async () => {
  await rm(distDir, { recursive: true, force: true });
});

async function get(demo: boolean, url: string) {
  const app = Fastify({ logger: false });
  await app.register(staticRoutes, { distDir, demoDir, demo });
  try {
    return await app.inject({ method: 'GET', url });
  } finally {
    await app.close();
  }
}

describe('the site root', () => {
  it('serves the demo shop in demo mode', async () => {
    const res = await get(true, '/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Northwind Outfitters');
    expect((await get(true, '/demo/site.css')).statusCode).toBe(200);
  });

  it('sends a production server’s root to the console instead of a shop whose `demo` site does not exist', async () => {
    const res = await get(false, '/');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/agent');
    expect(res.body).not.toContain('Northwind');
    expect((await get(false, '/demo/site.css')).statusCode).toBe(404);
  });
});

describe('the console after a rebuild under a running server', () => {
  it('serves assets written after start, and answers a missing one with 404, not the console page', async () => {
    const consoleDir = join(distDir, 'console');
    await mkdir(join(consoleDir, 'assets'), { recursive: true });
    await writeFile(join(consoleDir, 'index.html'), '<script type="module" src="/agent/assets/index-old.js"></script>');
    await writeFile(join(consoleDir, 'assets', 'index-old.js'), 'console.log("old")');
    const app = Fastify({ logger: false });
    await app.register(staticRoutes, { distDir, demoDir, demo: true });
    try {
      // The rebuild: new hashed assets and an index.html that asks for them.
      await writeFile(join(consoleDir, 'assets', 'index-new.js'), 'console.log("new")');
      await writeFile(join(consoleDir, 'index.html'), '<script type="module" src="/agent/assets/index-new.js"></script>');
      const page = await app.inject({ method: 'GET', url: '/agent' });
      expect(page.body).toContain('index-new.js');
      const fresh = await app.inject({ method: 'GET', url: '/agent/assets/index-new.js' });
      expect(fresh.statusCode).toBe(200);
      expect(fresh.body).toBe('console.log("new")');
      expect(fresh.headers['cache-control']).toContain('immutable');
      expect(fresh.headers['content-security-policy']).toContain("default-src 'self'");
      const missing = await app.inject({ method: 'GET', url: '/agent/assets/index-gone.js' });
      expect(missing.statusCode).toBe(404);
      expect(missing.body).not.toContain('<script');
      const outside = await app.inject({ method: 'GET', url: '/agent/assets/..%2F..%2F..%2Fpackage.json' });
      expect(outside.statusCode).toBe(404);
      // Console routes the client handles are still the console page.
      expect((await app.inject({ method: 'GET', url: '/agent/conversations/abc' })).body).toContain('index-new.js');
    } finally {
      await app.close();
    }
  });
});
