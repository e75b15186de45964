import { botRu, botRuChannel, botRuGroup } from './bot-ru.js';
import { capitalise } from './case.js';
import type { Catalogue } from './catalogue.js';
import { followsRu, followsRuChannel } from './follows-ru.js';
import { feedsRu, feedsRuChannel, feedsRuGroup } from './feeds-ru.js';
import { searchRu } from './search-ru.js';

export const ru = {
  locale: 'ru',
  regions: {
    asia: 'Азия и Тихий океан',
    europe: 'Европа',
    'middle-east': 'Ближний Восток',
    africa: 'Африка',
    americas: 'Америка',
    world: 'Мир',
  },
  story: {
    meta: (source, age) => `${source} · ${age}`,
    alsoIn: (outlets) => `также: ${outlets}`,
    justNow: 'только что',
  },
  bot: botRu,
  digest: {
    dateFormat: 'EEEE, d MMMM',
    header: (date) => `Ваша сводка новостей · ${date}`,
    nothingNew: (date, regions) => `${capitalise(date, 'ru')}: с прошлой сводки ничего нового (${regions}).`,
    more: (count, command) => `и ещё ${count}: ${command}`,
    following: 'Отслеживаемое',
    followingMore: (count) => `и ещё ${count}`,
  },
  follows: followsRu,
  feeds: feedsRu,
  search: searchRu,
  group: {
    feeds: feedsRuGroup,
    bot: botRuGroup,
    digest: {
      header: (date) => `Сводка новостей группы · ${date}`,
    },
  },
  channel: { bot: botRuChannel, follows: followsRuChannel, feeds: feedsRuChannel },
} satisfies Catalogue;
