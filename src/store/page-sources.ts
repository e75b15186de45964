import type { Db } from './db.js';

/** What a source is read as: a feed (listed, or found from a site) or a section page. */
export type SourceKind = 'feed' | 'page';

/** What happened to one article link of a page source. */
export type LinkOutcome = 'stored' | 'not-article' | 'blocked' | 'gone' | 'failed';

/** The last pass over a page source's section page. */
export interface PagePassStats {
  linksFound: number;
  linksNew: number;
  linksTaken: number;
  articlesStored: number;
  articlesFailed: number;
  articlesSkipped: number;
  notice: string | null;
}

export interface SourceState extends Partial<PagePassStats> {
  sourceId: number;
  kind: SourceKind;
  /** The listed URL this was worked out for. */
  forUrl: string;
  /** The feed read, for kind 'feed'. */
  feedUrl: string | null;
  resolvedAt: number;
  passAt: number | null;
}

interface StateRow {
  sourceId: number;
  kind: SourceKind;
  forUrl: string;
  feedUrl: string | null;
  resolvedAt: number;
  linksFound: number | null;
  linksNew: number | null;
  linksTaken: number | null;
  articlesStored: number | null;
  articlesFailed: number | null;
  articlesSkipped: number | null;
  notice: string | null;
  passAt: number | null;
}

const STATE = `source_id AS sourceId, kind, for_url AS forUrl, feed_url AS feedUrl, resolved_at AS resolvedAt,
  links_found AS linksFound, links_new AS linksNew, links_taken AS linksTaken, articles_stored AS articlesStored,
  articles_failed AS articlesFailed, articles_skipped AS articlesSkipped, notice, pass_at AS passAt`;

function toState(row: StateRow): SourceState {
  const out: SourceState = { sourceId: row.sourceId, kind: row.kind, forUrl: row.forUrl, feedUrl: row.feedUrl, resolvedAt: row.resolvedAt, passAt: row.passAt };
  if (row.passAt != null) {
    Object.assign(out, {
      linksFound: row.linksFound ?? 0,
      linksNew: row.linksNew ?? 0,
      linksTaken: row.linksTaken ?? 0,
      articlesStored: row.articlesStored ?? 0,
      articlesFailed: row.articlesFailed ?? 0,
      articlesSkipped: row.articlesSkipped ?? 0,
      notice: row.notice,
    });
  }
  return out;
}

/**
 * What newsbot knows about sources beyond the feed columns: what each listed URL turned out to be
 * (feed, found feed, page), the last pass over each page source, and the article links of page
 * sources already fetched (so each article page is fetched once).
 */
