-- The language of the Telegram client last seen talking to the bot in the chat ('en' | 'ru', mapped
-- as for replies). Digests and other messages sent without a message to answer use it when the chat
-- chose no language (chats.language NULL), so a Russian client that never sent /language gets its
-- daily digest in Russian, as it gets its replies.
ALTER TABLE chats ADD COLUMN client_language TEXT;
