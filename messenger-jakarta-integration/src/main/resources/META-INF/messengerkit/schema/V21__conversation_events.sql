-- MessengerKit schema, version 21: one row per webhook event, keyed by conversation.
-- A conversation is (account_id, person_id): the Page or Instagram account the event was addressed
-- to (the entry id) and the person's id. Events of one conversation are handled one after another in
-- the order (meta_time, received_at, id); different conversations in parallel.
-- status: PENDING (due at next_attempt_at), IN_PROGRESS (held by lease_owner until lease_until,
-- renewed while the work runs, never past deadline_at), DONE, SET_ASIDE (reason says why; an operator
-- may queue it again). lease_version grows with every claim, so a completion from a lease that was
-- lost matches no row. sent_message_id is Meta's id of the reply, recorded as soon as Meta accepted
-- it, so a later attempt never sends it again; send_started_at is set right before the reply is sent and
-- cleared when the attempt ends with a known outcome, so an attempt cut off mid-send (a crash) is recognised
-- by the next one: the reply may have reached Meta, and it is set aside as OUTCOME_UNKNOWN, never sent again. event_key is unique: a redelivered event is not stored twice.
CREATE TABLE IF NOT EXISTS messenger_event (
    id BIGINT NOT NULL PRIMARY KEY,
    event_key VARCHAR(255) NOT NULL,
    account_id VARCHAR(255) NOT NULL,
    person_id VARCHAR(255) NOT NULL,
    meta_time BIGINT NOT NULL,
    received_at ${timestamp} NOT NULL,
    body ${bytes} NOT NULL,
    status VARCHAR(16) NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at ${timestamp} NOT NULL,
    lease_owner VARCHAR(100),
    lease_version BIGINT NOT NULL,
    lease_until ${timestamp},
    deadline_at ${timestamp},
    sent_message_id VARCHAR(255),
    send_started_at ${timestamp},
    first_error VARCHAR(1000),
    last_error VARCHAR(1000),
    reason VARCHAR(32),
    graph_error_code INTEGER,
    completed_at ${timestamp},
    CONSTRAINT uq_messenger_event_key UNIQUE (event_key)
) ${table_options};
CREATE INDEX IF NOT EXISTS ix_messenger_event_conversation
    ON messenger_event (account_id, person_id, status, meta_time);
CREATE INDEX IF NOT EXISTS ix_messenger_event_due ON messenger_event (status, next_attempt_at);
CREATE INDEX IF NOT EXISTS ix_messenger_event_completed ON messenger_event (completed_at);