export function createPageSourceStore(db: Db) {
  const getState = db.prepare<[number], StateRow>(`SELECT ${STATE} FROM source_state WHERE source_id = ?`);
  const allStates = db.prepare<[], StateRow>(`SELECT ${STATE} FROM source_state`);
  const upsertState = db.prepare<{ id: number; kind: SourceKind; forUrl: string; feedUrl: string | null; at: number }>(
    `INSERT INTO source_state (source_id, kind, for_url, feed_url, resolved_at) VALUES (@id, @kind, @forUrl, @feedUrl, @at)
     ON CONFLICT (source_id) DO UPDATE SET
       links_found = CASE WHEN kind = excluded.kind THEN links_found END,
       links_new = CASE WHEN kind = excluded.kind THEN links_new END,
       links_taken = CASE WHEN kind = excluded.kind THEN links_taken END,
       articles_stored = CASE WHEN kind = excluded.kind THEN articles_stored END,
       articles_failed = CASE WHEN kind = excluded.kind THEN articles_failed END,
       articles_skipped = CASE WHEN kind = excluded.kind THEN articles_skipped END,
       notice = CASE WHEN kind = excluded.kind THEN notice END,
       pass_at = CASE WHEN kind = excluded.kind THEN pass_at END,
       kind = excluded.kind, for_url = excluded.for_url, feed_url = excluded.feed_url, resolved_at = excluded.resolved_at`,
  );
  const deleteState = db.prepare<[number]>('DELETE FROM source_state WHERE source_id = ?');
  const pass = db.prepare<PagePassStats & { id: number; at: number }>(
    `UPDATE source_state SET links_found = @linksFound, links_new = @linksNew, links_taken = @linksTaken,
       articles_stored = @articlesStored, articles_failed = @articlesFailed, articles_skipped = @articlesSkipped,
       notice = @notice, pass_at = @at
     WHERE source_id = @id`,
  );
  const link = db.prepare<[number, string], { outcome: LinkOutcome; tries: number }>('SELECT outcome, tries FROM page_links WHERE source_id = ? AND url = ?');
  const mark = db.prepare<{ id: number; url: string; outcome: LinkOutcome; reason: string | null; at: number }>(
    `INSERT INTO page_links (source_id, url, outcome, reason, first_seen_at, last_seen_at) VALUES (@id, @url, @outcome, @reason, @at, @at)
     ON CONFLICT (source_id, url) DO UPDATE SET outcome = excluded.outcome, reason = excluded.reason,
       tries = tries + 1, last_seen_at = excluded.last_seen_at`,
  );
  const touch = db.prepare<[number, number, string]>('UPDATE page_links SET last_seen_at = ? WHERE source_id = ? AND url = ?');
  const forgetUnseen = db.prepare<[number, number]>('DELETE FROM page_links WHERE source_id = ? AND last_seen_at < ?');
  const forgetLinks = db.prepare<[number]>('DELETE FROM page_links WHERE source_id = ?');
  const article = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM articles WHERE url = ?');
  const touchAll = db.transaction((id: number, urls: readonly string[], at: number) => {
    for (const url of urls) touch.run(at, id, url);
  });

  return {
    state(sourceId: number): SourceState | undefined {
      const row = getState.get(sourceId);
      return row ? toState(row) : undefined;
    },
    /** Every source's state, by source id. */
    states(): Map<number, SourceState> {
      return new Map(allStates.all().map((row) => [row.sourceId, toState(row)]));
    },
    /** Remembers what the listed URL `forUrl` is read as; the last pass's figures go when the kind changes. */
    resolve(sourceId: number, input: { kind: SourceKind; forUrl: string; feedUrl?: string | null; at: number }): void {
      upsertState.run({ id: sourceId, kind: input.kind, forUrl: input.forUrl, feedUrl: input.feedUrl ?? null, at: input.at });
    },
    /** Forgets what the source was found to be, so the next pass works it out again. */
    forget(sourceId: number): void {
      deleteState.run(sourceId);
    },
    recordPass(sourceId: number, stats: PagePassStats, at: number): void {
      pass.run({ id: sourceId, at, ...stats });
    },
    /** How a link of the source went before, if it was fetched. */
    link(sourceId: number, url: string): { outcome: LinkOutcome; tries: number } | undefined {
      return link.get(sourceId, url);
    },
    markLink(sourceId: number, url: string, outcome: LinkOutcome, reason: string | null, at: number): void {
      mark.run({ id: sourceId, url, outcome, reason, at });
    },
    /** Notes that the links are still on the page at `at`, then forgets links not on it since `forgetBefore`. */
    seeLinks(sourceId: number, urls: readonly string[], at: number, forgetBefore: number): void {
      touchAll(sourceId, urls, at);
      forgetUnseen.run(sourceId, forgetBefore);
    },
    /** Forgets every link of the source (its URL changed: another page). */
    forgetLinks(sourceId: number): void {
      forgetLinks.run(sourceId);
    },
    /** Whether an article with this (normalised) URL is stored, from any source. */
    hasArticle(url: string): boolean {
      return article.get(url) !== undefined;
    },
  };
}

export type PageSourceStore = ReturnType<typeof createPageSourceStore>;
