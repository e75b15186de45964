import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { ArticleInput, ArticleStore } from '../store/articles.js';
import { TextAudit } from './encoding/clean-text.js';
import { reasonOf } from './feeds/feed-error.js';
import { articleFromItem, type FeedSource } from './feeds/feed-items.js';
import { type FetchLike, type FetchLimits, fetchFeed } from './feeds/fetch-feed.js';
import { parseFeedBody } from './feeds/parse-feed.js';

export interface IngestDeps {
  articles: ArticleStore;
  log: Logger;
  clock: Clock;
  /** The HTTP client; global `fetch` by default. */
  fetch?: FetchLike;
}

export interface IngestOptions {
  limits: FetchLimits;
  /** How many feeds are fetched at once (FETCH_CONCURRENCY). */
  concurrency: number;
  /** Skip sources still backing off after failures (the schedule does; `newsbot ingest` does not). */
  respectBackoff: boolean;
}

/** What happened to one source in one run. */
export type SourceResult =
  | {
      kind: 'ingested';
      source: string;
      items: number;
      inserted: number;
      updated: number;
      skipped: number;
      /** What was wrong with the feed's text (charset fallback, repaired or removed characters), if anything. */
      warning: string | null;
      ms: number;
    }
  | { kind: 'not-modified'; source: string; ms: number }
  | { kind: 'failed'; source: string; error: string; failures: number; nextAttemptAt: number; ms: number }
  | { kind: 'backing-off'; source: string; nextAttemptAt: number; lastError: string | null };

export interface IngestSummary {
  results: SourceResult[];
  /** Sources fetched (not skipped for back-off). */
  attempted: number;
  failed: number;
  inserted: number;
  updated: number;
  ms: number;
}

/**
 * Fetches every source, at most `concurrency` at once, and stores each one's items in a single
 * transaction: all of a feed's items land or none do. A source that fails (HTTP error, timeout,
 * too large, redirect loop, not a feed, malformed, entity tricks) is recorded with its reason and
 * backs off (see `backoffMs`); the others carry on. ETag / Last-Modified are saved only after the
 * items are stored, so a failed write never turns the next fetch into a 304 that loses them.
 * Never throws for one source's trouble.
 */
export async function ingestSources(sources: readonly FeedSource[], deps: IngestDeps, options: IngestOptions): Promise<IngestSummary> {
  const started = deps.clock.now();
  const results: SourceResult[] = new Array(sources.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const index = next++;
      const source = sources[index];
      if (!source) return;
      try {
        results[index] = await ingestSource(source, deps, options);
      } catch (error: unknown) {
        // Only the store itself failing (disk full, locked) gets here; the others still run.
        deps.log.error('feed could not be recorded', { source: source.name, error });
        results[index] = { kind: 'failed', source: source.name, error: reasonOf(error), failures: 0, nextAttemptAt: deps.clock.now(), ms: 0 };
      }
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, sources.length));
  await Promise.all(Array.from({ length: workers }, worker));

  const summary: IngestSummary = { results, attempted: 0, failed: 0, inserted: 0, updated: 0, ms: deps.clock.now() - started };
  for (const r of results) {
    if (r.kind === 'backing-off') continue;
    summary.attempted++;
    if (r.kind === 'failed') summary.failed++;
    if (r.kind === 'ingested') {
      summary.inserted += r.inserted;
      summary.updated += r.updated;
    }
  }
  return summary;
}

/** Fetches and stores one source; see {@link ingestSources}. */
export async function ingestSource(source: FeedSource, deps: IngestDeps, options: Omit<IngestOptions, 'concurrency'>): Promise<SourceResult> {
  const store = deps.articles.sources;
  const id = store.ensure({ name: source.name, url: source.url, region: source.region ?? null });
  const row = store.getById(id);
  const startedAt = deps.clock.now();
  if (options.respectBackoff && row?.nextAttemptAt != null && row.nextAttemptAt > startedAt) {
    deps.log.debug('feed backing off', { source: source.name, until: new Date(row.nextAttemptAt).toISOString() });
    return { kind: 'backing-off', source: source.name, nextAttemptAt: row.nextAttemptAt, lastError: row.lastError };
  }
  store.recordAttempt(id, startedAt);
  const t0 = performance.now();
  const elapsed = () => Math.round(performance.now() - t0);
  try {
    const fetched = await fetchFeed(source.url, { etag: row?.etag ?? null, lastModified: row?.lastModified ?? null }, options.limits, deps.fetch);
    if (fetched.kind === 'not-modified') {
      store.recordSuccess(id, { at: deps.clock.now(), notModified: true });
      deps.log.debug('feed not modified', { source: source.name });
      return { kind: 'not-modified', source: source.name, ms: elapsed() };
    }
    const feed = parseFeedBody(fetched.body, fetched.contentType, fetched.url);
    const now = deps.clock.now();
    const inputs: ArticleInput[] = [];
    const audit = new TextAudit();
    let skipped = 0;
    for (const item of feed.items) {
      const article = articleFromItem(item, source, now, audit);
      if (article) inputs.push(article);
      else skipped++;
    }
    const warning = audit.warning(feed.charsetWarning);
    const outcomes = deps.articles.upsertMany(inputs);
    const inserted = outcomes.filter((o) => o.kind === 'inserted').length;
    store.recordSuccess(id, { at: deps.clock.now(), etag: fetched.etag, lastModified: fetched.lastModified, warning });
    deps.log.info('feed ingested', { source: source.name, format: feed.format, items: inputs.length, inserted, skipped });
    if (warning) deps.log.warn('feed text needed fixing', { source: source.name, warning });
    return {
      kind: 'ingested',
      source: source.name,
      items: inputs.length,
      inserted,
      updated: outcomes.length - inserted,
      skipped,
      warning,
      ms: elapsed(),
    };
  } catch (error: unknown) {
    const reason = reasonOf(error);
    const { failures, nextAttemptAt } = store.recordFailure(id, { at: deps.clock.now(), error: reason });
    deps.log.warn('feed failed', { source: source.name, error: reason, failures, retryAfter: new Date(nextAttemptAt).toISOString() });
    return { kind: 'failed', source: source.name, error: reason, failures, nextAttemptAt, ms: elapsed() };
  }
}
