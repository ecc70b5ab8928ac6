import type { ConversationStatus, WireMessage } from '../../shared/protocol/index';
import { isUniqueViolation, type Sql } from './db';
import { AppendBatcher } from './append-batch';
import { toMessage } from './rows';
import type { Wake } from './wake';
import { workCounters } from './work-counters';
import type { AppendedEvent, NewMessage } from './types';

const one = <T>(rows: T[]): T | undefined => rows[0];

export interface AppendOptions {
  onlyIfStatus?: ConversationStatus;
  unhelpfulRounds?: number;
  event?: AppendedEvent;
  /** Append only while the conversation holds fewer than this many messages (the cap holds across frames and sockets). */
  maxMessages?: number;
  /** Append only while the conversation is open or was resolved less than this many minutes ago (still the visitor's current one). */
  reopenWithinMinutes?: number;
}

export interface Appended {
  message: WireMessage;
  duplicate: boolean;
  /** The conversation as the append left it (only when this call stored the message). */
  conversation?: { status: ConversationStatus; unhelpfulRounds: number };
}

type AppendRow = Record<string, unknown> & { duplicate: boolean; conv_status: string | null; conv_unhelpful_rounds: number | null };

/** A stored row of the append statements (single or batched) as what the caller gets back. */
export function appendedOf(r: AppendRow): Appended {
  const message = toMessage(r);
  if (r.duplicate === true) return { message, duplicate: true };
  return { message, duplicate: false, conversation: { status: r.conv_status as ConversationStatus, unhelpfulRounds: Number(r.conv_unhelpful_rounds) } };
}

