import pg from 'pg';
import { isConnectionError, type Db, type Sql } from './db';
import { Gate } from './gate';
import { pgWake } from './pg-wake';
import { workCounters } from './work-counters';

export interface PostgresOptions {
  url: string;
  /** Confines every connection to one schema: tests get a fresh schema each. */
  schema?: string;
  max?: number;
  /**
   * A statement running longer is cancelled by the server; a connection that has not answered a
   * little after that is dropped by the client (a frozen link never resets by itself).
   */
  queryTimeoutMs?: number;
  /** Callers that may wait for a connection before one more is refused with `busy` (default 5,000). */
  maxWaiting?: number;
  /** A caller waiting longer than this for a connection is refused with `busy` (default 10 s). */
  maxWaitMs?: number;
}

/** The client waits this much past the server's statement timeout before it gives the connection up. */
const READ_TIMEOUT_MARGIN_MS = 1_000;

/** A `pg` pool behind the Db interface. Errors on idle clients are logged, never crash the process. */
export async function openPostgresDb(options: PostgresOptions, onError: (e: Error) => void = () => {}): Promise<Db> {
  const queryTimeoutMs = options.queryTimeoutMs ?? 15_000;
  const max = options.max ?? 20;
  const pool = new pg.Pool({
    connectionString: options.url,
    max,
    connectionTimeoutMillis: 5_000,
    statement_timeout: queryTimeoutMs,
    query_timeout: queryTimeoutMs + READ_TIMEOUT_MARGIN_MS,
    // A transaction whose client vanished must not hold its locks until TCP notices.
    idle_in_transaction_session_timeout: Math.max(60_000, queryTimeoutMs * 2),
    // Finds a dead peer on idle connections (probes after 10 s of silence) instead of on the next query.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    options: options.schema ? `-c search_path=${options.schema}` : undefined,
  });
  pool.on('error', onError);
  if (options.schema) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new Error(`invalid schema name ${options.schema}`);
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
  }
  const wrap = (q: { query: pg.Pool['query'] }): Sql => ({
    async query<R>(text: string, params: readonly unknown[] = []) {
      workCounters.queries++;
      const result = await q.query(text, params as unknown[]);
      return result.rows as R[];
    },
  });
  // No more work than connections is handed to the pool: the rest waits here, bounded, and overload shows as
  // slower answers (then `busy`), never as the pool's connection timeout (`unavailable`).
  const gate = new Gate({ permits: max, maxWaiting: options.maxWaiting ?? 5_000, maxWaitMs: options.maxWaitMs ?? 10_000 });
  const onPool = wrap(pool);
  return {
    kind: 'postgres',
    wakeRemote: pgWake(pool, () => new pg.Client({ connectionString: options.url, keepAlive: true, keepAliveInitialDelayMillis: 10_000 }), options.schema),
    query: (text, params) => gate.run(() => onPool.query(text, params)),
    transaction: (fn) => gate.run(async () => {
      const client = await pool.connect();
      // Checked-out clients lose the pool's error listener; a connection dropped between queries would crash the process.
      client.on('error', onError);
      let broken: Error | undefined;
      workCounters.queries += 2; // BEGIN and COMMIT (or ROLLBACK)
      try {
        await client.query('BEGIN');
        const value = await fn(wrap(client as unknown as { query: pg.Pool['query'] }));
        await client.query('COMMIT');
        return value;
      } catch (error) {
        // A timed-out or dropped connection goes away with its transaction, never back to the pool.
        if (isConnectionError(error)) broken = error as Error;
        else await client.query('ROLLBACK').catch((e: unknown) => void (broken = e as Error));
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    }),
    close: () => pool.end(),
  };
}
