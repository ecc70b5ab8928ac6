-- KB gaps an admin answered: saving an article from a gap group, or adding its questions to an
-- article, records the group's questions so the gap list stops showing them (see server/kb/gap-resolutions.ts).
CREATE TABLE kb_gap_resolutions (
  id text PRIMARY KEY,
  gap_id text NOT NULL,
  article_id text NOT NULL,
  questions jsonb NOT NULL,
  resolved_by text,
  resolved_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX kb_gap_resolutions_resolved_at ON kb_gap_resolutions (resolved_at);
