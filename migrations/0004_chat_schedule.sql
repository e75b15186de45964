-- The scheduler asks, every minute, for chats whose digest time has come. Chats share a few
-- (time zone, digest time) slots; this index lets it list the slots and, per slot, only the chats
-- not yet served, instead of reading every chat each minute.
CREATE INDEX chats_schedule ON chats(timezone, digest_time, last_digest_until) WHERE active = 1 AND paused = 0;
