import { randomUUID } from 'node:crypto';
import type { Sql } from '../store/db';
import { ms, msOrNull, type Row } from '../store/rows';
import { newSecret } from './sign';
import type { CreateWebhook, UpdateWebhook, Webhook, WebhookEventType, WebhookFormat } from './schema';


function toWebhook(r: Row): Webhook {
  return {
    id: String(r.id),
    siteId: String(r.site_id),
    siteKey: String(r.site_key),
    url: String(r.url),
    format: r.format as WebhookFormat,
    events: r.events as WebhookEventType[],
    secret: String(r.secret),
    description: String(r.description),
    active: Boolean(r.active),
    createdAt: ms(r.created_at),
    updatedAt: ms(r.updated_at),
  };
}

export interface DeliveryAttempt { attempt: number; startedAt: number; durationMs: number; statusCode: number | null; error: string | null; responseExcerpt: string | null }

export interface Delivery {
  id: string;
  webhookId: string;
  eventKey: string;
  eventType: string;
  body: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: number | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
}

function toDelivery(r: Row): Delivery {
  return {
    id: String(r.id),
    webhookId: String(r.webhook_id),
    eventKey: String(r.event_key),
    eventType: String(r.event_type),
    body: String(r.body),
    status: r.status as Delivery['status'],
    attempts: Number(r.attempts),
    nextAttemptAt: r.status === 'pending' ? ms(r.next_attempt_at) : null,
    lastStatusCode: r.last_status_code === null ? null : Number(r.last_status_code),
    lastError: r.last_error === null ? null : String(r.last_error),
    createdAt: ms(r.created_at),
    deliveredAt: msOrNull(r.delivered_at),
  };
}

const SELECT_WEBHOOK = 'SELECT w.*, s.key AS site_key FROM webhooks w JOIN sites s ON s.id = w.site_id';

/** Webhooks and their delivery log. */
export class WebhookRepo {
  constructor(private readonly sql: Sql) {}

