-- The scheduler now reads a slot's waiting chats page by page (id order), so that a slot shared by
-- tens of thousands of chats (the default 08:00 UTC) is never loaded at once. Chats are found by
-- (zone, time) and walked by id; whether a chat was already served is checked on the row.
DROP INDEX IF EXISTS chats_schedule;
CREATE INDEX chats_schedule_pages ON chats(timezone, digest_time, id) WHERE active = 1 AND paused = 0;
