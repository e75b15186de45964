import type { Clock } from '../clock.js';
import { TextAudit, type TextFlaws } from '../ingest/encoding/clean-text.js';
import { FeedError, reasonOf } from '../ingest/feeds/feed-error.js';
import type { FetchResult } from '../ingest/feeds/fetch-feed.js';
import type { IngestSource } from '../ingest/sources-file.js';
import type { Logger } from '../log.js';
import type { ArticleStore } from '../store/articles.js';
import type { LinkOutcome } from '../store/page-sources.js';
import { type ArticleLink, findArticleLinks, type LinkMethod } from './article-links.js';
import { readArticlePage } from './article-page.js';
import { parseDocument } from './dom.js';
import { decodeHtml, isHtml } from './html-body.js';
import { PageSourceError, RobotsDisallowedError } from './page-errors.js';
import { FORGET_LINK_AFTER_MS, MAX_LINK_TRIES } from './policy.js';
import type { PoliteFetcher } from './polite-fetch.js';

export const JAVASCRIPT_NOTICE = 'no article links found; the page may need JavaScript';
export const NO_LINKS_NOTICE = 'no article links found on the page (give the source an "articleSelector" or a "linkPattern")';

export type Fetched = Extract<FetchResult, { kind: 'fetched' }>;

export interface PagePassDeps {
  articles: ArticleStore;
  fetcher: PoliteFetcher;
  clock: Clock;
  log: Logger;
  /** New article pages fetched per pass at most (PAGE_MAX_ARTICLES). */
  maxArticles: number;
}

/** What one pass over a section page found and did; `ingest --json` and `sources` show it. */
export interface PageReport {
  /** Article links on the page. */
  found: number;
  /** Of them, not fetched before (nor stored from another source). */
  new: number;
  /** Fetched in this pass (at most PAGE_MAX_ARTICLES); the rest wait for the next pass. */
  taken: number;
  stored: number;
  /** Blocked (robots.txt, 401/403), gone (404/410) or failed (5xx, network, timeout). */
  failed: number;
  /** Fetched but not articles (no headline or text, a video page). */
  skipped: number;
  byMethod: Record<LinkMethod, number>;
  notice: string | null;
  /** The first failures and skips, with their reasons. */
  problems: { url: string; reason: string }[];
}

export type PagePass =
  | { kind: 'not-modified' }
  | {
      kind: 'read';
      inserted: number;
      updated: number;
      report: PageReport;
      /** The page's validators, kept only when every new link was dealt with (else the next pass must see the page again). */
      etag: string | null;
      lastModified: string | null;
      /** The headlines of the links, first ones first (for `sources add`). */
      headlines: string[];
      /** What was wrong with the pages' text (charset, repaired or removed characters), if anything. */
      warning: string | null;
    };

/**
 * One pass over a page source: fetches the section page (conditional GET; `prefetched` when it was
 * just fetched to find out what the URL is), finds its article links ({@link findArticleLinks}),
 * and fetches each link not fetched before, at most `maxArticles`, one by one through the polite
 * fetcher; each article lands as soon as it is read. An article that fails (robots.txt, HTTP
 * 403, not an article, a timeout) is counted and skipped; it never fails the source. Throws only
 * for the section page itself (HTTP error, robots.txt, not HTML, a broken articleSelector).
 */
