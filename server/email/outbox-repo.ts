import type { Sql } from '../store/db';
import { ms, type Row } from '../store/rows';

export type EmailKind = 'ticket_reply' | 'transcript' | 'reply_notice';

export interface OutgoingEmail {
  siteId: string;
  conversationId: string | null;
  kind: EmailKind;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  inReplyTo: string | null;
  replyTo: string | null;
}

export interface QueuedEmail extends OutgoingEmail {
  id: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: number;
}

const toEmail = (r: Row): QueuedEmail => ({
  id: String(r.id),
  siteId: String(r.site_id),
  conversationId: r.conversation_id === null ? null : String(r.conversation_id),
  kind: r.kind as EmailKind,
  to: String(r.to_address),
  subject: String(r.subject),
  text: String(r.body_text),
  messageId: String(r.message_id),
  inReplyTo: r.in_reply_to === null ? null : String(r.in_reply_to),
  replyTo: r.reply_to === null ? null : String(r.reply_to),
  status: r.status as QueuedEmail['status'],
  attempts: Number(r.attempts),
  lastError: r.last_error === null ? null : String(r.last_error),
  createdAt: ms(r.created_at),
});

/** The email outbox: rows are claimed with a lease, so several nodes never send one mail twice at once. */
export class EmailOutboxRepo {
  constructor(
    private readonly sql: Sql,
    /** Told when a mail was queued, so the sender wakes instead of polling. */
    private readonly onQueued: () => void = () => {},
  ) {}

  async enqueue(e: OutgoingEmail): Promise<void> {
    await this.sql.query(
      `INSERT INTO email_outbox (site_id, conversation_id, kind, to_address, subject, body_text, message_id, in_reply_to, reply_to)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (message_id) DO NOTHING`,
      [e.siteId, e.conversationId, e.kind, e.to, e.subject, e.text, e.messageId, e.inReplyTo, e.replyTo],
    );
    this.onQueued();
  }

  async claimDue(limit: number, leaseMs: number): Promise<QueuedEmail[]> {
    if (limit <= 0) return [];
    const rows = await this.sql.query(
      `WITH due AS (SELECT id FROM email_outbox WHERE status = 'pending' AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       UPDATE email_outbox o SET attempts = o.attempts + 1, next_attempt_at = now() + ($2 * interval '1 millisecond') FROM due WHERE o.id = due.id RETURNING o.*`,
      [limit, leaseMs],
    );
    return rows.map(toEmail);
  }

  async sent(id: string): Promise<void> {
    await this.sql.query("UPDATE email_outbox SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1", [id]);
  }

  async failed(id: string, error: string, next: { giveUp: boolean; retryInMs: number }): Promise<void> {
    await this.sql.query(
      `UPDATE email_outbox SET last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE 'pending' END,
         next_attempt_at = now() + ($4 * interval '1 millisecond') WHERE id = $1`,
      [id, error.slice(0, 500), next.giveUp, next.retryInMs],
    );
  }

  async forConversation(conversationId: string): Promise<QueuedEmail[]> {
    return (await this.sql.query('SELECT * FROM email_outbox WHERE conversation_id = $1 ORDER BY id', [conversationId])).map(toEmail);
  }

  /** Mails sent to `to` about this conversation in the last `withinMs` (for rate limits). */
  async countRecent(conversationId: string, kind: EmailKind, withinMs: number): Promise<number> {
    const [r] = await this.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM email_outbox WHERE conversation_id = $1 AND kind = $2 AND created_at > now() - ($3 * interval '1 millisecond')", [conversationId, kind, withinMs]);
    return r?.n ?? 0;
  }

  /** Milliseconds until the next pending mail falls due (0: due now); null when none is pending. */
  async nextDueInMs(): Promise<number | null> {
    const [r] = await this.sql.query<{ ms: number | null }>("SELECT extract(epoch FROM min(next_attempt_at) - now()) * 1000 AS ms FROM email_outbox WHERE status = 'pending'");
    return r?.ms === null || r?.ms === undefined ? null : Math.max(0, Number(r.ms));
  }

  async pendingDue(): Promise<number> {
    const [r] = await this.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM email_outbox WHERE status = 'pending' AND next_attempt_at <= now()");
    return r?.n ?? 0;
  }
}
