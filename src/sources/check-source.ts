import { articleFromItem } from '../ingest/feeds/feed-items.js';
import { type FetchLike, type FetchLimits, fetchFeed } from '../ingest/feeds/fetch-feed.js';
import { type ParsedFeed, parseFeedBody } from '../ingest/feeds/parse-feed.js';
import type { SourceType } from '../ingest/sources-file.js';
import type { Logger } from '../log.js';
import { findArticleLinks, type LinkRules } from './article-links.js';
import { discoverFeed } from './discover-feed.js';
import { type DomDocument, parseDocument, textOf } from './dom.js';
import { decodeHtml, isHtml } from './html-body.js';
import { PageSourceError, RobotsDisallowedError } from './page-errors.js';
import { type Fetched, noLinksNotice } from './page-pass.js';
import type { PoliteFetcher } from './polite-fetch.js';

/** What a URL turned out to be when checked once, and what it shows now. */
export interface SourceCheck {
  /** Read as a feed or as a page. */
  as: 'feed' | 'page';
  /** The URL was a site or section page without a type (its feed was looked for). */
  site: boolean;
  /** The feed found for a site, when it is not the URL itself. */
  feedUrl?: string;
  /** The feed's title, or the page's. */
  title: string | null;
  /** The first headlines: the feed's items, or the page's article links. */
  headlines: string[];
  /** For pages: why there may be nothing to read ("the page may need JavaScript"). */
  notice: string | null;
}

export interface CheckDeps {
  fetcher: PoliteFetcher;
  limits: FetchLimits;
  fetch?: FetchLike | undefined;
  log: Logger;
  now: number;
}

/**
 * Fetches a would-be source once and says what it is, as the ingest pass would read it: a feed
 * (`type` "feed", or a URL that serves one), a page (`type` "page"), or, without a type, an HTML
 * page whose feed is looked for (link rel="alternate", then common paths) and which is read as a
 * page when it has none. Throws FeedError, RobotsDisallowedError or PageSourceError when it cannot
 * be read as that.
 */
export async function checkSource(url: string, type: SourceType | undefined, rules: LinkRules, deps: CheckDeps): Promise<SourceCheck> {
  if (type === 'page') {
    const got = await deps.fetcher.page(url);
    if (got.kind !== 'fetched') throw new PageSourceError('the server answered 304 to a request without validators');
    return asPage(got, rules, false);
  }
  const got = await fetchFeed(url, {}, deps.limits, deps.fetch);
  if (got.kind !== 'fetched') throw new PageSourceError('the server answered 304 to a request without validators');
  if (type === undefined && isHtml(got.contentType, got.body)) {
    const document = parseDocument(decodeHtml(got.body, got.contentType).text);
    const found = await discoverFeed(document, got.url, deps.fetcher, deps.log);
    if (found) return { ...asFeed(found.feed, url, deps.now), site: true, feedUrl: found.feedUrl };
    const robots = await deps.fetcher.robots(got.url);
    if (!robots.allowed(got.url)) throw new RobotsDisallowedError(got.url, robots.unreachable);
    return asPage(got, rules, true, document);
  }
  return asFeed(parseFeedBody(got.body, got.contentType, got.url), url, deps.now);
}

function asFeed(feed: ParsedFeed, url: string, now: number): SourceCheck {
  const headlines = feed.items.map((item) => articleFromItem(item, { name: 'check', url }, now)?.headline).filter((h): h is string => Boolean(h));
  return { as: 'feed', site: false, title: feed.title, headlines, notice: null };
}

function asPage(got: Fetched, rules: LinkRules, site: boolean, parsed?: DomDocument): SourceCheck {
  if (!isHtml(got.contentType, got.body)) {
    throw new PageSourceError(`not an HTML page (${got.contentType ?? 'no content type'}): for a feed, leave out --type page`);
  }
  const document = parsed ?? parseDocument(decodeHtml(got.body, got.contentType).text);
  const title = textOf(document.querySelector('title')) || null;
  const scan = findArticleLinks(document, got.url, rules);
  return {
    as: 'page',
    site,
    title,
    headlines: scan.links.map((l) => l.text).filter((t) => t !== ''),
    notice: noLinksNotice(scan.links.length, scan.needsJavaScript),
  };
}
