-- MessengerKit schema, version 50: conversations a human (or another app) handles now, during which
-- the reply pipeline stays quiet. A row is written from a Page-inbox echo (an echo without this app's
-- id), another app's echo, or thread control passed away from or taken from this app; it is deleted
-- when control comes back (passed back, taken by this app, an operator's hand-back). quiet_until ends
-- the quiet state by itself: each new signal from the human moves it forward. One row per page and
-- person ("<page id>:<psid>"), shared by every instance.
CREATE TABLE IF NOT EXISTS messenger_conversation_handoff (
    conversation_key VARCHAR(200) NOT NULL PRIMARY KEY,
    chatbot_id VARCHAR(255) NOT NULL,
    page_id VARCHAR(64) NOT NULL,
    psid VARCHAR(128) NOT NULL,
    reason VARCHAR(32) NOT NULL,
    app_id VARCHAR(64),
    since_at ${timestamp} NOT NULL,
    last_signal_at ${timestamp} NOT NULL,
    quiet_until ${timestamp} NOT NULL
) ${table_options};
CREATE INDEX IF NOT EXISTS ix_messenger_conversation_handoff_bot ON messenger_conversation_handoff (chatbot_id, quiet_until);
