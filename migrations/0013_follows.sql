-- Follows and mutes: words a chat follows (stories that match come first in its digest, from any
-- region) or mutes (stories that match are never shown to it). One row per rule, as the person wrote
-- it (`text`) and in its normal form (`key`: "Sanctions" and "sanction" are one follow). Rows go
-- with their chat (/stop) and move with it (a group becoming a supergroup).
CREATE TABLE chat_filters (
  id          INTEGER PRIMARY KEY,
  chat_id     INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE ON UPDATE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('follow', 'mute')),
  key         TEXT NOT NULL,
  text        TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  UNIQUE (chat_id, kind, key)
);
