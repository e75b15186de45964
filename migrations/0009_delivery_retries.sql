-- Digests survive outages and lost answers. A delivery that Telegram could not be reached for stays
-- pending and is retried from retry_at on (back-off), until the catch-up limit makes it 'missed'.
-- part_tries counts the sends of the next part (parts_sent + 1) that may have reached Telegram:
-- written before each send, so a crash, a full disk or a lost answer is known afterwards, and a
-- part is never sent a third time.
ALTER TABLE deliveries ADD COLUMN retry_at INTEGER;
ALTER TABLE deliveries ADD COLUMN part_tries INTEGER NOT NULL DEFAULT 0;
