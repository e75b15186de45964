import { classifyTelegramError } from '../delivery/telegram-errors.js';

/** The part of Telegraf's client that answers who may do what in a chat. */
export interface MemberLookup {
  getChatMember(chatId: number, userId: number): Promise<{ status: string; can_post_messages?: boolean }>;
}

/**
 * Whether a person may manage a channel from a private chat, as Telegram answers at this moment:
 * 'may' for the creator and for administrators allowed to post messages; 'not-admin' for anyone
 * else; 'gone' when Telegram refuses to say (the bot was removed from the channel, the channel was
 * deleted). Telegram unreachable: throws, as any failed call.
 */
export async function channelRight(telegram: MemberLookup, channelId: number, userId: number): Promise<'may' | 'not-admin' | 'gone'> {
  let member: { status: string; can_post_messages?: boolean };
  try {
    member = await telegram.getChatMember(channelId, userId);
  } catch (error: unknown) {
    const failure = classifyTelegramError(error);
    if (failure.kind === 'blocked' || failure.kind === 'chat-not-found' || failure.kind === 'rejected') return 'gone';
    throw error;
  }
  if (member.status === 'creator') return 'may';
  return member.status === 'administrator' && member.can_post_messages === true ? 'may' : 'not-admin';
}
