import type { Clock } from '../clock.js';
import { isRegion, REGIONS, type Region } from '../regions/regions.js';
import type { Db } from './db.js';
import { bestCopy } from '../stories/best-copy.js';
import { headlineKey, similarity } from './headline-key.js';
import { normaliseUrl } from './normalise-url.js';
import { createPageSourceStore } from './page-sources.js';
import { createSourceStore } from './sources.js';
import { createUnlinkedMatcher } from './unlinked.js';
import { createAnswerCache } from './answer-cache.js';
import { changeOf, type StoredRow } from './article-change.js';

/** An article as it comes in from a feed or an imported page. */
export interface ArticleInput {
  /** The outlet's name, e.g. "Sputnik International". */
  source: string;
  /** The feed URL, when the article came from a feed. */
  sourceUrl?: string | null;
  url?: string | null;
  guid?: string | null;
  headline: string;
  lead: string;
  body?: string | null;
  dateline?: string | null;
  /** Milliseconds since the epoch; missing means "first fetched now". Future times are clamped. */
  publishedAt?: number | null;
  /** Primary region first; at least one. */
  regions: readonly Region[];
  /**
   * An earlier article of the same source with the same headline (case ignored) is this one, when
   * one of the two has no address: an imported page may come first without `--url`, then with it
   * (or the other way round), and must not become two articles. Feeds leave it off: their items
   * have addresses and guids, and outlets do reuse headlines ("Morning briefing").
   */
  matchHeadline?: boolean;
  /**
   * The fingerprint of the raw feed item this input was made from (see `itemFingerprint`), kept
   * with the article so the next pass can skip the item while it is unchanged; null or missing for
   * anything else (imported pages, items whose text needed repair): such a write drops the kept one.
   */
  fingerprint?: string | null;
}

/** An article as the store holds it. */
export interface Article {
  id: number;
  source: string;
  url: string | null;
  guid: string | null;
  headline: string;
  lead: string;
  body: string;
  dateline: string | null;
  publishedAt: number;
  fetchedAt: number;
  regions: Region[];
  storyId: number;
}

export type UpsertOutcome = { kind: 'inserted'; id: number; storyId: number } | { kind: 'updated'; id: number; storyId: number };

/** How far in the future a published time may be before it is taken as a wrong clock (ms). */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** Articles of the same story are published within this window of each other (ms). */
export const STORY_WINDOW_MS = 36 * 3_600_000;
/** Headlines this similar (Jaccard over significant words) are one story. */
export const STORY_SIMILARITY = 0.7;

interface ArticleRow {
  id: number;
  source: string;
  url: string | null;
  guid: string | null;
  headline: string;
  lead: string;
  body: string;
  dateline: string | null;
  publishedAt: number;
  fetchedAt: number;
  regions: string;
  storyId: number | null;
}

const SELECT = `SELECT a.id, s.name AS source, a.url, a.guid, a.headline, a.lead, a.body, a.dateline,
  a.published_at AS publishedAt, a.fetched_at AS fetchedAt, a.regions, a.story_id AS storyId
  FROM articles a JOIN sources s ON s.id = a.source_id`;

function toArticle(row: ArticleRow): Article {
  return {
    ...row,
    regions: row.regions.split(',').filter(isRegion),
    storyId: row.storyId ?? row.id,
  };
}

export interface LatestQuery {
  /** Articles carrying any of these regions (in any position); all articles when empty or missing. */
  regions?: readonly Region[];
  limit: number;
  /** Only articles published strictly after this time (ms). */
  after?: number;
  /** Only articles published at or before this time (ms). */
  until?: number;
  /**
   * Keep one article per story, default true: the story's best copy (one with an address, then the
   * longest lead; the newest on a tie) among those that match the query, placed by its own time.
   */
  distinctStories?: boolean;
}

/**
 * The article store. Upserts deduplicate by normalised URL, then by (source, guid), and an article
 * with neither by what it has (time, headline, lead: see `createUnlinkedMatcher`) within its source;
 * articles of the same story from different sources share a story id.
 */
