import { randomUUID } from 'node:crypto';
import type { Sql } from './db';
import { toAgent, toEvent, toSite } from './rows';
import type { Agent, NewEvent, Role, Site, SiteSettings, StoredEvent } from './types';
import type { Wake } from './wake';

const one = <T>(rows: T[]): T | undefined => rows[0];

export class SiteRepo {
  constructor(private readonly sql: Sql) {}
  async byKey(key: string): Promise<Site | undefined> {
    const r = one(await this.sql.query('SELECT * FROM sites WHERE key = $1', [key]));
    return r && toSite(r);
  }
  async byId(id: string): Promise<Site | undefined> {
    const r = one(await this.sql.query('SELECT * FROM sites WHERE id = $1', [id]));
    return r && toSite(r);
  }
  async all(): Promise<Site[]> {
    return (await this.sql.query('SELECT * FROM sites ORDER BY created_at')).map(toSite);
  }
  async create(s: { key: string; name: string; secret: string; allowedOrigins?: string[]; settings?: Partial<SiteSettings> }): Promise<Site> {
    const rows = await this.sql.query(
      'INSERT INTO sites (id, key, name, secret, allowed_origins, settings) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *',
      [randomUUID(), s.key, s.name, s.secret, s.allowedOrigins ?? [], JSON.stringify(s.settings ?? {})],
    );
    return toSite(rows[0]!);
  }
  async update(id: string, p: { name?: string; settings?: SiteSettings; allowedOrigins?: string[]; disabled?: boolean }): Promise<void> {
    await this.sql.query(
      `UPDATE sites SET name = COALESCE($2, name), settings = COALESCE($3, settings), allowed_origins = COALESCE($4, allowed_origins),
         disabled = COALESCE($5, disabled) WHERE id = $1`,
      [id, p.name ?? null, p.settings ? JSON.stringify(p.settings) : null, p.allowedOrigins ?? null, p.disabled ?? null],
    );
  }
  /** The new secret takes over; the current one keeps verifying until `previousExpiresAt` (null: not at all). */
  async rotateSecret(id: string, secret: string, previousExpiresAt: Date | null): Promise<Site | undefined> {
    const r = one(await this.sql.query(
      `UPDATE sites SET previous_secret = CASE WHEN $3::timestamptz IS NULL THEN NULL ELSE secret END,
         previous_secret_expires_at = $3, secret = $2 WHERE id = $1 RETURNING *`,
      [id, secret, previousExpiresAt],
    ));
    return r && toSite(r);
  }
  /** Erases the site with everything recorded under it; call inside a transaction. */
  async deleteWithHistory(id: string): Promise<boolean> {
    // Every table that references a site or its conversations: a new one must be added here (a test deletes a site
    // with history of every kind, so a missing one fails it).
    await this.sql.query('DELETE FROM webhooks WHERE site_id = $1', [id]);
    await this.sql.query('DELETE FROM bot_trust_strikes WHERE site_id = $1', [id]);
    await this.sql.query('DELETE FROM email_outbox WHERE site_id = $1', [id]);
    await this.sql.query('DELETE FROM files WHERE site_id = $1', [id]);
    await this.sql.query('DELETE FROM conversation_changes WHERE conversation_id IN (SELECT id FROM conversations WHERE site_id = $1)', [id]);
    await this.sql.query('DELETE FROM events WHERE site_id = $1', [id]);
    await this.sql.query('DELETE FROM messages WHERE conversation_id IN (SELECT id FROM conversations WHERE site_id = $1)', [id]);
    await this.sql.query('DELETE FROM conversations WHERE site_id = $1', [id]);
    await this.sql.query('DELETE FROM visitors WHERE site_id = $1', [id]);
    return (await this.sql.query('DELETE FROM sites WHERE id = $1 RETURNING id', [id])).length > 0;
  }
  async countConversations(id: string): Promise<number> {
    const [r] = await this.sql.query<{ n: string | number }>('SELECT count(*) AS n FROM conversations WHERE site_id = $1', [id]);
    return Number(r?.n ?? 0);
  }
}

