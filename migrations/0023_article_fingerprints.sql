-- A feed repeats most of its items on every pass. Each article from a feed keeps the fingerprint of
-- the raw item it was last written from (with the extraction code's version: see itemFingerprint in
-- src/ingest/feeds/feed-items.ts), so the next pass skips an unchanged item before extracting its
-- text and comparing it field by field. No row (articles stored before this, imported pages, items
-- whose text needed repair) never matches: such an item is extracted and compared as before.
-- A table of its own rather than a column of articles: a column would sit after the article's
-- text, whose rows overflow their page, so reading it took an overflow page per item; here the
-- lookup reads the url index and this table's few bytes. Creating it is instant on a large store.
CREATE TABLE article_fingerprints (
  article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  fingerprint TEXT NOT NULL
);
