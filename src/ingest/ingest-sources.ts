import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import { gazetteer } from '../regions/gazetteer.js';
import type { ArticleInput, ArticleStore } from '../store/articles.js';
import { PAGE_DEFAULTS } from '../config.js';
import type { PagePass, PageReport } from '../sources/page-pass.js';
import { isHtml } from '../sources/html-body.js';
import { REDISCOVER_AFTER_MS } from '../sources/policy.js';
import { createPoliteFetcher, type PoliteFetcher } from '../sources/polite-fetch.js';
import type { SourceKind } from '../store/page-sources.js';
import { TextAudit } from './encoding/clean-text.js';
import { isFeedError, reasonOf } from './feeds/feed-error.js';
import { articleFromItem, itemFingerprint } from './feeds/feed-items.js';
import { type FetchLike, type FetchLimits, type FetchResult, fetchFeed } from './feeds/fetch-feed.js';
import { type ParsedFeed, parseFeedBody } from './feeds/parse-feed.js';
import { BATCH_ITEMS, type FeedExtractor, type ItemKey, WORKER_MIN_BYTES } from './feeds/feed-pipeline.js';
import type { IngestSource } from './sources-file.js';

export interface IngestDeps {
  articles: ArticleStore;
  log: Logger;
  clock: Clock;
  /** The HTTP client; global `fetch` by default. */
  fetch?: FetchLike;
  /** Stops page sources between two article pages (and ends politeness pauses) when newsbot shuts down. */
  signal?: AbortSignal | undefined;
}

/** How page sources are fetched (PAGE_FETCH_DELAY_MS, PAGE_MAX_ARTICLES). */
export interface PageOptions {
  delayMs: number;
  maxArticles: number;
}

export interface IngestOptions {
  limits: FetchLimits;
  /** How many sources are fetched at once (FETCH_CONCURRENCY); requests to one host for pages still go one at a time. */
  concurrency: number;
  /** Skip sources still backing off after failures (the schedule does; `newsbot ingest` does not). */
  respectBackoff: boolean;
  /** Page sources' politeness and cap; the settings' defaults when left out. */
  pages?: PageOptions;
  /**
   * A worker thread that parses and extracts large feeds (from {@link WORKER_MIN_BYTES}) while
   * their articles are written (`newsbot ingest` starts one for its pass; the running bot's
   * scheduled passes give none and keep their memory to one heap). The caller closes it.
   */
  extractor?: FeedExtractor;
  /** The smallest feed body (bytes) extracted in the worker; default {@link WORKER_MIN_BYTES}. */
  workerMinBytes?: number;
}

/** How a source was read: as a feed (`feedUrl` when it was found from a site's page) or as a page. */
export interface ReadAs {
  as?: SourceKind;
  /** The feed read, when it is not the listed URL (found from a site). */
  feedUrl?: string;
  /** For pages: links found and taken, stored, failed, skipped, and a notice. */
  page?: PageReport;
}

/** What happened to one source in one run. */
export type SourceResult =
  | ({
      kind: 'ingested';
      source: string;
      items: number;
      inserted: number;
      updated: number;
      skipped: number;
      /** What was wrong with the source's text (charset fallback, repaired or removed characters), if anything. */
      warning: string | null;
      ms: number;
    } & ReadAs)
  | ({ kind: 'not-modified'; source: string; ms: number } & ReadAs)
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
 * Page sources and sites are read as {@link ingestSource} says, sharing one polite fetcher (one
 * request at a time per host, robots.txt read once per host) for the whole run.
 * Never throws for one source's trouble.
 */