export class AgentRepo {
  constructor(private readonly sql: Sql) {}
  async create(a: { email: string; name: string; role: Role; passwordHash: string }): Promise<Agent> {
    const rows = await this.sql.query('INSERT INTO agents (id, email, name, role, password_hash) VALUES ($1, lower($2), $3, $4, $5) RETURNING *', [randomUUID(), a.email, a.name, a.role, a.passwordHash]);
    return toAgent(rows[0]!);
  }
  async byEmail(email: string): Promise<Agent | undefined> {
    const r = one(await this.sql.query('SELECT * FROM agents WHERE email = lower($1)', [email]));
    return r && toAgent(r);
  }
  async byId(id: string): Promise<Agent | undefined> {
    const r = one(await this.sql.query('SELECT * FROM agents WHERE id = $1', [id]));
    return r && toAgent(r);
  }
  async all(): Promise<Agent[]> {
    return (await this.sql.query('SELECT * FROM agents ORDER BY name')).map(toAgent);
  }
  /** Fields left undefined keep their value; `avatarUrl: null` removes the avatar. */
  async update(id: string, p: { disabled?: boolean; passwordHash?: string; presence?: 'online' | 'away'; name?: string; role?: Role; capacity?: number; avatarUrl?: string | null }): Promise<void> {
    await this.sql.query(
      `UPDATE agents SET disabled = COALESCE($2, disabled), password_hash = COALESCE($3, password_hash),
         presence = COALESCE($4, presence), name = COALESCE($5, name), role = COALESCE($6, role), capacity = COALESCE($7, capacity),
         avatar_url = CASE WHEN $8::boolean THEN $9::text ELSE avatar_url END WHERE id = $1`,
      [id, p.disabled ?? null, p.passwordHash ?? null, p.presence ?? null, p.name ?? null, p.role ?? null, p.capacity ?? null, p.avatarUrl !== undefined, p.avatarUrl ?? null],
    );
  }
  async connect(connectionId: string, agentId: string): Promise<void> {
    await this.sql.query('INSERT INTO agent_connections (id, agent_id) VALUES ($1, $2)', [connectionId, agentId]);
    await this.sql.query('UPDATE agents SET last_seen_at = now() WHERE id = $1', [agentId]);
  }
  async heartbeat(connectionId: string, agentId: string): Promise<void> {
    await this.sql.query('UPDATE agent_connections SET last_seen_at = now() WHERE id = $1', [connectionId]);
    await this.sql.query('UPDATE agents SET last_seen_at = now() WHERE id = $1', [agentId]);
  }
  async disconnect(connectionId: string, agentId: string): Promise<void> {
    await this.sql.query('DELETE FROM agent_connections WHERE id = $1', [connectionId]);
    await this.sql.query('UPDATE agents SET last_seen_at = now() WHERE id = $1', [agentId]);
  }
  /** Agents holding assigned chats with no live console since longer than `graceMs`. */
  async goneWithChats(graceMs: number, staleMs: number): Promise<string[]> {
    const rows = await this.sql.query<{ id: string }>(
      `SELECT a.id FROM agents a
       WHERE EXISTS (SELECT 1 FROM conversations c WHERE c.agent_id = a.id AND c.status = 'assigned')
         AND NOT EXISTS (SELECT 1 FROM agent_connections k WHERE k.agent_id = a.id AND k.last_seen_at > now() - ($2 * interval '1 millisecond'))
         AND (a.last_seen_at IS NULL OR a.last_seen_at < now() - ($1 * interval '1 millisecond'))`,
      [graceMs, staleMs],
    );
    return rows.map((r) => r.id);
  }
  /** Agents with a live console (heartbeat within `staleMs`), whatever presence they chose. */
  async connected(staleMs: number): Promise<Set<string>> {
    const rows = await this.sql.query<{ agent_id: string }>(
      `SELECT DISTINCT agent_id FROM agent_connections WHERE last_seen_at > now() - ($1 * interval '1 millisecond')`,
      [staleMs],
    );
    return new Set(rows.map((r) => r.agent_id));
  }
  async sweepConnections(staleMs: number): Promise<void> {
    await this.sql.query(`DELETE FROM agent_connections WHERE last_seen_at <= now() - ($1 * interval '1 millisecond')`, [staleMs]);
  }
}

export class SessionRepo {
  constructor(private readonly sql: Sql) {}
  async create(id: string, agentId: string, ttlMs: number): Promise<void> {
    await this.sql.query(`INSERT INTO sessions (id, agent_id, expires_at) VALUES ($1, $2, now() + ($3 * interval '1 millisecond'))`, [id, agentId, ttlMs]);
  }
  async agentFor(id: string): Promise<Agent | undefined> {
    const r = one(await this.sql.query('SELECT a.* FROM sessions s JOIN agents a ON a.id = s.agent_id WHERE s.id = $1 AND s.expires_at > now() AND NOT a.disabled', [id]));
    return r && toAgent(r);
  }
  async delete(id: string): Promise<void> {
    await this.sql.query('DELETE FROM sessions WHERE id = $1', [id]);
  }
  async deleteForAgent(agentId: string): Promise<void> {
    await this.sql.query('DELETE FROM sessions WHERE agent_id = $1', [agentId]);
  }
}

export class EventRepo {
  constructor(
    private readonly sql: Sql,
    /** On the pool, a recorded event wakes the webhook outbox (in a transaction, the commit does). */
    private readonly wake: Wake | null = null,
  ) {}
  async record(e: NewEvent): Promise<void> {
    await this.sql.query(
      'INSERT INTO events (site_id, conversation_id, type, actor_type, actor_id, reason, data, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, COALESCE($8, now()))',
      [e.siteId, e.conversationId, e.type, e.actorType, e.actorId, e.reason ?? null, JSON.stringify(e.data ?? {}), e.at ?? null],
    );
    this.wake?.wake('webhooks');
  }
  async forConversation(conversationId: string): Promise<StoredEvent[]> {
    return (await this.sql.query('SELECT * FROM events WHERE conversation_id = $1 ORDER BY id', [conversationId])).map(toEvent);
  }
  async ofType(siteId: string, type: string, from: Date, to: Date): Promise<StoredEvent[]> {
    return (await this.sql.query('SELECT * FROM events WHERE site_id = $1 AND type = $2 AND created_at >= $3 AND created_at < $4 ORDER BY id', [siteId, type, from, to])).map(toEvent);
  }
}