export function createArticleStore(db: Db, clock: Clock) {
  const sources = createSourceStore(db);
  const unlinked = createUnlinkedMatcher(db);

  const findByUrl = db.prepare<[string], { id: number; storyId: number | null; publishedAt: number }>(
    'SELECT id, story_id AS storyId, published_at AS publishedAt FROM articles WHERE url = ?',
  );
  const findByGuid = db.prepare<[number, string], { id: number; storyId: number | null; publishedAt: number }>(
    'SELECT id, story_id AS storyId, published_at AS publishedAt FROM articles WHERE source_id = ? AND guid = ?',
  );
  const findById = db.prepare<[number], { id: number; storyId: number | null; publishedAt: number }>(
    'SELECT id, story_id AS storyId, published_at AS publishedAt FROM articles WHERE id = ?',
  );
  const findByKey = db.prepare<[string, number, number], { id: number; storyId: number | null }>(
    `SELECT id, story_id AS storyId FROM articles
     WHERE headline_key = ? AND published_at BETWEEN ? AND ? ORDER BY published_at LIMIT 1`,
  );
  // Earlier headlines holding three given words within a time window, through headline_words: the
  // first word's rows within the window, each checked for the other two by primary key.
  const findByWords = db.prepare<{ w1: string; w2: string; w3: string; from: number; to: number }, { id: number; storyId: number | null; key: string }>(
    `SELECT a.id, a.story_id AS storyId, a.headline_key AS key
     FROM headline_words w1
     JOIN headline_words w2 ON w2.word = @w2 AND w2.published_at = w1.published_at AND w2.article_id = w1.article_id
     JOIN headline_words w3 ON w3.word = @w3 AND w3.published_at = w1.published_at AND w3.article_id = w1.article_id
     JOIN articles a ON a.id = w1.article_id
     WHERE w1.word = @w1 AND w1.published_at BETWEEN @from AND @to LIMIT 25`,
  );
  // Through the headline_key index: the key is derived from the headline, so equal headlines share it.
  const findByHeadline = db.prepare<{ key: string; sourceId: number; hasUrl: number }, { id: number; storyId: number | null; publishedAt: number; headline: string }>(
    `SELECT id, story_id AS storyId, published_at AS publishedAt, headline FROM articles
     WHERE headline_key = @key AND source_id = @sourceId AND (@hasUrl = 0 OR url IS NULL)
     ORDER BY published_at DESC LIMIT 20`,
  );
  const sameHeadline = (a: string, b: string) => a.toLocaleLowerCase().replace(/\s+/gu, ' ') === b.toLocaleLowerCase().replace(/\s+/gu, ' ');
  const insert = db.prepare<{
    sourceId: number; url: string | null; guid: string | null; headline: string; lead: string; body: string;
    dateline: string | null; publishedAt: number; fetchedAt: number; regions: string; key: string; storyId: number | null;
  }>(
    `INSERT INTO articles (source_id, url, guid, headline, lead, body, dateline, published_at, fetched_at, regions, headline_key, story_id)
     VALUES (@sourceId, @url, @guid, @headline, @lead, @body, @dateline, @publishedAt, @fetchedAt, @regions, @key,
       COALESCE(@storyId, (SELECT IFNULL(MAX(id), 0) + 1 FROM articles)))`,
  );
  // A new article's text into the full-text index, folded as the triggers fold it (ё as е: see
  // migrations/0022_fts_fold_yo.sql). A statement of its own, not a trigger on the INSERT: see
  // migrations/0024_fts_insert_by_store.sql for what the trigger cost.
  const indexText = db.prepare<[number, string, string, string]>(
    `INSERT INTO articles_fts (rowid, headline, lead, body) VALUES (?,
       replace(replace(?, 'ё', 'е'), 'Ё', 'Е'), replace(replace(?, 'ё', 'е'), 'Ё', 'Е'), replace(replace(?, 'ё', 'е'), 'Ё', 'Е'))`,
  );
  const update = db.prepare<{
    id: number; url: string | null; guid: string | null; headline: string; lead: string; body: string;
    dateline: string | null; publishedAt: number; regions: string; key: string;
  }>(
    `UPDATE articles SET url = COALESCE(@url, url), guid = COALESCE(@guid, guid), headline = @headline, lead = @lead,
       body = CASE WHEN @body = '' THEN body ELSE @body END, dateline = COALESCE(@dateline, dateline),
       published_at = @publishedAt, regions = @regions, headline_key = @key
     WHERE id = @id`,
  );
  // The same without the text columns, so the full-text trigger does not fire.
  const updateMeta = db.prepare<{
    id: number; url: string | null; guid: string | null; dateline: string | null; publishedAt: number; regions: string; key: string;
  }>(
    `UPDATE articles SET url = COALESCE(@url, url), guid = COALESCE(@guid, guid), dateline = COALESCE(@dateline, dateline),
       published_at = @publishedAt, regions = @regions, headline_key = @key
     WHERE id = @id`,
  );
  // Feed items' fingerprints (migrations/0023_article_fingerprints.sql), and the lookups that find
  // an item's article from the url and guid indexes alone.
  const fingerprintOf = db.prepare<[number], string>('SELECT fingerprint FROM article_fingerprints WHERE article_id = ?').pluck();
  const setFingerprint = db.prepare<[number, string]>(
    'INSERT INTO article_fingerprints (article_id, fingerprint) VALUES (?, ?) ON CONFLICT (article_id) DO UPDATE SET fingerprint = excluded.fingerprint',
  );
  const dropFingerprint = db.prepare<[number]>('DELETE FROM article_fingerprints WHERE article_id = ?');
  const keptByUrl = db.prepare<[string], { id: number; fingerprint: string | null }>(
    'SELECT a.id, f.fingerprint FROM articles a LEFT JOIN article_fingerprints f ON f.article_id = a.id WHERE a.url = ?',
  );
  const keptByGuid = db.prepare<[number, string], { id: number; fingerprint: string | null }>(
    'SELECT a.id, f.fingerprint FROM articles a LEFT JOIN article_fingerprints f ON f.article_id = a.id WHERE a.source_id = ? AND a.guid = ?',
  );
  const storedById = db.prepare<[number], StoredRow>(
    `SELECT url, guid, headline, lead, body, dateline, published_at AS publishedAt, regions, headline_key AS key
     FROM articles WHERE id = ?`,
  );
  // A new article's headline words (see migrations/0016_headline_words.sql: triggers follow updates
  // and deletes; inserts are written here, at half the cost of a trigger splitting the key in SQL).
  const addWord = db.prepare<[string, number, number]>('INSERT OR IGNORE INTO headline_words (word, published_at, article_id) VALUES (?, ?, ?)');
  const addWords = (key: string, publishedAt: number, id: number) => {
    if (key !== '') for (const word of key.split(' ')) addWord.run(word, publishedAt, id);
  };
  const clearRegions = db.prepare<[number]>('DELETE FROM article_regions WHERE article_id = ?');
  const addRegion = db.prepare<[number, string, number, number]>(
    'INSERT INTO article_regions (article_id, region, position, published_at) VALUES (?, ?, ?, ?)',
  );
  const byId = db.prepare<[number], ArticleRow>(`${SELECT} WHERE a.id = ?`);
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM articles');
  const pruneBatch = db.prepare<[number]>(
    'DELETE FROM articles WHERE id IN (SELECT id FROM articles WHERE published_at < ? LIMIT 5000)',
  );

  /** The story of an earlier article whose headline (its key: sorted significant words) is near-identical, within the story window. */
  function storyFor(key: string, publishedAt: number): number | undefined {
    const from = publishedAt - STORY_WINDOW_MS;
    const to = publishedAt + STORY_WINDOW_MS;
    if (key === '') return undefined;
    const tokens = key.split(' ');
    const exact = findByKey.get(key, from, to);
    if (exact) return exact.storyId ?? exact.id;
    if (tokens.length < 3) return undefined;
    // Near-identical headlines share their rarest-looking (longest) words: look for earlier ones
    // holding the three longest.
    const [w1, w2, w3] = [...tokens].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)) as [string, string, string];
    let best: { storyId: number; score: number } | undefined;
    for (const candidate of findByWords.all({ w1, w2, w3, from, to })) {
      // The stored key is the candidate's sorted significant words: no need to tokenise it again.
      const score = similarity(tokens, candidate.key.split(' '));
      if (score >= STORY_SIMILARITY && (!best || score > best.score)) {
        best = { storyId: candidate.storyId ?? candidate.id, score };
      }
    }
    return best?.storyId;
  }

  function writeRegions(id: number, regions: readonly Region[], publishedAt: number, isNew = false): void {
    if (!isNew) clearRegions.run(id);
    regions.forEach((region, position) => addRegion.run(id, region, position, publishedAt));
  }

  /** An input checked and normalised, with its source's id: what the store would write. */
  function prepare(input: ArticleInput, sourceIds: Map<string, number>, now: number) {
    const headline = input.headline.trim();
    if (headline === '') throw new TypeError(`article from ${input.source} has no headline`);
    let sourceId = sourceIds.get(input.source);
    if (sourceId === undefined) {
      sourceId = sources.ensure({ name: input.source, url: input.sourceUrl ?? null });
      sourceIds.set(input.source, sourceId);
    }
    return {
      sourceId,
      url: normaliseUrl(input.url),
      guid: input.guid?.trim() || null,
      headline,
      lead: input.lead.trim(),
      body: input.body?.trim() ?? '',
      dateline: input.dateline?.trim() || null,
      regions: cleanRegions(input.regions),
      key: headlineKey(headline),
      fingerprint: input.fingerprint ?? null,
      /** The source's own time (future ones clamped), or null when it gives none. */
      publishedAt: input.publishedAt != null ? clampPublished(input.publishedAt, now) : null,
    };
  }
  type Prepared = ReturnType<typeof prepare>;

  function write(article: Prepared, existing: { id: number; storyId: number | null; publishedAt: number } | undefined, now: number): UpsertOutcome {
    const { sourceId, regions, publishedAt: given, fingerprint, ...rest } = article;
    const fields = { ...rest, regions: regions.join(',') };
    if (existing) {
      // An update keeps the first-seen time unless the source now gives a real one.
      const publishedAt = given ?? existing.publishedAt;
      const next = { id: existing.id, ...fields, publishedAt };
      const stored = storedById.get(existing.id);
      const change = stored ? changeOf(stored, next) : 'text';
      // A feed repeats most of its items on every pass: an unchanged one writes nothing, and one
      // whose text is unchanged leaves the full-text index alone (its trigger re-indexes the whole
      // body whenever the statement sets the text).
      if (change === 'text') update.run(next);
      else if (change === 'meta') updateMeta.run(next);
      const kept = fingerprintOf.get(existing.id) ?? null;
      if (kept !== fingerprint) {
        if (fingerprint) setFingerprint.run(existing.id, fingerprint);
        else dropFingerprint.run(existing.id);
      }
      if (change !== 'none' && (change === 'text' || stored?.regions !== next.regions || stored.publishedAt !== publishedAt)) {
        writeRegions(existing.id, regions, publishedAt);
      }
      return { kind: 'updated', id: existing.id, storyId: existing.storyId ?? existing.id };
    }
    const publishedAt = given ?? now;
    const storyId = storyFor(article.key, publishedAt);
    // A new story's id is the article's own, written with the row: SQLite gives a new row the
    // largest id plus one (ids are never chosen by hand here), which the INSERT reads beforehand.
    const id = Number(insert.run({ sourceId, ...fields, publishedAt, fetchedAt: now, storyId: storyId ?? null }).lastInsertRowid);
    indexText.run(id, fields.headline, fields.lead, fields.body);
    addWords(article.key, publishedAt, id);
    if (fingerprint) setFingerprint.run(id, fingerprint);
    writeRegions(id, regions, publishedAt, true);
    return { kind: 'inserted', id, storyId: storyId ?? id };
  }

  /** Writes one batch of inputs (inside the caller's transaction), in order; `sourceIds` is the transaction's. */
  function upsertBatch(inputs: readonly ArticleInput[], sourceIds: Map<string, number>, now: number): UpsertOutcome[] {
    const articles = inputs.map((input) => prepare(input, sourceIds, now));
    // Those without link or guid are planned together (see createUnlinkedMatcher).
    const plans = unlinked.plan(articles.map((a) => (a.url || a.guid ? undefined : { ...a, headlineKey: a.key })));
    const outcomes: UpsertOutcome[] = [];
    articles.forEach((article, i) => {
      const plan = plans[i] ?? { kind: 'new' };
      let existing;
      if (article.url) existing = findByUrl.get(article.url) ?? (article.guid ? findByGuid.get(article.sourceId, article.guid) : undefined);
      else if (article.guid) existing = findByGuid.get(article.sourceId, article.guid);
      else if (plan.kind === 'update') existing = plan.match;
      else if (plan.kind === 'repeat') existing = findById.get(outcomes[plan.of]?.id ?? 0);
      if (!existing && inputs[i]?.matchHeadline) {
        existing = findByHeadline.all({ key: article.key, sourceId: article.sourceId, hasUrl: article.url ? 1 : 0 }).find((row) => sameHeadline(row.headline, article.headline));
      }
      outcomes.push(write(article, existing, now));
    });
    return outcomes;
  }

  const upsertAll = db.transaction((batches: Iterable<readonly ArticleInput[]>) => {
    const now = clock.now();
    const sourceIds = new Map<string, number>();
    const outcomes: UpsertOutcome[] = [];
    for (const inputs of batches) for (const outcome of upsertBatch(inputs, sourceIds, now)) outcomes.push(outcome);
    return outcomes;
  });

  function latestIds(query: LatestQuery, limit: number): ArticleRow[] {
    const after = query.after ?? Number.MIN_SAFE_INTEGER;
    const until = query.until ?? Number.MAX_SAFE_INTEGER;
    const regions = query.regions && query.regions.length > 0 ? [...new Set(query.regions)] : undefined;
    if (!regions) return latestAll.all(after, until, limit);
    if (regions.length === 1) return latestRegion.all(regions[0] as string, after, until, limit);
    // Merge the newest of each region; each is one index range scan.
    const seen = new Set<number>();
    const rows: ArticleRow[] = [];
    for (const region of regions) {
      for (const row of latestRegion.all(region, after, until, limit)) {
        if (!seen.has(row.id)) {
          seen.add(row.id);
          rows.push(row);
        }
      }
    }
    return rows.sort((a, b) => b.publishedAt - a.publishedAt || b.id - a.id).slice(0, limit);
  }
  // The articles of some stories, from the story index alone (it holds the ids): most stories have one.
  const storyMembers = db.prepare<[string], { id: number; storyId: number }>(
    'SELECT id, story_id AS storyId FROM articles WHERE story_id IN (SELECT value FROM json_each(?))',
  );

  /** Each story's best copy among those matching the query, newest first. */
  function bestCopies(chosen: Article[], query: LatestQuery): Article[] {
    if (chosen.length === 0) return chosen;
    const regions = query.regions && query.regions.length > 0 ? query.regions : undefined;
    const after = query.after ?? Number.MIN_SAFE_INTEGER;
    const until = query.until ?? Number.MAX_SAFE_INTEGER;
    const byStory = new Map<number, Article[]>(chosen.map((a) => [a.storyId, [a]]));
    for (const member of storyMembers.iterate(JSON.stringify([...byStory.keys()]))) {
      const copies = byStory.get(member.storyId);
      if (!copies || copies[0]?.id === member.id) continue;
      const row = byId.get(member.id);
      if (!row || row.publishedAt <= after || row.publishedAt > until) continue;
      const copy = toArticle(row);
      if (regions && !copy.regions.some((r) => regions.includes(r))) continue;
      copies.push(copy);
    }
    // Newest first after the one the query found (the newest), so a tie keeps the newest.
    for (const copies of byStory.values()) if (copies.length > 2) copies.sort((a, b) => (a === copies[0] ? -1 : b === copies[0] ? 1 : b.publishedAt - a.publishedAt || b.id - a.id));
    return [...byStory.values()]
      .map((copies) => bestCopy(copies) as Article)
      .sort((a, b) => b.publishedAt - a.publishedAt || b.id - a.id);
  }

  const latestAll = db.prepare<[number, number, number], ArticleRow>(
    `${SELECT} WHERE a.published_at > ? AND a.published_at <= ? ORDER BY a.published_at DESC, a.id DESC LIMIT ?`,
  );
  const latestRegion = db.prepare<[string, number, number, number], ArticleRow>(
    `${SELECT} JOIN article_regions r ON r.article_id = a.id
     WHERE r.region = ? AND r.published_at > ? AND r.published_at <= ?
     ORDER BY r.published_at DESC, r.article_id DESC LIMIT ?`,
  );

  /** Newest first; see `latest`. */
  function latestNow(query: LatestQuery): Article[] {
    const distinct = query.distinctStories !== false;
    // Over-fetch so that dropping repeats of a story still fills the page.
    const rows = latestIds(query, distinct ? query.limit * 3 + 5 : query.limit);
    const out: Article[] = [];
    const stories = new Set<number>();
    for (const row of rows) {
      const article = toArticle(row);
      if (distinct) {
        if (stories.has(article.storyId)) continue;
        stories.add(article.storyId);
      }
      out.push(article);
      if (out.length >= query.limit) break;
    }
    return distinct ? bestCopies(out, query) : out;
  }
  const answers = createAnswerCache<Article[]>(db, 64);

  return {
    sources,
    /** What page sources and sites turned out to be, their last pass, and the article links already fetched. */
    pages: createPageSourceStore(db),
    /** Inserts or updates one article. */
    upsert(input: ArticleInput): UpsertOutcome {
      return upsertAll([[input]])[0] as UpsertOutcome;
    },
    /**
     * For each of a source's feed items (`sourceId`: the source's id), whether the article an
     * upsert would update for it (found by address, else guid) was written from an item with this
     * `fingerprint`: then the item is unchanged, and storing it again would write nothing. An item
     * whose article another item of the list also maps to is never unchanged: which of them wins
     * is the upsert's to decide. A feed given a part at a time passes the same `earlier` set with
     * each part: an item whose article an earlier part's item maps to is never unchanged either.
     */
    unchangedItems(sourceId: number, items: readonly { url: string | null; guid: string | null; fingerprint: string | null }[], earlier?: Set<number>): boolean[] {
      const found = items.map((item) => {
        if (item.fingerprint === null) return undefined;
        const url = normaliseUrl(item.url);
        const guid = item.guid?.trim().slice(0, 1000) || null;
        return (url ? keptByUrl.get(url) : undefined) ?? (guid ? keptByGuid.get(sourceId, guid) : undefined);
      });
      // Counted over every item that maps to an article, changed or not: an unchanged item skipped
      // after a changed one for the same article was written would leave the article as the
      // changed one made it, where storing both in order leaves it as the later one makes it.
      const mapped = new Map<number, number>();
      for (const kept of found) if (kept) mapped.set(kept.id, (mapped.get(kept.id) ?? 0) + 1);
      const unchanged = found.map((kept, i) => kept !== undefined && kept.fingerprint === items[i]?.fingerprint && mapped.get(kept.id) === 1 && !earlier?.has(kept.id));
      if (earlier) for (const kept of found) if (kept) earlier.add(kept.id);
      return unchanged;
    },
    /** Inserts or updates many articles in one transaction: all land or none do. */
    upsertMany(inputs: readonly ArticleInput[]): UpsertOutcome[] {
      return upsertAll([inputs]);
    },
    /**
     * As {@link upsertMany} for inputs that come in batches (a feed extracted in a worker thread
     * while earlier batches are written): one transaction over all of them, taken in order; each
     * batch is planned as `upsertMany` plans its list (articles without link or guid are matched
     * within their batch, so give such inputs in one batch). `batches` is read synchronously inside
     * the transaction; if it throws, nothing is written.
     */
    upsertBatches(batches: Iterable<readonly ArticleInput[]>): UpsertOutcome[] {
      return upsertAll(batches);
    },
    get(id: number): Article | undefined {
      const row = byId.get(id);
      return row ? toArticle(row) : undefined;
    },
    /** Newest first. With `distinctStories` (the default) one article per story. */
    latest(query: LatestQuery): Article[] {
      // People ask for the same few lists (a region's newest five) many times between two ingest
      // passes: answered from the cache until anything is written. A copy, so callers may reorder it.
      const key = `${query.regions ? [...new Set(query.regions)].sort().join(',') : '*'}|${query.limit}|${query.after ?? ''}|${query.until ?? ''}|${query.distinctStories !== false}`;
      return answers.get(key, () => latestNow(query)).slice();
    },
    count(): number {
      return count.get()?.n ?? 0;
    },
    /** Deletes articles published more than `days` days ago; returns how many went. */
    prune(days: number): number {
      const cutoff = clock.now() - days * 86_400_000;
      let total = 0;
      for (;;) {
        const { changes } = pruneBatch.run(cutoff);
        total += changes;
        if (changes === 0) return total;
      }
    },
  };
}

export type ArticleStore = ReturnType<typeof createArticleStore>;

/** A published time, with one beyond {@link CLOCK_SKEW_MS} in the future clamped to now. */
export function clampPublished(publishedAt: number, now: number): number {
  if (!Number.isFinite(publishedAt)) return now;
  return publishedAt > now + CLOCK_SKEW_MS ? now : publishedAt;
}

function cleanRegions(regions: readonly Region[]): Region[] {
  const out = [...new Set(regions.filter(isRegion))];
  return out.length > 0 ? out : [REGIONS[REGIONS.length - 1] as Region];
}
