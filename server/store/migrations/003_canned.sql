-- Canned responses agents insert with /shortcut; admins manage them.
CREATE TABLE canned_responses (
  id text PRIMARY KEY,
  shortcut text NOT NULL UNIQUE,
  text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
