import type { Context } from 'telegraf';
import type { Catalogue } from '../i18n/catalogue.js';
import type { Language } from '../store/chats.js';

/**
 * Telegraf's context with what every feature needs, set by the first middleware in `createBot`:
 * the language to answer in and its catalogue.
 */
export interface BotContext extends Context {
  /** The chat's chosen language, else the sender's Telegram client language, else DEFAULT_LANGUAGE. */
  lang: Language;
  /** `t(lang)`. */
  texts: Catalogue;
  /**
   * Plain text put before every reply to this update ("Channel “World Brief”: …"): set when a
   * private chat's settings command changes a channel it manages.
   */
  replyPrefix?: string;
}
