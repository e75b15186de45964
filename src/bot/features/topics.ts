import { Composer } from 'telegraf';
import type { InlineKeyboardMarkup } from 'telegraf/types';
import { channelTexts } from '../../i18n/channel-texts.js';
import type { Catalogue } from '../../i18n/catalogue.js';
import { isRegion, parseRegionList, REGIONS, type Region } from '../../regions/regions.js';
import { mayChangeSettings } from '../admin.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { quote, suggestFor, words } from '../input.js';
import { REGION_WORDS, regionNames } from '../names.js';
import { replyText, threadOf } from '../reply.js';

/** Callback data of a /topic button: "tp:asia:on" routes Asia here, "tp:asia:off" sends it back. */
const TOPIC_TOGGLE = /^tp:([a-z-]+):(on|off)$/;

/** The /topic picker: one button per region, two to a row, those routed to this topic marked ✅. */
function topicKeyboard(texts: Catalogue, here: readonly Region[]): InlineKeyboardMarkup {
  const buttons = REGIONS.map((region) => {
    const on = here.includes(region);
    return { text: `${on ? '✅ ' : ''}${texts.regions[region]}`, callback_data: `tp:${region}:${on ? 'off' : 'on'}` };
  });
  const rows = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return { inline_keyboard: rows };
}

/**
 * One region per topic, in forum supergroups: `/topic asia europe` sent by an admin in a topic
 * makes those regions' sections of the digest come to that topic (subscribing the forum to them if
 * it was not), `/topic off` sends this topic's regions back to the main digest, and `/topic` alone
 * shows the regions as buttons that do the same. The rest of the digest goes to the topic where the
 * settings were last changed (General if none).
 */
export function topicsFeature(deps: Pick<BotDeps, 'chats' | 'topics'>): Composer<BotContext> {
  const { chats, topics } = deps;
  const composer = new Composer<BotContext>();
  const routedHere = (chatId: number, topicId: number): Region[] =>
    topics.plan(chatId).routes.filter((r) => r.topicId === topicId).map((r) => r.region);

  /** The forum topic the update came from, or why there is none (told to the person). */
  async function topicOf(ctx: BotContext): Promise<{ chatId: number; topicId: number } | undefined> {
    const c = channelTexts(ctx.lang);
    const chat = ctx.chat;
    const refuse = async (text: string) => {
      if (ctx.callbackQuery) await ctx.answerCbQuery(text, { show_alert: true });
      else await replyText(ctx, text);
      return undefined;
    };
    if (!chat || chat.type !== 'supergroup' || chat.is_forum !== true) return refuse(c.topicNotForum);
    const topicId = threadOf(ctx).message_thread_id;
    if (topicId === undefined) return refuse(c.topicInGeneral);
    return { chatId: chat.id, topicId };
  }

  async function adminOnly(ctx: BotContext): Promise<boolean> {
    if (await mayChangeSettings(ctx)) return true;
    if (ctx.callbackQuery) await ctx.answerCbQuery(ctx.texts.bot.adminsOnly, { show_alert: true });
    else await replyText(ctx, ctx.texts.bot.adminsOnly);
    return false;
  }

  /** The topic's name as Telegram gives it with a message in the topic (it answers the topic's creation). */
  const topicName = (ctx: BotContext): string | null => {
    const message = ctx.message ?? ctx.callbackQuery?.message;
    const created = message && 'reply_to_message' in message ? message.reply_to_message : undefined;
    return created && 'forum_topic_created' in created ? created.forum_topic_created.name : null;
  };

  composer.command('topic', async (ctx) => {
    const c = channelTexts(ctx.lang);
    const where = await topicOf(ctx);
    if (!where) return;
    const args = words(ctx.payload);
    if (args.length === 0) {
      await replyText(ctx, c.topicPick, topicKeyboard(ctx.texts, routedHere(where.chatId, where.topicId)));
      return;
    }
    if (args.length === 1 && args[0]?.toLowerCase() === 'off') {
      if (!(await adminOnly(ctx))) return;
      const back = topics.unroute(where.chatId, routedHere(where.chatId, where.topicId), where.topicId);
      await replyText(ctx, back.length > 0 ? c.topicUnrouted(regionNames(ctx.texts, back)) : c.topicNone);
      return;
    }
    const all = args.length === 1 && args[0]?.toLowerCase() === 'all';
    const { regions, unknown } = all ? { regions: [...REGIONS], unknown: [] } : parseRegionList(args);
    const first = unknown[0];
    if (first !== undefined) {
      await replyText(ctx, [ctx.texts.bot.noSuchRegion(quote(first), suggestFor(first)), ctx.texts.bot.regionNames(REGION_WORDS)]);
      return;
    }
    if (!(await adminOnly(ctx))) return;
    // A region routed to a topic is one the forum wants: it is subscribed too.
    chats.subscribe(where.chatId, regions);
    topics.route(where.chatId, regions, where.topicId, topicName(ctx));
    await replyText(ctx, c.topicRouted(regionNames(ctx.texts, regions)));
  });

  composer.action(TOPIC_TOGGLE, async (ctx) => {
    const region = ctx.match[1];
    const on = ctx.match[2] === 'on';
    const message = ctx.callbackQuery.message;
    if (!isRegion(region) || !message) {
      await ctx.answerCbQuery(ctx.texts.bot.buttonExpired);
      return;
    }
    const where = await topicOf(ctx);
    if (!where || !(await adminOnly(ctx))) return;
    const c = channelTexts(ctx.lang);
    const name = regionNames(ctx.texts, [region]);
    if (on) {
      chats.subscribe(where.chatId, [region]);
      topics.route(where.chatId, [region], where.topicId, topicName(ctx));
    } else topics.unroute(where.chatId, [region], where.topicId);
    await ctx.answerCbQuery(on ? c.topicRouted(name) : c.topicUnrouted(name));
    try {
      await ctx.telegram.editMessageReplyMarkup(where.chatId, message.message_id, undefined, topicKeyboard(ctx.texts, routedHere(where.chatId, where.topicId)));
    } catch (error: unknown) {
      // A second press on an old picker can leave the buttons as they should be already.
      if (!String((error as { description?: unknown }).description ?? '').includes('message is not modified')) throw error;
    }
  });

  return composer;
}
