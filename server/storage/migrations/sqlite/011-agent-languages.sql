-- The languages an agent chats in (ISO 639-1, JSON array): a conversation in Spanish is offered to an agent
-- who speaks Spanish first (issue 9). Every agent speaks English unless told otherwise.
ALTER TABLE agents ADD COLUMN languages TEXT NOT NULL DEFAULT '["en"]';
