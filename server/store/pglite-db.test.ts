import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { DataDirInUseError, openPgliteDb } from './pglite-db';

it('refuses a data folder another live process holds, and takes over one left by a dead process', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pglite-lock-'));
  // A process that has exited: its pid is free, so its lock is stale.
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
  writeFileSync(join(dir, 'chat-server.lock'), dead);
  const db = await openPgliteDb(dir);
  await expect(db.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
  await db.close();

  // pid 1 is always alive and never us.
  writeFileSync(join(dir, 'chat-server.lock'), '1');
  await expect(openPgliteDb(dir)).rejects.toBeInstanceOf(DataDirInUseError);
});
