import { randomUUID } from 'node:crypto';
import type { VisitorContext } from '../../shared/protocol/index';
import type { Sql } from './db';
import { toVisitor } from './rows';
import type { Visitor } from './types';

const one = <T>(rows: T[]): T | undefined => rows[0];

export interface IdentityClaim {
  name?: string;
  email?: string;
  userId?: string | null;
  /** True only when the caller checked the site's HMAC over `userId`. */
  verified: boolean;
  attributes?: Record<string, unknown>;
  /** Attributes the visitor may hold in total, after merging (not per frame). */
  maxAttributes?: number;
}

export type IdentifyOutcome =
  | { ok: true; visitor: Visitor; becameVerified: boolean }
  | { ok: false; reason: 'identity_locked' | 'too_many_attributes' | 'not_found' };

export class VisitorRepo {
  constructor(private readonly sql: Sql) {}
  /** A new visitor; with `connectionId`, their socket's presence row too, in the same statement (one commit per new widget). */
  async create(siteId: string, context: VisitorContext | null, connectionId?: string): Promise<Visitor> {
    const params = [randomUUID(), siteId, context && JSON.stringify(context)];
    const rows = connectionId
      ? await this.sql.query(
          `WITH v AS (INSERT INTO visitors (id, site_id, context) VALUES ($1, $2, $3) RETURNING *),
             c AS (INSERT INTO visitor_connections (id, visitor_id) SELECT $4, id FROM v)
           SELECT * FROM v`,
          [...params, connectionId],
        )
      : await this.sql.query('INSERT INTO visitors (id, site_id, context) VALUES ($1, $2, $3) RETURNING *', params);
    return toVisitor(rows[0]!);
  }
  async byId(id: string): Promise<Visitor | undefined> {
    const r = one(await this.sql.query('SELECT * FROM visitors WHERE id = $1', [id]));
    return r && toVisitor(r);
  }
  /** Several visitors in one statement (a queue or a list of summaries); unknown ids are left out. */
  async byIds(ids: readonly string[]): Promise<Visitor[]> {
    if (ids.length === 0) return [];
    return (await this.sql.query('SELECT * FROM visitors WHERE id = ANY($1)', [ids])).map(toVisitor);
  }
  /** Seen now, on this page; with `connectionId`, their socket's presence row too, in the same statement. */
  async touch(id: string, context: VisitorContext | null, connectionId?: string): Promise<void> {
    const params = [id, context && JSON.stringify(context)];
    if (!connectionId) {
      await this.sql.query('UPDATE visitors SET last_seen_at = now(), context = COALESCE($2, context) WHERE id = $1', params);
      return;
    }
    await this.sql.query(
      `WITH v AS (UPDATE visitors SET last_seen_at = now(), context = COALESCE($2, context) WHERE id = $1 RETURNING id)
       INSERT INTO visitor_connections (id, visitor_id) SELECT $3, id FROM v`,
      [...params, connectionId],
    );
  }

  /**
   * Applies an identify in one statement, decided on the stored row under its lock, never on a
   * socket's copy: a verified visitor's user id never changes (a claim for another id is refused,
   * proven or not); an unproven claim is kept only while the visitor is unverified; `verified`
   * never goes back. Attributes merge only while the total stays within `maxAttributes`.
   */
  async identify(id: string, p: IdentityClaim): Promise<IdentifyOutcome> {
    const rows = await this.sql.query<Record<string, unknown> & { was_verified: boolean }>(
      `UPDATE visitors v SET name = COALESCE($2, v.name), email = COALESCE($3, v.email),
         user_id = CASE WHEN v.verified OR $4::text IS NULL THEN v.user_id ELSE $4::text END,
         verified = v.verified OR $5::boolean, attributes = o.merged
       FROM (SELECT verified AS was_verified, user_id AS old_user_id, attributes || $6::jsonb AS merged FROM visitors WHERE id = $1 FOR UPDATE) o
       WHERE v.id = $1
         AND NOT (o.was_verified AND $4::text IS NOT NULL AND $4::text IS DISTINCT FROM o.old_user_id)
         AND (SELECT count(*) FROM jsonb_object_keys(o.merged)) <= $7::integer
       RETURNING v.*, o.was_verified`,
      [id, p.name ?? null, p.email ?? null, p.userId ?? null, p.verified, JSON.stringify(p.attributes ?? {}), p.maxAttributes ?? 1_000_000],
    );
    const row = rows[0];
    if (row) {
      const visitor = toVisitor(row);
      return { ok: true, visitor, becameVerified: visitor.verified && !row.was_verified };
    }
    const now = await this.byId(id);
    if (!now) return { ok: false, reason: 'not_found' };
    return { ok: false, reason: now.verified && p.userId && p.userId !== now.userId ? 'identity_locked' : 'too_many_attributes' };
  }

  /**
   * The visitor records that are the same person as `visitorId` (other devices of one verified
   * user on the site), read from the database at the moment of asking; just the visitor when unverified.
   */
  async sameUser(visitorId: string): Promise<string[]> {
    const rows = await this.sql.query<{ id: string }>(
      `SELECT s.id FROM visitors me JOIN visitors s ON s.site_id = me.site_id AND s.user_id = me.user_id AND s.verified
       WHERE me.id = $1 AND me.verified AND me.user_id IS NOT NULL`,
      [visitorId],
    );
    return [...new Set([visitorId, ...rows.map((r) => r.id)])];
  }

  /** Whether the stored record is verified now (a socket's copy may be stale). */
  async isVerified(visitorId: string): Promise<boolean> {
    const rows = await this.sql.query<{ verified: boolean }>('SELECT verified FROM visitors WHERE id = $1', [visitorId]);
    return rows[0]?.verified === true;
  }

  /** Other visitor records of the same verified user on the same site (other devices). */
  /** Revokes every token issued to this visitor so far; false when there is no such visitor. */
  async revokeTokens(id: string): Promise<boolean> {
    return (await this.sql.query('UPDATE visitors SET token_generation = token_generation + 1 WHERE id = $1 RETURNING id', [id])).length > 0;
  }

  async verifiedSiblings(siteId: string, userId: string): Promise<string[]> {
    const rows = await this.sql.query<{ id: string }>('SELECT id FROM visitors WHERE site_id = $1 AND user_id = $2 AND verified', [siteId, userId]);
    return rows.map((r) => r.id);
  }
}
