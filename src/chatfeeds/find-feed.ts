import { TextAudit } from '../ingest/encoding/clean-text.js';
import { FeedError } from '../ingest/feeds/feed-error.js';
import { articleFromItem } from '../ingest/feeds/feed-items.js';
import { type FetchLike, type FetchLimits, type FetchResult, fetchFeed } from '../ingest/feeds/fetch-feed.js';
import { type ParsedFeed, parseFeedBody } from '../ingest/feeds/parse-feed.js';
import { commonFeedUrls, declaredFeeds } from '../sources/discover-feed.js';
import { parseDocument } from '../sources/dom.js';
import { decodeHtml, isHtml } from '../sources/html-body.js';
import { normaliseUrl } from '../store/normalise-url.js';
import type { NewFeedItem } from './store.js';

/** Feed addresses tried for a site's page, at most: its declared feeds first, then the usual paths. */
const MAX_CANDIDATES = 6;
/** Longest feed title kept as a digest heading, in characters. */
const TITLE_MAX = 80;

/** A feed found for what a person gave: its address, title and first read. */
export interface FoundChatFeed {
  url: string;
  title: string;
  fetched: Extract<FetchResult, { kind: 'fetched' }>;
  feed: ParsedFeed;
  /** Given as a site's page, the feed was found through its `<link rel="alternate">` or a usual path. */
  via: 'given' | 'link' | 'path';
}

/**
 * The feed at `url`, or, when `url` serves a web page, the feed that page declares with
 * `<link rel="alternate" type="application/rss+xml|atom+xml|feed+json">` (as sources' site
 * discovery finds it), else one at the usual paths (/feed, /rss.xml, ...). Every request goes
 * through `fetch` (for chats: the guarded fetch, so every address and redirect is checked).
 * Throws FeedError ('not-a-feed' when a page declares no feed that reads) or the fetch's error.
 */
export async function findChatFeed(url: string, fetch: FetchLike, limits: FetchLimits): Promise<FoundChatFeed> {
  const first = await fetchFeed(url, {}, limits, fetch);
  if (first.kind !== 'fetched') throw new FeedError('http', `unexpected 304 from ${url}`);
  if (!isHtml(first.contentType, first.body)) {
    const feed = parseFeedBody(first.body, first.contentType, first.url);
    return { url: first.url, title: feedTitle(feed, first.url), fetched: first, feed, via: 'given' };
  }
  const document = parseDocument(decodeHtml(first.body, first.contentType).text);
  const declared = declaredFeeds(document, first.url);
  const candidates = [...declared.map((u) => [u, 'link'] as const), ...commonFeedUrls(first.url).map((u) => [u, 'path'] as const)];
  const tried = new Set<string>([first.url]);
  for (const [candidate, via] of candidates) {
    if (tried.has(candidate) || tried.size > MAX_CANDIDATES) continue;
    tried.add(candidate);
    let fetched: FetchResult;
    try {
      fetched = await fetchFeed(candidate, {}, limits, fetch);
    } catch (error: unknown) {
      // A declared feed that fails for an address reason is the answer: say so, do not hide it.
      if (via === 'link' && !(error instanceof FeedError && error.kind === 'http')) throw error;
      continue;
    }
    if (fetched.kind !== 'fetched' || isHtml(fetched.contentType, fetched.body)) continue;
    try {
      const feed = parseFeedBody(fetched.body, fetched.contentType, fetched.url);
      return { url: fetched.url, title: feedTitle(feed, fetched.url), fetched, feed, via };
    } catch {
      // Not a feed after all: try the next.
    }
  }
  throw new FeedError('not-a-feed', `${first.url} is a web page that names no feed (no <link rel="alternate"> to RSS, Atom or JSON Feed, none at the usual addresses)`);
}

/** The feed's own title, on one line and not too long, else its host. */
export function feedTitle(feed: ParsedFeed, url: string): string {
  const title = (feed.title ?? '').replace(/\s+/g, ' ').trim();
  if (title === '') return new URL(url).hostname.replace(/^www\./, '');
  return title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1)}…` : title;
}

/**
 * A parsed feed's items as a chat feed stores them: text cleaned as every feed's is (see
 * `articleFromItem`), each keyed by its address, else its guid, else its headline.
 */
export function chatFeedItems(feed: ParsedFeed, source: { name: string; url: string }, now: number): NewFeedItem[] {
  const audit = new TextAudit();
  const out: NewFeedItem[] = [];
  const seen = new Set<string>();
  for (const item of feed.items) {
    const article = articleFromItem(item, source, now, audit);
    if (!article) continue;
    const url = normaliseUrl(article.url);
    const key = url ?? (article.guid ? `guid:${article.guid}` : `headline:${article.headline.toLowerCase()}`);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ key, url, headline: article.headline, lead: article.lead, publishedAt: article.publishedAt ?? now });
  }
  return out;
}
