-- What visitors see of an agent: the name (agents.name, already shown) and an optional https avatar.
ALTER TABLE agents ADD COLUMN avatar_url text;
-- Like author_name, the avatar is kept as it was when the message was written.
ALTER TABLE messages ADD COLUMN author_avatar text;
