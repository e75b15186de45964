import type { MiddlewareFn } from 'telegraf';
import { pickLanguage, t } from '../../i18n/index.js';
import type { ChatType } from '../../store/chats.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { leadingCommand } from '../input.js';

/**
 * The first middleware: a chat that sends the bot a command or presses its button is recorded (or
 * reactivated: it can be reached again), and every update gets the language to answer in.
 */
export function chatContext(deps: Pick<BotDeps, 'chats' | 'config'>): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    const chat = ctx.chat;
    if (chat && chat.type !== 'channel' && addressesBot(ctx)) {
      deps.chats.ensure({ id: chat.id, type: chat.type as ChatType, title: 'title' in chat ? chat.title : null });
    }
    const stored = chat ? deps.chats.get(chat.id) : undefined;
    ctx.lang = pickLanguage(stored?.language, ctx.from?.language_code, deps.config.DEFAULT_LANGUAGE);
    ctx.texts = t(ctx.lang);
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
