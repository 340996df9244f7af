-- MessengerKit schema, version 40: the Instagram professional account connected to a linked Page.
-- Instagram deliveries ("object":"instagram") name the account, not the Page, as their entry id: the
-- account id stored here routes them to the chatbot that linked the Page; replies go out with the
-- Page's token. instagram_messaging records that the link covers the account's Instagram inbox.
ALTER TABLE messenger_page ADD COLUMN IF NOT EXISTS instagram_account_id VARCHAR(255);
ALTER TABLE messenger_page ADD COLUMN IF NOT EXISTS instagram_username VARCHAR(255);
ALTER TABLE messenger_page ADD COLUMN IF NOT EXISTS instagram_name VARCHAR(500);
ALTER TABLE messenger_page ADD COLUMN IF NOT EXISTS instagram_picture_url VARCHAR(2000);
ALTER TABLE messenger_page ADD COLUMN IF NOT EXISTS instagram_messaging BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX IF NOT EXISTS ix_messenger_page_instagram ON messenger_page (instagram_account_id);
