import type { SearchTexts } from './search-texts.js';

/** /search in Russian. */
export const searchRu = {
  usage:
    'Напишите, что искать во всех сохранённых новостях, например /search Тайвань чипы, /search "Банк Японии", /search санкци* -нефть (минус исключает слово).',
  range: (from, to, total, capped) => `Новости ${from}–${to} из ${total}${capped ? ' (поиск по 1000 самых свежих совпадений; уточните запрос)' : ''}, сначала лучшие`,
  none: (query, several) => `По запросу ${query} ничего не найдено.${several ? ' Попробуйте меньше слов.' : ' Проверьте написание или попробуйте другую форму слова.'}`,
  allMuted: (query, count) => `Всё найденное по запросу ${query} (новостей: ${count}) здесь скрыто. Список скрытого — /follows.`,
  tooCommon: (words) => `${words} — слишком частое слово для поиска. Добавьте имя, место или тему, например /search Тайвань выборы.`,
  tooLong: (max) => `Слишком длинный запрос: не больше ${max} символов.`,
  tooManyParts: (max) => `Слишком много слов в запросе: не больше ${max}.`,
  shortPrefix: (text, min) => `«${text}»: перед * нужно хотя бы ${min} буквы.`,
  onlyExcluded: 'Напишите, что искать, а не только что исключить: /search Тайвань -чипы.',
  more: 'Ещё ▸',
  expired: 'Этот поиск устарел. Отправьте /search ещё раз.',
} satisfies SearchTexts;
