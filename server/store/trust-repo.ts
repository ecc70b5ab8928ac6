import type { TrustSource } from '../bot/index';
import type { Sql } from './db';

export interface StoredStrike {
  siteId: string;
  articleId: string;
  source: TrustSource;
  actorId: string;
  question: string;
  conversationId: string;
  messageSeq: number;
  at: number;
}

const toStrike = (r: Record<string, unknown>): StoredStrike => ({
  siteId: String(r.site_id),
  articleId: String(r.article_id),
  source: String(r.source) as TrustSource,
  actorId: String(r.actor_id),
  question: String(r.question),
  conversationId: String(r.conversation_id),
  messageSeq: Number(r.message_seq),
  at: new Date(r.created_at as string).getTime(),
});

/** Signals that a bot answer was wrong (migration 009), read back into each site's `TrustBook`. */
export class TrustRepo {
  constructor(private readonly sql: Sql) {}

  /** Records the strike; false when this answer already has one from this source. */
  async add(s: Omit<StoredStrike, 'at'>): Promise<StoredStrike | null> {
    const rows = await this.sql.query(
      `INSERT INTO bot_trust_strikes (site_id, article_id, source, actor_id, question, conversation_id, message_seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING *`,
      [s.siteId, s.articleId, s.source, s.actorId, s.question, s.conversationId, s.messageSeq],
    );
    return rows[0] ? toStrike(rows[0]) : null;
  }

  /** Every strike since `since` (epoch ms), oldest first. */
  async since(since: number): Promise<StoredStrike[]> {
    const rows = await this.sql.query('SELECT * FROM bot_trust_strikes WHERE created_at >= $1 ORDER BY created_at, conversation_id, message_seq', [new Date(since).toISOString()]);
    return rows.map(toStrike);
  }

  /** The visitor message a bot message answered: the last visitor message before it. */
  async questionBefore(conversationId: string, seq: number): Promise<string | undefined> {
    const rows = await this.sql.query<{ text: string }>(
      "SELECT text FROM messages WHERE conversation_id = $1 AND seq < $2 AND author = 'visitor' AND kind = 'text' ORDER BY seq DESC LIMIT 1",
      [conversationId, seq],
    );
    return rows[0]?.text;
  }
}
