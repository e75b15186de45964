import { Composer } from 'telegraf';
import { REGIONS, type Region, parseRegionList, suggestRegion } from '../../regions/regions.js';
import { asAdmin } from '../admin.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { quote, words } from '../input.js';
import { REGION_WORDS, regionNames } from '../names.js';
import { REGION_TOGGLE, regionKeyboard, toggledRegion } from '../region-keyboard.js';
import { replyText } from '../reply.js';

/**
 * Choosing regions: /regions (toggle buttons that edit their own message), /subscribe a b,
 * /unsubscribe a | all, /subscriptions. Changes are for admins in groups; looking is for everyone.
 */
export function subscriptionsFeature(deps: Pick<BotDeps, 'chats'>): Composer<BotContext> {
  const { chats } = deps;
  const composer = new Composer<BotContext>();
  const subscribedIn = (chatId: number): Region[] => chats.get(chatId)?.regions ?? [];

  /** Regions named in a command, or an answer about the first name that is not one. */
  async function namedRegions(ctx: BotContext, args: string[]): Promise<Region[] | undefined> {
    const { regions, unknown } = parseRegionList(args);
    const first = unknown[0];
    if (first === undefined) return regions;
    await replyText(ctx, [ctx.texts.bot.noSuchRegion(quote(first), suggestRegion(first)), ctx.texts.bot.regionNames(REGION_WORDS)]);
    return undefined;
  }

  composer.command('regions', async (ctx) => {
    await replyText(ctx, ctx.texts.bot.pickRegions, regionKeyboard(ctx.texts, subscribedIn(ctx.chat.id)));
  });

  composer.action(REGION_TOGGLE, async (ctx) => {
    const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined;
    const region = toggledRegion(data);
    const chat = ctx.chat;
    const message = ctx.callbackQuery.message;
    if (!region || !chat || !message) {
      await ctx.answerCbQuery(ctx.texts.bot.buttonExpired);
      return;
    }
    await asAdmin(ctx, async () => {
      const on = !subscribedIn(chat.id).includes(region);
      if (on) chats.subscribe(chat.id, [region]);
      else chats.unsubscribe(chat.id, [region]);
      const name = ctx.texts.regions[region];
      await ctx.answerCbQuery(on ? ctx.texts.bot.toggledOn(name) : ctx.texts.bot.toggledOff(name));
      try {
        await ctx.telegram.editMessageReplyMarkup(chat.id, message.message_id, undefined, regionKeyboard(ctx.texts, subscribedIn(chat.id)));
      } catch (error: unknown) {
        // Two quick presses can leave the buttons already as they should be; that is not a failure.
        if (!String((error as { description?: unknown }).description ?? '').includes('message is not modified')) throw error;
      }
    });
  });

  composer.command('subscribe', async (ctx) => {
    const args = words(ctx.payload);
    if (args.length === 0) {
      await replyText(ctx, ctx.texts.bot.subscribeUsage, regionKeyboard(ctx.texts, subscribedIn(ctx.chat.id)));
      return;
    }
    const all = args.length === 1 && args[0]?.toLowerCase() === 'all';
    const regions = all ? [...REGIONS] : await namedRegions(ctx, args);
    if (!regions) return;
    await asAdmin(ctx, async () => {
      const added = chats.subscribe(ctx.chat.id, regions);
      const already = regions.filter((r) => !added.includes(r));
      const chat = chats.get(ctx.chat.id);
      const b = ctx.texts.bot;
      const lines: string[] = [];
      if (added.length > 0) lines.push(b.subscribed(regionNames(ctx.texts, added)));
      if (already.length > 0) lines.push(b.alreadySubscribed(regionNames(ctx.texts, already)));
      if (chat) lines.push(b.digestAt(chat.digestTime, chat.timezone));
      if (chat?.paused) lines.push(b.pausedNote);
      await replyText(ctx, lines);
    });
  });

  composer.command('unsubscribe', async (ctx) => {
    const args = words(ctx.payload);
    const b = ctx.texts.bot;
    if (args.length === 0) {
      await replyText(ctx, b.unsubscribeUsage);
      return;
    }
    const all = args.length === 1 && args[0]?.toLowerCase() === 'all';
    const regions = all ? 'all' : await namedRegions(ctx, args);
    if (!regions) return;
    await asAdmin(ctx, async () => {
      const removed = chats.unsubscribe(ctx.chat.id, regions);
      if (regions === 'all') {
        await replyText(ctx, removed.length > 0 ? b.unsubscribedAll : b.noSubscriptions);
        return;
      }
      const missing = regions.filter((r) => !removed.includes(r));
      const lines: string[] = [];
      if (removed.length > 0) lines.push(b.unsubscribed(regionNames(ctx.texts, removed)));
      if (missing.length > 0) lines.push(b.notSubscribed(regionNames(ctx.texts, missing)));
      await replyText(ctx, lines);
    });
  });

  composer.command('subscriptions', async (ctx) => {
    const b = ctx.texts.bot;
    const chat = chats.get(ctx.chat.id);
    const regions = chat?.regions ?? [];
    const lines = [
      b.subscriptionsTitle,
      regions.length > 0 ? b.subscriptionsRegions(regionNames(ctx.texts, regions)) : b.subscriptionsNone,
      b.digestAt(chat?.digestTime ?? '', chat?.timezone ?? ''),
      chat?.paused ? b.subscriptionsPaused : b.subscriptionsActive,
      b.subscriptionsLanguage(b.languageNames[ctx.lang]),
    ];
    await replyText(ctx, lines);
  });

  return composer;
}
