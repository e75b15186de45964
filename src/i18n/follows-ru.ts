import type { FollowTexts } from './follows-texts.js';

const plural = new Intl.PluralRules('ru');
/** "1 подписка", "3 подписки", "50 подписок". */
function count(n: number, one: string, few: string, many: string): string {
  const form = plural.select(n);
  return `${n} ${form === 'one' ? one : form === 'few' ? few : many}`;
}
const follows = (n: number) => count(n, 'отслеживаемое слово', 'отслеживаемых слова', 'отслеживаемых слов');
const mutes = (n: number) => count(n, 'скрытое слово', 'скрытых слова', 'скрытых слов');

/** /follow and /mute in Russian. */
export const followsRu = {
  followUsage:
    'Напишите, за чем следить, например /follow Тайвань, /follow "Банк Японии" или /follow санкци* (несколько сразу: /follow Тайвань, чипы). Такие новости из любого региона будут первыми в сводке здесь, в разделе «Отслеживаемое».',
  muteUsage: 'Напишите, что скрыть, например /mute футбол или /mute "Премьер-лига". Такие новости не будут показаны в сводке, /latest, /search и командах регионов здесь.',
  unfollowUsage: 'Напишите, за чем больше не следить, например /unfollow Тайвань, или /unfollow all. /follows покажет список с кнопками.',
  unmuteUsage: 'Напишите, что снова показывать, например /unmute футбол, или /unmute all. /follows покажет список с кнопками.',
  followed: (list) => `Слежу за: ${list}. Такие новости из любого региона будут первыми в сводке здесь.`,
  muted: (list) => `Скрыто: ${list}. Такие новости не будут показаны в сводке, /latest, /search и командах регионов здесь.`,
  alreadyFollowing: (list) => `Уже слежу за: ${list}.`,
  alreadyMuted: (list) => `Уже скрыто: ${list}.`,
  followLimit: (max, list) => `Не добавлено: ${list}. Отслеживать в одном чате можно не больше ${max}; лишнее можно убрать в /follows.`,
  muteLimit: (max, list) => `Не добавлено: ${list}. Скрыть в одном чате можно не больше ${max}; лишнее можно убрать в /follows.`,
  tooLong: (text, max) => `«${text}» — слишком длинно: не больше ${max} символов.`,
  tooManyParts: (text, max) => `«${text}» — слишком много слов: не больше ${max}. Несколько тем разделяйте запятыми.`,
  shortPrefix: (text, min) => `«${text}»: перед * нужно хотя бы ${min} буквы (санкци* найдёт «санкции» и «санкциях»).`,
  noWords: (text) => `В «${text}» нет слов для поиска.`,
  unfollowed: (list) => `Больше не слежу за: ${list}.`,
  unmuted: (list) => `Снова показываю: ${list}.`,
  notFollowing: (list) => `Я не следил за: ${list}. /follows покажет список.`,
  notMuted: (list) => `Не было скрыто: ${list}. /follows покажет список.`,
  unfollowedAll: (n) => (n === 0 ? 'Здесь ни за чем не следили.' : `Убрано: ${follows(n)}.`),
  unmutedAll: (n) => (n === 0 ? 'Здесь ничего не было скрыто.' : `Убрано: ${mutes(n)}.`),
  listTitle: 'Отслеживаемое и скрытое',
  listNone: 'Пока ничего не отслеживается и не скрыто: /follow Тайвань, /mute футбол.',
  listFollows: (list) => `Слежу за: ${list}`,
  listMutes: (list) => `Скрыто: ${list}`,
  listHint: 'Нажмите, чтобы убрать.',
  removedFollow: (text) => `Больше не слежу за: ${text}`,
  removedMute: (text) => `Снова показываю: ${text}`,
  alreadyRemoved: 'Уже убрано.',
  subscriptionsFollows: (list) => `Слежу за: ${list}`,
  subscriptionsMutes: (list) => `Скрыто: ${list}`,
} satisfies FollowTexts;

/** Where a channel is managed from a private chat: its rules, for its digest. */
export const followsRuChannel = {
  followed: (list) => `Слежу за: ${list}. Такие новости из любого региона будут первыми в сводке канала.`,
  muted: (list) => `Скрыто: ${list}. Такие новости не попадут в сводку канала.`,
  notFollowing: (list) => `Канал не следил за: ${list}. /follows покажет список.`,
  notMuted: (list) => `В канале не было скрыто: ${list}. /follows покажет список.`,
  unfollowedAll: (n) => (n === 0 ? 'Канал ни за чем не следил.' : `Убрано: ${follows(n)}.`),
  unmutedAll: (n) => (n === 0 ? 'В канале ничего не было скрыто.' : `Убрано: ${mutes(n)}.`),
} satisfies Partial<FollowTexts>;
