-- MessengerKit schema, version 20: how long a person waited for the answer to a message, in
-- milliseconds from Meta's timestamp of the message to the Send API accepting the reply. Stored
-- with the turn so reply-latency percentiles are plain ordered reads on every database.
ALTER TABLE messenger_message_log ADD COLUMN IF NOT EXISTS reply_latency_ms BIGINT;

-- Turns logged before this version: message turns (those with a message id) that were answered.
-- ${epoch_of}t) is a timestamp's seconds since the epoch: EXTRACT(EPOCH FROM t) on H2 2.x and
-- PostgreSQL, UNIX_TIMESTAMP(t) on MariaDB.
UPDATE messenger_message_log
    SET reply_latency_ms = GREATEST(0, FLOOR(${epoch_of}replied_at) * 1000)
        - FLOOR(${epoch_of}received_at) * 1000))
    WHERE reply_latency_ms IS NULL AND replied_at IS NOT NULL AND inbound_mid IS NOT NULL;
