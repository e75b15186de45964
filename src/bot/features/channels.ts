import { Composer, type MiddlewareFn } from 'telegraf';
import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { Channel } from '../../channels/channel-store.js';
import { createChannelNotices } from '../../channels/notices.js';
import { channelRight } from '../../channels/rights.js';
import { channelTexts } from '../../i18n/channel-texts.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { quote } from '../input.js';
import { replyText } from '../reply.js';

/** Callback data of a /channels button: "ch:-1001234" manages that channel, "ch:off" this chat. */
const CHANNEL_CHOICE = /^ch:(off|-?\d{1,20})$/;

/**
 * Posts in channels are not commands: anyone who may post there could otherwise change the
 * channel's settings (or make the bot answer in the channel). Registered before everything else.
 */
export function channelPostsIgnored(): MiddlewareFn<BotContext> {
  return (ctx, next) => (ctx.channelPost || ctx.editedChannelPost ? Promise.resolve() : next());
}

/**
 * Channels, managed from a private chat:
 * - added to a channel (my_chat_member), the bot tells whoever added it, privately, how to set it
 *   up, or which right it lacks; someone who has not started the bot is told when they do;
 * - removed or no longer allowed to post: the channel goes inactive and whoever set it up is told once;
 * - /channels lists, as buttons, the channels the person administers where the bot may post
 *   (asked of Telegram for each); /channel @name | id | off picks the target of the settings
 *   commands in this private chat (see `resolveTarget`).
 */