export async function ingestSources(sources: readonly IngestSource[], deps: IngestDeps, options: IngestOptions): Promise<IngestSummary> {
  const started = deps.clock.now();
  // The region gazetteer is compiled on first use (some hundred ms of CPU, more on a busy machine):
  // compile it before any fetch starts, so it never eats into another feed's fetch timeout.
  gazetteer();
  const results: SourceResult[] = new Array(sources.length);
  const fetcher = politeFetcherFor(deps, options);
  let next = 0;
  const worker = async () => {
    for (;;) {
      // Stopping: the sources not started yet wait for the next run.
      if (deps.signal?.aborted) return;
      const index = next++;
      const source = sources[index];
      if (!source) return;
      try {
        results[index] = await ingestSource(source, deps, options, fetcher);
      } catch (error: unknown) {
        // Only the store itself failing (disk full, locked) gets here; the others still run.
        deps.log.error('feed could not be recorded', { source: source.name, error });
        results[index] = { kind: 'failed', source: source.name, error: reasonOf(error), failures: 0, nextAttemptAt: deps.clock.now(), ms: 0 };
      }
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, sources.length));
  await Promise.all(Array.from({ length: workers }, worker));

  const done = results.filter((r): r is SourceResult => r !== undefined);
  const summary: IngestSummary = { results: done, attempted: 0, failed: 0, inserted: 0, updated: 0, ms: deps.clock.now() - started };
  for (const r of done) {
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

function politeFetcherFor(deps: IngestDeps, options: Omit<IngestOptions, 'concurrency'>): PoliteFetcher {
  return createPoliteFetcher({ limits: options.limits, delayMs: options.pages?.delayMs ?? PAGE_DEFAULTS.PAGE_FETCH_DELAY_MS, fetch: deps.fetch, signal: deps.signal });
}

/**
 * Fetches and stores one source; see {@link ingestSources}. What the source is read as:
 * - `"type": "feed"`: its URL as a feed;
 * - `"type": "page"`: its URL as a section page whose new article links are fetched (src/sources);
 * - no type: what its URL turned out to be the first time, remembered: a feed; a site whose feed
 *   was found (through `<link rel="alternate">`, then common paths); or, with no feed, a page.
 *   A found feed that disappears (404, 410, no longer a feed) is looked for again next time.
 */
export async function ingestSource(source: IngestSource, deps: IngestDeps, options: Omit<IngestOptions, 'concurrency'>, fetcher = politeFetcherFor(deps, options)): Promise<SourceResult> {
  const entry = source;
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
  const plan = planFor(entry, id, deps);
  const validators = { etag: row?.etag ?? null, lastModified: row?.lastModified ?? null };
  const pageDeps = () => ({ articles: deps.articles, fetcher, clock: deps.clock, log: deps.log, maxArticles: options.pages?.maxArticles ?? PAGE_DEFAULTS.PAGE_MAX_ARTICLES });
  try {
    let feedUrl = plan.kind === 'feed' ? plan.url : entry.url;
    let fetched: FetchResult;
    let parsed: ParsedFeed | undefined;
    if (plan.kind === 'page') {
      const { readAsPage } = await import('../sources/read-site.js');
      const outcome = await readAsPage(entry, id, validators, pageDeps(), { rediscover: plan.rediscover });
      if (outcome.kind === 'page') return pageResult(entry, id, outcome.pass, deps, elapsed());
      ({ feedUrl, fetched } = outcome);
      parsed = outcome.feed;
    } else {
      fetched = await fetchFeed(feedUrl, validators, options.limits, deps.fetch);
      if (fetched.kind === 'fetched' && plan.kind === 'unknown' && isHtml(fetched.contentType, fetched.body)) {
        const { resolveSite } = await import('../sources/read-site.js');
        const outcome = await resolveSite(entry, id, fetched, pageDeps());
        if (outcome.kind === 'page') return pageResult(entry, id, outcome.pass, deps, elapsed());
        ({ feedUrl, fetched } = outcome);
        parsed = outcome.feed;
      }
    }
    const via: ReadAs = { as: 'feed', ...(feedUrl !== entry.url ? { feedUrl } : {}) };
    if (fetched.kind === 'not-modified') {
      store.recordSuccess(id, { at: deps.clock.now(), notModified: true });
      deps.log.debug('feed not modified', { source: source.name });
      return { kind: 'not-modified', source: source.name, ms: elapsed(), ...via };
    }
    const extractor = parsed === undefined && fetched.body.length >= (options.workerMinBytes ?? WORKER_MIN_BYTES) ? options.extractor : undefined;
    // Once the body parsed as a feed: a source of unknown kind is a feed from now on.
    const resolved = () => {
      if (plan.kind === 'unknown' && feedUrl === entry.url) deps.articles.pages.resolve(id, { kind: 'feed', forUrl: entry.url, feedUrl, at: deps.clock.now() });
    };
    let stored: Stored;
    if (extractor) stored = await storeInWorker(extractor, fetched, source, id, deps, resolved);
    else {
      const feed = parsed ?? parseFeedBody(fetched.body, fetched.contentType, fetched.url);
      resolved();
      stored = storeParsed(feed, source, id, deps.clock.now(), deps);
    }
    const { format, items, inserted, updated, skipped, warning } = stored;
    store.recordSuccess(id, { at: deps.clock.now(), etag: fetched.etag, lastModified: fetched.lastModified, warning });
    deps.log.info('feed ingested', { source: source.name, format, items, inserted, skipped, ...(via.feedUrl ? { feed: via.feedUrl } : {}), ...(extractor ? { worker: true } : {}) });
    if (warning) deps.log.warn('feed text needed fixing', { source: source.name, warning });
    return {
      kind: 'ingested',
      source: source.name,
      items,
      inserted,
      updated,
      skipped,
      warning,
      ms: elapsed(),
      ...via,
    };
  } catch (error: unknown) {
    const reason = reasonOf(error);
    // A feed found for a site that is gone or no longer a feed: look for the feed again next time.
    if (plan.kind === 'feed' && plan.found && isFeedError(error) && (error.kind === 'not-a-feed' || error.status === 404 || error.status === 410)) {
      deps.articles.pages.forget(id);
    }
    const { failures, nextAttemptAt } = store.recordFailure(id, { at: deps.clock.now(), error: reason });
    deps.log.warn('feed failed', { source: source.name, error: reason, failures, retryAfter: new Date(nextAttemptAt).toISOString() });
    return { kind: 'failed', source: source.name, error: reason, failures, nextAttemptAt, ms: elapsed() };
  }
}

/** What storing a feed's items came to. */
interface Stored {
  format: string;
  items: number;
  inserted: number;
  updated: number;
  skipped: number;
  warning: string | null;
}

/**
 * Stores a parsed feed's items in one transaction. An item unchanged since its article was
 * written (same fingerprint) would write nothing: it is counted as updated, as storing it again
 * would, without extracting its text again.
 */
function storeParsed(feed: ParsedFeed, source: IngestSource, sourceId: number, now: number, deps: IngestDeps): Stored {
  const inputs: ArticleInput[] = [];
  const audit = new TextAudit();
  let skipped = 0;
  const fingerprints = feed.items.map((item) => itemFingerprint(item, source, now));
  const unchanged = deps.articles.unchangedItems(sourceId, feed.items.map((item, i) => ({ url: item.url, guid: item.guid, fingerprint: fingerprints[i] ?? null })));
  let same = 0;
  feed.items.forEach((item, i) => {
    if (unchanged[i]) {
      // Only items whose text was clean keep a fingerprint (below): it counts as such in the report.
      audit.add(new Set());
      same++;
      return;
    }
    const flawed = audit.flawed;
    const article = articleFromItem(item, source, now, audit);
    // An item whose text needed repair is never skipped, so the source's report keeps saying so.
    if (article) inputs.push({ ...article, fingerprint: audit.flawed === flawed ? (fingerprints[i] ?? null) : null });
    else skipped++;
  });
  const outcomes = deps.articles.upsertMany(inputs);
  const inserted = outcomes.filter((o) => o.kind === 'inserted').length;
  return { format: feed.format, items: inputs.length + same, inserted, updated: outcomes.length - inserted + same, skipped, warning: audit.warning(feed.charsetWarning) };
}

/**
 * As {@link storeParsed}, with the parsing and extraction in a worker thread (see
 * src/ingest/feeds/feed-pipeline.ts): the store writes each batch of articles while the worker
 * extracts the next, in the same single transaction. The same articles, counts and warning.
 */
async function storeInWorker(
  extractor: FeedExtractor,
  fetched: Extract<FetchResult, { kind: 'fetched' }>,
  source: IngestSource,
  sourceId: number,
  deps: IngestDeps,
  parsed: () => void,
): Promise<Stored> {
  const feed = await extractor.extract(fetched.body, fetched.contentType, fetched.url, source, deps.clock.now());
  try {
    parsed();
    const audit = new TextAudit();
    let same = 0;
    let skipped = 0;
    let articles = 0;
    // Articles the feed's earlier chunks map to (see unchangedItems).
    const earlier = new Set<number>();
    let unlinked = false;
    const plan = (keys: ItemKey[]) => {
      const unchanged = deps.articles.unchangedItems(sourceId, keys, earlier);
      for (const u of unchanged) {
        if (u) {
          same++;
          audit.add(new Set());
        }
      }
      // Items with neither link nor guid are matched to stored ones together (see upsertBatches): one batch.
      unlinked ||= keys.some((k) => !k.url && !k.guid);
      return { unchanged, batchItems: unlinked ? Number.MAX_SAFE_INTEGER : BATCH_ITEMS };
    };
    const outcomes = deps.articles.upsertBatches(
      (function* () {
        for (const batch of feed.batches(plan)) {
          for (const flaws of batch.flaws) audit.add(new Set(flaws));
          skipped += batch.skipped;
          articles += batch.articles.length;
          yield batch.articles;
        }
      })(),
    );
    const inserted = outcomes.filter((o) => o.kind === 'inserted').length;
    return { format: feed.format, items: articles + same, inserted, updated: outcomes.length - inserted + same, skipped, warning: audit.warning(feed.charsetWarning) };
  } finally {
    feed.close();
  }
}

/** What to read a source as in this pass. */
type Plan = { kind: 'feed'; url: string; found: boolean } | { kind: 'page'; rediscover: boolean } | { kind: 'unknown' };

function planFor(source: IngestSource, id: number, deps: IngestDeps): Plan {
  if (source.type === 'page') return { kind: 'page', rediscover: false };
  if (source.type === 'feed') return { kind: 'feed', url: source.url, found: false };
  const state = deps.articles.pages.state(id);
  if (!state) return { kind: 'unknown' };
  if (state.forUrl !== source.url) {
    deps.articles.pages.forget(id);
    deps.articles.pages.forgetLinks(id);
    return { kind: 'unknown' };
  }
  if (state.kind === 'page') {
    return { kind: 'page', rediscover: deps.clock.now() - state.resolvedAt > REDISCOVER_AFTER_MS };
  }
  return { kind: 'feed', url: state.feedUrl ?? source.url, found: (state.feedUrl ?? source.url) !== source.url };
}

function pageResult(source: IngestSource, id: number, pass: PagePass, deps: IngestDeps, ms: number): SourceResult {
  const store = deps.articles.sources;
  if (pass.kind === 'not-modified') {
    store.recordSuccess(id, { at: deps.clock.now(), notModified: true });
    return { kind: 'not-modified', source: source.name, ms, as: 'page' };
  }
  store.recordSuccess(id, { at: deps.clock.now(), etag: pass.etag, lastModified: pass.lastModified, warning: pass.warning });
  if (pass.warning) deps.log.warn('page text needed fixing', { source: source.name, warning: pass.warning });
  return {
    kind: 'ingested',
    source: source.name,
    items: pass.report.stored,
    inserted: pass.inserted,
    updated: pass.updated,
    skipped: pass.report.skipped,
    warning: pass.warning,
    ms,
    as: 'page',
    page: pass.report,
  };
}
