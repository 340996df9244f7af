-- MessengerKit schema, version 22: a message-log row is written once per inbound event, when the
-- event is finished, and says how many attempts it took.
ALTER TABLE messenger_message_log ADD COLUMN IF NOT EXISTS attempts INTEGER;
CREATE INDEX IF NOT EXISTS ix_messenger_message_log_session ON messenger_message_log (page_id, session_id);
