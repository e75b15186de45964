import * as robotsParserModule from 'robots-parser';

// A CommonJS module whose types declare an ES default export: at run time the function is the
// namespace's default itself.
const robotsParser = robotsParserModule.default as unknown as typeof robotsParserModule.default.default;

/** The user agent newsbot's robots.txt rules are looked up for. */
export const ROBOTS_AGENT = 'newsbot';

/** A Crawl-delay longer than this (ms) is taken as this: the host still gets one request at a time. */
export const MAX_CRAWL_DELAY_MS = 30_000;

/** What a site's robots.txt allows newsbot. */
export interface RobotsRules {
  allowed(url: string): boolean;
  /** The site's Crawl-delay for newsbot, in ms (at most {@link MAX_CRAWL_DELAY_MS}), if it sets one. */
  crawlDelayMs: number | undefined;
  /** Why everything is refused, when robots.txt could not be read (a server error). */
  unreachable?: string;
}

/** How fetching robots.txt went. */
export type RobotsResponse = { status: number; text: string } | { error: string };

/**
 * The rules of one robots.txt as RFC 9309 reads them: a file that is there is obeyed for the agent
 * `newsbot` (else `*`); a missing one (any 4xx) allows everything; one that cannot be read (a 5xx,
 * a network error) disallows everything for now.
 */
export function robotsRules(robotsUrl: string, response: RobotsResponse): RobotsRules {
  if ('error' in response) return refuseAll(`robots.txt could not be read (${response.error})`);
  if (response.status >= 500) return refuseAll(`robots.txt could not be read (HTTP ${response.status})`);
  if (response.status >= 400) return { allowed: () => true, crawlDelayMs: undefined };
  const robots = robotsParser(robotsUrl, response.text);
  const delay = robots.getCrawlDelay(ROBOTS_AGENT);
  return {
    allowed: (url) => robots.isAllowed(url, ROBOTS_AGENT) !== false,
    crawlDelayMs: delay !== undefined && Number.isFinite(delay) && delay > 0 ? Math.min(MAX_CRAWL_DELAY_MS, Math.round(delay * 1000)) : undefined,
  };
}

function refuseAll(reason: string): RobotsRules {
  return { allowed: () => false, crawlDelayMs: undefined, unreachable: reason };
}
