import type { Sql } from './db';
import { ms } from './rows';

/** A connection whose heartbeat is older than this is a socket that died with its node. */
export const VISITOR_CONNECTION_STALE_SECONDS = 75;

export interface VisitorPresence {
  online: boolean;
  /** Last heartbeat, message or disconnect of any of the visitor's sockets. */
  lastSeenAt: number;
}

/** A socket's row is written by the hello's own statement with the visit (`VisitorRepo.create` / `touch`). */
export class VisitorPresenceRepo {
  constructor(private readonly sql: Sql) {}
  async heartbeat(connectionId: string, visitorId: string): Promise<void> {
    await this.sql.query('UPDATE visitor_connections SET last_seen_at = now() WHERE id = $1', [connectionId]);
    await this.sql.query('UPDATE visitors SET last_seen_at = now() WHERE id = $1', [visitorId]);
  }
  /** Returns whether the visitor still has another live socket (another tab). */
  async disconnect(connectionId: string, visitorId: string): Promise<boolean> {
    // Seen first, then gone: once the connection row is deleted, nothing more is written for this socket.
    await this.sql.query('UPDATE visitors SET last_seen_at = now() WHERE id = $1', [visitorId]);
    await this.sql.query('DELETE FROM visitor_connections WHERE id = $1', [connectionId]);
    return (await this.of([visitorId])).get(visitorId)?.online ?? false;
  }
  async of(visitorIds: string[]): Promise<Map<string, VisitorPresence>> {
    if (visitorIds.length === 0) return new Map();
    const rows = await this.sql.query<{ id: string; last_seen_at: unknown; live: string | number }>(
      `SELECT v.id, v.last_seen_at,
         (SELECT count(*) FROM visitor_connections vc WHERE vc.visitor_id = v.id
            AND vc.last_seen_at > now() - make_interval(secs => $2)) AS live
       FROM visitors v WHERE v.id = ANY($1)`,
      [visitorIds, VISITOR_CONNECTION_STALE_SECONDS],
    );
    return new Map(rows.map((r) => [r.id, { online: Number(r.live) > 0, lastSeenAt: ms(r.last_seen_at) }]));
  }
}
