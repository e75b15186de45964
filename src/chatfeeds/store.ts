import type { Clock } from '../clock.js';
import type { Db } from '../store/db.js';
import { createFetchState } from '../store/fetch-state.js';

/** A feed some chats added, with its fetch state (the same health and back-off as a listed source). */
export interface ChatFeed {
  id: number;
  url: string;
  title: string;
  etag: string | null;
  lastModified: string | null;
  lastSuccessAt: number | null;
  lastError: string | null;
  failures: number;
  nextAttemptAt: number | null;
}

/** A feed as the operator sees it (`newsbot feeds`). */
export interface ChatFeedOverview extends ChatFeed {
  lastAttemptAt: number | null;
  /** Chats that have it. */
  chats: number;
  /** Items stored. */
  items: number;
}

/** One item of a chat's feed, as a digest shows it. */
export interface ChatFeedItem {
  id: number;
  feedId: number;
  /** The feed's title: the digest heading and the item's source line. */
  source: string;
  url: string | null;
  headline: string;
  lead: string;
  publishedAt: number;
}

/** An item as read from the feed, before it is stored. */
export interface NewFeedItem {
  /** What makes it the same item on the next read: its address, else its guid, else its headline. */
  key: string;
  url: string | null;
  headline: string;
  lead: string;
  publishedAt: number;
}

/** A chat's feed items filed in a window: feed by feed in the order added, newest first within one. */
const ITEMS_OF_CHAT = `SELECT i.id, i.feed_id AS feedId, f.title AS source, i.url, i.headline, i.lead, i.published_at AS publishedAt
  FROM chat_feed_links l JOIN chat_feeds f ON f.id = l.feed_id JOIN chat_feed_items i ON i.feed_id = l.feed_id
  WHERE l.chat_id = ? AND i.listed_at > ? AND i.listed_at <= ?
  ORDER BY l.added_at, f.id, i.listed_at DESC, i.published_at DESC, i.id DESC`;

const FEED_COLUMNS = `f.id, f.url, f.title, f.etag, f.last_modified AS lastModified, f.last_success_at AS lastSuccessAt,
  f.last_error AS lastError, f.failures, f.next_attempt_at AS nextAttemptAt`;

/**
 * The feeds chats added (/addfeed), which chats get which, and their items. Items live here and
 * nowhere else: only a chat linked to the feed is ever shown them.
 */
