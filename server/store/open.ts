import type { Db } from './db';
import { migrate } from './migrate';
import { openPgliteDb } from './pglite-db';
import { openPostgresDb } from './postgres-db';
import { Store } from './store';

export interface StoreConfig {
  /** PostgreSQL when set; PGlite otherwise. */
  databaseUrl: string | null;
  /** PGlite's directory; null keeps it in memory (tests). */
  dataDir: string | null;
  /** PostgreSQL schema to use (tests isolate themselves this way). */
  schema?: string;
  /** PostgreSQL statement timeout (DB_QUERY_TIMEOUT_MS); the client gives a silent connection up shortly after. */
  queryTimeoutMs?: number;
  /** PostgreSQL connections (DB_POOL_MAX). */
  poolMax?: number;
}

export async function openStore(config: StoreConfig, onError?: (e: Error) => void): Promise<Store> {
  const db: Db = config.databaseUrl
    ? await openPostgresDb({ url: config.databaseUrl, schema: config.schema, queryTimeoutMs: config.queryTimeoutMs, max: config.poolMax }, onError)
    : await openPgliteDb(config.dataDir);
  await migrate(db);
  return new Store(db);
}
