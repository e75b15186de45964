-- How often a chat gets its digest (issue 11). digest_time keeps the first (or only) time of day;
-- cadence says the rest: 'daily' (every day), 'weekdays' (Monday to Friday), 'weekly mon' (one day
-- a week, mon..sun), or 'twice 18:00' (every day at digest_time and at this second time).
ALTER TABLE chats ADD COLUMN cadence TEXT NOT NULL DEFAULT 'daily';
-- The scheduler groups chats by (zone, time, cadence): one due-time computation per group, then
-- the group's chats page by page in id order.
DROP INDEX IF EXISTS chats_schedule_pages;
CREATE INDEX chats_schedule_cadence ON chats(timezone, digest_time, cadence, id) WHERE active = 1 AND paused = 0;
