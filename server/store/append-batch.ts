import { isUniqueViolation, type Sql } from './db';
import type { NewMessage } from './types';
import { workCounters } from './work-counters';
import { appendedOf, type AppendOptions, type Appended } from './message-repo';
import { GroupCommit, type GroupCommitOptions } from './group-commit';

/** One append waiting for its batch's commit. */
interface Pending {
  m: NewMessage;
  opts: AppendOptions;
}

/**
 * Four statements in flight: with two, a backlog made batches of ~235 appends that took ~180 ms each and
 * the backlog never drained (bench defaults on PostgreSQL, 2 cores: ack p50/p99 1,171/1,914 ms); with four,
 * batches of ~11 took ~14 ms and both cores served them (17/192 ms); eight measured 22/469 ms. One run each,
 * load 3-4, docs/BENCHMARK.md.
 */
const DEFAULTS: GroupCommitOptions = { maxInFlight: 4, maxBatch: 256 };
/** PostgreSQL's deadlock_detected: two statements waited on each other; the loser is retried alone. */
const DEADLOCK = '40P01';

/**
 * Group commit for message appends: the appends that arrive while a batch statement is in flight (or in
 * the same tick) are stored together by one statement, in one transaction, with one commit. Each keeps
 * the single append's meaning (the conversation's next seq, once per client id, its conditions and its
 * event) and its caller hears back only after that commit. A conversation has one append in flight at a
 * time: a second one waits for the first one's commit, so seqs follow the order of calls.
 */
export class AppendBatcher {
  private readonly group: GroupCommit<Pending, Appended | null>;

  constructor(
    private readonly sql: Sql,
    /** The single-statement append, for the rare batch that must be replayed one by one. */
    private readonly single: (m: NewMessage, opts: AppendOptions) => Promise<Appended | null>,
    options: Partial<GroupCommitOptions> = {},
  ) {
    this.group = new GroupCommit((batch) => this.run(batch), { ...DEFAULTS, ...options }, (p) => p.m.conversationId);
  }

  append(m: NewMessage, opts: AppendOptions): Promise<Appended | null> {
    return this.group.submit({ m, opts });
  }

  /** Appends waiting for a batch (not yet sent to the database). */
  get waiting(): number {
    return this.group.waiting;
  }

  private async run(batch: Pending[]): Promise<Array<Appended | null | Promise<Appended | null>>> {
    if (batch.length === 1) return [await this.single(batch[0]!.m, batch[0]!.opts)];
    try {
      return await this.store(batch);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (!isUniqueViolation(e) && code !== DEADLOCK) throw e;
      // Two sends of one client id raced in two batches (or two batches deadlocked): replay one by one, in order.
      const out: Promise<Appended | null>[] = [];
      for (const p of batch) {
        const r = this.single(p.m, p.opts);
        out.push(r);
        await r.catch(() => {});
      }
      return out;
    }
  }