export function channelsFeature(deps: Pick<BotDeps, 'chats' | 'channels' | 'log' | 'config'>): Composer<BotContext> {
  const { chats, channels, log } = deps;
  const composer = new Composer<BotContext>();
  const noticesFor = (ctx: BotContext) =>
    createChannelNotices({
      chats,
      channels,
      log,
      defaultLanguage: deps.config.DEFAULT_LANGUAGE,
      send: async (chatId, html) => {
        await ctx.telegram.sendMessage(chatId, html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
      },
    });

  // A note owed to someone who added the bot to a channel before starting it: given once they
  // talk to the bot, after its answer (the /start greeting first).
  composer.use(async (ctx, next) => {
    await next();
    const from = ctx.from;
    if (ctx.chat?.type !== 'private' || !ctx.message || !from) return;
    for (const channel of channels.welcomesOwed(from.id)) {
      channels.setWelcomePending(channel.chatId, false);
      await noticesFor(ctx).tell(from.id, (c) => (channel.canPost ? c.added(channel.title) : c.needsPostRight(channel.title)), from.language_code);
    }
  });

  composer.on('my_chat_member', async (ctx, next) => {
    const update = ctx.myChatMember;
    const chat = update.chat;
    if (chat.type !== 'channel') return next();
    const member = update.new_chat_member;
    const notices = noticesFor(ctx);
    if (member.status !== 'administrator' && member.status !== 'member') {
      await notices.lost(chat.id, `bot ${member.status}`);
      return;
    }
    const canPost = member.status === 'administrator' && member.can_post_messages === true;
    const old = update.old_chat_member.status;
    const wasOut = old === 'left' || old === 'kicked';
    const by = update.from.is_bot ? undefined : update.from.id;
    if (!canPost && channels.get(chat.id)?.canPost) {
      await notices.lost(chat.id, 'the bot may no longer post messages');
      return;
    }
    const known = channels.get(chat.id);
    // Who added the bot is recorded when it comes in; a later change of rights by another admin
    // does not make that admin the one who added it.
    const { before } = channels.seen({
      chatId: chat.id,
      title: chat.title,
      username: 'username' in chat ? chat.username : undefined,
      canPost,
      by: wasOut || !known ? by : undefined,
    });
    log.info('bot added to a channel or its rights changed', { chatId: chat.id, canPost });
    if (canPost && chats.get(chat.id)) chats.ensure({ id: chat.id, type: 'channel', title: chat.title });
    if (by === undefined || (before?.canPost === canPost && !wasOut)) return;
    const told = await notices.tell(by, (c) => (canPost ? c.added(chat.title) : c.needsPostRight(chat.title)), update.from.language_code);
    if (!told && (wasOut || !known)) channels.setWelcomePending(chat.id, true);
  });

  composer.command('channels', async (ctx) => {
    const c = channelTexts(ctx.lang);
    if (ctx.chat.type !== 'private') {
      await replyText(ctx, c.privateOnly);
      return;
    }
    const mine: Channel[] = [];
    for (const channel of channels.candidates(ctx.from.id)) {
      if (channel.canPost && (await channelRight(ctx.telegram, channel.chatId, ctx.from.id)) === 'may') mine.push(channel);
    }
    if (mine.length === 0) {
      await replyText(ctx, c.listNone);
      return;
    }
    const current = channels.target(ctx.from.id);
    const keyboard: InlineKeyboardMarkup = {
      inline_keyboard: [
        ...mine.map((ch) => [{ text: `${ch.chatId === current ? '✅ ' : ''}${ch.title}`, callback_data: `ch:${ch.chatId}` }]),
        ...(current !== undefined ? [[{ text: c.thisChat, callback_data: 'ch:off' }]] : []),
      ],
    };
    await replyText(ctx, c.listTitle, keyboard);
  });

  composer.action(CHANNEL_CHOICE, async (ctx) => {
    const c = channelTexts(ctx.lang);
    const choice = ctx.match[1] as string;
    if (ctx.chat?.type !== 'private') {
      await ctx.answerCbQuery(c.privateOnly, { show_alert: true });
      return;
    }
    if (choice === 'off') {
      channels.clearTarget(ctx.from.id);
      await ctx.answerCbQuery(c.targetOff);
      await replyText(ctx, c.targetOff);
      return;
    }
    const channel = channels.get(Number(choice));
    if (!channel) {
      await ctx.answerCbQuery(ctx.texts.bot.buttonExpired, { show_alert: true });
      return;
    }
    const refusal = await refusalFor(ctx, channel);
    if (refusal) {
      await ctx.answerCbQuery(refusal, { show_alert: true });
      return;
    }
    channels.setTarget(ctx.from.id, channel.chatId);
    await ctx.answerCbQuery(c.chosen(channel.title));
    await replyText(ctx, c.targetSet(channel.title));
  });

  composer.command('channel', async (ctx) => {
    const c = channelTexts(ctx.lang);
    if (ctx.chat.type !== 'private') {
      await replyText(ctx, c.privateOnly);
      return;
    }
    const input = ctx.payload.trim();
    const current = channels.target(ctx.from.id);
    if (input === '') {
      const channel = current === undefined ? undefined : channels.get(current);
      await replyText(ctx, channel ? c.targetCurrent(channel.title) : c.targetNone);
      return;
    }
    if (input.toLowerCase() === 'off') {
      channels.clearTarget(ctx.from.id);
      await replyText(ctx, c.targetOff);
      return;
    }
    const name = /^@?([A-Za-z][A-Za-z0-9_]{3,31})$/.exec(input)?.[1];
    const id = /^-\d{1,20}$/.test(input) ? Number(input) : undefined;
    if (name === undefined && id === undefined) {
      await replyText(ctx, c.channelUsage);
      return;
    }
    const channel = (name !== undefined ? channels.byUsername(name) : channels.get(id as number)) ?? (await lookUp(ctx, name !== undefined ? `@${name}` : (id as number)));
    if (!channel) {
      await replyText(ctx, c.notFound(quote(input)));
      return;
    }
    const refusal = await refusalFor(ctx, channel);
    if (refusal) {
      await replyText(ctx, refusal);
      return;
    }
    channels.setTarget(ctx.from.id, channel.chatId);
    await replyText(ctx, c.targetSet(channel.title));
  });

  /** Why the person may not manage the channel now (Telegram asked), or undefined if they may. */
  async function refusalFor(ctx: BotContext, channel: Channel): Promise<string | undefined> {
    const c = channelTexts(ctx.lang);
    if (!channel.canPost) return c.noPostRight(channel.title);
    const right = await channelRight(ctx.telegram, channel.chatId, ctx.from?.id ?? 0);
    if (right === 'gone') return c.noPostRight(channel.title);
    return right === 'may' ? undefined : c.notAdmin(channel.title);
  }

  /**
   * A channel the bot has no record of (added before it kept them): found by Telegram, and
   * recorded if it is a channel where the bot is an administrator.
   */
  async function lookUp(ctx: BotContext, chatId: string | number): Promise<Channel | undefined> {
    try {
      const chat = await ctx.telegram.getChat(chatId);
      if (chat.type !== 'channel') return undefined;
      const me = await ctx.telegram.getChatMember(chat.id, ctx.botInfo.id);
      if (me.status !== 'administrator') return undefined;
      return channels.seen({ chatId: chat.id, title: chat.title, username: chat.username, canPost: me.can_post_messages === true }).after;
    } catch {
      // Telegram does not know the name, or the bot is not in the channel: not found, as said.
      return undefined;
    }
  }

  return composer;
}
