import type { Locale } from 'date-fns';
// The two locales only: 'date-fns/locale' would load all of them (~27 MB in the running bot).
import { enUS } from 'date-fns/locale/en-US';
import { ru as ruLocale } from 'date-fns/locale/ru';
import type { Language } from '../store/chats.js';
import { en } from './en.js';
import { ru } from './ru.js';

export const LANGUAGES = ['en', 'ru'] as const satisfies readonly Language[];
export const catalogues = { en, ru } as const;
export const dateLocales: Record<Language, Locale> = { en: enUS, ru: ruLocale };

/** The catalogue for a language. */
export function t(language: Language) {
  return catalogues[language];
}

/**
 * The language to speak in a chat: its own choice, else the Telegram client's ("ru-RU" → ru),
 * else the configured default.
 */
export function pickLanguage(chosen: Language | null | undefined, clientCode: string | undefined, fallback: Language): Language {
  if (chosen) return chosen;
  const base = clientCode?.toLowerCase().split(/[-_]/)[0];
  // People with Russian-family clients (uk, be, kk) more often read Russian than English.
  if (base === 'ru' || base === 'uk' || base === 'be' || base === 'kk') return 'ru';
  if (base) return 'en';
  return fallback;
}
