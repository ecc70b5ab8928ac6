import type { Sql } from '../store/db';

/** Fewer measured first replies than this in the window and the median is not worth promising. */
export const REPLY_TIME_MIN_SAMPLES = 3;
export const REPLY_TIME_WINDOW_DAYS = 7;
/** Each node asks the database at most this often per site; a welcome never waits on more than one query. */
export const REPLY_TIME_CACHE_MS = 5 * 60_000;

export interface ReplyTime {
  /** Median minutes from a chat entering the live queue to the first agent reply, rounded up; null: too few. */
  medianMinutes: number | null;
  samples: number;
}

/**
 * Measures how fast a site's team answers: for each chat that entered the live queue in the last
 * `REPLY_TIME_WINDOW_DAYS` days, the time to the first agent message after that; the median of them.
 */
export async function measureReplyTime(sql: Sql, siteId: string): Promise<ReplyTime> {
  const [row] = await sql.query<{ samples: number; median_s: number | null }>(
    `WITH escalated AS (
       SELECT conversation_id, min(created_at) AS at FROM events
       WHERE site_id = $1 AND type = 'conversation.escalated' AND data->>'outcome' = 'queued'
         AND created_at > now() - ($2 * interval '1 day')
       GROUP BY conversation_id
     ), replied AS (
       SELECT (SELECT min(m.created_at) FROM messages m
               WHERE m.conversation_id = e.conversation_id AND m.author = 'agent' AND m.kind = 'text' AND m.created_at >= e.at) - e.at AS wait
       FROM escalated e
     )
     SELECT count(wait)::int AS samples, percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM wait))::float8 AS median_s
     FROM replied WHERE wait IS NOT NULL`,
    [siteId, REPLY_TIME_WINDOW_DAYS],
  );
  const samples = Number(row?.samples ?? 0);
  const median = row?.median_s === null || row?.median_s === undefined ? null : Number(row.median_s);
  return { samples, medianMinutes: samples >= REPLY_TIME_MIN_SAMPLES && median !== null ? Math.max(1, Math.ceil(median / 60)) : null };
}

/** Per-site reply times, measured at most once per `ttlMs` on this node (welcomes are frequent, the median moves slowly). */
export class ReplyTimes {
  private readonly cache = new Map<string, { at: number; value: Promise<ReplyTime> }>();
  constructor(
    private readonly sql: Sql,
    private readonly ttlMs = REPLY_TIME_CACHE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** What the widget promises: the owner's figure when set, else the measured median, else nothing. */
  async minutes(siteId: string, ownerMinutes: number | null): Promise<number | null> {
    if (ownerMinutes !== null) return ownerMinutes;
    return (await this.of(siteId)).medianMinutes;
  }

  of(siteId: string): Promise<ReplyTime> {
    const hit = this.cache.get(siteId);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value;
    const value = measureReplyTime(this.sql, siteId);
    this.cache.set(siteId, { at: this.now(), value });
    // A failed query is not cached: the next welcome asks again.
    value.catch(() => this.cache.delete(siteId));
    return value;
  }
}
