import { FeedError, reasonOf } from '../ingest/feeds/feed-error.js';
import { FEED_ACCEPT, type FetchLike, type FetchLimits, type FetchResult, fetchFeed, type Validators } from '../ingest/feeds/fetch-feed.js';
import { createHostGate } from './host-gate.js';
import { RobotsDisallowedError } from './page-errors.js';
import { type RobotsResponse, type RobotsRules, robotsRules } from './robots.js';

const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

/** robots.txt is read up to this size (RFC 9309 asks for at least 500 KiB). */
const ROBOTS_MAX_BYTES = 512_000;

export interface PoliteFetchOptions {
  /** The fetcher's caps: FETCH_TIMEOUT_MS, FETCH_MAX_BYTES, FETCH_MAX_REDIRECTS. */
  limits: FetchLimits;
  /** The pause between two requests to one host (PAGE_FETCH_DELAY_MS), longer when robots.txt asks it. */
  delayMs: number;
  fetch?: FetchLike | undefined;
  /** Ends the pauses between requests when newsbot stops (a request in flight finishes, bounded by its timeout). */
  signal?: AbortSignal | undefined;
}

/** Fetches pages the way a polite crawler does; see {@link createPoliteFetcher}. */
export interface PoliteFetcher {
  /** GETs a page (Accept: HTML), with conditional headers when given. Throws RobotsDisallowedError or FeedError. */
  page(url: string, validators?: Validators): Promise<FetchResult>;
  /** GETs a feed URL found for a site, under the same rules as pages. */
  feed(url: string): Promise<FetchResult>;
  /** The robots.txt rules for the URL's site (read once per fetcher). */
  robots(url: string): Promise<RobotsRules>;
  readonly signal: AbortSignal | undefined;
}

/**
 * The fetcher of page sources and feed discovery: feed-fetch's caps, timeout, redirects and
 * conditional GET, plus robots.txt (read once per host for the life of the fetcher, one per
 * ingest pass, and obeyed for the agent `newsbot`), one request at a time per host with
 * `delayMs` (or the site's Crawl-delay, if longer) between two, and the newsbot User-Agent.
 */
export function createPoliteFetcher(options: PoliteFetchOptions): PoliteFetcher {
  const gate = createHostGate(options.signal);
  const rules = new Map<string, Promise<RobotsRules>>();
  const fetchImpl = options.fetch ?? globalThis.fetch;

  const robots = (url: string): Promise<RobotsRules> => {
    const origin = new URL(url).origin;
    let found = rules.get(origin);
    if (!found) {
      const robotsUrl = `${origin}/robots.txt`;
      found = gate.run(robotsUrl, options.delayMs, () => readRobots(robotsUrl)).then((response) => robotsRules(robotsUrl, response));
      rules.set(origin, found);
    }
    return found;
  };

  const readRobots = async (robotsUrl: string): Promise<RobotsResponse> => {
    try {
      const limits = { ...options.limits, maxBytes: Math.min(options.limits.maxBytes, ROBOTS_MAX_BYTES) };
      const got = await fetchFeed(robotsUrl, {}, limits, fetchImpl, { accept: 'text/plain, */*;q=0.5', what: 'robots.txt' });
      return got.kind === 'fetched' ? { status: 200, text: got.body.toString('utf8') } : { status: 200, text: '' };
    } catch (error: unknown) {
      if (error instanceof FeedError && error.status !== undefined) return { status: error.status, text: '' };
      // A robots.txt too large to read says nothing that can be trusted; the site is not refused for it.
      if (error instanceof FeedError && error.kind === 'too-large') return { status: 200, text: '' };
      return { error: reasonOf(error) };
    }
  };

  const get = async (url: string, validators: Validators, accept: string, what: string): Promise<FetchResult> => {
    const site = await robots(url);
    if (!site.allowed(url)) throw new RobotsDisallowedError(url, site.unreachable);
    const pauseMs = Math.max(options.delayMs, site.crawlDelayMs ?? 0);
    return gate.run(url, pauseMs, () => fetchFeed(url, validators, options.limits, fetchImpl, { accept, what }));
  };

  return {
    page: (url, validators = {}) => get(url, validators, PAGE_ACCEPT, 'page'),
    feed: (url) => get(url, {}, FEED_ACCEPT, 'feed'),
    robots,
    signal: options.signal,
  };
}
