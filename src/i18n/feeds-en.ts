import { type FeedTexts, plural } from './feed-texts.js';

const feeds = (n: number) => `${n} ${plural('en', n, { one: 'feed', other: 'feeds' })}`;

/** Chats' own feeds, in English. */
export const feedsEn = {
  addUsage: 'Send the address of a feed or of a site with one: /addfeed https://example.com/feed. Its new items come in the digest under the feed’s name.',
  added: (title, url, found) => (found ? `Added “${title}” (found on that page: ${url}).` : `Added “${title}”.`),
  addedWhere: 'Its new items come in your digest under that name. /feeds lists your feeds.',
  already: (title) => `You already get “${title}”. /feeds lists your feeds.`,
  off: 'Adding feeds is turned off on this bot: it reads only its own list of sources.',
  chatFull: (max) => `A chat can have at most ${feeds(max)}. Remove one with /feeds first.`,
  allFull: 'The bot reads as many feeds as it can take right now. Please try again later.',
  badAddress: (input) => `'${input}' is not a web address. Send the http:// or https:// address of a feed or a site.`,
  refused: (address) => `I won't fetch that: it leads to ${address}, which is not a public internet address.`,
  failed: (reason) => `Could not add that feed: ${reason}`,
  listTitle: (count, max) => `Your feeds (${count} of at most ${max})`,
  listNone: 'No feeds yet. Add one: /addfeed https://example.com/feed',
  failing: (reason) => `not read lately: ${reason}`,
  listFooter: 'Tap a feed to remove it.',
  removeButton: (title) => `✖ ${title}`,
  removed: (title) => `Removed “${title}”.`,
  removeGone: 'That feed is no longer in this chat. Send /feeds for fresh buttons.',
  subscriptionsFeeds: (titles) => `Feeds: ${titles}`,
  more: (count) => `and ${count} more`,
} satisfies FeedTexts;

/** Where a group is spoken to. */
export const feedsEnGroup = {
  addedWhere: 'Its new items come in the group’s digest under that name. /feeds lists the group’s feeds.',
  already: (title) => `The group already gets “${title}”. /feeds lists its feeds.`,
  listTitle: (count, max) => `The group’s feeds (${count} of at most ${max})`,
} satisfies Partial<FeedTexts>;

/** Where a person manages a channel from their private chat. */
export const feedsEnChannel = {
  addedWhere: 'Its new items come in the channel’s digest under that name. /feeds lists the channel’s feeds.',
  already: (title) => `The channel already gets “${title}”. /feeds lists its feeds.`,
  listTitle: (count, max) => `The channel’s feeds (${count} of at most ${max})`,
} satisfies Partial<FeedTexts>;
