-- MessengerKit schema, version 2: an event key is first CLAIMED (being handled), then DONE.
-- A claim whose instance died is taken over after a lease; processed_at is the time of the
-- last state change.
ALTER TABLE messenger_processed_event ADD COLUMN IF NOT EXISTS state VARCHAR(16) DEFAULT 'DONE' NOT NULL;