export function createChatFeedStore(db: Db, clock: Clock) {
  const byUrl = db.prepare<[string], ChatFeed>(`SELECT ${FEED_COLUMNS} FROM chat_feeds f WHERE f.url = ?`);
  const byId = db.prepare<[number], ChatFeed>(`SELECT ${FEED_COLUMNS} FROM chat_feeds f WHERE f.id = ?`);
  const insertFeed = db.prepare<{ url: string; title: string; now: number }>(
    'INSERT INTO chat_feeds (url, title, created_at) VALUES (@url, @title, @now)',
  );
  const retitle = db.prepare<[string, number]>('UPDATE chat_feeds SET title = ? WHERE id = ?');
  const link = db.prepare<[number, number, number]>('INSERT OR IGNORE INTO chat_feed_links (chat_id, feed_id, added_at) VALUES (?, ?, ?)');
  const unlink = db.prepare<[number, number]>('DELETE FROM chat_feed_links WHERE chat_id = ? AND feed_id = ?');
  const dropOrphans = db.prepare('DELETE FROM chat_feeds WHERE NOT EXISTS (SELECT 1 FROM chat_feed_links l WHERE l.feed_id = chat_feeds.id)');
  const ofChat = db.prepare<[number], ChatFeed>(
    `SELECT ${FEED_COLUMNS} FROM chat_feed_links l JOIN chat_feeds f ON f.id = l.feed_id WHERE l.chat_id = ? ORDER BY l.added_at, f.id`,
  );
  const countOfChat = db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM chat_feed_links WHERE chat_id = ?');
  const countLinked = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM chat_feeds f WHERE EXISTS (SELECT 1 FROM chat_feed_links l WHERE l.feed_id = f.id)');
  const linked = db.prepare<[], ChatFeed>(
    `SELECT ${FEED_COLUMNS} FROM chat_feeds f WHERE EXISTS (SELECT 1 FROM chat_feed_links l WHERE l.feed_id = f.id) ORDER BY f.id`,
  );
  const chatIds = db.prepare<[], { chatId: number }>('SELECT DISTINCT chat_id AS chatId FROM chat_feed_links');
  // The same fetch state as listed sources (conditional GET, back-off); a success forgets the last error.
  const fetchState = createFetchState(db, 'chat_feeds', { clearErrorOnSuccess: true });
  const upsertItem = db.prepare<{ feedId: number; key: string; url: string | null; headline: string; lead: string; publishedAt: number; listedAt: number }>(
    `INSERT INTO chat_feed_items (feed_id, item_key, url, headline, lead, published_at, listed_at)
     VALUES (@feedId, @key, @url, @headline, @lead, @publishedAt, @listedAt)
     ON CONFLICT (feed_id, item_key) DO UPDATE SET url = excluded.url, headline = excluded.headline, lead = excluded.lead,
       published_at = excluded.published_at
     WHERE url IS NOT excluded.url OR headline IS NOT excluded.headline OR lead IS NOT excluded.lead OR published_at IS NOT excluded.published_at`,
  );
  const itemExists = db.prepare<[number, string], { id: number }>('SELECT id FROM chat_feed_items WHERE feed_id = ? AND item_key = ?');
  const itemsOfChat = db.prepare<[number, number, number], ChatFeedItem>(ITEMS_OF_CHAT);
  const pruneItems = db.prepare<[number]>('DELETE FROM chat_feed_items WHERE listed_at < ?');
  const overview = db.prepare<[], ChatFeedOverview>(
    `SELECT ${FEED_COLUMNS}, f.last_attempt_at AS lastAttemptAt,
       (SELECT COUNT(*) FROM chat_feed_links l WHERE l.feed_id = f.id) AS chats,
       (SELECT COUNT(*) FROM chat_feed_items i WHERE i.feed_id = f.id) AS items
     FROM chat_feeds f ORDER BY f.id`,
  );
  const deleteFeed = db.prepare<[number]>('DELETE FROM chat_feeds WHERE id = ?');

  const storeItems = db.transaction((feedId: number, items: readonly NewFeedItem[], firstRead: boolean) => {
    const now = clock.now();
    let inserted = 0;
    let updated = 0;
    for (const item of items) {
      const had = itemExists.get(feedId, item.key) !== undefined;
      const publishedAt = Math.min(item.publishedAt, now);
      // What the feed held when first read is filed at its own time (a first digest shows the last
      // day's, not a month's); an item that appears later is new news now, whatever date it carries.
      const listedAt = firstRead ? publishedAt : now;
      const { changes } = upsertItem.run({ feedId, key: item.key, url: item.url, headline: item.headline, lead: item.lead, publishedAt, listedAt });
      if (!had) inserted++;
      else if (changes > 0) updated++;
    }
    return { inserted, updated };
  });

  return {
    byUrl(url: string): ChatFeed | undefined {
      return byUrl.get(url);
    },
    get(id: number): ChatFeed | undefined {
      return byId.get(id);
    },
    /**
     * Links the feed at `url` to the chat, creating the feed (with `title`) if no chat had it;
     * `added` is false when the chat already had it. The feed's title follows the feed's latest.
     */
    add: db.transaction((chatId: number, feed: { url: string; title: string }): { feed: ChatFeed; added: boolean } => {
      const now = clock.now();
      let found = byUrl.get(feed.url);
      if (!found) {
        insertFeed.run({ url: feed.url, title: feed.title, now });
        found = byUrl.get(feed.url) as ChatFeed;
      } else if (found.title !== feed.title) {
        retitle.run(feed.title, found.id);
        found = { ...found, title: feed.title };
      }
      const added = link.run(chatId, found.id, now).changes > 0;
      return { feed: found, added };
    }),
    /** Unlinks the feed from the chat (a feed no chat has left is deleted with its items); false if the chat did not have it. */
    remove: db.transaction((chatId: number, feedId: number): boolean => {
      const removed = unlink.run(chatId, feedId).changes > 0;
      if (removed) dropOrphans.run();
      return removed;
    }),
    /** The chat's feeds, in the order added. */
    ofChat(chatId: number): ChatFeed[] {
      return ofChat.all(chatId);
    },
    countOfChat(chatId: number): number {
      return countOfChat.get(chatId)?.n ?? 0;
    },
    /** Feeds at least one chat has: what the global cap counts. */
    countLinked(): number {
      return countLinked.get()?.n ?? 0;
    },
    /** Every feed at least one chat has: what an ingest pass reads. */
    linked(): ChatFeed[] {
      return linked.all();
    },
    /** Ids of the chats that have at least one feed. */
    chatsWithFeeds(): Set<number> {
      return new Set(chatIds.all().map((r) => r.chatId));
    },
    /** Notes that a fetch of the feed started at `at` (ms). */
    recordAttempt(id: number, at: number): void {
      fetchState.recordAttempt(id, at);
    },
    /** A successful read: failures, back-off and the last error cleared; a 304 (`notModified`) keeps validators the server did not resend. */
    recordSuccess(id: number, input: { at: number; etag?: string | null; lastModified?: string | null; notModified?: boolean }): void {
      fetchState.recordSuccess(id, input);
    },
    /** A failed read: one more failure in a row and the same back-off as sources (5 min doubling to 6 h). */
    recordFailure(id: number, input: { at: number; error: string }): { failures: number; nextAttemptAt: number } {
      const row = fetchState.recordFailure(id, input);
      if (!row) throw new Error(`no chat feed with id ${id}`);
      return row;
    },
    /** Stores a read's items in one transaction; `firstRead` files them at their own times (see the migration). */
    storeItems(feedId: number, items: readonly NewFeedItem[], firstRead: boolean): { inserted: number; updated: number } {
      return storeItems(feedId, items, firstRead);
    },
    /** The items of the chat's feeds filed in (since, until] (ms), feed by feed in the order added, newest first within one. */
    itemsOfChat(chatId: number, since: number, until: number): ChatFeedItem[] {
      return itemsOfChat.all(chatId, since, until);
    },
    /** Every feed with how many chats have it and how many items it holds, by id: what `newsbot feeds` shows. */
    overview(): ChatFeedOverview[] {
      return overview.all();
    },
    /** Deletes a feed for every chat that has it, with its items; false when there is none with that id. */
    delete(feedId: number): boolean {
      return deleteFeed.run(feedId).changes > 0;
    },
    /** Deletes items filed more than `days` days ago and feeds no chat has; returns the items deleted. */
    prune(days: number): number {
      const { changes } = pruneItems.run(clock.now() - days * 86_400_000);
      dropOrphans.run();
      return changes;
    },
  };
}

export type ChatFeedStore = ReturnType<typeof createChatFeedStore>;

/**
 * What digests read of chats' feeds, on any connection (no writes, so no clock): which chats have
 * feeds, their titles, and the items of a chat's feeds in a window.
 */
export function createChatFeedReader(db: Db) {
  const chatIds = db.prepare<[], { chatId: number }>('SELECT DISTINCT chat_id AS chatId FROM chat_feed_links');
  const titles = db.prepare<[number], { title: string }>(
    'SELECT f.title FROM chat_feed_links l JOIN chat_feeds f ON f.id = l.feed_id WHERE l.chat_id = ? ORDER BY l.added_at, f.id',
  );
  const items = db.prepare<[number, number, number], ChatFeedItem>(ITEMS_OF_CHAT);
  return {
    chatsWithFeeds: (): Set<number> => new Set(chatIds.all().map((r) => r.chatId)),
    titlesOfChat: (chatId: number): string[] => titles.all(chatId).map((r) => r.title),
    itemsOfChat: (chatId: number, since: number, until: number): ChatFeedItem[] => items.all(chatId, since, until),
  };
}
