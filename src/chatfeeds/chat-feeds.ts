import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { reasonOf } from '../ingest/feeds/feed-error.js';
import type { FetchLike, FetchLimits } from '../ingest/feeds/fetch-feed.js';
import type { Logger } from '../log.js';
import { normaliseUrl } from '../store/normalise-url.js';
import { refusalIn } from './address-policy.js';
import { chatFeedItems, findChatFeed } from './find-feed.js';
import type { ChatFeed, ChatFeedStore } from './store.js';

/** What /addfeed came to. */
export type AddFeedOutcome =
  | { kind: 'added'; feed: ChatFeed; items: number; via: 'given' | 'link' | 'path' }
  | { kind: 'already'; feed: ChatFeed }
  /** ALLOW_CHAT_FEEDS=false. */
  | { kind: 'off' }
  /** The chat has CHAT_FEEDS_PER_CHAT feeds. */
  | { kind: 'chat-full'; max: number }
  /** The bot has CHAT_FEEDS_MAX feeds across all chats. */
  | { kind: 'all-full'; max: number }
  /** Not an http(s) address. */
  | { kind: 'bad-address' }
  /** The address (or one a redirect led to) is not public. */
  | { kind: 'refused'; address: string }
  /** Not a feed, nor a page that names one; an HTTP error; unreachable. */
  | { kind: 'failed'; reason: string };

export interface ChatFeedsDeps {
  store: ChatFeedStore;
  /** The guarded fetch (see createGuardedFetch): every address and redirect checked. */
  fetch: FetchLike;
  limits: FetchLimits;
  config: Pick<Config, 'ALLOW_CHAT_FEEDS' | 'CHAT_FEEDS_PER_CHAT' | 'CHAT_FEEDS_MAX'>;
  clock: Clock;
  log: Logger;
}

/**
 * Chats' own feeds: adding one (what a person typed: a feed's or a site's address), removing and
 * listing. The bot's /addfeed and /feeds call this; it never sees Telegram.
 */
export function createChatFeeds(deps: ChatFeedsDeps) {
  const { store, config } = deps;
  return {
    /** Whether chats may add feeds (ALLOW_CHAT_FEEDS). */
    enabled: config.ALLOW_CHAT_FEEDS,
    /** The most feeds one chat may have (CHAT_FEEDS_PER_CHAT). */
    perChat: config.CHAT_FEEDS_PER_CHAT,
    /**
     * Adds the feed at `input` to the chat: a feed's address, or a site's whose page names its
     * feed. A feed another chat added is shared (fetched once); one new to the bot is read now, so
     * a wrong address is told at once. Caps are checked before anything is fetched.
     */
    async add(chatId: number, input: string): Promise<AddFeedOutcome> {
      if (!config.ALLOW_CHAT_FEEDS) return { kind: 'off' };
      const url = addressFrom(input);
      if (!url) return { kind: 'bad-address' };
      const full = () => (store.countOfChat(chatId) >= config.CHAT_FEEDS_PER_CHAT ? { kind: 'chat-full' as const, max: config.CHAT_FEEDS_PER_CHAT } : undefined);
      const known = store.byUrl(url);
      if (known && store.ofChat(chatId).some((f) => f.id === known.id)) return { kind: 'already', feed: known };
      const chatFull = full();
      if (chatFull) return chatFull;
      if (known) {
        const { feed } = store.add(chatId, { url: known.url, title: known.title });
        return { kind: 'added', feed, items: 0, via: 'given' };
      }
      if (store.countLinked() >= config.CHAT_FEEDS_MAX) return { kind: 'all-full', max: config.CHAT_FEEDS_MAX };
      let found;
      try {
        found = await findChatFeed(url, deps.fetch, deps.limits);
      } catch (error: unknown) {
        const refusal = refusalIn(error);
        if (refusal) {
          deps.log.warn('chat feed refused: not a public address', { chatId, url, address: refusal.address, range: refusal.range });
          return { kind: 'refused', address: refusal.address };
        }
        return { kind: 'failed', reason: reasonOf(error) };
      }
      // The fetch took a while: another command may have filled the chat meanwhile.
      const nowFull = full();
      if (nowFull) return nowFull;
      const already = store.byUrl(found.url);
      if (already && store.ofChat(chatId).some((f) => f.id === already.id)) return { kind: 'already', feed: already };
      const { feed } = store.add(chatId, { url: found.url, title: found.title });
      let items = 0;
      if (feed.lastSuccessAt === null) {
        const now = deps.clock.now();
        items = store.storeItems(feed.id, chatFeedItems(found.feed, { name: found.title, url: found.url }, now), true).inserted;
        store.recordSuccess(feed.id, { at: now, etag: found.fetched.etag, lastModified: found.fetched.lastModified });
      }
      deps.log.info('chat feed added', { chatId, feed: found.url, via: found.via, items });
      return { kind: 'added', feed, items, via: found.via };
    },
    /** Removes one of the chat's feeds; false when the chat does not have it. */
    remove(chatId: number, feedId: number): boolean {
      return store.remove(chatId, feedId);
    },
    /** The chat's feeds, in the order added, with their health. */
    list(chatId: number): ChatFeed[] {
      return store.ofChat(chatId);
    },
  };
}

export type ChatFeeds = ReturnType<typeof createChatFeeds>;

/**
 * An http(s) address from what a person typed ("example.com/feed" gets https://), normalised;
 * undefined for any other scheme and for addresses carrying a user name or password.
 */
export function addressFrom(input: string): string | undefined {
  const text = input.trim().replace(/^<(.*)>$/, '$1');
  if (text === '' || /\s/.test(text)) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  if (!URL.canParse(withScheme)) return undefined;
  const url = new URL(withScheme);
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '' || url.username !== '' || url.password !== '') return undefined;
  return normaliseUrl(url.href) ?? undefined;
}
