import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'prod-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('a production server on an empty database says at start what to run next', async () => {
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['server/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no advice within 60 s; output so far:\n${out}`)), 60_000);
      const check = () => {
        if (out.includes('README.md')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', check);
      child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
    });
  } finally {
    child.kill('SIGTERM');
  }
  expect(out).toContain('Next steps to go live');
  expect(out).toContain('npm run agents -- add --email you@example.com --name "Your Name" --role admin');
  expect(out).toContain('npm run sites -- add --name "My shop" --origin https://www.example.com');
  expect(out).not.toContain('Demo logins');
}, 90_000);
