-- Feeds chats add for themselves (/addfeed). They are kept apart from `sources` and `articles` on
-- purpose: a chat's feed is shown only to the chats that added it, and keeping its items out of the
-- article store means no reader of that store (/latest, region digests, search, follows, the CLI)
-- can show them to anyone else. A feed added by several chats is one row, fetched once per pass.

CREATE TABLE chat_feeds (
  id               INTEGER PRIMARY KEY,
  url              TEXT NOT NULL UNIQUE,   -- the feed's address (found from a site's page when one was given)
  title            TEXT NOT NULL,          -- the feed's own title, else its host: the digest heading
  etag             TEXT,
  last_modified    TEXT,
  last_attempt_at  INTEGER,
  last_success_at  INTEGER,
  last_error       TEXT,
  last_error_at    INTEGER,
  failures         INTEGER NOT NULL DEFAULT 0,  -- consecutive failures, drives the back-off (as sources)
  next_attempt_at  INTEGER,
  created_at       INTEGER NOT NULL
);

-- Which chats get which feed.
CREATE TABLE chat_feed_links (
  chat_id   INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE ON UPDATE CASCADE,
  feed_id   INTEGER NOT NULL REFERENCES chat_feeds(id) ON DELETE CASCADE,
  added_at  INTEGER NOT NULL,
  PRIMARY KEY (chat_id, feed_id)
) WITHOUT ROWID;
CREATE INDEX chat_feed_links_feed ON chat_feed_links(feed_id);

-- The feeds' items, one row per item of a feed (by address, else guid, else headline).
CREATE TABLE chat_feed_items (
  id            INTEGER PRIMARY KEY,
  feed_id       INTEGER NOT NULL REFERENCES chat_feeds(id) ON DELETE CASCADE,
  item_key      TEXT NOT NULL,
  url           TEXT,
  headline      TEXT NOT NULL,
  lead          TEXT NOT NULL DEFAULT '',
  published_at  INTEGER NOT NULL,   -- the feed's time (future ones clamped), shown as the item's age
  listed_at     INTEGER NOT NULL,   -- the time digests file it under: its published time for what the
                                    -- feed held when first read, the time it was first seen afterwards
  UNIQUE (feed_id, item_key)
);
CREATE INDEX chat_feed_items_listed ON chat_feed_items(feed_id, listed_at);
