-- The article store: sources, articles, their regions and a full-text index.
-- Times are integer milliseconds since the Unix epoch (UTC).

CREATE TABLE sources (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL UNIQUE,
  url              TEXT UNIQUE,            -- feed URL; NULL for import-only sources
  region           TEXT,                   -- region the source itself names, if any
  etag             TEXT,
  last_modified    TEXT,
  last_attempt_at  INTEGER,
  last_success_at  INTEGER,
  last_error       TEXT,
  last_error_at    INTEGER,
  failures         INTEGER NOT NULL DEFAULT 0,  -- consecutive failures, drives the back-off
  next_attempt_at  INTEGER                       -- no fetch before this time while backing off
);

CREATE TABLE articles (
  id            INTEGER PRIMARY KEY,
  source_id     INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  url           TEXT UNIQUE,               -- normalised canonical URL
  guid          TEXT,
  headline      TEXT NOT NULL,
  lead          TEXT NOT NULL DEFAULT '',
  body          TEXT NOT NULL DEFAULT '',
  dateline      TEXT,
  published_at  INTEGER NOT NULL,
  fetched_at    INTEGER NOT NULL,
  regions       TEXT NOT NULL,             -- comma-separated, primary region first
  story_id      INTEGER,                   -- id of the first article of the same story
  headline_key  TEXT NOT NULL DEFAULT ''   -- normalised headline, for story matching
);
CREATE UNIQUE INDEX articles_source_guid ON articles(source_id, guid) WHERE guid IS NOT NULL;
CREATE INDEX articles_published ON articles(published_at DESC, id DESC);
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_headline_key ON articles(headline_key, published_at);

-- One row per (article, region), with published_at copied in so that "newest in a region"
-- is a single index range scan.
CREATE TABLE article_regions (
  article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  region        TEXT NOT NULL,
  position      INTEGER NOT NULL,          -- 0 is the primary region
  published_at  INTEGER NOT NULL,
  PRIMARY KEY (article_id, region)
) WITHOUT ROWID;
CREATE INDEX article_regions_latest ON article_regions(region, published_at DESC, article_id DESC);

CREATE VIRTUAL TABLE articles_fts USING fts5(
  headline, lead, body,
  content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, headline, lead, body) VALUES (new.id, new.headline, new.lead, new.body);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, headline, lead, body)
    VALUES ('delete', old.id, old.headline, old.lead, old.body);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF headline, lead, body ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, headline, lead, body)
    VALUES ('delete', old.id, old.headline, old.lead, old.body);
  INSERT INTO articles_fts(rowid, headline, lead, body) VALUES (new.id, new.headline, new.lead, new.body);
END;
