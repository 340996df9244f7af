-- MessengerKit schema, version 1. Applied by Flyway (MessengerSchema) on H2, PostgreSQL and MariaDB.
-- Types that differ between them are placeholders (see MessengerSchema): ${timestamp} is a UTC
-- date-time with microseconds, ${bytes} binary of any length, ${text}(n) a string of up to n characters
-- longer than MariaDB's VARCHAR allows, ${table_options} the character set and collation MariaDB
-- needs. The statements are idempotent, so a version interrupted half-way on a database whose DDL is
-- not transactional (H2, MariaDB) can simply run again.

-- EclipseLink reads each value as the last id of a block of 50, so the first value is 50.
CREATE SEQUENCE IF NOT EXISTS messenger_seq START WITH 50 INCREMENT BY 50;

-- The Facebook account linked to a chatbot (one per chatbot). Its long-lived token lives,
-- sealed, in messenger_token; available_pages lists the user's pages without any token.
CREATE TABLE IF NOT EXISTS messenger_account (
    id BIGINT NOT NULL PRIMARY KEY,
    chatbot_id VARCHAR(255) NOT NULL,
    fb_user_id VARCHAR(255) NOT NULL,
    fb_user_name VARCHAR(500),
    token_expires_at ${timestamp},
    status VARCHAR(32) NOT NULL,
    status_detail VARCHAR(1000),
    available_pages ${text}(1000000),
    linked_at ${timestamp} NOT NULL,
    updated_at ${timestamp} NOT NULL,
    checked_at ${timestamp},
    CONSTRAINT uq_messenger_account_chatbot UNIQUE (chatbot_id)
) ${table_options};
CREATE INDEX IF NOT EXISTS ix_messenger_account_user ON messenger_account (fb_user_id);

-- A Page linked to a chatbot. Its token lives, sealed, in messenger_token.
CREATE TABLE IF NOT EXISTS messenger_page (
    id BIGINT NOT NULL PRIMARY KEY,
    chatbot_id VARCHAR(255) NOT NULL,
    page_id VARCHAR(255) NOT NULL,
    page_name VARCHAR(500),
    source VARCHAR(32) NOT NULL,
    subscribed_fields VARCHAR(2000),
    active BOOLEAN NOT NULL,
    status VARCHAR(32) NOT NULL,
    status_detail VARCHAR(1000),
    linked_at ${timestamp} NOT NULL,
    unlinked_at ${timestamp},
    updated_at ${timestamp} NOT NULL,
    checked_at ${timestamp},
    CONSTRAINT uq_messenger_page_chatbot_page UNIQUE (chatbot_id, page_id)
) ${table_options};
CREATE INDEX IF NOT EXISTS ix_messenger_page_page ON messenger_page (page_id);

-- Sealed tokens (Tink AEAD ciphertext bound to tenant, kind and owner id).
CREATE TABLE IF NOT EXISTS messenger_token (
    id BIGINT NOT NULL PRIMARY KEY,
    tenant VARCHAR(255) NOT NULL,
    kind VARCHAR(16) NOT NULL,
    owner_id VARCHAR(255) NOT NULL,
    ciphertext ${bytes} NOT NULL,
    key_id INTEGER NOT NULL,
    expires_at ${timestamp},
    scopes VARCHAR(4000),
    status VARCHAR(32) NOT NULL,
    version BIGINT NOT NULL,
    updated_at ${timestamp} NOT NULL,
    CONSTRAINT uq_messenger_token_key UNIQUE (tenant, kind, owner_id)
) ${table_options};

-- One row per conversation turn: what the user wrote and what the chatbot answered.
CREATE TABLE IF NOT EXISTS messenger_message_log (
    id BIGINT NOT NULL PRIMARY KEY,
    chatbot_id VARCHAR(255) NOT NULL,
    page_id VARCHAR(255) NOT NULL,
    session_id VARCHAR(300) NOT NULL,
    inbound_mid VARCHAR(500),
    inbound_text ${text}(20000),
    outbound_text ${text}(20000),
    message_id VARCHAR(500),
    status VARCHAR(32) NOT NULL,
    error_code INTEGER,
    error_detail VARCHAR(1000),
    received_at ${timestamp} NOT NULL,
    replied_at ${timestamp}
) ${table_options};
CREATE INDEX IF NOT EXISTS ix_messenger_message_log_chatbot ON messenger_message_log (chatbot_id, received_at);

-- Every verified webhook delivery, stored before the 200 goes out, processed afterwards.
CREATE TABLE IF NOT EXISTS messenger_webhook_inbox (
    id BIGINT NOT NULL PRIMARY KEY,
    body ${bytes} NOT NULL,
    body_sha256 VARCHAR(64) NOT NULL,
    received_at ${timestamp} NOT NULL,
    state VARCHAR(16) NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at ${timestamp} NOT NULL,
    claimed_by VARCHAR(100),
    claimed_until ${timestamp},
    last_error VARCHAR(2000),
    completed_at ${timestamp}
) ${table_options};
CREATE INDEX IF NOT EXISTS ix_messenger_webhook_inbox_due ON messenger_webhook_inbox (state, next_attempt_at);

-- Keys of events already handled. The primary key makes "first to insert wins" atomic across instances.
CREATE TABLE IF NOT EXISTS messenger_processed_event (
    event_key VARCHAR(255) NOT NULL PRIMARY KEY,
    processed_at ${timestamp} NOT NULL
) ${table_options};
CREATE INDEX IF NOT EXISTS ix_messenger_processed_event_time ON messenger_processed_event (processed_at);

-- Meta data-deletion requests, answerable by confirmation code. The user id is kept only as a hash.
CREATE TABLE IF NOT EXISTS messenger_data_deletion (
    confirmation_code VARCHAR(64) NOT NULL PRIMARY KEY,
    user_hash VARCHAR(64) NOT NULL,
    status VARCHAR(32) NOT NULL,
    accounts_deleted INTEGER NOT NULL,
    pages_deleted INTEGER NOT NULL,
    tokens_deleted INTEGER NOT NULL,
    requested_at ${timestamp} NOT NULL,
    completed_at ${timestamp}
) ${table_options};
