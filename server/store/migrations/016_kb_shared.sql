-- Knowledge-base edits made through the API (console editor, help-centre syncs), kept in the database so
-- every node's bot serves them, wherever its KB folder is. One row per article: its latest content, or
-- NULL once deleted (so a node that still has the file removes it). `version` grows with every edit; a
-- node applies the rows whose version it has not applied yet.
CREATE SEQUENCE kb_article_version;
CREATE TABLE kb_articles (
  id text PRIMARY KEY,
  article jsonb,
  version bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Work that one node of the cluster does for all (the grace-period sweep): whoever holds the lease runs it,
-- renewing it each round; a node that died stops renewing and another takes over once `until` passes.
CREATE TABLE cluster_leases (
  name text PRIMARY KEY,
  holder text NOT NULL,
  until timestamptz NOT NULL
);
