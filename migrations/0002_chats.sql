-- Telegram chats, their settings and their region subscriptions.

CREATE TABLE chats (
  id                INTEGER PRIMARY KEY,     -- Telegram chat id
  type              TEXT NOT NULL DEFAULT 'private',  -- private | group | supergroup | channel
  title             TEXT,
  language          TEXT,                    -- 'en' | 'ru'; NULL = the Telegram client's language
  digest_time       TEXT NOT NULL,           -- 'HH:MM' local time
  timezone          TEXT NOT NULL,           -- IANA zone or fixed offset such as '+05:30'
  paused            INTEGER NOT NULL DEFAULT 0,
  active            INTEGER NOT NULL DEFAULT 1,  -- 0 once blocked, kicked or not found
  inactive_reason   TEXT,
  quiet_when_empty  INTEGER NOT NULL DEFAULT 0,  -- 1 = send nothing on a day without news
  last_digest_until INTEGER,                 -- articles published up to this time were in a digest
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
);

CREATE TABLE subscriptions (
  chat_id     INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE ON UPDATE CASCADE,
  region      TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (chat_id, region)
) WITHOUT ROWID;
CREATE INDEX subscriptions_region ON subscriptions(region);
