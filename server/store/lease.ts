import { randomUUID } from 'node:crypto';
import type { Sql } from './db';

/**
 * Leader election through PostgreSQL for periodic work that one node does for the cluster: `held()`
 * takes or renews the named lease in one statement and says whether this node holds it. A holder that
 * stops renewing (crashed, stopped) loses it when `ttlMs` has passed since its last renewal.
 */
export class Lease {
  private readonly holder = randomUUID();

  constructor(
    private readonly sql: Sql,
    private readonly name: string,
    private readonly ttlMs: number,
  ) {}

  async held(): Promise<boolean> {
    const rows = await this.sql.query(
      `INSERT INTO cluster_leases (name, holder, until) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, until = EXCLUDED.until
       WHERE cluster_leases.holder = EXCLUDED.holder OR cluster_leases.until < now()
       RETURNING holder`,
      [this.name, this.holder, this.ttlMs],
    );
    return rows.length > 0;
  }

  /** Lets another node take over at once (a clean shutdown). */
  async release(): Promise<void> {
    await this.sql.query('DELETE FROM cluster_leases WHERE name = $1 AND holder = $2', [this.name, this.holder]);
  }
}
