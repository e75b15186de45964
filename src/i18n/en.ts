import { botEn, botEnChannel, botEnGroup } from './bot-en.js';
import type { Catalogue } from './catalogue.js';
import { followsEn, followsEnChannel } from './follows-en.js';
import { feedsEn, feedsEnChannel, feedsEnGroup } from './feeds-en.js';
import { searchEn } from './search-en.js';

export const en = {
  locale: 'en',
  regions: {
    asia: 'Asia & Pacific',
    europe: 'Europe',
    'middle-east': 'Middle East',
    africa: 'Africa',
    americas: 'Americas',
    world: 'World',
  },
  story: {
    meta: (source, age) => `${source} · ${age}`,
    alsoIn: (outlets) => `also: ${outlets}`,
    justNow: 'just now',
  },
  bot: botEn,
  digest: {
    dateFormat: 'EEEE, MMMM d',
    header: (date) => `Your news digest · ${date}`,
    nothingNew: (date, regions) => `${date}: nothing new in ${regions} since your last digest.`,
    more: (count, command) => `and ${count} more: ${command}`,
    following: 'Following',
    followingMore: (count) => `and ${count} more`,
  },
  follows: followsEn,
  feeds: feedsEn,
  search: searchEn,
  group: {
    feeds: feedsEnGroup,
    bot: botEnGroup,
    digest: {
      header: (date) => `The group's news digest · ${date}`,
      nothingNew: (date, regions) => `${date}: nothing new in ${regions} since the group's last digest.`,
    },
  },
  channel: { bot: botEnChannel, follows: followsEnChannel, feeds: feedsEnChannel },
} satisfies Catalogue;
