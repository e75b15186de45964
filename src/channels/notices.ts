import { type ChannelTexts, channelTexts } from '../i18n/channel-texts.js';
import { pickLanguage } from '../i18n/index.js';
import type { Logger } from '../log.js';
import { escapeHtml } from '../render/html.js';
import type { ChatStore, Language } from '../store/chats.js';
import type { Channel, ChannelStore } from './channel-store.js';

export interface ChannelNoticeDeps {
  chats: ChatStore;
  channels: ChannelStore;
  log: Logger;
  /** DEFAULT_LANGUAGE. */
  defaultLanguage: Language;
  /** Sends a private message (Telegram HTML); rejects as the Bot API call does. */
  send: (chatId: number, html: string) => Promise<void>;
}

/**
 * What the bot tells people privately about their channels: how to set one up once it is added,
 * which right it lacks, and that it lost one. Said in the person's own chat with the bot, in the
 * language they chose there (else their Telegram app's as last seen), and only to people who have
 * started the bot: Telegram refuses a first message to anyone else.
 */
export function createChannelNotices(deps: ChannelNoticeDeps) {
  /** Tells the person; false when they never started the bot (or blocked it) or Telegram refused. */
  async function tell(userId: number, text: (c: ChannelTexts) => string, languageCode?: string): Promise<boolean> {
    const person = deps.chats.get(userId);
    if (!person?.active || person.type !== 'private') return false;
    const language = pickLanguage(person.language, languageCode, deps.defaultLanguage, person.clientLanguage);
    try {
      await deps.send(userId, escapeHtml(text(channelTexts(language))));
      return true;
    } catch (error: unknown) {
      deps.log.warn('could not tell a person about their channel', { userId, error });
      return false;
    }
  }

  return {
    tell,
    /**
     * Telegram refused a post (the bot was removed or may no longer post): the channel goes
     * inactive (no digest until it is set up again), and whoever set it up is told, once: only when
     * the bot could post there until now.
     */
    async lost(chatId: number, reason: string): Promise<void> {
      const channel = deps.channels.get(chatId);
      if (deps.chats.get(chatId)) deps.chats.markInactive(chatId, reason);
      if (!channel || !deps.channels.lose(chatId)) return;
      deps.log.info('channel lost: the bot may no longer post there', { chatId, reason });
      await tellSetter(channel, (c) => c.lost(channel.title));
    },
    /** Tells whoever set the channel up (else who added the bot). */
    tellSetter,
  };

  async function tellSetter(channel: Channel, text: (c: ChannelTexts) => string): Promise<boolean> {
    const who = channel.setUpBy ?? channel.addedBy;
    return who === null ? false : tell(who, text);
  }
}

export type ChannelNotices = ReturnType<typeof createChannelNotices>;
