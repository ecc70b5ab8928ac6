-- Outbound webhooks per site. Deliveries are an outbox filled from the stored events and
-- messages by a background dispatcher, never from the request or socket path.
CREATE TABLE webhooks (
  id text PRIMARY KEY,
  site_id text NOT NULL REFERENCES sites(id),
  url text NOT NULL,
  format text NOT NULL CHECK (format IN ('json', 'slack')),
  events text[] NOT NULL,
  -- Signs every request (HMAC-SHA256 over "timestamp.body"), shown to the admin on create and rotate.
  secret text NOT NULL,
  description text NOT NULL DEFAULT '',
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhooks_site ON webhooks (site_id);

-- One row per (webhook, event): the unique key makes fan-out idempotent.
CREATE TABLE webhook_deliveries (
  id text PRIMARY KEY,
  webhook_id text NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  event_key text NOT NULL,
  event_type text NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  -- When pending: due time. While a node sends it, pushed forward as a lease, so a crashed node's claim expires.
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_status_code integer,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  UNIQUE (webhook_id, event_key)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (webhook_id, created_at DESC);

-- Every HTTP attempt, for the delivery log an admin sees.
CREATE TABLE webhook_attempts (
  id bigserial PRIMARY KEY,
  delivery_id text NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
  attempt integer NOT NULL,
  started_at timestamptz NOT NULL,
  duration_ms integer NOT NULL,
  status_code integer,
  error text,
  response_excerpt text
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id);

-- The writing transaction's id on events and messages lets the dispatcher read them in an order
-- where nothing can appear behind its cursor later: it only reads rows of transactions older than
-- every transaction still running (pg_snapshot_xmin), so a slow commit is never skipped.
ALTER TABLE events ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE messages ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX events_outbox ON events (tx, id);
CREATE INDEX messages_outbox ON messages (tx, conversation_id, seq);

-- Position of the fan-out in each source: done are rows of transactions before tx, and rows of
-- tx itself up to the key (none of them when the key is NULL). It starts after everything that
-- existed when this migration ran, so installing webhooks sends no flood of old events.
CREATE TABLE webhook_cursors (
  source text PRIMARY KEY,
  tx xid8 NOT NULL,
  key_text text,
  key_num bigint
);
INSERT INTO webhook_cursors (source, tx) VALUES
  ('events', (pg_current_xact_id()::text::bigint + 1)::text::xid8),
  ('messages', (pg_current_xact_id()::text::bigint + 1)::text::xid8);
