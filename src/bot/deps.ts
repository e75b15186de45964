import type { ChannelStore } from '../channels/channel-store.js';
import type { ChatFeeds } from '../chatfeeds/chat-feeds.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { SendQueue } from '../delivery/send-queue.js';
import type { DigestBuilder } from '../digest/build.js';
import type { Logger } from '../log.js';
import type { Search } from '../search/search.js';
import type { OperatorDeps } from '../ops/operator-feature.js';
import type { ArticleStore } from '../store/articles.js';
import type { ChatStore } from '../store/chats.js';
import type { TopicStore } from '../topics/topic-store.js';

/** Everything the bot works with, wired by the caller (`newsbot start`, tests). */
export interface BotDeps {
  /** The bot token (BOT_TOKEN). */
  token: string;
  config: Pick<Config, 'TELEGRAM_API_ROOT' | 'DEFAULT_LANGUAGE' | 'DEFAULT_DIGEST_TIME' | 'DEFAULT_TIMEZONE'>;
  articles: ArticleStore;
  chats: ChatStore;
  /** /search over the article store. */
  search: Search;
  /** Channels the bot is in, and which one each private chat manages. */
  channels: ChannelStore;
  /** Forums' digest topics and the regions routed to topics (/topic). */
  topics: TopicStore;
  /** Builds /digest on demand (the same builder the schedule uses). */
  digests: DigestBuilder;
  log: Logger;
  /** "Now" for story ages and /digest. */
  clock: Clock;
  /**
   * The process's send queue. When given, every message the bot sends (replies included) goes
   * through it with 'reply' priority, ahead of digests, within Telegram's limits; 429s are waited
   * out there. Without it the bot calls Telegram directly.
   */
  queue?: SendQueue;
  /** Chats' own feeds (/addfeed, /feeds); without it those commands say feeds are turned off. */
  feeds?: ChatFeeds;
  /** ADMIN_IDS and what /stats and /sources read; without it those commands are unknown to all. */
  operator?: OperatorDeps;
  /** Telegraf's per-update handler timeout (ms, default 90 s). */
  handlerTimeoutMs?: number;
}