export class MessageRepo {
  private readonly batcher: AppendBatcher | null;
  constructor(
    private readonly sql: Sql,
    /** On the pool: appends are group-committed and wake the webhook outbox. Null inside a transaction. */
    private readonly wake: Wake | null = null,
  ) {
    this.batcher = wake ? new AppendBatcher(sql, (m, opts) => this.appendOne(m, opts)) : null;
  }
  async byClientId(conversationId: string, clientId: string): Promise<WireMessage | undefined> {
    const r = one(await this.sql.query('SELECT * FROM messages WHERE conversation_id = $1 AND client_id = $2', [conversationId, clientId]));
    return r && toMessage(r);
  }
  async bySeq(conversationId: string, seq: number): Promise<WireMessage | undefined> {
    const r = one(await this.sql.query('SELECT * FROM messages WHERE conversation_id = $1 AND seq = $2', [conversationId, seq]));
    return r && toMessage(r);
  }
  /** Takes the next seq from the (locked) conversation row and stores the message under it. */
  async insert(m: NewMessage): Promise<WireMessage> {
    const [{ last_seq: seq } = { last_seq: 0 }] = await this.sql.query<{ last_seq: number }>('UPDATE conversations SET last_seq = last_seq + 1, updated_at = now() WHERE id = $1 RETURNING last_seq', [m.conversationId]);
    const rows = await this.sql.query(
      `INSERT INTO messages (conversation_id, seq, client_id, author, author_id, author_name, kind, text, bot, system, author_avatar, attachment)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
      [m.conversationId, seq, m.id, m.author, m.authorId, m.authorName, m.kind, m.text, m.bot && JSON.stringify(m.bot), m.system && JSON.stringify(m.system), m.authorAvatar ?? null, m.attachment ? JSON.stringify(m.attachment) : null],
    );
    return toMessage(rows[0]!);
  }
  /**
   * Stores a message under the conversation's next seq in one statement (one round trip, its own
   * transaction when not inside one). The UPDATE's row lock orders concurrent appends. A client id
   * already stored returns that message with `duplicate`; `onlyIfStatus` makes the append
   * conditional on the conversation's state at that instant and `maxMessages` on its length (null: not appended); `event` is
   * recorded in the same statement when, and only when, the message is stored.
   */
  async append(m: NewMessage, opts: AppendOptions = {}): Promise<Appended | null> {
    const result = this.batcher ? await this.batcher.append(m, opts) : await this.appendOne(m, opts);
    if (result && !result.duplicate) {
      if (m.author === 'visitor') workCounters.visitorMessages++;
      this.wake?.wake('webhooks');
    }
    return result;
  }

  /** Appends waiting for a group commit (0 without batching). */
  get appendsWaiting(): number {
    return this.batcher?.waiting ?? 0;
  }

  private async appendOne(m: NewMessage, opts: AppendOptions): Promise<Appended | null> {
    const params = [
      m.conversationId, m.id, m.author, m.authorId, m.authorName, m.kind, m.text,
      m.bot && JSON.stringify(m.bot), m.system && JSON.stringify(m.system), opts.unhelpfulRounds ?? null, opts.onlyIfStatus ?? null,
      opts.event?.siteId ?? null, opts.event?.type ?? null, opts.event?.actorType ?? null, opts.event?.actorId ?? null, opts.event?.reason ?? null, JSON.stringify(opts.event?.data ?? {}),
      opts.maxMessages ?? null, opts.reopenWithinMinutes ?? null, m.authorAvatar ?? null, m.attachment ? JSON.stringify(m.attachment) : null,
    ];
    try {
      const rows = await this.sql.query<AppendRow>(
        `WITH existing AS (
           SELECT * FROM messages WHERE conversation_id = $1 AND client_id = $2
         ), bump AS (
           UPDATE conversations SET last_seq = last_seq + 1, updated_at = now(), unhelpful_rounds = COALESCE($10::integer, unhelpful_rounds)
           WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM existing) AND ($11::text IS NULL OR status = $11::text)
             AND ($18::integer IS NULL OR last_seq < $18::integer)
             AND ($19::integer IS NULL OR status <> 'resolved' OR resolved_at > now() - make_interval(mins => $19::integer))
           RETURNING last_seq, status, unhelpful_rounds
         ), inserted AS (
           INSERT INTO messages (conversation_id, seq, client_id, author, author_id, author_name, kind, text, bot, system, author_avatar, attachment)
           SELECT $1::text, bump.last_seq, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::jsonb, $9::jsonb, $20::text, $21::jsonb FROM bump
           RETURNING *
         ), recorded AS (
           INSERT INTO events (site_id, conversation_id, type, actor_type, actor_id, reason, data)
           SELECT $12::text, $1::text, $13::text, $14::text, $15::text, $16::text, $17::jsonb FROM inserted WHERE $13::text IS NOT NULL
         )
         SELECT inserted.*, false AS duplicate, bump.status AS conv_status, bump.unhelpful_rounds AS conv_unhelpful_rounds FROM inserted, bump
         UNION ALL
         SELECT existing.*, true AS duplicate, NULL, NULL FROM existing`,
        params,
      );
      const row = rows[0];
      return row ? appendedOf(row) : null;
    } catch (e) {
      // Two sends of one id at the same instant: the loser's INSERT hits the unique key.
      if (!isUniqueViolation(e)) throw e;
      const existing = await this.byClientId(m.conversationId, m.id);
      if (!existing) throw e;
      return { message: existing, duplicate: true };
    }
  }
  async after(conversationId: string, seq: number, limit: number, includeNotes: boolean): Promise<WireMessage[]> {
    const rows = await this.sql.query(
      `SELECT * FROM messages WHERE conversation_id = $1 AND seq > $2 AND ($4::boolean OR kind <> 'note') ORDER BY seq LIMIT $3`,
      [conversationId, seq, limit, includeNotes],
    );
    return rows.map(toMessage);
  }
  /** The `limit` messages just before `seq`, newest first. */
  async before(conversationId: string, seq: number, limit: number, includeNotes: boolean): Promise<WireMessage[]> {
    const rows = await this.sql.query(
      `SELECT * FROM messages WHERE conversation_id = $1 AND seq < $2 AND ($4::boolean OR kind <> 'note') ORDER BY seq DESC LIMIT $3`,
      [conversationId, seq, limit, includeNotes],
    );
    return rows.map(toMessage);
  }
  async lastVisitorText(conversationIds: string[]): Promise<Map<string, string>> {
    const rows = await this.sql.query<{ conversation_id: string; text: string }>(
      `SELECT DISTINCT ON (conversation_id) conversation_id, text FROM messages
       WHERE conversation_id = ANY($1) AND author = 'visitor' ORDER BY conversation_id, seq DESC`,
      [conversationIds],
    );
    return new Map(rows.map((r) => [r.conversation_id, r.text]));
  }
}
