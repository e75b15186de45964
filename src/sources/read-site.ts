import { type ParsedFeed, parseFeedBody } from '../ingest/feeds/parse-feed.js';
import type { IngestSource } from '../ingest/sources-file.js';
import { discoverFeed } from './discover-feed.js';
import { parseDocument } from './dom.js';
import { decodeHtml, isHtml } from './html-body.js';
import { type Fetched, type PagePass, type PagePassDeps, readPageSource } from './page-pass.js';

/** What a site or page source gave in one pass: a feed to store as feeds are, or a page pass done. */
export type SiteOutcome =
  | { kind: 'feed'; feedUrl: string; fetched: Fetched; feed: ParsedFeed }
  | { kind: 'page'; pass: PagePass };

/**
 * A source without a type whose URL served an HTML page: its feed is looked for ({@link
 * discoverFeed}); a feed found is remembered and read as a feed from then on; else the page is
 * remembered as a page source and read as one now, from the page already fetched.
 */
export async function resolveSite(source: IngestSource, sourceId: number, page: Fetched, deps: PagePassDeps): Promise<SiteOutcome> {
  const document = parseDocument(decodeHtml(page.body, page.contentType).text);
  const found = await discoverFeed(document, page.url, deps.fetcher, deps.log);
  const pages = deps.articles.pages;
  if (found) {
    pages.resolve(sourceId, { kind: 'feed', forUrl: source.url, feedUrl: found.feedUrl, at: deps.clock.now() });
    deps.log.info('site resolved to its feed', { source: source.name, feed: found.feedUrl, via: found.via });
    return { kind: 'feed', feedUrl: found.feedUrl, fetched: found.fetched, feed: found.feed };
  }
  pages.resolve(sourceId, { kind: 'page', forUrl: source.url, at: deps.clock.now() });
  deps.log.info('site has no feed: read as a page source', { source: source.name });
  return { kind: 'page', pass: await readPageSource(source, sourceId, deps, page) };
}

/**
 * One pass over a page source (`"type": "page"`, or a site that had no feed). A site last resolved
 * more than REDISCOVER_AFTER_MS (policy.ts) ago is resolved again from a fresh copy of its page.
 */
export async function readAsPage(
  source: IngestSource,
  sourceId: number,
  validators: { etag?: string | null; lastModified?: string | null },
  deps: PagePassDeps,
  options: { rediscover: boolean },
): Promise<SiteOutcome> {
  if (options.rediscover) {
    const page = await deps.fetcher.page(source.url);
    if (page.kind === 'fetched' && isHtml(page.contentType, page.body)) return resolveSite(source, sourceId, page, deps);
    if (page.kind === 'fetched') {
      // The address serves a feed now.
      const feed = parseFeedBody(page.body, page.contentType, page.url);
      deps.articles.pages.resolve(sourceId, { kind: 'feed', forUrl: source.url, feedUrl: source.url, at: deps.clock.now() });
      return { kind: 'feed', feedUrl: source.url, fetched: page, feed };
    }
  }
  return { kind: 'page', pass: await readPageSource(source, sourceId, deps, undefined, validators) };
}
