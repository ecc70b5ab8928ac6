import type { BotPayload, ConversationStatus, WireMessage } from '../../shared/protocol/index';
import type { Sql } from './db';
import { toMessage } from './rows';
import type { AppendedEvent, NewMessage } from './types';

/** The bot's answer to a visitor message, decided before the commit and stored by the same statement (one commit for both). */
export interface AppendReply {
  /** The answer (author `bot`, a server id); stored right after the visitor's message, at the next seq. */
  message: { id: string; text: string; bot: BotPayload };
  /** The decision was made for this many unhelpful rounds: stored only while the conversation still has that count. */
  ifUnhelpfulRounds: number;
  /** The conversation's unhelpful-round counter once the answer is stored. */
  unhelpfulRounds: number;
  /** Recorded with the answer (the bot's decision). */
  event: AppendedEvent;
}

export interface AppendOptions {
  onlyIfStatus?: ConversationStatus;
  unhelpfulRounds?: number;
  event?: AppendedEvent;
  /** Append only while the conversation holds fewer than this many messages (the cap holds across frames and sockets). */
  maxMessages?: number;
  /** Append only while the conversation is open or was resolved less than this many minutes ago (still the visitor's current one). */
  reopenWithinMinutes?: number;
  /**
   * The bot's answer, stored in the same statement only when the message is stored, the conversation is with the
   * bot, its unhelpful rounds are still those the answer was decided for, and the cap leaves room for both.
   */
  reply?: AppendReply;
}

export interface Appended {
  message: WireMessage;
  duplicate: boolean;
  /** The conversation as the append left it (only when this call stored the message). */
  conversation?: { status: ConversationStatus; unhelpfulRounds: number };
  /** The bot's answer, when `reply` was given and its conditions held: committed together with the message. */
  reply?: WireMessage;
}

/** One append of a statement: the message and its conditions. */
export interface AppendItem {
  m: NewMessage;
  opts: AppendOptions;
}

type AppendRow = Record<string, unknown> & { ord: string | number; duplicate: boolean; is_reply: boolean; conv_status: string | null; conv_unhelpful_rounds: number | null };

/**
 * The append statement, for one message or a batch of them (at most one per conversation): each gets its
 * conversation's next seq (its reply the one after), once per client id, under its conditions, with its events,
 * in one statement and so one commit. Conversation rows are locked in id order, so two statements in flight never
 * wait on each other in a cycle. Returns one result per item, in order; null where a condition did not hold.
 */
