-- Exactly-once answers and the router (issue 13): at most one bot reply per shopper message, so a
-- message answered on one instance is never answered again on another or after a restart.
CREATE UNIQUE INDEX messages_one_bot_reply ON messages(conversation_id, reply_to) WHERE sender = 'bot' AND reply_to IS NOT NULL;
CREATE INDEX messages_created ON messages(created_at);
-- The shopper's locale (from hello) and the language the assistant answers in.
ALTER TABLE conversations ADD COLUMN locale TEXT;
ALTER TABLE conversations ADD COLUMN language TEXT;
-- An SLA breach is flagged once, so a restart does not warn again.
ALTER TABLE handoffs ADD COLUMN sla_breached_at TEXT;
-- Which responder took a shopper message (bot, ticket, agent, queue): bot and ticket messages are owed a reply.
ALTER TABLE messages ADD COLUMN responder TEXT;
