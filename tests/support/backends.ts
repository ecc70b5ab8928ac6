import { randomBytes } from 'node:crypto';
import { it } from 'vitest';
import { openStore } from '../../server/store/open';
import type { Store } from '../../server/store/store';

export interface Backend {
  name: 'pglite' | 'postgres';
  /** A fresh, migrated, empty store (PGlite in memory, or a new PostgreSQL schema). */
  open(): Promise<Store>;
}

const databaseUrl = process.env.DATABASE_URL || null;

/**
 * The stores every storage test runs on: PGlite always, PostgreSQL when DATABASE_URL is set.
 * Under CI=true a missing DATABASE_URL is a failure, not a silent skip.
 */
export function backends(): Backend[] {
  const list: Backend[] = [{ name: 'pglite', open: () => openStore({ databaseUrl: null, dataDir: null }) }];
  if (databaseUrl) {
    list.push({ name: 'postgres', open: () => openStore({ databaseUrl, dataDir: null, schema: freshSchema() }) });
  }
  return list;
}

export function freshSchema(): string {
  return `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** Declares a test that fails under CI when the PostgreSQL suites would otherwise be skipped. */
export function requirePostgresInCi(): void {
  if (process.env.CI === 'true' && !databaseUrl) {
    it('PostgreSQL suite runs under CI', () => {
      throw new Error('DATABASE_URL is not set: under CI=true the PostgreSQL suite must run, not be skipped');
    });
  }
}

/** Declares a test that fails under CI when the Redis suites would otherwise be skipped. */
export function requireRedisInCi(): void {
  if (process.env.CI === 'true' && !process.env.REDIS_URL) {
    it('Redis suite runs under CI', () => {
      throw new Error('REDIS_URL is not set: under CI=true the Redis suite must run, not be skipped');
    });
  }
}
