import type { Locale } from 'date-fns';
// The two locales only: 'date-fns/locale' would load all of them (~27 MB in the running bot).
import { enUS } from 'date-fns/locale/en-US';
import { ru as ruLocale } from 'date-fns/locale/ru';
import type { Language } from '../store/chats.js';
import type { Catalogue } from './catalogue.js';
import { en } from './en.js';
import { ru } from './ru.js';

export const LANGUAGES = ['en', 'ru'] as const satisfies readonly Language[];
export const catalogues = { en, ru } as const;
export const dateLocales: Record<Language, Locale> = { en: enUS, ru: ruLocale };

/**
 * Who a message speaks to: one person (a private chat) or a group, which reads "the group's
 * subscriptions" where a person reads "your subscriptions"; or a person about the channel they
 * manage from their private chat ("the channel's subscriptions").
 */
export type Audience = 'private' | 'group' | 'channel';

/** The audience of a chat of this Telegram type (groups and supergroups are groups). */
export function audienceOf(chatType: string | undefined): Audience {
  return chatType === 'group' || chatType === 'supergroup' ? 'group' : 'private';
}

const merged = new Map<string, Catalogue>();

/** The catalogue for a language, worded for a person (default), a group, or a channel managed from a private chat. */
export function t(language: Language, audience: Audience = 'private'): Catalogue {
  const base: Catalogue = catalogues[language];
  if (audience === 'private') return base;
  const key = `${language}:${audience}`;
  let texts = merged.get(key);
  if (!texts) {
    texts =
      audience === 'group'
        ? { ...base, bot: { ...base.bot, ...base.group.bot }, digest: { ...base.digest, ...base.group.digest }, feeds: { ...base.feeds, ...base.group.feeds } }
        : { ...base, bot: { ...base.bot, ...base.channel.bot }, follows: { ...base.follows, ...base.channel.follows }, feeds: { ...base.feeds, ...base.channel.feeds } };
    merged.set(key, texts);
  }
  return texts;
}

/**
 * The bot's language for a Telegram client's `language_code` ("ru-RU" → ru; English for any
 * language it does not speak); undefined when the client sends none.
 */
export function languageOfClient(code: string | undefined): Language | undefined {
  const base = code?.toLowerCase().split(/[-_]/)[0];
  if (!base) return undefined;
  // People with Russian-family clients (uk, be, kk) more often read Russian than English.
  return base === 'ru' || base === 'uk' || base === 'be' || base === 'kk' ? 'ru' : 'en';
}

/**
 * The language to speak in a chat: its own choice, else the language of the client that sent the
 * message being answered, else the client language last seen in the chat, else the configured default.
 */
export function pickLanguage(
  chosen: Language | null | undefined,
  clientCode: string | undefined,
  fallback: Language,
  lastClient: Language | null = null,
): Language {
  return chosen ?? languageOfClient(clientCode) ?? lastClient ?? fallback;
}

/**
 * The language of what is sent to a chat without a message to answer (the daily digest, notices):
 * its own choice, else its client's as last seen, else the configured default.
 */
export function chatLanguage(chat: { language: Language | null; clientLanguage?: Language | null }, fallback: Language): Language {
  return chat.language ?? chat.clientLanguage ?? fallback;
}
