import type { InlineKeyboardMarkup } from 'telegraf/types';
import { escapeHtml } from '../render/html.js';
import type { BotContext } from './context.js';

/**
 * Every message the bot sends goes through `ctx.telegram` — the one seam: `createBot` routes that
 * client through the process send queue when it has one (replies ahead of digests, Telegram's
 * limits kept, 429s waited out). Nothing in the bot calls the Bot API another way.
 */

/** How replies look: HTML, and no link previews (lists of stories would each get a big card). */
const REPLY_OPTIONS = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } } as const;

/** Sends `html` (already-escaped Telegram HTML) to the chat of the update, with an optional inline keyboard. */
export async function replyHtml(ctx: BotContext, html: string, keyboard?: InlineKeyboardMarkup): Promise<void> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return;
  const text = ctx.replyPrefix ? `${escapeHtml(ctx.replyPrefix)}: ${html}` : html;
  await ctx.telegram.sendMessage(chatId, text, { ...REPLY_OPTIONS, ...threadOf(ctx), ...(keyboard ? { reply_markup: keyboard } : {}) });
}

/**
 * In a forum, a reply goes to the topic the command or button came from (message_thread_id);
 * elsewhere, and in a forum's General topic, to the chat itself.
 */
export function threadOf(ctx: BotContext): { message_thread_id?: number } {
  const message = ctx.message ?? ctx.callbackQuery?.message;
  if (!message || !('is_topic_message' in message) || message.is_topic_message !== true) return {};
  return typeof message.message_thread_id === 'number' ? { message_thread_id: message.message_thread_id } : {};
}

/** Sends plain text (escaped here), one line per element. */
export function replyText(ctx: BotContext, lines: string | readonly string[], keyboard?: InlineKeyboardMarkup): Promise<void> {
  const text = (typeof lines === 'string' ? [lines] : lines).map(escapeHtml).join('\n');
  return replyHtml(ctx, text, keyboard);
}

/** Sends messages one after another, in order (each already within 4096 characters). */
export async function replyParts(ctx: BotContext, parts: readonly string[]): Promise<void> {
  for (const part of parts) await replyHtml(ctx, part);
}
