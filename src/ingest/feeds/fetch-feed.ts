import type { Config } from '../../config.js';
import { FeedError } from './feed-error.js';

/** What newsbot says it is to the sites it reads (robots.txt rules for `newsbot` apply to its page fetches). */
export const USER_AGENT = 'newsbot/0.1 (news feed and page reader; +https://github.com/newsbot)';

/** The Accept header of a feed request. */
export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, ' +
  'application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

/** The `fetch` the fetcher uses; injectable for tests (grammY-style). */
export type FetchLike = typeof globalThis.fetch;

export interface FetchLimits {
  /** The whole request, redirects and body included, must finish within this many ms. */
  timeoutMs: number;
  /** A body (after content decoding) larger than this many bytes is refused, while streaming. */
  maxBytes: number;
  /** At most this many redirects are followed; a loop fails at once. */
  maxRedirects: number;
}

/** The operator's fetch limits (FETCH_TIMEOUT_MS, FETCH_MAX_BYTES, FETCH_MAX_REDIRECTS), for every reader of the web. */
export function fetchLimitsOf(config: Pick<Config, 'FETCH_TIMEOUT_MS' | 'FETCH_MAX_BYTES' | 'FETCH_MAX_REDIRECTS'>): FetchLimits {
  return { timeoutMs: config.FETCH_TIMEOUT_MS, maxBytes: config.FETCH_MAX_BYTES, maxRedirects: config.FETCH_MAX_REDIRECTS };
}

/** Conditional-GET validators remembered from the last successful fetch. */
export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export type FetchResult =
  | { kind: 'not-modified'; url: string }
  | {
      kind: 'fetched';
      /** The URL the body came from, after redirects. */
      url: string;
      body: Buffer;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
    };

/** What is being fetched, for the Accept header and error messages. */
export interface FetchOptions {
  /** The Accept header; feeds' by default. */
  accept?: string;
  /** "feed" or "page": named in the too-large message. Default "feed". */
  what?: string;
}

/**
 * GETs a feed (or, with `options.accept` and `what`, a page or robots.txt: one fetcher for all)
 * with conditional headers (If-None-Match / If-Modified-Since; a 304 is "not modified"),
 * following at most `maxRedirects` redirects by hand, under one deadline of `timeoutMs`
 * for everything including a body that never ends, and refusing bodies over `maxBytes` as they stream in (never buffering more than that).
 * A request dropped before any answer is sent once more. Throws {@link FeedError}.
 */
export async function fetchFeed(
  url: string,
  validators: Validators,
  limits: FetchLimits,
  fetchImpl: FetchLike = globalThis.fetch,
  options: FetchOptions = {},
): Promise<FetchResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  const timedOut = () => new FeedError('timeout', `timed out after ${limits.timeoutMs} ms (FETCH_TIMEOUT_MS)`);
  const what = options.what ?? 'feed';
  try {
    const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: options.accept ?? FEED_ACCEPT };
    if (validators.etag) headers['if-none-match'] = validators.etag;
    if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;

    let current = url;
    const seen = new Set<string>([resolveHttpUrl(url, url) ?? url]);
    let retried = false;
    for (let redirects = 0; ; redirects++) {
      const ask = () => fetchImpl(current, { headers, redirect: 'manual', signal: controller.signal });
      let response: Response;
      try {
        response = await ask().catch((error: unknown) => {
          // A GET dropped before any answer, most often on a kept-alive connection the server closed
          // just as we reused it: asked once more (once per fetch), as browsers do.
          if (retried || controller.signal.aborted || !droppedBeforeAnswer(error)) throw error;
          retried = true;
          return ask();
        });
      } catch (error: unknown) {
        if (controller.signal.aborted) throw timedOut();
        throw networkError(error, current);
      }
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        await discard(response);
        const location = response.headers.get('location');
        if (!location) throw new FeedError('http', `HTTP ${response.status} redirect without a Location header from ${current}`);
        const next = resolveHttpUrl(location, current);
        if (!next) throw new FeedError('redirects', `redirect to an unsupported address: ${location}`);
        if (seen.has(next)) throw new FeedError('redirects', `redirect loop: ${current} redirects back to ${next}`);
        if (redirects >= limits.maxRedirects) {
          throw new FeedError('redirects', `too many redirects (more than ${limits.maxRedirects}, FETCH_MAX_REDIRECTS), last to ${next}`);
        }
        seen.add(next);
        current = next;
        continue;
      }
      if (response.status === 304) {
        await discard(response);
        return { kind: 'not-modified', url: current };
      }
      if (!response.ok) {
        await discard(response);
        const text = response.statusText ? ` ${response.statusText}` : '';
        throw new FeedError('http', `HTTP ${response.status}${text} from ${current}`, { status: response.status });
      }
      const declared = Number(response.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > limits.maxBytes) {
        await discard(response);
        throw tooLarge(what, limits.maxBytes, `announces ${declared} bytes`);
      }
      let body: Buffer;
      try {
        body = await readCapped(response, limits.maxBytes, what);
      } catch (error: unknown) {
        if (error instanceof FeedError) throw error;
        if (controller.signal.aborted) throw timedOut();
        throw networkError(error, current);
      }
      return {
        kind: 'fetched',
        url: current,
        body,
        contentType: response.headers.get('content-type'),
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
      };
    }
  } finally {
    clearTimeout(timer);
  }
}

/** Reads the body chunk by chunk, cancelling the stream as soon as it passes `maxBytes`. */
async function readCapped(response: Response, maxBytes: number, what: string): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(what, maxBytes, `sent more than that`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

function tooLarge(what: string, maxBytes: number, detail: string): FeedError {
  return new FeedError('too-large', `${what} too large: the limit is ${maxBytes} bytes (FETCH_MAX_BYTES) and the server ${detail}`);
}

/** Codes of a connection closed or reset under a request (Node's and undici's). */
const DROPPED = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

function droppedBeforeAnswer(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 3; e = e.cause, depth++) {
    if (DROPPED.has(String((e as { code?: unknown }).code))) return true;
  }
  return false;
}

function networkError(error: unknown, url: string): FeedError {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new FeedError('network', `network error fetching ${url}: ${detail}`, { cause: error });
}

/** `location` resolved against `base`, if it is an http(s) URL; fragments dropped. */
function resolveHttpUrl(location: string, base: string): string | undefined {
  try {
    const next = new URL(location, base);
    if (next.protocol !== 'http:' && next.protocol !== 'https:') return undefined;
    next.hash = '';
    return next.href;
  } catch {
    return undefined;
  }
}