export async function appendStatement(sql: Sql, batch: readonly AppendItem[]): Promise<(Appended | null)[]> {
  const col = <T>(f: (p: AppendItem) => T): T[] => batch.map(f);
  const json = (v: unknown) => (v ? JSON.stringify(v) : null);
  const rows = await sql.query<AppendRow>(
    `WITH input AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::jsonb[],
                            $10::integer[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::jsonb[], $18::integer[], $19::integer[], $20::text[], $21::jsonb[],
                            $22::text[], $23::text[], $24::jsonb[], $25::integer[], $26::integer[], $27::text[], $28::text[], $29::jsonb[], $30::text[])
         WITH ORDINALITY AS t(conversation_id, client_id, author, author_id, author_name, kind, text, bot, system,
                              unhelpful_rounds, only_if_status, ev_site, ev_type, ev_actor_type, ev_actor_id, ev_reason, ev_data, max_messages, reopen_minutes, author_avatar, attachment,
                              r_client_id, r_text, r_bot, r_if_rounds, r_rounds, r_ev_type, r_ev_reason, r_ev_data, r_ev_site, ord)
     ), existing AS (
       SELECT m.*, i.ord FROM messages m JOIN input i ON m.conversation_id = i.conversation_id AND m.client_id = i.client_id
     ), locked AS (
       -- Rows locked in id order; the state read here is the latest committed one, held until the commit.
       SELECT c.id, c.status, c.unhelpful_rounds, c.last_seq FROM conversations c WHERE c.id IN (SELECT conversation_id FROM input) ORDER BY c.id FOR UPDATE
     ), decided AS (
       SELECT i.ord, (i.r_client_id IS NOT NULL AND l.status = 'bot' AND l.unhelpful_rounds = i.r_if_rounds
                      AND (i.max_messages IS NULL OR l.last_seq + 1 < i.max_messages)) AS replies
       FROM input i JOIN locked l ON l.id = i.conversation_id
     ), bump AS (
       UPDATE conversations c SET last_seq = c.last_seq + CASE WHEN d.replies THEN 2 ELSE 1 END, updated_at = now(),
         unhelpful_rounds = CASE WHEN d.replies THEN i.r_rounds ELSE COALESCE(i.unhelpful_rounds, c.unhelpful_rounds) END
       FROM input i JOIN decided d ON d.ord = i.ord
       WHERE c.id = i.conversation_id AND NOT EXISTS (SELECT 1 FROM existing e WHERE e.ord = i.ord)
         AND (i.only_if_status IS NULL OR c.status = i.only_if_status)
         AND (i.max_messages IS NULL OR c.last_seq < i.max_messages)
         AND (i.reopen_minutes IS NULL OR c.status <> 'resolved' OR c.resolved_at > now() - make_interval(mins => i.reopen_minutes))
       RETURNING i.ord, c.last_seq, c.status, c.unhelpful_rounds, d.replies
     ), inserted AS (
       INSERT INTO messages (conversation_id, seq, client_id, author, author_id, author_name, kind, text, bot, system, author_avatar, attachment)
       SELECT i.conversation_id, b.last_seq - CASE WHEN b.replies THEN 1 ELSE 0 END, i.client_id, i.author, i.author_id, i.author_name, i.kind, i.text, i.bot, i.system, i.author_avatar, i.attachment
       FROM bump b JOIN input i ON i.ord = b.ord
       UNION ALL
       SELECT i.conversation_id, b.last_seq, i.r_client_id, 'bot', NULL, NULL, 'text', i.r_text, i.r_bot, NULL, NULL, NULL
       FROM bump b JOIN input i ON i.ord = b.ord WHERE b.replies
       RETURNING *
     ), recorded AS (
       INSERT INTO events (site_id, conversation_id, type, actor_type, actor_id, reason, data)
       SELECT i.ev_site, i.conversation_id, i.ev_type, i.ev_actor_type, i.ev_actor_id, i.ev_reason, i.ev_data
       FROM inserted m JOIN input i ON i.conversation_id = m.conversation_id AND i.client_id = m.client_id WHERE i.ev_type IS NOT NULL
       UNION ALL
       SELECT i.r_ev_site, i.conversation_id, i.r_ev_type, 'bot', NULL, i.r_ev_reason, i.r_ev_data
       FROM inserted m JOIN input i ON i.conversation_id = m.conversation_id AND i.r_client_id = m.client_id WHERE i.r_ev_type IS NOT NULL
     )
     SELECT m.*, b.ord, false AS duplicate, m.client_id IS NOT DISTINCT FROM i.r_client_id AS is_reply, b.status AS conv_status, b.unhelpful_rounds AS conv_unhelpful_rounds
       FROM inserted m JOIN input i ON i.conversation_id = m.conversation_id AND (i.client_id = m.client_id OR i.r_client_id = m.client_id) JOIN bump b ON b.ord = i.ord
     UNION ALL
     SELECT e.*, true AS duplicate, false AS is_reply, NULL AS conv_status, NULL AS conv_unhelpful_rounds FROM existing e`,
    [
      col((p) => p.m.conversationId), col((p) => p.m.id), col((p) => p.m.author), col((p) => p.m.authorId), col((p) => p.m.authorName),
      col((p) => p.m.kind), col((p) => p.m.text), col((p) => json(p.m.bot)), col((p) => json(p.m.system)),
      col((p) => p.opts.unhelpfulRounds ?? null), col((p) => p.opts.onlyIfStatus ?? null),
      col((p) => p.opts.event?.siteId ?? null), col((p) => p.opts.event?.type ?? null), col((p) => p.opts.event?.actorType ?? null),
      col((p) => p.opts.event?.actorId ?? null), col((p) => p.opts.event?.reason ?? null), col((p) => JSON.stringify(p.opts.event?.data ?? {})),
      col((p) => p.opts.maxMessages ?? null), col((p) => p.opts.reopenWithinMinutes ?? null), col((p) => p.m.authorAvatar ?? null), col((p) => json(p.m.attachment)),
      col((p) => p.opts.reply?.message.id ?? null), col((p) => p.opts.reply?.message.text ?? null), col((p) => json(p.opts.reply?.message.bot)),
      col((p) => p.opts.reply?.ifUnhelpfulRounds ?? null), col((p) => p.opts.reply?.unhelpfulRounds ?? null),
      col((p) => p.opts.reply?.event.type ?? null), col((p) => p.opts.reply?.event.reason ?? null), col((p) => JSON.stringify(p.opts.reply?.event.data ?? {})),
      col((p) => p.opts.reply?.event.siteId ?? null),
    ],
  );
  const stored = new Map<number, Appended>();
  const replies = new Map<number, WireMessage>();
  for (const r of rows) {
    const ord = Number(r.ord);
    const message = toMessage(r);
    if (r.duplicate === true) stored.set(ord, { message, duplicate: true });
    else if (r.is_reply === true) replies.set(ord, message);
    else stored.set(ord, { message, duplicate: false, conversation: { status: r.conv_status as ConversationStatus, unhelpfulRounds: Number(r.conv_unhelpful_rounds) } });
  }
  return batch.map((_, i) => {
    const appended = stored.get(i + 1);
    const reply = replies.get(i + 1);
    return appended ? (reply ? { ...appended, reply } : appended) : null;
  });
}
