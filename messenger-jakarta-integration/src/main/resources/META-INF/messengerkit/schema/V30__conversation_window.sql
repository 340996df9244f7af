-- MessengerKit schema, version 30: each conversation's last inbound interaction (a message,
-- postback, referral, opt-in or reaction from the person), which the messaging window policy reads
-- before a send. One row per page and person, shared by every instance; the key is
-- "<page id>:<psid>". Rows older than 7 days are no longer needed by any rule.
CREATE TABLE IF NOT EXISTS messenger_conversation_window (
    conversation_key VARCHAR(200) NOT NULL PRIMARY KEY,
    page_id VARCHAR(64) NOT NULL,
    psid VARCHAR(128) NOT NULL,
    last_inbound_at ${timestamp} NOT NULL
) ${table_options};
CREATE INDEX IF NOT EXISTS ix_messenger_conversation_window_time ON messenger_conversation_window (last_inbound_at);
