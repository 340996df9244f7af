-- MessengerKit schema, version 20: how long a person waited for the answer to a message, in
-- milliseconds from Meta's timestamp of the message to the Send API accepting the reply. Stored
-- with the turn so reply-latency percentiles are plain ordered reads on every database.
ALTER TABLE messenger_message_log ADD COLUMN IF NOT EXISTS reply_latency_ms BIGINT;

-- Turns logged before this version: message turns (those with a message id) that were answered.
-- EXTRACT(EPOCH ...) of a TIMESTAMP means the same on H2 2.x and PostgreSQL.
UPDATE messenger_message_log
    SET reply_latency_ms = GREATEST(0, CAST(EXTRACT(EPOCH FROM replied_at) * 1000 AS BIGINT)
        - CAST(EXTRACT(EPOCH FROM received_at) * 1000 AS BIGINT))
    WHERE reply_latency_ms IS NULL AND replied_at IS NOT NULL AND inbound_mid IS NOT NULL;
