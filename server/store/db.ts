import type { WakeRemote } from './wake';

/** The SQL surface both drivers provide; the Store is written once against it. */
export interface Sql {
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface Db extends Sql {
  readonly kind: 'pglite' | 'postgres';
  /** How wakes reach other nodes (PostgreSQL NOTIFY); null when the database is this process's alone. */
  readonly wakeRemote: WakeRemote | null;
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** PostgreSQL's unique_violation, reported the same way by pg and PGlite. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/**
 * Failures of the database rather than of the query: server restarting, network gone, or a
 * statement that ran past its timeout (57014: the database is stalled or overloaded). The caller
 * answers `unavailable` and the client retries.
 */
export function isConnectionError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return error instanceof Error && /terminat|connect|closed|ECONN|timeout/i.test(error.message);
  return code.startsWith('08') || code === '57P01' || code === '57P03' || code === '57014' || code.startsWith('ECONN') || code === 'EPIPE' || code === 'ETIMEDOUT';
}
