-- Sources that are not plain feeds: what a listed URL turned out to be (a feed, a site whose feed
-- was found, or a section page read link by link), what the last pass over a page found, and the
-- article links of each page source already fetched, so every article page is fetched once.

CREATE TABLE source_state (
  source_id       INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('feed', 'page')),  -- what the source is read as
  for_url         TEXT NOT NULL,     -- the listed URL this was worked out for; another URL starts over
  feed_url        TEXT,              -- the feed read, when kind = 'feed' (the listed URL or a found one)
  resolved_at     INTEGER NOT NULL,  -- when kind and feed_url were worked out
  links_found     INTEGER,           -- the last pass over the page: article links on it,
  links_new       INTEGER,           --   of them not fetched before,
  links_taken     INTEGER,           --   fetched in that pass (at most PAGE_MAX_ARTICLES),
  articles_stored INTEGER,           --   stored as articles,
  articles_failed INTEGER,           --   failed (blocked, HTTP errors, network),
  articles_skipped INTEGER,          --   not articles (no headline or text)
  notice          TEXT,              -- what the operator should know ("the page may need JavaScript")
  pass_at         INTEGER            -- when that pass ran
);

CREATE TABLE page_links (
  source_id      INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  url            TEXT NOT NULL,      -- normalised article URL as linked from the page
  outcome        TEXT NOT NULL CHECK (outcome IN ('stored', 'not-article', 'blocked', 'gone', 'failed')),
  tries          INTEGER NOT NULL DEFAULT 1,
  first_seen_at  INTEGER NOT NULL,
  last_seen_at   INTEGER NOT NULL,   -- the last pass that found the link on the page
  reason         TEXT,
  PRIMARY KEY (source_id, url)
) WITHOUT ROWID;
CREATE INDEX page_links_seen ON page_links(source_id, last_seen_at);

-- Every source read before this was read as a feed: those that worked stay feeds, untouched.
INSERT INTO source_state (source_id, kind, for_url, feed_url, resolved_at)
  SELECT id, 'feed', url, url, last_success_at FROM sources WHERE url IS NOT NULL AND last_success_at IS NOT NULL;
