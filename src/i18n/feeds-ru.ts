import { type FeedTexts, plural } from './feed-texts.js';

/** "не больше 1 ленты / 2 лент / 5 лент / 21 ленты" (genitive after «не больше»). */
const feeds = (n: number) => `${n} ${plural('ru', n, { one: 'ленты', few: 'лент', many: 'лент', other: 'ленты' })}`;

/** Chats' own feeds, in Russian. */
export const feedsRu = {
  addUsage: 'Пришлите адрес ленты или сайта, у которого она есть: /addfeed https://example.com/feed. Её новые материалы будут приходить в сводке под её названием.',
  added: (title, url, found) => (found ? `Добавлена лента «${title}» (найдена на этой странице: ${url}).` : `Добавлена лента «${title}».`),
  addedWhere: 'Её новые материалы будут приходить в вашей сводке под этим названием. Список ваших лент: /feeds.',
  already: (title) => `Лента «${title}» у вас уже есть. Список ваших лент: /feeds.`,
  off: 'В этом боте добавлять ленты нельзя: он читает только свой список источников.',
  chatFull: (max) => `В одном чате можно держать не больше ${feeds(max)}. Сначала удалите одну через /feeds.`,
  allFull: 'Бот сейчас читает столько лент, сколько может. Попробуйте позже.',
  badAddress: (input) => `«${input}» — не веб-адрес. Пришлите адрес ленты или сайта, начинающийся с http:// или https://.`,
  refused: (address) => `Этот адрес я открывать не буду: он ведёт на ${address}, а это не публичный адрес в интернете.`,
  failed: (reason) => `Не удалось добавить ленту: ${reason}`,
  listTitle: (count, max) => `Ваши ленты (${count} из ${max} возможных)`,
  listNone: 'Лент пока нет. Добавить: /addfeed https://example.com/feed',
  failing: (reason) => `давно не читается: ${reason}`,
  listFooter: 'Нажмите на ленту, чтобы удалить её.',
  removeButton: (title) => `✖ ${title}`,
  removed: (title) => `Лента «${title}» удалена.`,
  removeGone: 'Этой ленты в чате уже нет. Отправьте /feeds, чтобы получить новые кнопки.',
  subscriptionsFeeds: (titles) => `Ленты: ${titles}`,
  more: (count) => `и ещё ${count}`,
} satisfies FeedTexts;

/** Where a group is spoken to. */
export const feedsRuGroup = {
  addedWhere: 'Её новые материалы будут приходить в сводке группы под этим названием. Список лент группы: /feeds.',
  already: (title) => `Лента «${title}» у группы уже есть. Список лент группы: /feeds.`,
  listTitle: (count, max) => `Ленты группы (${count} из ${max} возможных)`,
} satisfies Partial<FeedTexts>;

/** Where a channel is managed from a private chat. */
export const feedsRuChannel = {
  addedWhere: 'Её новые материалы будут приходить в сводке канала под этим названием. Список лент канала: /feeds.',
  already: (title) => `Лента «${title}» у канала уже есть. Список лент канала: /feeds.`,
  listTitle: (count, max) => `Ленты канала (${count} из ${max} возможных)`,
} satisfies Partial<FeedTexts>;
