-- Live signals that a bot answer was wrong for a question: they lower the bot's trust in that
-- article for similar questions (server/bot/trust.ts). One row per answer message and source.
CREATE TABLE bot_trust_strikes (
  site_id text NOT NULL REFERENCES sites(id),
  article_id text NOT NULL,
  source text NOT NULL CHECK (source IN ('visitor_unhelpful', 'handover_after_answer', 'agent_marked_wrong')),
  actor_id text NOT NULL,
  question text NOT NULL,
  conversation_id text NOT NULL REFERENCES conversations(id),
  message_seq integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, message_seq, source)
);

CREATE INDEX bot_trust_strikes_site_at ON bot_trust_strikes (site_id, created_at)