  async create(siteId: string, w: Omit<CreateWebhook, 'site'>): Promise<Webhook> {
    const id = randomUUID();
    await this.sql.query('INSERT INTO webhooks (id, site_id, url, format, events, secret, description, active) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [id, siteId, w.url, w.format, w.events, newSecret(), w.description, w.active]);
    return (await this.byId(id))!;
  }

  async byId(id: string): Promise<Webhook | undefined> {
    const [r] = await this.sql.query(`${SELECT_WEBHOOK} WHERE w.id = $1`, [id]);
    return r && toWebhook(r);
  }

  async list(siteId: string | null): Promise<Webhook[]> {
    return (await this.sql.query(`${SELECT_WEBHOOK} WHERE ($1::text IS NULL OR w.site_id = $1) ORDER BY w.created_at, w.id`, [siteId])).map(toWebhook);
  }

  async update(id: string, p: UpdateWebhook): Promise<Webhook | undefined> {
    await this.sql.query(
      `UPDATE webhooks SET url = COALESCE($2, url), events = COALESCE($3, events), format = COALESCE($4, format),
         description = COALESCE($5, description), active = COALESCE($6, active), secret = COALESCE($7, secret), updated_at = now()
       WHERE id = $1`,
      [id, p.url ?? null, p.events ?? null, p.format ?? null, p.description ?? null, p.active ?? null, p.rotateSecret ? newSecret() : null],
    );
    return this.byId(id);
  }

  async delete(id: string): Promise<boolean> {
    return (await this.sql.query('DELETE FROM webhooks WHERE id = $1 RETURNING id', [id])).length > 0;
  }

  /** Newest first, each with its attempts in order. */
  async deliveries(webhookId: string, q: { status?: Delivery['status']; limit: number }): Promise<Array<Delivery & { log: DeliveryAttempt[] }>> {
    const rows = (await this.sql.query('SELECT * FROM webhook_deliveries WHERE webhook_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY created_at DESC, id LIMIT $3', [webhookId, q.status ?? null, q.limit])).map(toDelivery);
    const attempts = await this.sql.query('SELECT * FROM webhook_attempts WHERE delivery_id = ANY($1) ORDER BY id', [rows.map((d) => d.id)]);
    return rows.map((d) => ({
      ...d,
      log: attempts
        .filter((a) => a.delivery_id === d.id)
        .map((a) => ({ attempt: Number(a.attempt), startedAt: ms(a.started_at), durationMs: Number(a.duration_ms), statusCode: a.status_code === null ? null : Number(a.status_code), error: a.error === null ? null : String(a.error), responseExcerpt: a.response_excerpt === null ? null : String(a.response_excerpt) })),
    }));
  }

  /** Queues one delivery; a second call for the same webhook and event is a no-op. */
  async enqueue(webhookId: string, eventKey: string, eventType: string, body: string): Promise<void> {
    await this.sql.query('INSERT INTO webhook_deliveries (id, webhook_id, event_key, event_type, body) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (webhook_id, event_key) DO NOTHING', [randomUUID(), webhookId, eventKey, eventType, body]);
  }

  async deliveryOf(webhookId: string, eventKey: string): Promise<Delivery | undefined> {
    const [r] = await this.sql.query('SELECT * FROM webhook_deliveries WHERE webhook_id = $1 AND event_key = $2', [webhookId, eventKey]);
    return r && toDelivery(r);
  }

  /** A failed (or any) delivery goes back to the queue now, with a fresh attempt budget. */
  async retry(webhookId: string, deliveryId: string): Promise<Delivery | undefined> {
    const [r] = await this.sql.query("UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = now() WHERE id = $1 AND webhook_id = $2 RETURNING *", [deliveryId, webhookId]);
    return r && toDelivery(r);
  }

  /**
   * Claims due deliveries of active webhooks, safely with several nodes: SKIP LOCKED hands each row
   * to one claimer, and the lease (next_attempt_at pushed forward) makes it due again if that node dies.
   */
  async claimDue(limit: number, leaseMs: number): Promise<Array<Delivery & { url: string; secret: string }>> {
    if (limit <= 0) return [];
    const rows = await this.sql.query(
      `WITH due AS (
         SELECT d.id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id AND w.active
         WHERE d.status = 'pending' AND d.next_attempt_at <= now()
         ORDER BY d.next_attempt_at LIMIT $1 FOR UPDATE OF d SKIP LOCKED)
       UPDATE webhook_deliveries d SET attempts = d.attempts + 1, next_attempt_at = now() + ($2 * interval '1 millisecond')
       FROM due, webhooks w WHERE d.id = due.id AND w.id = d.webhook_id
       RETURNING d.*, w.url, w.secret`,
      [limit, leaseMs],
    );
    return rows.map((r) => ({ ...toDelivery(r), url: String(r.url), secret: String(r.secret) }));
  }

  /** Records one attempt and the delivery's new state; ignored if the delivery was re-claimed meanwhile. */
  async finish(d: { id: string; attempts: number }, a: Omit<DeliveryAttempt, 'attempt'>, next: { status: Delivery['status']; retryInMs: number }): Promise<void> {
    await this.sql.query(
      'INSERT INTO webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error, response_excerpt) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [d.id, d.attempts, new Date(a.startedAt), a.durationMs, a.statusCode, a.error, a.responseExcerpt],
    );
    await this.sql.query(
      `UPDATE webhook_deliveries SET status = $3, last_status_code = $4, last_error = $5,
         next_attempt_at = now() + ($6 * interval '1 millisecond'), delivered_at = CASE WHEN $3 = 'delivered' THEN now() ELSE NULL END
       WHERE id = $1 AND attempts = $2`,
      [d.id, d.attempts, next.status, a.statusCode, a.error, next.retryInMs],
    );
  }

  /** Milliseconds until the next pending delivery falls due (0 when one is due now); null when none is pending. */
  async nextDueInMs(): Promise<number | null> {
    const [r] = await this.sql.query<{ ms: number | null }>("SELECT extract(epoch FROM min(d.next_attempt_at) - now()) * 1000 AS ms FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id AND w.active WHERE d.status = 'pending'");
    return r?.ms === null || r?.ms === undefined ? null : Math.max(0, Number(r.ms));
  }

  /** Makes a claimed delivery due again at once (the node is shutting down mid-send). */
  async release(id: string, attempts: number): Promise<void> {
    await this.sql.query('UPDATE webhook_deliveries SET next_attempt_at = now() WHERE id = $1 AND attempts = $2', [id, attempts]);
  }
}
