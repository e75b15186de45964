import { channelTexts } from '../i18n/channel-texts.js';
import { chatLanguage, t } from '../i18n/index.js';
import type { Logger } from '../log.js';
import { REGION_COMMANDS } from '../regions/regions.js';
import { escapeHtml } from '../render/html.js';
import type { ChatStore, Language } from '../store/chats.js';
import type { TopicStore } from './topic-store.js';

export interface TopicGoneDeps {
  chats: ChatStore;
  topics: TopicStore;
  log: Logger;
  /** DEFAULT_LANGUAGE. */
  defaultLanguage: Language;
  /** Sends a message (Telegram HTML) to the chat's General topic; rejects as the Bot API call does. */
  send: (chatId: number, html: string) => Promise<void>;
}

/**
 * A forum topic turned out deleted or closed: what went there (regions routed to it, the digest
 * whose settings were last changed there) goes to General from now on, and the forum is told in
 * General, once: only when something was still routed to that topic.
 */
export function createTopicGone(deps: TopicGoneDeps) {
  return async (chatId: number, topicId: number): Promise<void> => {
    const { regions, wasDigestTopic } = deps.topics.dropTopic(chatId, topicId);
    if (regions.length === 0 && !wasDigestTopic) return;
    deps.log.info('forum topic gone: its news goes to General', { chatId, topicId, regions });
    const chat = deps.chats.get(chatId);
    const language = chat ? chatLanguage(chat, deps.defaultLanguage) : deps.defaultLanguage;
    const c = channelTexts(language);
    const names = regions.map((r) => t(language).regions[r]).join(', ');
    const first = regions[0];
    const text = first === undefined ? c.topicGoneDigest : c.topicGone(names, `/topic ${REGION_COMMANDS[first].slice(1)}`);
    try {
      await deps.send(chatId, escapeHtml(text));
    } catch (error: unknown) {
      deps.log.warn('could not tell a forum that a topic is gone', { chatId, topicId, error });
    }
  };
}
