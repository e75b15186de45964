import type { BotContext } from './context.js';
import { replyText } from './reply.js';

/** Telegram's id for the "Group" user that speaks for anonymous admins. */
const ANONYMOUS_ADMIN_BOT = 1087968824;

/**
 * Whether the sender may change the chat's settings: anyone in a private chat; in groups and
 * supergroups only the creator and administrators (asked with getChatMember), including an admin
 * posting anonymously as the group itself.
 */
export async function mayChangeSettings(ctx: BotContext): Promise<boolean> {
  const chat = ctx.chat;
  if (!chat) return false;
  if (chat.type === 'private') return true;
  // An anonymous admin's message comes from the "Group" user with the group itself as sender_chat.
  const message = ctx.message;
  const senderChat = message && 'sender_chat' in message ? message.sender_chat : undefined;
  if (senderChat?.id === chat.id) return true;
  const from = ctx.from;
  if (!from || from.id === ANONYMOUS_ADMIN_BOT) return false;
  const member = await ctx.telegram.getChatMember(chat.id, from.id);
  return member.status === 'creator' || member.status === 'administrator';
}

/**
 * Runs `change` if the sender may change settings; otherwise tells them only admins can (as a
 * callback answer for a button, as a message for a command). Resolves whether it ran.
 */
export async function asAdmin(ctx: BotContext, change: () => Promise<void>): Promise<boolean> {
  if (await mayChangeSettings(ctx)) {
    await change();
    return true;
  }
  if (ctx.callbackQuery) await ctx.answerCbQuery(ctx.texts.bot.adminsOnly, { show_alert: true });
  else await replyText(ctx, ctx.texts.bot.adminsOnly);
  return false;
}
