import { mkdtemp, rm } from 'node:fs/promises';
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
