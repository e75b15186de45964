import { Composer } from 'telegraf';
import { message } from 'telegraf/filters';
import type { ChatType } from '../../store/chats.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { regionKeyboard } from '../region-keyboard.js';
import { replyText } from '../reply.js';

/**
 * The bot's place in chats: blocked, kicked or left (my_chat_member) marks the chat inactive so no
 * digest is sent in vain; added again reactivates it (and greets a group); a group upgraded to a
 * supergroup (the migrate service messages) moves the chat's settings to the new id. Channels are
 * `channelsFeature`'s.
 */
export function membershipFeature(deps: Pick<BotDeps, 'chats' | 'log' | 'config'>): Composer<BotContext> {
  const { chats, log } = deps;
  const composer = new Composer<BotContext>();

  composer.on('my_chat_member', async (ctx) => {
    const update = ctx.myChatMember;
    const chat = update.chat;
    const status = update.new_chat_member.status;
    if (status === 'kicked' || status === 'left') {
      chats.markInactive(chat.id, chat.type === 'private' ? 'blocked by the user' : `bot ${status}`);
      log.info('bot removed from chat: marked inactive', { chatId: chat.id, status });
      return;
    }
    const wasOut = update.old_chat_member.status === 'left' || update.old_chat_member.status === 'kicked';
    chats.ensure({ id: chat.id, type: chat.type as ChatType, title: 'title' in chat ? chat.title : null });
    // Added to a group: say what the bot does, once. (A private chat starts with /start instead.)
    if (wasOut && chat.type !== 'private') {
      const b = ctx.texts.bot;
      await replyText(ctx, [b.about, '', b.pickRegions], regionKeyboard(ctx.texts, chats.get(chat.id)?.regions ?? []));
    }
  });

  composer.on(message('migrate_to_chat_id'), (ctx) => {
    chats.migrate(ctx.chat.id, ctx.message.migrate_to_chat_id);
    log.info('group upgraded: chat moved', { from: ctx.chat.id, to: ctx.message.migrate_to_chat_id });
  });
  composer.on(message('migrate_from_chat_id'), (ctx) => {
    chats.migrate(ctx.message.migrate_from_chat_id, ctx.chat.id);
  });

  return composer;
}
