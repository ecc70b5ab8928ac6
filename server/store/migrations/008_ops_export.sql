-- Where each conversation last changed, for the incremental export (GET /api/ops/export/conversations).
-- `pos` is the id of the latest transaction that wrote an event or a message of the conversation.
-- The export reads in (pos, conversation_id) order and only positions of transactions older than
-- every transaction still running (pg_snapshot_xmin), so a slow commit can never land behind a
-- client's cursor: pages miss nothing and repeat nothing, whatever is written between them.
CREATE TABLE conversation_changes (
  conversation_id text PRIMARY KEY REFERENCES conversations(id),
  pos xid8 NOT NULL,
  changed_at timestamptz NOT NULL
);
CREATE INDEX conversation_changes_pos ON conversation_changes (pos, conversation_id);

CREATE FUNCTION note_conversation_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.conversation_id IS NOT NULL THEN
    INSERT INTO conversation_changes AS c (conversation_id, pos, changed_at)
    VALUES (NEW.conversation_id, pg_current_xact_id(), NEW.created_at)
    ON CONFLICT (conversation_id) DO UPDATE
      SET pos = greatest(c.pos, EXCLUDED.pos), changed_at = greatest(c.changed_at, EXCLUDED.changed_at);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER events_note_change AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION note_conversation_change();
CREATE TRIGGER messages_note_change AFTER INSERT ON messages FOR EACH ROW EXECUTE FUNCTION note_conversation_change();

-- Conversations written before this migration.
INSERT INTO conversation_changes (conversation_id, pos, changed_at)
SELECT conversation_id, max(tx), max(created_at) FROM (
  SELECT conversation_id, tx, created_at FROM events WHERE conversation_id IS NOT NULL
  UNION ALL SELECT conversation_id, tx, created_at FROM messages
) w GROUP BY conversation_id;
