-- Outgoing email (ticket replies, transcripts, "you have a reply" notices), sent by a background
-- sender with retries, so a slow or absent SMTP server never holds up a chat.
CREATE TABLE email_outbox (
  id bigserial PRIMARY KEY,
  site_id text NOT NULL,
  conversation_id text,
  kind text NOT NULL,
  to_address text NOT NULL,
  subject text NOT NULL,
  body_text text NOT NULL,
  -- Message-ID, In-Reply-To, References and Reply-To, fixed at enqueue time so a retry is the same mail.
  message_id text NOT NULL UNIQUE,
  in_reply_to text,
  reply_to text,
  status text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX email_outbox_due ON email_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX email_outbox_conversation ON email_outbox (conversation_id, created_at);
