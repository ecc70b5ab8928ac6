import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Sql } from './db';
import { workCounters } from './work-counters';

/** Embedded PostgreSQL in `dataDir` (or in memory when null), the zero-setup default. */
export async function openPgliteDb(dataDir: string | null): Promise<Db> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  let pg: PGlite;
  try {
    pg = dataDir ? new PGlite(dataDir) : new PGlite();
    await pg.waitReady;
  } catch (e) {
    unlock();
    throw e;
  }
  const wrap = (q: Pick<PGlite, 'query'>): Sql => ({
    async query<R>(text: string, params: readonly unknown[] = []) {
      workCounters.queries++;
      const result = await q.query<R>(text, params as unknown[]);
      return result.rows;
    },
  });
  return {
    kind: 'pglite',
    wakeRemote: null,
    ...wrap(pg),
    transaction: (fn) => {
      workCounters.queries += 2; // BEGIN and COMMIT (or ROLLBACK)
      return pg.transaction((tx) => fn(wrap(tx)));
    },
    async close() {
      await pg.close();
      unlock();
    },
  };
}

export class DataDirInUseError extends Error {}

/**
 * PGlite is one process's database: a second process opening the same folder corrupts it.
 * A lock file with our pid refuses that clearly; a lock left by a dead process is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lock = join(dataDir, 'chat-server.lock');
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = Number.parseInt(readFileSync(lock, 'utf8'), 10);
    if (holder !== process.pid && isAlive(holder)) {
      throw new DataDirInUseError(`DATA_DIR ${dataDir} is in use by process ${holder}; stop it first (or use DATABASE_URL for a shared PostgreSQL)`);
    }
    writeFileSync(lock, String(process.pid));
  }
  return () => rmSync(lock, { force: true });
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
