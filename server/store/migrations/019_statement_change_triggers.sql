-- Where each conversation last changed (migration 008), noted once per statement instead of once per row.
-- A group-committed batch stores up to 256 messages (and their events) in one statement; the row
-- triggers ran a PL/pgSQL call and an upsert for each of them, which perf measured at about a fifth of
-- PostgreSQL's CPU at 1,000 messages/s. One upsert per statement, over the rows it inserted (the
-- transition table), keeps the same meaning: the conversation's newest writing transaction and time.
-- Rows are upserted in conversation id order, the order the batch statement locks conversations in.
CREATE FUNCTION note_conversation_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO conversation_changes AS c (conversation_id, pos, changed_at)
  SELECT conversation_id, pg_current_xact_id(), max(created_at) FROM changed
  WHERE conversation_id IS NOT NULL GROUP BY conversation_id ORDER BY conversation_id
  ON CONFLICT (conversation_id) DO UPDATE
    SET pos = greatest(c.pos, EXCLUDED.pos), changed_at = greatest(c.changed_at, EXCLUDED.changed_at);
  RETURN NULL;
END $$;

DROP TRIGGER events_note_change ON events;
DROP TRIGGER messages_note_change ON messages;
DROP FUNCTION note_conversation_change();
CREATE TRIGGER events_note_change AFTER INSERT ON events REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION note_conversation_changes();
CREATE TRIGGER messages_note_change AFTER INSERT ON messages REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION note_conversation_changes();
