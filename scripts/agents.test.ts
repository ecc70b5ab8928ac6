import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../server/store/open';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const dataDir = mkdtempSync(join(tmpdir(), 'agents-cli-'));

/** The real CLI, as `npm run agents --` runs it, against an embedded database in a temporary DATA_DIR. */
function agents(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  return new Promise((resolve) => {
    execFile(TSX, ['scripts/agents.ts', ...args], { cwd: ROOT, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm run agents', () => {
  it('prints its commands for `help`, even while a server holds the embedded database', async () => {
    const server = await openStore({ databaseUrl: null, dataDir });
    try {
      const help = await agents('help');
      expect(help.stderr).toBe('');
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('add --email E --name N [--role agent|admin]');
      expect(help.stdout).toContain('reset-password --email E');
    } finally {
      await server.close();
    }
  }, 60_000);
});
