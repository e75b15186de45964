-- Digests where people read them: channels managed from a private chat, and forum topics.

-- A delivery is now one digest of one chat, to one forum topic, for one slot: a forum may get a
-- digest part per region topic, each exactly once. topic_id is the message_thread_id the part goes
-- to, 0 for the chat itself (the General topic of a forum). slot names which digest: the local date
-- 'YYYY-MM-DD' of a daily one (text, so that other cadences can name theirs, e.g. 'YYYY-MM-DD HH:MM').
-- SQLite cannot change a primary key: the table is rebuilt, every record kept as the chat's own.
CREATE TABLE deliveries_keyed (
  chat_id      INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE ON UPDATE CASCADE,
  topic_id     INTEGER NOT NULL DEFAULT 0,
  slot         TEXT NOT NULL,
  status       TEXT NOT NULL,               -- pending | sent | failed | skipped | missed
  due_at       INTEGER NOT NULL,
  since_at     INTEGER NOT NULL,
  until_at     INTEGER NOT NULL,
  parts        TEXT NOT NULL DEFAULT '[]',
  parts_sent   INTEGER NOT NULL DEFAULT 0,
  attempts     INTEGER NOT NULL DEFAULT 0,
  error        TEXT,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  retry_at     INTEGER,
  part_tries   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (chat_id, topic_id, slot)
);
INSERT INTO deliveries_keyed (chat_id, topic_id, slot, status, due_at, since_at, until_at, parts, parts_sent, attempts, error,
                              created_at, updated_at, retry_at, part_tries)
  SELECT chat_id, 0, local_date, status, due_at, since_at, until_at, parts, parts_sent, attempts, error,
         created_at, updated_at, retry_at, part_tries
  FROM deliveries;
DROP TABLE deliveries;
ALTER TABLE deliveries_keyed RENAME TO deliveries;
CREATE INDEX deliveries_status ON deliveries(status);

-- Forums: the topic where the chat's settings were last changed gets its digest (NULL: General).
ALTER TABLE chats ADD COLUMN digest_topic_id INTEGER;

-- Forums: a region whose section goes to a topic of its own (/topic asia).
CREATE TABLE chat_topics (
  chat_id     INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE ON UPDATE CASCADE,
  region      TEXT NOT NULL,
  topic_id    INTEGER NOT NULL,             -- message_thread_id
  topic_name  TEXT,                         -- as Telegram named it when routed, for /subscriptions
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (chat_id, region)
) WITHOUT ROWID;

-- Channels the bot was added to. Kept apart from `chats` (the settings), which /stop forgets: the
-- bot stays in the channel and its admins still find it in /channels.
CREATE TABLE channels (
  chat_id          INTEGER PRIMARY KEY,     -- the channel's id (-100...)
  title            TEXT NOT NULL,
  username         TEXT,                    -- public @name without '@', if any
  can_post         INTEGER NOT NULL DEFAULT 0,  -- the bot is an administrator that may post
  added_by         INTEGER,                 -- who added the bot (my_chat_member.from)
  set_up_by        INTEGER,                 -- who last changed its settings: told if the bot loses the channel
  welcome_pending  INTEGER NOT NULL DEFAULT 0,  -- added_by had not started the bot: told when they do
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);
CREATE INDEX channels_added_by ON channels(added_by);
CREATE INDEX channels_username ON channels(username COLLATE NOCASE) WHERE username IS NOT NULL;

-- A private chat's target: the channel its settings commands change (/channel), until /channel off.
CREATE TABLE chat_targets (
  user_id     INTEGER PRIMARY KEY,          -- the private chat (its id is the person's)
  chat_id     INTEGER NOT NULL REFERENCES channels(chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
  created_at  INTEGER NOT NULL
);
