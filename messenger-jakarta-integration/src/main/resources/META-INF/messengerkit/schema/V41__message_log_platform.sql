-- MessengerKit schema, version 41: which platform a conversation turn came from, "messenger" or
-- "instagram", so the log and the dashboard can tell and count them apart. Earlier turns were all
-- Messenger turns.
ALTER TABLE messenger_message_log ADD COLUMN IF NOT EXISTS platform VARCHAR(16) DEFAULT 'messenger' NOT NULL;
