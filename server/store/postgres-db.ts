import pg from 'pg';
import type { Db, Sql } from './db';

export interface PostgresOptions {
  url: string;
  /** Confines every connection to one schema: tests get a fresh schema each. */
  schema?: string;
  max?: number;
}

/** A `pg` pool behind the Db interface. Errors on idle clients are logged, never crash the process. */
export async function openPostgresDb(options: PostgresOptions, onError: (e: Error) => void = () => {}): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 20,
    connectionTimeoutMillis: 5_000,
    options: options.schema ? `-c search_path=${options.schema}` : undefined,
  });
  pool.on('error', onError);
  if (options.schema) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new Error(`invalid schema name ${options.schema}`);
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
  }
  const wrap = (q: { query: pg.Pool['query'] }): Sql => ({
    async query<R>(text: string, params: readonly unknown[] = []) {
      const result = await q.query(text, params as unknown[]);
      return result.rows as R[];
    },
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      // Checked-out clients lose the pool's error listener; a connection dropped between queries would crash the process.
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const value = await fn(wrap(client as unknown as { query: pg.Pool['query'] }));
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.off('error', onError);
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
