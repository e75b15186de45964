-- Daily digest deliveries (one per chat and local date) and process leases.

CREATE TABLE deliveries (
  chat_id      INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE ON UPDATE CASCADE,
  local_date   TEXT NOT NULL,               -- 'YYYY-MM-DD' in the chat's time zone
  status       TEXT NOT NULL,               -- pending | sent | failed | skipped
  due_at       INTEGER NOT NULL,            -- the UTC instant the digest was due
  since_at     INTEGER NOT NULL,            -- stories published after this ...
  until_at     INTEGER NOT NULL,            -- ... and up to this
  parts        TEXT NOT NULL DEFAULT '[]',  -- JSON array of rendered message parts
  parts_sent   INTEGER NOT NULL DEFAULT 0,  -- parts Telegram has accepted, in order
  attempts     INTEGER NOT NULL DEFAULT 0,
  error        TEXT,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (chat_id, local_date)
);
CREATE INDEX deliveries_status ON deliveries(status);

CREATE TABLE leases (
  name        TEXT PRIMARY KEY,
  holder      TEXT NOT NULL,
  expires_at  INTEGER NOT NULL
);
