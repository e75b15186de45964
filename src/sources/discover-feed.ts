import { reasonOf } from '../ingest/feeds/feed-error.js';
import { type ParsedFeed, parseFeedBody } from '../ingest/feeds/parse-feed.js';
import type { Logger } from '../log.js';
import type { DomDocument } from './dom.js';
import { RobotsDisallowedError } from './page-errors.js';
import type { Fetched } from './page-pass.js';
import type { PoliteFetcher } from './polite-fetch.js';

const FEED_TYPES = /^\s*application\/(rss\+xml|atom\+xml|feed\+json|rdf\+xml)\b/i;

/** Feed paths sites commonly use, tried under a section page's path, and at the root for a home page. */
const COMMON_PATHS = ['feed', 'rss', 'rss.xml', 'feed.xml', 'atom.xml'];
const ROOT_ONLY_PATHS = ['index.xml'];

/** A feed found for a site or section page. */
export interface FoundFeed {
  feedUrl: string;
  fetched: Fetched;
  feed: ParsedFeed;
  /** How it was found. */
  via: 'link' | 'path';
}

/**
 * The feeds a page declares with `<link rel="alternate" type="application/rss+xml|atom+xml|
 * feed+json">`, best first, comment feeds left out. On a section page (a URL with a path) only
 * feeds of that section count: a feed whose address or title names the section's last path
 * segment, or lies under the section's path; the site-wide feed of a section page would bring
 * every section's news under this source's region.
 */
export function declaredFeeds(document: DomDocument, pageUrl: string): string[] {
  const page = new URL(pageUrl);
  const section = sectionKey(page);
  const out: string[] = [];
  for (const link of document.querySelectorAll('link[rel][href]')) {
    const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (!rel.includes('alternate') || !FEED_TYPES.test(link.getAttribute('type') ?? '')) continue;
    const title = (link.getAttribute('title') ?? '').toLowerCase();
    let url: URL;
    try {
      url = new URL(link.getAttribute('href') ?? '', pageUrl);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    const where = decodeSafe(`${url.pathname}${url.search}`).toLowerCase();
    if (/comment/.test(title) || /\/comments?\//.test(where)) continue;
    if (section) {
      const words = section.words.join(' ');
      const related = where.includes(section.segment) || title.replace(/[-_]+/g, ' ').includes(words) || where.startsWith(section.path);
      if (!related) continue;
    }
    if (!out.includes(url.href)) out.push(url.href);
  }
  return out;
}

/** Common feed addresses for the page: under its path for a section page, at the root for a home page. */
export function commonFeedUrls(pageUrl: string): string[] {
  const page = new URL(pageUrl);
  const section = sectionKey(page);
  const base = section ? section.path : '/';
  const paths = section ? COMMON_PATHS : [...COMMON_PATHS, ...ROOT_ONLY_PATHS];
  return paths.map((p) => new URL(`${base}${p}`, page.origin).href);
}

/**
 * Finds the feed of a site or section page: the feeds it declares ({@link declaredFeeds}), then the
 * common addresses ({@link commonFeedUrls}), each fetched (robots.txt obeyed, one request at a
 * time per host) until one is a feed. Undefined when none is.
 */
export async function discoverFeed(document: DomDocument, pageUrl: string, fetcher: PoliteFetcher, log: Logger): Promise<FoundFeed | undefined> {
  const tried = new Set<string>([pageUrl]);
  const candidates: [string, FoundFeed['via']][] = [
    ...declaredFeeds(document, pageUrl).map((u): [string, FoundFeed['via']] => [u, 'link']),
    ...commonFeedUrls(pageUrl).map((u): [string, FoundFeed['via']] => [u, 'path']),
  ];
  for (const [url, via] of candidates) {
    if (tried.has(url) || fetcher.signal?.aborted) continue;
    tried.add(url);
    try {
      const fetched = await fetcher.feed(url);
      if (fetched.kind !== 'fetched') continue;
      const feed = parseFeedBody(fetched.body, fetched.contentType, fetched.url);
      return { feedUrl: url, fetched, feed, via };
    } catch (error: unknown) {
      if (!(error instanceof RobotsDisallowedError)) log.debug('not a feed', { url, reason: reasonOf(error) });
    }
  }
  return undefined;
}

/** The section a page URL names: its path (with a trailing slash), last segment and that segment's words; none for a home page. */
function sectionKey(page: URL): { path: string; segment: string; words: string[] } | undefined {
  const parts = page.pathname.split('/').filter((p) => p !== '' && !/^(index|default)\.\w+$/i.test(p));
  const last = parts.at(-1);
  if (!last) return undefined;
  const segment = decodeSafe(last).toLowerCase().replace(/\.\w+$/, '');
  return { path: `/${parts.join('/')}/`, segment, words: segment.split(/[-_]+/).filter(Boolean) };
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
