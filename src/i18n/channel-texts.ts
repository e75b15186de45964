import type { Language } from '../store/chats.js';
import { channelsEn } from './channels-en.js';
import { channelsRu } from './channels-ru.js';

/**
 * What the bot says about channels managed from a private chat and forum topics, in one language.
 * Plain text (escaped by the caller); `title` is a channel's or topic's name as Telegram gives it.
 */
export interface ChannelTexts {
  /** Names the channel a reply is about: `Channel “World Brief”` (a reply reads "<label>: <text>"). */
  label: (title: string) => string;
  /** Private note to whoever added the bot as an administrator that may post. */
  added: (title: string) => string;
  /** Private note: added (or kept) without the right to post. */
  needsPostRight: (title: string) => string;
  /** Private note to whoever set the channel up: removed or demoted, the digest stopped. */
  lost: (title: string) => string;
  /** /channels above the buttons. */
  listTitle: string;
  /** /channels when no channel of the person's has the bot. */
  listNone: string;
  /** The /channels button that manages the private chat itself again. */
  thisChat: string;
  /** A channel chosen (button or /channel @name). */
  targetSet: (title: string) => string;
  /** `/channel off`. */
  targetOff: string;
  /** `/channel` without a target chosen. */
  targetNone: string;
  /** `/channel` with a target chosen. */
  targetCurrent: (title: string) => string;
  /** `/channel` with something that is neither @name, an id nor off. */
  channelUsage: string;
  /** `/channel @name`: no such channel, or the bot is not in it. */
  notFound: (name: string) => string;
  /** The person is not the creator nor an administrator who may post. */
  notAdmin: (title: string) => string;
  /** The bot may not post in the channel. */
  noPostRight: (title: string) => string;
  /** /channels or /channel outside a private chat. */
  privateOnly: string;
  /** Above the /digest preview of a channel's digest. */
  preview: (title: string) => string;
  /** Callback answer when a channel button is pressed. */
  chosen: (title: string) => string;

  /** Told in General: a topic that got regions' news is gone or closed; `command` routes one again. */
  topicGone: (regions: string, command: string) => string;
  /** Told in General: the topic the digest went to is gone or closed. */
  topicGoneDigest: string;
  /** /topic outside a forum. */
  topicNotForum: string;
  /** /topic in General. */
  topicInGeneral: string;
  /** /topic without arguments, above the region buttons (✅: routed here). */
  topicPick: string;
  /** Regions routed to this topic. */
  topicRouted: (regions: string) => string;
  /** `/topic off` (or a button) sent regions back to the main digest. */
  topicUnrouted: (regions: string) => string;
  /** `/topic off` where nothing was routed. */
  topicNone: string;
  /** /subscriptions in a forum: where a region's news goes. */
  subscriptionsRoute: (regions: string, topic: string) => string;
  /** A topic named by its id when Telegram gave no name. */
  topicNumber: (id: number) => string;
  /** The forum's General topic, as Telegram names it. */
  generalTopic: string;
}

const texts: Record<Language, ChannelTexts> = { en: channelsEn, ru: channelsRu };

/** The channel and topic texts in `language`. */
export function channelTexts(language: Language): ChannelTexts {
  return texts[language];
}