export async function readPageSource(source: IngestSource, sourceId: number, deps: PagePassDeps, prefetched?: Fetched, validators: { etag?: string | null; lastModified?: string | null } = {}): Promise<PagePass> {
  const { fetcher, articles } = deps;
  const pages = articles.pages;
  let fetched: FetchResult;
  if (prefetched) {
    const robots = await fetcher.robots(prefetched.url);
    if (!robots.allowed(prefetched.url)) throw new RobotsDisallowedError(prefetched.url, robots.unreachable);
    fetched = prefetched;
  } else {
    fetched = await fetcher.page(source.url, validators);
  }
  if (fetched.kind === 'not-modified') return { kind: 'not-modified' };
  if (!isHtml(fetched.contentType, fetched.body)) {
    const what = fetched.contentType ? ` (${fetched.contentType.split(';')[0]})` : '';
    throw new PageSourceError(`not an HTML page${what}: a page source's url must be a section page; for a feed leave out "type": "page"`);
  }
  const decoded = decodeHtml(fetched.body, fetched.contentType);
  const text = { audit: new TextAudit(), charsetWarning: decoded.warning ? `the page: ${decoded.warning}` : null };
  const document = parseDocument(decoded.text);
  const scan = findArticleLinks(document, fetched.url, { articleSelector: source.articleSelector, linkPattern: source.linkPattern });

  const now = deps.clock.now();
  const state = pages.state(sourceId);
  if (state?.kind !== 'page' || state.forUrl !== source.url) {
    // Another page than last time (the listed URL changed): its links are not this page's.
    if (state && state.forUrl !== source.url) pages.forgetLinks(sourceId);
    pages.resolve(sourceId, { kind: 'page', forUrl: source.url, at: now });
  }
  pages.seeLinks(sourceId, scan.links.map((l) => l.url), now, now - FORGET_LINK_AFTER_MS);
  const fresh = scan.links.filter((link) => {
    const before = pages.link(sourceId, link.url);
    if (before) return before.outcome === 'failed' && before.tries < MAX_LINK_TRIES;
    return !pages.hasArticle(link.url);
  });
  const taken = fresh.slice(0, deps.maxArticles);
  const report: PageReport = {
    found: scan.links.length,
    new: fresh.length,
    taken: 0,
    stored: 0,
    failed: 0,
    skipped: 0,
    byMethod: scan.byMethod,
    notice: null,
    problems: [],
  };
  let inserted = 0;
  let updated = 0;
  let retryLater = false;
  for (const link of taken) {
    if (fetcher.signal?.aborted) break;
    const outcome = await readOne(link, source, deps, text);
    if (outcome.kind === 'stopped') break;
    report.taken++;
    pages.markLink(sourceId, link.url, outcome.kind === 'stored' ? 'stored' : outcome.outcome, outcome.kind === 'stored' ? null : outcome.reason, deps.clock.now());
    if (outcome.kind === 'stored') {
      report.stored++;
      if (outcome.inserted) inserted++;
      else updated++;
      continue;
    }
    if (outcome.outcome === 'not-article') report.skipped++;
    else report.failed++;
    if (outcome.outcome === 'failed') retryLater = true;
    if (report.problems.length < 10) report.problems.push({ url: link.url, reason: outcome.reason });
  }
  report.notice = noticeFor(scan.links.length, scan.needsJavaScript, report);
  const complete = report.taken === fresh.length && !retryLater;
  pages.recordPass(
    sourceId,
    {
      linksFound: report.found,
      linksNew: report.new,
      linksTaken: report.taken,
      articlesStored: report.stored,
      articlesFailed: report.failed,
      articlesSkipped: report.skipped,
      notice: report.notice,
    },
    deps.clock.now(),
  );
  deps.log.info('page read', { source: source.name, found: report.found, new: report.new, taken: report.taken, stored: report.stored, failed: report.failed, skipped: report.skipped, ...(report.notice ? { notice: report.notice } : {}) });
  return {
    kind: 'read',
    inserted,
    updated,
    report,
    etag: complete ? fetched.etag : null,
    lastModified: complete ? fetched.lastModified : null,
    headlines: scan.links.map((l) => l.text).filter((t) => t !== ''),
    warning: text.audit.warning(text.charsetWarning),
  };
}

type ReadOne =
  | { kind: 'stored'; inserted: boolean }
  | { kind: 'skipped'; outcome: Exclude<LinkOutcome, 'stored'>; reason: string }
  | { kind: 'stopped' };

/** The text fixes of one pass: per-article flaws, and the first charset the pages did not declare rightly. */
interface PassText {
  audit: TextAudit;
  charsetWarning: string | null;
}

async function readOne(link: ArticleLink, source: IngestSource, deps: PagePassDeps, text: PassText): Promise<ReadOne> {
  let got: FetchResult;
  try {
    got = await deps.fetcher.page(link.url);
  } catch (error: unknown) {
    if (deps.fetcher.signal?.aborted) return { kind: 'stopped' };
    const [outcome, reason] = classify(error);
    deps.log.debug('article page not read', { source: source.name, url: link.url, reason });
    return { kind: 'skipped', outcome, reason };
  }
  if (got.kind === 'not-modified') return { kind: 'skipped', outcome: 'failed', reason: 'the server answered 304 to a request without validators' };
  if (!isHtml(got.contentType, got.body)) return { kind: 'skipped', outcome: 'not-article', reason: `not an HTML page (${got.contentType ?? 'no content type'})` };
  const decoded = decodeHtml(got.body, got.contentType);
  const flaws: TextFlaws = new Set();
  const read = readArticlePage(decoded.text, got.url, link.text, source, deps.clock.now(), flaws);
  if (read.kind === 'not-article') return { kind: 'skipped', outcome: 'not-article', reason: `not an article: ${read.reason}` };
  text.audit.add(flaws);
  if (decoded.warning) text.charsetWarning ??= `article pages: ${decoded.warning}`;
  const [result] = deps.articles.upsertMany([read.article]);
  return { kind: 'stored', inserted: result?.kind === 'inserted' };
}

/** An article fetch's failure: blocked (robots.txt, 401, 403, 451), gone (404, 410), else failed for now. */
function classify(error: unknown): [Exclude<LinkOutcome, 'stored' | 'not-article'>, string] {
  const reason = reasonOf(error);
  if (error instanceof RobotsDisallowedError) return ['blocked', reason];
  if (error instanceof FeedError && error.status !== undefined) {
    if ([401, 403, 451].includes(error.status)) return ['blocked', reason];
    if ([404, 410].includes(error.status)) return ['gone', reason];
  }
  return ['failed', reason];
}

/** What to tell the operator about a page without article links, if it has none. */
export function noLinksNotice(found: number, needsJavaScript: boolean): string | null {
  if (found > 0) return null;
  return needsJavaScript ? JAVASCRIPT_NOTICE : NO_LINKS_NOTICE;
}

function noticeFor(found: number, needsJavaScript: boolean, report: PageReport): string | null {
  if (found === 0) return noLinksNotice(found, needsJavaScript);
  if (report.taken > 0 && report.stored === 0) {
    const first = report.problems[0]?.reason;
    return `none of the ${report.taken} article pages fetched could be stored${first ? ` (first: ${first})` : ''}`;
  }
  return null;
}
