-- Story matching looks for earlier headlines sharing a new headline's longest words within 36 hours
-- of it. It asked the full-text index, which holds every headline of the store under each word and
-- then filtered by time (and, inside an ingest transaction, searched the index's pending in-memory
-- part as well): about half the cost of storing a new article. This table holds each article's
-- headline words (its headline_key, split at spaces) by (word, time), so the lookup reads only the
-- rows of one word within the window. The article store writes a new article's words (a trigger
-- splitting the key in SQL costs twice as much per article); these triggers follow updates and deletes.
CREATE TABLE headline_words (
  word          TEXT NOT NULL,
  published_at  INTEGER NOT NULL,
  article_id    INTEGER NOT NULL,
  PRIMARY KEY (word, published_at, article_id)
) WITHOUT ROWID;

-- headline_key holds letters and digits separated by single spaces (see src/store/headline-key.ts),
-- so it reads as a JSON array once its spaces become '","'.
CREATE TRIGGER articles_words_ad AFTER DELETE ON articles WHEN old.headline_key <> '' BEGIN
  DELETE FROM headline_words WHERE published_at = old.published_at AND article_id = old.id
    AND word IN (SELECT value FROM json_each('["' || replace(old.headline_key, ' ', '","') || '"]'));
END;
CREATE TRIGGER articles_words_au AFTER UPDATE OF headline_key, published_at ON articles
  WHEN old.headline_key IS NOT new.headline_key OR old.published_at IS NOT new.published_at BEGIN
  DELETE FROM headline_words WHERE published_at = old.published_at AND article_id = old.id
    AND word IN (SELECT value FROM json_each('["' || replace(old.headline_key, ' ', '","') || '"]'));
  INSERT OR IGNORE INTO headline_words (word, published_at, article_id)
    SELECT value, new.published_at, new.id FROM json_each('["' || replace(new.headline_key, ' ', '","') || '"]')
    WHERE new.headline_key <> '' AND value <> '';
END;

INSERT OR IGNORE INTO headline_words (word, published_at, article_id)
  SELECT w.value, a.published_at, a.id FROM articles a, json_each('["' || replace(a.headline_key, ' ', '","') || '"]') w
  WHERE a.headline_key <> '' AND w.value <> '';
