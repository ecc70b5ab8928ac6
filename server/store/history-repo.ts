import type { ConversationStatus } from '../../shared/protocol/index';
import type { Sql } from './db';
import { ms, msOrNull } from './rows';

export interface HistoryFilter {
  statuses: ConversationStatus[] | null;
  agentId: string | null;
  siteKey: string | null;
  /** Created at or after / before these instants. */
  from: Date | null;
  until: Date | null;
  tag: string | null;
  /** Matched case-insensitively against the visitor's name and email. */
  contains: string | null;
  /** A to_tsquery('simple', …) expression over message text; built by `prefixQuery`, never from raw input. */
  textQuery: string | null;
  /** Limits the list to what this (non-admin) agent may read; null for admins. */
  readableBy: string | null;
  /** Rows strictly after this position in (created_at, id) descending order. */
  after: { atMicros: bigint; id: string } | null;
  limit: number;
}

export interface HistoryRow {
  id: string;
  status: ConversationStatus;
  siteKey: string;
  siteName: string;
  visitorName: string | null;
  visitorEmail: string | null;
  agentId: string | null;
  agentName: string | null;
  tags: string[];
  match: string | null;
  createdAt: number;
  updatedAt: number;
  resolvedAt: number | null;
  atMicros: bigint;
}

/** Words of a search as prefixes that must all occur (letters and digits only, so the expression is always valid). */
export function prefixQuery(text: string): string | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu)?.slice(0, 8) ?? [];
  return words.length > 0 ? words.map((w) => `${w}:*`).join(' & ') : null;
}

const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class HistoryRepo {
  constructor(private readonly sql: Sql) {}

  /** One page of conversations, newest first. Text search uses the GIN index on messages.search. */
  async page(f: HistoryFilter): Promise<HistoryRow[]> {
    const rows = await this.sql.query<Record<string, unknown>>(
      `WITH hits AS (
         SELECT conversation_id, max(seq) AS seq FROM messages
         WHERE $8::text IS NOT NULL AND search @@ to_tsquery('simple', $8) GROUP BY conversation_id
       )
       SELECT c.id, c.status, c.agent_id, c.tags, c.created_at, c.updated_at, c.resolved_at,
              (extract(epoch FROM c.created_at) * 1000000)::bigint AS at_micros,
              s.key AS site_key, s.name AS site_name, v.name AS visitor_name, v.email AS visitor_email, a.name AS agent_name,
              (SELECT left(m.text, 200) FROM messages m WHERE m.conversation_id = c.id AND m.seq = hits.seq) AS match
       FROM conversations c
       JOIN sites s ON s.id = c.site_id
       JOIN visitors v ON v.id = c.visitor_id
       LEFT JOIN agents a ON a.id = c.agent_id
       LEFT JOIN hits ON hits.conversation_id = c.id
       WHERE ($1::text[] IS NULL OR c.status = ANY($1))
         AND ($2::text IS NULL OR c.agent_id = $2)
         AND ($3::text IS NULL OR s.key = $3)
         AND ($4::timestamptz IS NULL OR c.created_at >= $4)
         AND ($5::timestamptz IS NULL OR c.created_at < $5)
         AND ($6::text IS NULL OR c.tags @> ARRAY[$6::text])
         AND (($7::text IS NULL AND $8::text IS NULL)
              OR ($7::text IS NOT NULL AND (v.name ILIKE $7 OR v.email ILIKE $7))
              OR hits.conversation_id IS NOT NULL)
         AND ($9::text IS NULL OR c.agent_id = $9 OR c.status IN ('queued', 'offline')
              OR c.visitor_id IN (SELECT visitor_id FROM conversations WHERE agent_id = $9 AND status = 'assigned'))
         AND ($10::bigint IS NULL OR c.created_at < 'epoch'::timestamptz + $10::bigint * interval '1 microsecond'
              OR (c.created_at = 'epoch'::timestamptz + $10::bigint * interval '1 microsecond' AND c.id < $11))
       ORDER BY c.created_at DESC, c.id DESC
       LIMIT $12`,
      [
        f.statuses, f.agentId, f.siteKey, f.from, f.until, f.tag, f.contains === null ? null : likePattern(f.contains), f.textQuery,
        f.readableBy, f.after ? f.after.atMicros.toString() : null, f.after?.id ?? null, f.limit,
      ],
    );
    return rows.map((r) => ({
      id: String(r.id),
      status: r.status as ConversationStatus,
      siteKey: String(r.site_key),
      siteName: String(r.site_name),
      visitorName: (r.visitor_name as string | null) ?? null,
      visitorEmail: (r.visitor_email as string | null) ?? null,
      agentId: (r.agent_id as string | null) ?? null,
      agentName: (r.agent_name as string | null) ?? null,
      tags: (r.tags as string[] | null) ?? [],
      match: (r.match as string | null) ?? null,
      createdAt: ms(r.created_at),
      updatedAt: ms(r.updated_at),
      resolvedAt: msOrNull(r.resolved_at),
      atMicros: BigInt(String(r.at_micros)),
    }));
  }

  async setTags(conversationId: string, tags: string[]): Promise<string[] | undefined> {
    const [r] = await this.sql.query<{ tags: string[] }>('UPDATE conversations SET tags = $2 WHERE id = $1 RETURNING tags', [conversationId, [...new Set(tags)].sort()]);
    return r?.tags;
  }
}
