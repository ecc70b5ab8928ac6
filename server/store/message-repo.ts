import type { WireMessage } from '../../shared/protocol/index';
import { isUniqueViolation, type Sql } from './db';
import { AppendBatcher } from './append-batch';
import { appendStatement, type AppendOptions, type Appended } from './append-statement';
import { toMessage } from './rows';
import type { Wake } from './wake';
import { workCounters } from './work-counters';
import type { NewMessage } from './types';

const one = <T>(rows: T[]): T | undefined => rows[0];

export type { AppendOptions, Appended, AppendReply } from './append-statement';

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
   * recorded in the same statement when, and only when, the message is stored, and so is the bot's `reply` when its own
   * conditions hold (see AppendOptions).
   */
  async append(m: NewMessage, opts: AppendOptions = {}): Promise<Appended | null> {
    const result = this.batcher ? await this.batcher.append(m, opts) : await this.appendOne(m, opts);
    if (result && !result.duplicate) {
      if (m.author === 'visitor') workCounters.visitorMessages++;
      if (result.reply) workCounters.repliesWithMessage++;
      this.wake?.wake('webhooks');
    }
    return result;
  }

  /** Appends waiting for a group commit (0 without batching). */
  get appendsWaiting(): number {
    return this.batcher?.waiting ?? 0;
  }

  private async appendOne(m: NewMessage, opts: AppendOptions): Promise<Appended | null> {
    try {
      const [result] = await appendStatement(this.sql, [{ m, opts }]);
      return result ?? null;
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
