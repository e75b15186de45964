import type { Language } from '../store/chats.js';

/** What the operator's commands say, in English and Russian (plain text: escaped when sent). */
export interface AdminTexts {
  menu: { stats: string; sources: string };
  statsTitle: (version: string) => string;
  chats: (active: number, paused: number, inactive: number) => string;
  subscriptions: (list: string) => string;
  digestsToday: (sent: number, failed: number, missed: number, skipped: number) => string;
  digestsPending: (n: number, lateMinutes: number) => string;
  rateLimited: (count: number, waitSeconds: number) => string;
  sourcesLine: (ok: number, failing: number) => string;
  failingSource: (name: string, error: string, lastOk: string) => string;
  store: (megabytes: string) => string;
  sourcesTitle: (n: number) => string;
  sourceOk: (name: string, lastOk: string, items: number) => string;
  sourceFailing: (name: string, error: string, lastOk: string, failures: number) => string;
  sourceNeverRead: (name: string) => string;
  noSources: string;
  ago: (ms: number) => string;
  never: string;
}

const en: AdminTexts = {
  menu: { stats: 'Operator: chats, digests, 429s, failing feeds, store size', sources: 'Operator: every source and its health' },
  statsTitle: (version) => `newsbot ${version}: stats`,
  chats: (a, p, i) => `Chats: ${a} active, ${p} paused, ${i} inactive`,
  subscriptions: (list) => `Subscriptions (active chats): ${list}`,
  digestsToday: (s, f, m, k) => `Digests today (UTC): ${s} sent, ${f} failed, ${m} missed, ${k} skipped`,
  digestsPending: (n, late) => `Digests waiting: ${n}${n > 0 ? `, the oldest ${late} min late` : ''}`,
  rateLimited: (n, wait) => `Telegram 429s since start: ${n} (waited ${wait} s)`,
  sourcesLine: (ok, failing) => `Sources: ${ok} ok, ${failing} failing`,
  failingSource: (name, error, lastOk) => `• ${name}: ${error} (last read ${lastOk})`,
  store: (mb) => `Store: ${mb} MB`,
  sourcesTitle: (n) => `Sources: ${n}`,
  sourceOk: (name, lastOk, items) => `✅ ${name}: read ${lastOk}, ${items} articles`,
  sourceFailing: (name, error, lastOk, failures) => `❌ ${name}: ${error} (${failures} failure${failures === 1 ? '' : 's'} in a row; last read ${lastOk})`,
  sourceNeverRead: (name) => `⏳ ${name}: not read yet`,
  noSources: 'No sources yet: add some to SOURCES_FILE (newsbot sources add <url>).',
  ago: (ms) => (ms < 90_000 ? `${Math.round(ms / 1000)} s ago` : ms < 5_400_000 ? `${Math.round(ms / 60_000)} min ago` : ms < 172_800_000 ? `${Math.round(ms / 3_600_000)} h ago` : `${Math.round(ms / 86_400_000)} days ago`),
  never: 'never',
};

const ru: AdminTexts = {
  menu: { stats: 'Оператору: чаты, дайджесты, 429, сбойные ленты, размер базы', sources: 'Оператору: все источники и их состояние' },
  statsTitle: (version) => `newsbot ${version}: статистика`,
  chats: (a, p, i) => `Чаты: ${a} активных, ${p} на паузе, ${i} неактивных`,
  subscriptions: (list) => `Подписки (активные чаты): ${list}`,
  digestsToday: (s, f, m, k) => `Дайджесты сегодня (UTC): отправлено ${s}, ошибок ${f}, не доставлено ${m}, пропущено ${k}`,
  digestsPending: (n, late) => `Дайджестов в ожидании: ${n}${n > 0 ? `, самый старый опаздывает на ${late} мин` : ''}`,
  rateLimited: (n, wait) => `Ответов 429 от Telegram с запуска: ${n} (ожидание ${wait} с)`,
  sourcesLine: (ok, failing) => `Источники: ${ok} в порядке, ${failing} со сбоями`,
  failingSource: (name, error, lastOk) => `• ${name}: ${error} (последнее чтение: ${lastOk})`,
  store: (mb) => `База: ${mb} МБ`,
  sourcesTitle: (n) => `Источников: ${n}`,
  sourceOk: (name, lastOk, items) => `✅ ${name}: прочитан ${lastOk}, статей: ${items}`,
  sourceFailing: (name, error, lastOk, failures) => `❌ ${name}: ${error} (сбоев подряд: ${failures}; последнее чтение: ${lastOk})`,
  sourceNeverRead: (name) => `⏳ ${name}: ещё не прочитан`,
  noSources: 'Источников пока нет: добавьте их в SOURCES_FILE (newsbot sources add <url>).',
  ago: (ms) => (ms < 90_000 ? `${Math.round(ms / 1000)} с назад` : ms < 5_400_000 ? `${Math.round(ms / 60_000)} мин назад` : ms < 172_800_000 ? `${Math.round(ms / 3_600_000)} ч назад` : `${Math.round(ms / 86_400_000)} дн. назад`),
  never: 'никогда',
};

export const ADMIN_TEXTS = { en, ru } as const satisfies Record<Language, AdminTexts>;
