-- A digest's story window reads, for a day or more of articles in publication order, only their
-- id, story, source and regions (src/digest/story-window.ts). From the table each of those rows is
-- a page of its own (rows hold 1-4 KB of text), so a day of a large store read tens of thousands of
-- pages; this index holds those columns in that order, a few dozen bytes per article.
CREATE INDEX articles_window ON articles(published_at, id, story_id, source_id, regions);
