-- Issue 14: the minute tick asked SQLite for every (zone, time, cadence) group of chats, thousands
-- of them, and for the waiting chats of each one whose digest time was within the catch-up limit:
-- its cost grew with the groups and their chats (97 ms at 10,000 chats on an idle machine, seconds
-- at 100,000). This table holds the groups, each with its count of active, unpaused chats and
-- when the planner must next read it: the planner reads only the groups whose time has come, and
-- after serving a group's digest sets the time to the group's next digest.
--
-- Triggers keep the groups in step with the chats: a chat that joins a group (new, moved to another
-- zone, time or cadence, unpaused, active again), starts to be owed a digest (its first region,
-- feed or follow) or has its last digest moved back makes the group's time 0 (read at the next
-- pass) and bumps `version`, so a planner that read the group before the change does not mark it
-- served (its UPDATE asks for the version it read). (A trigger's INSERT OR IGNORE would take the
-- conflict policy of the statement that fired it, such as the chat store's upsert: the triggers
-- insert a missing group with NOT EXISTS instead.)
CREATE TABLE schedule_groups (
  timezone      TEXT NOT NULL,
  digest_time   TEXT NOT NULL,
  cadence       TEXT NOT NULL,
  chats         INTEGER NOT NULL DEFAULT 0,   -- active, unpaused chats in the group
  next_look_at  INTEGER NOT NULL DEFAULT 0,   -- ms: when the planner next reads the group; 0: at its next pass
  version       INTEGER NOT NULL DEFAULT 0,   -- bumped by every change that may make a chat of the group owed a digest
  PRIMARY KEY (timezone, digest_time, cadence)
) WITHOUT ROWID;
CREATE INDEX schedule_groups_next_look ON schedule_groups(next_look_at) WHERE chats > 0;

INSERT INTO schedule_groups (timezone, digest_time, cadence, chats)
  SELECT timezone, digest_time, cadence, COUNT(*) FROM chats WHERE active = 1 AND paused = 0
  GROUP BY timezone, digest_time, cadence;

CREATE TRIGGER chats_join_group AFTER INSERT ON chats
  WHEN NEW.active = 1 AND NEW.paused = 0
BEGIN
  INSERT INTO schedule_groups (timezone, digest_time, cadence)
    SELECT NEW.timezone, NEW.digest_time, NEW.cadence
    WHERE NOT EXISTS (SELECT 1 FROM schedule_groups WHERE timezone = NEW.timezone AND digest_time = NEW.digest_time AND cadence = NEW.cadence);
  UPDATE schedule_groups SET chats = chats + 1, next_look_at = 0, version = version + 1
    WHERE timezone = NEW.timezone AND digest_time = NEW.digest_time AND cadence = NEW.cadence;
END;

CREATE TRIGGER chats_leave_group AFTER DELETE ON chats
  WHEN OLD.active = 1 AND OLD.paused = 0
BEGIN
  UPDATE schedule_groups SET chats = chats - 1
    WHERE timezone = OLD.timezone AND digest_time = OLD.digest_time AND cadence = OLD.cadence;
END;

CREATE TRIGGER chats_move_group AFTER UPDATE OF timezone, digest_time, cadence, active, paused ON chats
  WHEN OLD.timezone IS NOT NEW.timezone OR OLD.digest_time IS NOT NEW.digest_time OR OLD.cadence IS NOT NEW.cadence
    OR OLD.active IS NOT NEW.active OR OLD.paused IS NOT NEW.paused
BEGIN
  UPDATE schedule_groups SET chats = chats - 1
    WHERE OLD.active = 1 AND OLD.paused = 0
      AND timezone = OLD.timezone AND digest_time = OLD.digest_time AND cadence = OLD.cadence;
  INSERT INTO schedule_groups (timezone, digest_time, cadence)
    SELECT NEW.timezone, NEW.digest_time, NEW.cadence
    WHERE NEW.active = 1 AND NEW.paused = 0
      AND NOT EXISTS (SELECT 1 FROM schedule_groups WHERE timezone = NEW.timezone AND digest_time = NEW.digest_time AND cadence = NEW.cadence);
  UPDATE schedule_groups SET chats = chats + 1, next_look_at = 0, version = version + 1
    WHERE NEW.active = 1 AND NEW.paused = 0
      AND timezone = NEW.timezone AND digest_time = NEW.digest_time AND cadence = NEW.cadence;
END;

CREATE TRIGGER chats_digest_moved_back AFTER UPDATE OF last_digest_until ON chats
  WHEN NEW.active = 1 AND NEW.paused = 0 AND (NEW.last_digest_until IS NULL OR NEW.last_digest_until < OLD.last_digest_until)
BEGIN
  UPDATE schedule_groups SET next_look_at = 0, version = version + 1
    WHERE timezone = NEW.timezone AND digest_time = NEW.digest_time AND cadence = NEW.cadence;
END;

-- A chat is owed a digest only with regions, feeds of its own or follows (see the planner's query).
CREATE TRIGGER subscriptions_wake_group AFTER INSERT ON subscriptions
BEGIN
  UPDATE schedule_groups SET next_look_at = 0, version = version + 1
    WHERE (timezone, digest_time, cadence) = (SELECT timezone, digest_time, cadence FROM chats WHERE id = NEW.chat_id AND active = 1 AND paused = 0);
END;

CREATE TRIGGER chat_feed_links_wake_group AFTER INSERT ON chat_feed_links
BEGIN
  UPDATE schedule_groups SET next_look_at = 0, version = version + 1
    WHERE (timezone, digest_time, cadence) = (SELECT timezone, digest_time, cadence FROM chats WHERE id = NEW.chat_id AND active = 1 AND paused = 0);
END;

CREATE TRIGGER chat_filters_wake_group AFTER INSERT ON chat_filters
  WHEN NEW.kind = 'follow'
BEGIN
  UPDATE schedule_groups SET next_look_at = 0, version = version + 1
    WHERE (timezone, digest_time, cadence) = (SELECT timezone, digest_time, cadence FROM chats WHERE id = NEW.chat_id AND active = 1 AND paused = 0);
END;

-- The planner's catch-up limit and the sender read pending records in due order: with an index of
-- status alone, every pending record was read and sorted each minute (a full catch-up pass leaves
-- 40% of a million chats' records pending while the sender works through them).
DROP INDEX IF EXISTS deliveries_status;
CREATE INDEX deliveries_status_due ON deliveries(status, due_at, chat_id, topic_id);
