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
  await ctx.telegram.sendMessage(chatId, html, { ...REPLY_OPTIONS, ...(keyboard ? { reply_markup: keyboard } : {}) });
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