  private async store(batch: Pending[]): Promise<(Appended | null)[]> {
    const col = <T>(f: (p: Pending) => T): T[] => batch.map(f);
    const started = performance.now();
    const rows = await this.sql.query<Record<string, unknown> & { ord: string | number; duplicate: boolean; conv_status: string | null; conv_unhelpful_rounds: number | null }>(
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::jsonb[],
                              $10::integer[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::jsonb[], $18::integer[], $19::integer[], $20::text[], $21::jsonb[])
           WITH ORDINALITY AS t(conversation_id, client_id, author, author_id, author_name, kind, text, bot, system,
                                unhelpful_rounds, only_if_status, ev_site, ev_type, ev_actor_type, ev_actor_id, ev_reason, ev_data, max_messages, reopen_minutes, author_avatar, attachment, ord)
       ), existing AS (
         SELECT m.*, i.ord FROM messages m JOIN input i ON m.conversation_id = i.conversation_id AND m.client_id = i.client_id
       ), locked AS (
         -- Rows locked in id order: two batches in flight never wait on each other in a cycle.
         SELECT c.id FROM conversations c WHERE c.id IN (SELECT conversation_id FROM input) ORDER BY c.id FOR UPDATE
       ), bump AS (
         UPDATE conversations c SET last_seq = c.last_seq + 1, updated_at = now(), unhelpful_rounds = COALESCE(i.unhelpful_rounds, c.unhelpful_rounds)
         FROM input i JOIN locked l ON l.id = i.conversation_id
         WHERE c.id = i.conversation_id AND NOT EXISTS (SELECT 1 FROM existing e WHERE e.ord = i.ord)
           AND (i.only_if_status IS NULL OR c.status = i.only_if_status)
           AND (i.max_messages IS NULL OR c.last_seq < i.max_messages)
           AND (i.reopen_minutes IS NULL OR c.status <> 'resolved' OR c.resolved_at > now() - make_interval(mins => i.reopen_minutes))
         RETURNING i.ord, c.last_seq, c.status, c.unhelpful_rounds
       ), inserted AS (
         INSERT INTO messages (conversation_id, seq, client_id, author, author_id, author_name, kind, text, bot, system, author_avatar, attachment)
         SELECT i.conversation_id, b.last_seq, i.client_id, i.author, i.author_id, i.author_name, i.kind, i.text, i.bot, i.system, i.author_avatar, i.attachment
         FROM bump b JOIN input i ON i.ord = b.ord
         RETURNING *
       ), recorded AS (
         INSERT INTO events (site_id, conversation_id, type, actor_type, actor_id, reason, data)
         SELECT i.ev_site, i.conversation_id, i.ev_type, i.ev_actor_type, i.ev_actor_id, i.ev_reason, i.ev_data
         FROM inserted m JOIN input i ON i.conversation_id = m.conversation_id AND i.client_id = m.client_id WHERE i.ev_type IS NOT NULL
       )
       SELECT m.*, b.ord, false AS duplicate, b.status AS conv_status, b.unhelpful_rounds AS conv_unhelpful_rounds
         FROM inserted m JOIN input i ON i.conversation_id = m.conversation_id AND i.client_id = m.client_id JOIN bump b ON b.ord = i.ord
       UNION ALL
       SELECT e.*, true AS duplicate, NULL AS conv_status, NULL AS conv_unhelpful_rounds FROM existing e`,
      [
        col((p) => p.m.conversationId), col((p) => p.m.id), col((p) => p.m.author), col((p) => p.m.authorId), col((p) => p.m.authorName),
        col((p) => p.m.kind), col((p) => p.m.text), col((p) => (p.m.bot ? JSON.stringify(p.m.bot) : null)), col((p) => (p.m.system ? JSON.stringify(p.m.system) : null)),
        col((p) => p.opts.unhelpfulRounds ?? null), col((p) => p.opts.onlyIfStatus ?? null),
        col((p) => p.opts.event?.siteId ?? null), col((p) => p.opts.event?.type ?? null), col((p) => p.opts.event?.actorType ?? null),
        col((p) => p.opts.event?.actorId ?? null), col((p) => p.opts.event?.reason ?? null), col((p) => JSON.stringify(p.opts.event?.data ?? {})),
        col((p) => p.opts.maxMessages ?? null), col((p) => p.opts.reopenWithinMinutes ?? null), col((p) => p.m.authorAvatar ?? null), col((p) => (p.m.attachment ? JSON.stringify(p.m.attachment) : null)),
      ],
    );
    workCounters.appendBatches++;
    workCounters.appendBatchRows += batch.length;
    workCounters.appendBatchMs += performance.now() - started;
    const byOrd = new Map<number, Appended>(rows.map((r) => [Number(r.ord), appendedOf(r)]));
    return batch.map((_, i) => byOrd.get(i + 1) ?? null);
  }
}
