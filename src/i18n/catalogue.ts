import type { Region } from '../regions/regions.js';
import type { BotTexts } from './bot-texts.js';
import type { FollowTexts } from './follows-texts.js';
import type { FeedTexts } from './feed-texts.js';
import type { SearchTexts } from './search-texts.js';

/**
 * Every text the bot shows a person, in one language. Sections by domain: `regions` and `story`
 * are shared; `bot` holds command replies; `digest` the daily digest.
 * Functions take plain values; HTML-escaping of user or store data is the caller's job.
 */
export interface Catalogue {
  /** BCP-47 tag for Intl and date-fns. */
  locale: string;
  regions: Record<Region, string>;
  story: {
    /** Separator between source and age: "Sputnik International · 3 hours ago". */
    meta: (source: string, age: string) => string;
    /** "also: Outlet B, Outlet C". */
    alsoIn: (outlets: string) => string;
    justNow: string;
  };
  bot: BotTexts;
  digest: DigestTexts;
  /** /follow, /mute and /follows. */
  follows: FollowTexts;
  /** Chats' own feeds: /addfeed, /feeds and their digest sections. */
  feeds: FeedTexts;
  /** /search. */
  search: SearchTexts;
  /** Where a group is spoken to differently ("the group's subscriptions", not "your"); merged over the rest by `t(lang, 'group')`. */
  group: { bot: Partial<BotTexts>; digest: Partial<DigestTexts>; feeds?: Partial<FeedTexts> };
  /**
   * Where a person manages a channel from their private chat (replies read "Channel “Title”: …"):
   * about the channel ("the channel's digest"), not "you"; merged over the rest by `t(lang, 'channel')`.
   */
  channel: { bot: Partial<BotTexts>; follows: Partial<FollowTexts>; feeds: Partial<FeedTexts> };
}

/** Texts of the daily digest. */
export interface DigestTexts {
  /**
   * date-fns pattern for the header date, e.g. "EEEE, MMMM d" → "Saturday, November 28". Dates
   * come as the language writes them mid-sentence ("суббота, 28 ноября"); a text that starts a
   * line with one capitalises it.
   */
  dateFormat: string;
  /** The first line of a digest; `date` is already formatted with `dateFormat`. */
  header: (date: string) => string;
  /** The whole digest on a day without news; `regions` is the chat's region names joined. Starts with the date. */
  nothingNew: (date: string, regions: string) => string;
  /** After a region's capped list: "and 12 more: /asia". */
  more: (count: number, command: string) => string;
  /** The heading of the stories that match the chat's follows, first in the digest. */
  following: string;
  /** After the capped "Following" list: "and 3 more". */
  followingMore: (count: number) => string;
}
