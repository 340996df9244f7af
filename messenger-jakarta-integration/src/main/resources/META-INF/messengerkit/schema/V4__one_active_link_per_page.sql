-- MessengerKit schema, version 4: the database refuses a page linked to two chatbots at once.
-- active_page_id holds the page id while the link is active and NULL once it is unlinked; the unique
-- index on it admits one active link per page (NULLs never collide, so unlinked history rows stay).
ALTER TABLE messenger_page ADD COLUMN IF NOT EXISTS active_page_id VARCHAR(255);

-- Two chatbots may hold one page from before this version (a race the old read-then-write check lost):
-- the oldest link stays active, the others are unlinked with a note saying why.
UPDATE messenger_page SET active = FALSE, unlinked_at = updated_at,
    status_detail = 'Unlinked by the schema upgrade: the page was linked to another chatbot as well.'
    WHERE active = TRUE AND EXISTS (SELECT 1 FROM messenger_page older WHERE older.page_id = messenger_page.page_id
        AND older.active = TRUE AND older.id < messenger_page.id);
UPDATE messenger_page SET active_page_id = page_id WHERE active = TRUE;

CREATE UNIQUE INDEX IF NOT EXISTS uq_messenger_page_active_page ON messenger_page (active_page_id);
