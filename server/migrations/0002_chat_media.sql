-- The chat record carries WeChat's structured parts (app message sub-type,
-- media, link card, file, duration) beside the text content.
ALTER TABLE chat_message ADD COLUMN app_msg_type INTEGER;
ALTER TABLE chat_message ADD COLUMN media_url TEXT;
ALTER TABLE chat_message ADD COLUMN thumb_url TEXT;
ALTER TABLE chat_message ADD COLUMN title TEXT;
ALTER TABLE chat_message ADD COLUMN description TEXT;
ALTER TABLE chat_message ADD COLUMN url TEXT;
ALTER TABLE chat_message ADD COLUMN file_name TEXT;
ALTER TABLE chat_message ADD COLUMN file_size INTEGER;
ALTER TABLE chat_message ADD COLUMN duration_sec INTEGER;
