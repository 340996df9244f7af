-- MessengerKit schema, version 51: the row of an inbound message is found by (page_id, inbound_mid)
-- when its event is finished (MessageLog.replace deletes an earlier row of the message before writing
-- the final one). Without this index every finished event scanned all rows of its page.
CREATE INDEX IF NOT EXISTS ix_messenger_message_log_mid ON messenger_message_log (page_id, inbound_mid);
