-- Sites embed the widget; `key` is public (in the snippet), `secret` never leaves the server.
CREATE TABLE sites (
  id text PRIMARY KEY,
  key text NOT NULL UNIQUE,
  name text NOT NULL,
  secret text NOT NULL,
  allowed_origins text[] NOT NULL DEFAULT '{}',
  settings jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE visitors (
  id text PRIMARY KEY,
  site_id text NOT NULL REFERENCES sites(id),
  name text,
  email text,
  user_id text,
  verified boolean NOT NULL DEFAULT false,
  attributes jsonb NOT NULL DEFAULT '{}',
  context jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX visitors_site_user ON visitors (site_id, user_id) WHERE user_id IS NOT NULL;

CREATE TABLE agents (
  id text PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('agent', 'admin')),
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  -- What the agent chose; they count as available only while a connection is also alive.
  presence text NOT NULL DEFAULT 'online' CHECK (presence IN ('online', 'away')),
  capacity integer NOT NULL DEFAULT 3,
  -- Last heartbeat from any of their consoles: starts the grace period when all are gone.
  last_seen_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One row per open console socket, on any node; stale rows (no heartbeat) are ignored and swept.
CREATE TABLE agent_connections (
  id text PRIMARY KEY,
  agent_id text NOT NULL REFERENCES agents(id),
  last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agent_connections_agent ON agent_connections (agent_id);

CREATE TABLE sessions (
  id text PRIMARY KEY,
  agent_id text NOT NULL REFERENCES agents(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

CREATE TABLE conversations (
  id text PRIMARY KEY,
  site_id text NOT NULL REFERENCES sites(id),
  visitor_id text NOT NULL REFERENCES visitors(id),
  status text NOT NULL CHECK (status IN ('bot', 'queued', 'assigned', 'resolved', 'offline')),
  agent_id text REFERENCES agents(id),
  escalation_reason text,
  last_seq integer NOT NULL DEFAULT 0,
  -- Consecutive bot rounds that did not help; two in a row hand over.
  unhelpful_rounds integer NOT NULL DEFAULT 0,
  context jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  queued_at timestamptz,
  resolved_at timestamptz
);
CREATE INDEX conversations_queue ON conversations (site_id, status, queued_at);
CREATE INDEX conversations_visitor ON conversations (visitor_id, created_at);
CREATE INDEX conversations_agent ON conversations (agent_id, status);

CREATE TABLE messages (
  conversation_id text NOT NULL REFERENCES conversations(id),
  seq integer NOT NULL,
  client_id text NOT NULL,
  author text NOT NULL CHECK (author IN ('visitor', 'bot', 'agent', 'system')),
  author_id text,
  author_name text,
  kind text NOT NULL CHECK (kind IN ('text', 'note')),
  text text NOT NULL,
  bot jsonb,
  system jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, seq),
  UNIQUE (conversation_id, client_id)
);

-- Every state change with who and why; metrics are computed from these rows.
CREATE TABLE events (
  id bigserial PRIMARY KEY,
  site_id text NOT NULL REFERENCES sites(id),
  conversation_id text REFERENCES conversations(id),
  type text NOT NULL,
  actor_type text NOT NULL CHECK (actor_type IN ('visitor', 'bot', 'agent', 'system')),
  actor_id text,
  reason text,
  data jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_conversation ON events (conversation_id, id);
CREATE INDEX events_site_type_time ON events (site_id, type, created_at);

CREATE TABLE server_settings (
  key text PRIMARY KEY,
  value text NOT NULL
);
