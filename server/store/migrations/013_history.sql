-- Conversation history for agents (GET /api/conversations): filters, tags and full-text search.
-- Tags are free labels agents put on a conversation; the GIN index serves `tags @> ARRAY[tag]`.
ALTER TABLE conversations ADD COLUMN tags text[] NOT NULL DEFAULT '{}';
CREATE INDEX conversations_tags ON conversations USING gin (tags);
-- History pages newest first by creation time, which never changes, so a cursor never skips or repeats.
CREATE INDEX conversations_history ON conversations (created_at DESC, id DESC);

-- Message text as words. The 'simple' configuration lowercases without stemming or stop words, because
-- visitors write in any language; the search adds prefix matching instead (deliv matches delivery).
ALTER TABLE messages ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED;
CREATE INDEX messages_search ON messages USING gin (search);

-- Visitor presence: one row per open widget socket, on any node (like agent_connections). A visitor
-- is on the site while a row is fresh; rows of a crashed node stop counting when their heartbeat ages.
CREATE TABLE visitor_connections (
  id text PRIMARY KEY,
  visitor_id text NOT NULL REFERENCES visitors(id) ON DELETE CASCADE,
  last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX visitor_connections_visitor ON visitor_connections (visitor_id);
