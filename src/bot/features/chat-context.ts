import type { MiddlewareFn } from 'telegraf';
import { audienceOf, languageOfClient, pickLanguage, t } from '../../i18n/index.js';
import type { ChatType } from '../../store/chats.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { leadingCommand } from '../input.js';

/**
 * The first middleware: a chat that sends the bot a command or presses its button is recorded (or
 * reactivated: it can be reached again), the language of the Telegram client talking to the bot
 * there is remembered for what the bot later sends unasked (the daily digest), and every update
 * gets the language to answer in, worded for a person or for a group.
 */
export function chatContext(deps: Pick<BotDeps, 'chats' | 'config'>): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    const chat = ctx.chat;
    const addressed = chat !== undefined && chat.type !== 'channel' && addressesBot(ctx);
    if (addressed) {
      deps.chats.ensure({ id: chat.id, type: chat.type as ChatType, title: 'title' in chat ? chat.title : null });
    }
    const stored = chat ? deps.chats.get(chat.id) : undefined;
    const client = languageOfClient(ctx.from?.language_code);
    // In a private chat everything comes from its one person; in a group only who talks to the bot counts.
    if (stored && client && stored.clientLanguage !== client && (addressed || chat?.type === 'private') && !ctx.from?.is_bot) {
      deps.chats.setClientLanguage(stored.id, client);
    }
    ctx.lang = pickLanguage(stored?.language, ctx.from?.language_code, deps.config.DEFAULT_LANGUAGE, stored?.clientLanguage ?? null);
    ctx.texts = t(ctx.lang, audienceOf(chat?.type));
    return next();
  };
}

function addressesBot(ctx: BotContext): boolean {
  if (ctx.callbackQuery) return true;
  const message = ctx.message;
  if (!message || !('text' in message)) return false;
  const command = leadingCommand(message.text, message.entities);
  if (!command) return false;
  return command.target === undefined || command.target.toLowerCase() === ctx.botInfo.username.toLowerCase();
}
