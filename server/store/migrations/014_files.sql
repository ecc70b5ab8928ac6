-- Files and images that visitors and agents attach to messages (#15). The bytes live in the database, so
-- every server node can serve every file; one file is at most FILE_MAX_BYTES (and the site's own limit).
-- An upload belongs to its uploader until a message carries it; then it belongs to that conversation and
-- is readable by whoever may read the conversation. Uploads never attached are deleted after a day.
CREATE TABLE files (
  id text PRIMARY KEY,
  site_id text NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  uploader_type text NOT NULL CHECK (uploader_type IN ('visitor', 'agent')),
  uploader_id text NOT NULL,
  conversation_id text REFERENCES conversations(id) ON DELETE CASCADE,
  name text NOT NULL,
  type text NOT NULL,
  size integer NOT NULL,
  data bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Metering (bytes one uploader stored recently) and the sweep of files never attached.
CREATE INDEX files_uploader ON files (uploader_id, created_at);
CREATE INDEX files_unattached ON files (created_at) WHERE conversation_id IS NULL;
CREATE INDEX files_conversation ON files (conversation_id);

-- What a message carries: { id, name, type, size } of a file above, or null.
ALTER TABLE messages ADD COLUMN attachment jsonb;
