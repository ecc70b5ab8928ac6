import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyUserHash } from '../server/auth/visitor-token';
import { openStore } from '../server/store/open';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const dataDir = mkdtempSync(join(tmpdir(), 'sites-cli-'));

/** The real CLI, as `npm run sites --` runs it, against an embedded database in a temporary DATA_DIR. */
function sites(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, PUBLIC_URL: 'https://chat.example.com', LOG_LEVEL: 'warn' };
  return new Promise((resolve) => {
    execFile(TSX, ['scripts/sites.ts', ...args], { cwd: ROOT, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm run sites', () => {
  let key = '';
  let secret = '';

  it('says how to create the first site when there is none', async () => {
    const list = await sites('list');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('No sites yet. Create one: npm run sites -- add --name "My shop" --origin https://www.example.com');
  }, 60_000);

  it('adds a site and prints its key, secret and ready snippet', async () => {
    const add = await sites('add', '--name', 'Shop', '--origin', 'https://shop.example.com', '--origin', 'https://www.shop.example.com/');
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    key = /Key\s+([0-9a-f]{16})/.exec(add.stdout)![1]!;
    secret = /Secret\s+([0-9a-f]{64})/.exec(add.stdout)![1]!;
    expect(add.stdout).toContain(`Snippet  <script src="https://chat.example.com/widget.js" data-site="${key}" async></script>`);
    expect(add.stdout).toContain('Added a site: Shop (key ');
    expect(add.stdout).toContain('allowed origins: https://shop.example.com, https://www.shop.example.com');
    expect((await sites('snippet', '--key', key)).stdout.trim()).toBe(`<script src="https://chat.example.com/widget.js" data-site="${key}" async></script>`);
  }, 60_000);

  it('refuses bad input naming the flag, with exit code 1, and stores nothing', async () => {
    const bad = await sites('add', '--name', 'Bad', '--origin', 'shop.example.com/cart');
    expect([bad.code, bad.stderr.trim()]).toEqual([1, 'Error: --origin #1: must be an origin such as https://shop.example.com (http or https, host, optional port, no path)']);
    const unknown = await sites('disable', '--key', 'nope');
    expect([unknown.code, unknown.stderr.trim()]).toEqual([1, 'Error: no site with key nope']);
    const list = await sites('list');
    expect(list.stdout).not.toContain('Bad');
    expect(list.stdout).toContain(key);
  }, 60_000);

  it('renames, sets origins and disables', async () => {
    expect((await sites('rename', '--key', key, '--name', 'Shop EU')).stdout).toContain('Renamed: Shop EU');
    expect((await sites('origins', '--key', key, '--origin', 'https://eu.shop.example.com')).stdout).toContain('allowed origins: https://eu.shop.example.com');
    expect((await sites('disable', '--key', key)).stdout).toContain(`Shop EU (key ${key}) is disabled`);
    const list = await sites('list');
    expect(list.stdout).toMatch(new RegExp(`${key}.*Shop EU.*disabled.*https://eu\\.shop\\.example\\.com`));
  }, 60_000);

  it('shows the secret, and rotates it with the old one verifying during the grace period', async () => {
    expect((await sites('show-secret', '--key', key)).stdout.trim()).toBe(secret);
    const tooLong = await sites('rotate-secret', '--key', key, '--grace-hours', '1000');
    expect([tooLong.code, tooLong.stderr.trim()]).toEqual([1, 'Error: --grace-hours: Too big: expected number to be <=720']);
    expect((await sites('show-secret', '--key', key)).stdout.trim()).toBe(secret);

    const before = Date.now();
    const rotated = await sites('rotate-secret', '--key', key, '--grace-hours', '2');
    expect(rotated.code).toBe(0);
    const fresh = /New secret: ([0-9a-f]{64})/.exec(rotated.stdout)![1]!;
    expect(fresh).not.toBe(secret);
    const shown = await sites('show-secret', '--key', key);
    expect(shown.stdout.trim()).toBe(fresh);
    expect(shown.stderr).toMatch(/previous secret still verifies until \d{4}-\d\d-\d\dT/);

    const store = await openStore({ databaseUrl: null, dataDir });
    try {
      const site = (await store.sites.byKey(key))!;
      const oldHash = createHmac('sha256', secret).update('user-1').digest('hex');
      expect(site.previousSecretExpiresAt! - before).toBeGreaterThanOrEqual(2 * 3_600_000 - 1_000);
      expect(verifyUserHash('user-1', oldHash, site)).toBe(true);
      expect(verifyUserHash('user-1', oldHash, site, site.previousSecretExpiresAt!)).toBe(false);
    } finally {
      await store.close();
    }
  }, 90_000);

  it('deletes only with the key as confirmation', async () => {
    const unconfirmed = await sites('delete', '--key', key);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain(`confirm with the site key (${key})`);
    const deleted = await sites('delete', '--key', key, '--confirm', key);
    expect([deleted.code, deleted.stdout.trim()]).toEqual([0, `Deleted Shop EU (key ${key}) and everything recorded under it`]);
    expect((await sites('list')).stdout).toContain('No sites yet');
  }, 60_000);
});
