-- Visitor tokens carry this generation; bumping it revokes every token issued before (Chat('shutdown'), an admin).
ALTER TABLE visitors ADD COLUMN token_generation integer NOT NULL DEFAULT 0;
