import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { Sql } from '../store/db';

/**
 * Paging of the incremental export: conversations in the order of their last change
 * (`conversation_changes.pos`, the writing transaction's id), read only up to the oldest
 * transaction still running. See 008_ops_export.sql for why no page can miss or repeat one.
 */
export const MAX_EXPORT_PAGE = 1_000;

/** Unix seconds (Zendesk's form) or an ISO date-time with a zone. */
const StartTime = z.union([
  z.string().regex(/^\d{1,12}$/).transform((s) => new Date(Number(s) * 1000)),
  z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
]);

export const ExportQuery = z
  .object({
    start_time: StartTime.optional(),
    cursor: z.string().max(500).optional(),
    site: z.string().trim().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_EXPORT_PAGE).default(100),
  })
  .refine((q) => q.start_time !== undefined || q.cursor !== undefined, { message: 'start_time or cursor is required' });
export type ExportQuery = z.infer<typeof ExportQuery>;

/** What a cursor carries: the position after the last row sent, and the filters it was started with. */
const Cursor = z.object({ v: z.literal(1), pos: z.string().regex(/^\d{1,20}$/), id: z.string().max(100), since: z.number().int(), site: z.string().nullable() });
type Cursor = z.infer<typeof Cursor>;

export const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');

export function decodeCursor(s: string): Cursor {
  try {
    const parsed = Cursor.safeParse(JSON.parse(Buffer.from(s, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // Falls through to the typed error.
  }
  throw new AppError('bad_request', 'cursor: is not a cursor this API returned');
}

export interface ExportPage {
  ids: string[];
  cursor: Cursor;
  endOfStream: boolean;
}

/**
 * The next page of conversation ids changed at or after `since` (ms), after the cursor's
 * position, on `siteId` (null: all sites). `siteKey` is only carried in the cursor.
 */
export async function nextPage(sql: Sql, from: Cursor, siteId: string | null, limit: number): Promise<ExportPage> {
  const rows = await sql.query(
    `SELECT ch.conversation_id, ch.pos::text AS pos FROM conversation_changes ch
     JOIN conversations c ON c.id = ch.conversation_id
     WHERE ch.pos < pg_snapshot_xmin(pg_current_snapshot())
       AND (ch.pos > $1::xid8 OR (ch.pos = $1::xid8 AND ch.conversation_id > $2))
       AND ch.changed_at >= $3 AND ($4::text IS NULL OR c.site_id = $4)
     ORDER BY ch.pos, ch.conversation_id LIMIT $5`,
    [from.pos, from.id, new Date(from.since), siteId, limit],
  );
  const last = rows.at(-1);
  return {
    ids: rows.map((r) => String(r.conversation_id)),
    cursor: last ? { ...from, pos: String(last.pos), id: String(last.conversation_id) } : from,
    endOfStream: rows.length < limit,
  };
}

export function startCursor(since: Date, site: string | null): Cursor {
  return { v: 1, pos: '0', id: '', since: since.getTime(), site };
}
