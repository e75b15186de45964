import type { Clock } from '../clock.js';
import { reasonOf } from '../ingest/feeds/feed-error.js';
import { type FetchLike, type FetchLimits, fetchFeed } from '../ingest/feeds/fetch-feed.js';
import { parseFeedBody } from '../ingest/feeds/parse-feed.js';
import type { Logger } from '../log.js';
import { chatFeedItems, feedTitle } from './find-feed.js';
import type { ChatFeed, ChatFeedStore } from './store.js';

export interface ChatFeedIngestDeps {
  store: ChatFeedStore;
  /** The guarded fetch: a feed whose host now resolves to an internal address fails like any other. */
  fetch: FetchLike;
  clock: Clock;
  log: Logger;
  signal?: AbortSignal | undefined;
}

/** What one pass over the chats' feeds did. */
export interface ChatFeedPass {
  feeds: number;
  attempted: number;
  failed: number;
  inserted: number;
  updated: number;
}

/**
 * One pass over every feed some chat has, as listed sources are read: the same fetcher (conditional
 * GET, timeout, size cap, bounded redirects, charsets), parser and text repair, `concurrency` at
 * once, each feed's items in one transaction, and the same back-off after failures (5 min doubling
 * to 6 h; skipped while backing off when `respectBackoff`). One feed's trouble never stops the others.
 */
export async function ingestChatFeeds(
  deps: ChatFeedIngestDeps,
  options: { limits: FetchLimits; concurrency: number; respectBackoff: boolean },
): Promise<ChatFeedPass> {
  const feeds = deps.store.linked();
  const pass: ChatFeedPass = { feeds: feeds.length, attempted: 0, failed: 0, inserted: 0, updated: 0 };
  let next = 0;
  const worker = async () => {
    for (;;) {
      if (deps.signal?.aborted) return;
      const feed = feeds[next++];
      if (!feed) return;
      const now = deps.clock.now();
      if (options.respectBackoff && feed.nextAttemptAt !== null && feed.nextAttemptAt > now) continue;
      pass.attempted++;
      try {
        const got = await readFeed(feed, deps, options.limits);
        pass.inserted += got.inserted;
        pass.updated += got.updated;
      } catch (error: unknown) {
        pass.failed++;
        const reason = reasonOf(error);
        try {
          const { failures, nextAttemptAt } = deps.store.recordFailure(feed.id, { at: deps.clock.now(), error: reason });
          deps.log.warn('chat feed failed', { feed: feed.url, error: reason, failures, retryAfter: new Date(nextAttemptAt).toISOString() });
        } catch (storeError: unknown) {
          deps.log.error('chat feed failure could not be recorded', { feed: feed.url, error: storeError });
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, feeds.length)) }, worker));
  return pass;
}

async function readFeed(feed: ChatFeed, deps: ChatFeedIngestDeps, limits: FetchLimits): Promise<{ inserted: number; updated: number }> {
  const { store } = deps;
  store.recordAttempt(feed.id, deps.clock.now());
  const fetched = await fetchFeed(feed.url, { etag: feed.etag, lastModified: feed.lastModified }, limits, deps.fetch);
  if (fetched.kind === 'not-modified') {
    store.recordSuccess(feed.id, { at: deps.clock.now(), notModified: true });
    return { inserted: 0, updated: 0 };
  }
  const parsed = parseFeedBody(fetched.body, fetched.contentType, fetched.url);
  const now = deps.clock.now();
  const title = feedTitle(parsed, feed.url);
  const got = store.storeItems(feed.id, chatFeedItems(parsed, { name: title, url: feed.url }, now), feed.lastSuccessAt === null);
  store.recordSuccess(feed.id, { at: deps.clock.now(), etag: fetched.etag, lastModified: fetched.lastModified });
  deps.log.info('chat feed ingested', { feed: feed.url, items: parsed.items.length, inserted: got.inserted });
  return got;
}
