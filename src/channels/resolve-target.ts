import { mayChangeSettings } from '../bot/admin.js';
import type { BotContext } from '../bot/context.js';
import { replyText, threadOf } from '../bot/reply.js';
import { channelTexts } from '../i18n/channel-texts.js';
import { t } from '../i18n/index.js';
import type { ChatStore } from '../store/chats.js';
import type { TopicStore } from '../topics/topic-store.js';
import type { Channel, ChannelStore } from './channel-store.js';
import { channelRight } from './rights.js';

/** The chat a settings command changes: the chat it was sent in, or the channel it manages. */
export interface Target {
  chatId: number;
  /** Set when a private chat manages this channel (`/channel`); replies then name it. */
  channel?: Channel;
}

export interface TargetDeps {
  chats: ChatStore;
  channels: ChannelStore;
  topics: TopicStore;
}

/**
 * Which chat a settings command is about, checked against Telegram now. In a private chat that
 * chose a channel (`/channel`), the channel: only while Telegram says the person is its creator or
 * an administrator who may post, and the bot may post there; replies are then prefixed with the
 * channel's name (`ctx.replyPrefix`), and a change makes the person the one told if the bot loses
 * the channel. Elsewhere the chat itself; a change there is for admins in groups, and in a forum
 * makes the topic it was made in the one the digest goes to. When the command may not go on, the
 * person is told why and this resolves undefined.
 */
export async function resolveTarget(ctx: BotContext, deps: TargetDeps, purpose: 'read' | 'change'): Promise<Target | undefined> {
  const chat = ctx.chat;
  const from = ctx.from;
  if (!chat) return undefined;
  const channelId = chat.type === 'private' && from ? deps.channels.target(from.id) : undefined;
  if (channelId === undefined || !from) {
    if (purpose === 'change' && !(await mayChangeSettings(ctx))) {
      if (ctx.callbackQuery) await ctx.answerCbQuery(ctx.texts.bot.adminsOnly, { show_alert: true });
      else await replyText(ctx, ctx.texts.bot.adminsOnly);
      return undefined;
    }
    if (purpose === 'change' && chat.type === 'supergroup' && chat.is_forum === true) {
      deps.topics.setDigestTopic(chat.id, threadOf(ctx).message_thread_id ?? null);
    }
    return { chatId: chat.id };
  }
  const channel = deps.channels.get(channelId) as Channel;
  const c = channelTexts(ctx.lang);
  const refuse = async (text: string) => {
    if (ctx.callbackQuery) await ctx.answerCbQuery(text, { show_alert: true });
    else await replyText(ctx, text);
    return undefined;
  };
  const right = await channelRight(ctx.telegram, channelId, from.id);
  if (right === 'gone' || !channel.canPost) return refuse(c.noPostRight(channel.title));
  if (right === 'not-admin') return refuse(c.notAdmin(channel.title));
  deps.chats.ensure({ id: channel.chatId, type: 'channel', title: channel.title });
  if (purpose === 'change') deps.channels.setSetUpBy(channel.chatId, from.id);
  ctx.replyPrefix = c.label(channel.title);
  // The replies are about the channel now: "the channel's digest", not "your digest".
  ctx.texts = t(ctx.lang, 'channel');
  return { chatId: channel.chatId, channel };
}
