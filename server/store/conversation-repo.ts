import { randomUUID } from 'node:crypto';
import type { ConversationStatus, EscalationReason, VisitorContext } from '../../shared/protocol/index';
import type { Sql } from './db';
import { toConversation } from './rows';
import type { Conversation, NewEvent } from './types';
import { GroupCommit } from './group-commit';
import type { Wake } from './wake';

const one = <T>(rows: T[]): T | undefined => rows[0];

/** Omit applied to each member of a union, so each event type keeps its own data. */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A conversation to start, with the events that open it (their site and conversation are the new one's). */
export interface NewConversation {
  siteId: string;
  visitorId: string;
  context: VisitorContext | null;
  events: OmitEach<NewEvent, 'siteId' | 'conversationId'>[];
}

export class ConversationRepo {
  private readonly starts: GroupCommit<NewConversation, Conversation> | null;
  constructor(
    private readonly sql: Sql,
    /** On the pool: new conversations are group-committed, and their events wake the webhook outbox (in a transaction, the commit does). */
    private readonly wake: Wake | null = null,
  ) {
    this.starts = wake ? new GroupCommit((batch) => this.startAll(batch), { maxInFlight: 4, maxBatch: 256, queuedStage: 'start.queued' }) : null;
  }
  async create(c: { siteId: string; visitorId: string; context: VisitorContext | null }): Promise<Conversation> {
    const rows = await this.sql.query("INSERT INTO conversations (id, site_id, visitor_id, status, context) VALUES ($1, $2, $3, 'bot', $4) RETURNING *", [randomUUID(), c.siteId, c.visitorId, c.context && JSON.stringify(c.context)]);
    return toConversation(rows[0]!);
  }
  /**
   * A new conversation with its first events (stored in this order), group-committed with the other
   * conversations started at the same moment: one statement and one commit for the lot. Every visitor's
   * first message pays this, so it is what a burst of new chats queues on. Four statements in flight, as
   * for message appends (append-batch.ts), where two let a backlog feed itself (docs/BENCHMARK.md); not measured
   * separately for starts.
   */
  async start(c: NewConversation): Promise<Conversation> {
    const started = this.starts ? await this.starts.submit(c) : (await this.startAll([c]))[0]!;
    if (c.events.length > 0) this.wake?.wake('webhooks');
    return started;
  }
  private async startAll(batch: NewConversation[]): Promise<Conversation[]> {
    const ids = batch.map(() => randomUUID());
    const rows = await this.sql.query(
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[]) WITH ORDINALITY AS t(id, site_id, visitor_id, context, events, ord)
       ), c AS (
         INSERT INTO conversations (id, site_id, visitor_id, status, context)
         SELECT id, site_id, visitor_id, 'bot', context FROM input ORDER BY ord RETURNING *
       ), recorded AS (
         INSERT INTO events (site_id, conversation_id, type, actor_type, actor_id, reason, data, created_at)
         SELECT c.site_id, c.id, e->>'type', e->>'actorType', e->>'actorId', e->>'reason', COALESCE(e->'data', '{}'), COALESCE((e->>'at')::timestamptz, now())
         FROM c JOIN input i ON i.id = c.id, jsonb_array_elements(i.events) WITH ORDINALITY AS x(e, n)
         ORDER BY i.ord, x.n
       )
       SELECT * FROM c`,
      [ids, batch.map((c) => c.siteId), batch.map((c) => c.visitorId), batch.map((c) => (c.context ? JSON.stringify(c.context) : null)), batch.map((c) => JSON.stringify(c.events))],
    );
    const byId = new Map(rows.map((r) => [r.id as string, toConversation(r)]));
    return ids.map((id) => byId.get(id)!);
  }
  async byId(id: string): Promise<Conversation | undefined> {
    const r = one(await this.sql.query('SELECT * FROM conversations WHERE id = $1', [id]));
    return r && toConversation(r);
  }
  /** Locks the row until the transaction ends, so state changes on one conversation are serial. */
  async lock(id: string): Promise<Conversation | undefined> {
    const r = one(await this.sql.query('SELECT * FROM conversations WHERE id = $1 FOR UPDATE', [id]));
    return r && toConversation(r);
  }
  async latestForVisitor(visitorId: string): Promise<Conversation | undefined> {
    const r = one(await this.sql.query('SELECT * FROM conversations WHERE visitor_id = $1 ORDER BY created_at DESC, id LIMIT 1', [visitorId]));
    return r && toConversation(r);
  }
  /**
   * The latest conversation this visitor may see, in one round trip: their own, plus those of the other devices of
   * a verified user (VisitorRepo.sameUser's rule); with `requireVerified`, none unless the visitor is verified.
   */
  async latestVisibleTo(visitorId: string, requireVerified: boolean): Promise<Conversation | undefined> {
    const r = one(await this.sql.query(
      `SELECT * FROM conversations WHERE visitor_id IN (
         SELECT $1::text UNION SELECT s.id FROM visitors me JOIN visitors s ON s.site_id = me.site_id AND s.user_id = me.user_id AND s.verified
         WHERE me.id = $1 AND me.verified AND me.user_id IS NOT NULL)
       AND (NOT $2::boolean OR EXISTS (SELECT 1 FROM visitors WHERE id = $1 AND verified))
       ORDER BY created_at DESC LIMIT 1`,
      [visitorId, requireVerified],
    ));
    return r && toConversation(r);
  }
  async forVisitors(visitorIds: string[], limit = 20): Promise<Conversation[]> {
    return (await this.sql.query('SELECT * FROM conversations WHERE visitor_id = ANY($1) ORDER BY created_at DESC LIMIT $2', [visitorIds, limit])).map(toConversation);
  }
  async setStatus(id: string, p: { status: ConversationStatus; agentId?: string | null; reason?: EscalationReason | null }): Promise<Conversation> {
    const rows = await this.sql.query(
      `UPDATE conversations SET status = $2, updated_at = now(),
         agent_id = CASE WHEN $3::boolean THEN $4 ELSE agent_id END,
         escalation_reason = COALESCE($5, escalation_reason),
         queued_at = CASE WHEN $2 = 'queued' AND status <> 'queued' THEN now() ELSE queued_at END,
         resolved_at = CASE WHEN $2 = 'resolved' THEN now() WHEN status = 'resolved' THEN NULL ELSE resolved_at END
       WHERE id = $1 RETURNING *`,
      [id, p.status, p.agentId !== undefined, p.agentId ?? null, p.reason ?? null],
    );
    return toConversation(rows[0]!);
  }
  /** The race-safe claim: only one UPDATE can see the row still queued. */
  async claim(id: string, agentId: string): Promise<Conversation | undefined> {
    const r = one(await this.sql.query("UPDATE conversations SET status = 'assigned', agent_id = $2, updated_at = now() WHERE id = $1 AND status = 'queued' RETURNING *", [id, agentId]));
    return r && toConversation(r);
  }
  async setUnhelpfulRounds(id: string, n: number): Promise<void> {
    await this.sql.query('UPDATE conversations SET unhelpful_rounds = $2 WHERE id = $1', [id, n]);
  }
  async setContext(id: string, context: VisitorContext): Promise<void> {
    await this.sql.query('UPDATE conversations SET context = $2 WHERE id = $1', [id, JSON.stringify(context)]);
  }
  async queue(siteIds: string[] | null): Promise<Conversation[]> {
    return (await this.sql.query("SELECT * FROM conversations WHERE status = 'queued' AND ($1::text[] IS NULL OR site_id = ANY($1)) ORDER BY queued_at, id", [siteIds])).map(toConversation);
  }
  async assignedTo(agentId: string): Promise<Conversation[]> {
    return (await this.sql.query("SELECT * FROM conversations WHERE agent_id = $1 AND status = 'assigned' ORDER BY updated_at", [agentId])).map(toConversation);
  }
  /** The agents holding an assigned chat of this visitor now. */
  async holdersOf(visitorId: string): Promise<Set<string>> {
    const rows = await this.sql.query<{ agent_id: string }>("SELECT DISTINCT agent_id FROM conversations WHERE visitor_id = $1 AND status = 'assigned' AND agent_id IS NOT NULL", [visitorId]);
    return new Set(rows.map((r) => r.agent_id));
  }
  async tickets(): Promise<Conversation[]> {
    return (await this.sql.query("SELECT * FROM conversations WHERE status = 'offline' ORDER BY updated_at DESC LIMIT 200")).map(toConversation);
  }
  /** Open tickets, longest waiting first: a page of them, and how many there are in all. */
  async ticketPage(limit: number): Promise<{ items: Conversation[]; total: number }> {
    const [items, [count]] = await Promise.all([
      this.sql.query("SELECT * FROM conversations WHERE status = 'offline' ORDER BY created_at, id LIMIT $1", [limit]),
      this.sql.query<{ n: string | number }>("SELECT count(*) AS n FROM conversations WHERE status = 'offline'"),
    ]);
    return { items: items.map(toConversation), total: Number(count?.n ?? 0) };
  }
  async countAssigned(): Promise<Map<string, number>> {
    const rows = await this.sql.query<{ agent_id: string; n: string | number }>("SELECT agent_id, count(*) AS n FROM conversations WHERE status = 'assigned' GROUP BY agent_id");
    return new Map(rows.map((r) => [r.agent_id, Number(r.n)]));
  }
}
