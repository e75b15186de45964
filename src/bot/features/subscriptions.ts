import { Composer } from 'telegraf';
import { REGIONS, type Region, parseRegionList } from '../../regions/regions.js';
import { resolveTarget } from '../../channels/resolve-target.js';
import { channelTexts } from '../../i18n/channel-texts.js';
import type { BotContext } from '../context.js';
import { digestWhenLine } from '../cadence-text.js';
import type { BotDeps } from '../deps.js';
import { quote, suggestFor, words } from '../input.js';
import { nextDigestLine } from '../next-digest.js';
import { REGION_WORDS, regionNames, zoneName } from '../names.js';
import { REGION_TOGGLE, regionKeyboard, toggledRegion } from '../region-keyboard.js';
import { replyText } from '../reply.js';

/**
 * Choosing regions: /regions (toggle buttons that edit their own message), /subscribe a b,
 * /unsubscribe a | all, /subscriptions. Changes are for admins in groups; looking is for everyone.
 * In a private chat that manages a channel (`/channel`), they read and change the channel.
 */
export function subscriptionsFeature(deps: Pick<BotDeps, 'chats' | 'clock' | 'feeds' | 'channels' | 'topics' | 'config'>): Composer<BotContext> {
  const { chats } = deps;
  const composer = new Composer<BotContext>();
  const subscribedIn = (chatId: number): Region[] => chats.get(chatId)?.regions ?? [];

  /** Regions named in a command, or an answer about the first name that is not one. */
  async function namedRegions(ctx: BotContext, args: string[]): Promise<Region[] | undefined> {
    const { regions, unknown } = parseRegionList(args);
    const first = unknown[0];
    if (first === undefined) return regions;
    await replyText(ctx, [ctx.texts.bot.noSuchRegion(quote(first), suggestFor(first)), ctx.texts.bot.regionNames(REGION_WORDS)]);
    return undefined;
  }

  composer.command('regions', async (ctx) => {
    const target = await resolveTarget(ctx, deps, 'read');
    if (!target) return;
    await replyText(ctx, ctx.texts.bot.pickRegions, regionKeyboard(ctx.texts, subscribedIn(target.chatId)));
  });

  composer.action(REGION_TOGGLE, async (ctx) => {
    const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined;
    const toggle = toggledRegion(data);
    const chat = ctx.chat;
    const message = ctx.callbackQuery.message;
    if (!toggle || !chat || !message) {
      await ctx.answerCbQuery(ctx.texts.bot.buttonExpired);
      return;
    }
    const { region } = toggle;
    const target = await resolveTarget(ctx, deps, 'change');
    if (!target) return;
    const was = subscribedIn(target.chatId).includes(region);
    // A button says what it will do (an unmarked one subscribes), so a press on an older picker
    // whose marks are out of date still does what the person saw; buttons without that say toggle.
    const on = toggle.subscribe ?? !was;
    if (on && !was) chats.subscribe(target.chatId, [region]);
    if (!on && was) chats.unsubscribe(target.chatId, [region]);
    const name = ctx.texts.regions[region];
    const b = ctx.texts.bot;
    const answer = on === was ? (on ? b.alreadySubscribed(name) : b.notSubscribed(name)) : on ? b.toggledOn(name) : b.toggledOff(name);
    await ctx.answerCbQuery(ctx.replyPrefix ? `${ctx.replyPrefix}: ${answer}` : answer);
    try {
      await ctx.telegram.editMessageReplyMarkup(chat.id, message.message_id, undefined, regionKeyboard(ctx.texts, subscribedIn(target.chatId)));
    } catch (error: unknown) {
      // Two quick presses can leave the buttons already as they should be; that is not a failure.
      if (!String((error as { description?: unknown }).description ?? '').includes('message is not modified')) throw error;
    }
  });

  composer.command('subscribe', async (ctx) => {
    const args = words(ctx.payload);
    if (args.length === 0) {
      const target = await resolveTarget(ctx, deps, 'read');
      if (target) await replyText(ctx, ctx.texts.bot.subscribeUsage, regionKeyboard(ctx.texts, subscribedIn(target.chatId)));
      return;
    }
    const all = args.length === 1 && args[0]?.toLowerCase() === 'all';
    const regions = all ? [...REGIONS] : await namedRegions(ctx, args);
    if (!regions) return;
    const target = await resolveTarget(ctx, deps, 'change');
    if (!target) return;
    const added = chats.subscribe(target.chatId, regions);
    const already = regions.filter((r) => !added.includes(r));
    const chat = chats.get(target.chatId);
    const b = ctx.texts.bot;
    const lines: string[] = [];
    if (added.length > 0) lines.push(b.subscribed(regionNames(ctx.texts, added)));
    if (already.length > 0) lines.push(b.alreadySubscribed(regionNames(ctx.texts, already)));
    if (chat) lines.push(digestWhenLine(ctx.texts, chat.cadence, chat.timezone));
    if (chat?.paused) lines.push(b.pausedNote);
    await replyText(ctx, lines);
  });

  composer.command('unsubscribe', async (ctx) => {
    const args = words(ctx.payload);
    if (args.length === 0) {
      await replyText(ctx, ctx.texts.bot.unsubscribeUsage);
      return;
    }
    const all = args.length === 1 && args[0]?.toLowerCase() === 'all';
    const regions = all ? 'all' : await namedRegions(ctx, args);
    if (!regions) return;
    const target = await resolveTarget(ctx, deps, 'change');
    if (!target) return;
    const removed = chats.unsubscribe(target.chatId, regions);
    // Read once the target is known: a channel's replies are worded for it.
    const b = ctx.texts.bot;
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

  composer.command('subscriptions', async (ctx) => {
    const target = await resolveTarget(ctx, deps, 'read');
    if (!target) return;
    const b = ctx.texts.bot;
    const chat = chats.get(target.chatId);
    const regions = chat?.regions ?? [];
    // The chat is on record (chat-context records every chat that sends a command).
    const time = chat?.digestTime ?? '';
    const zone = chat?.timezone ?? 'UTC';
    const feeds = deps.feeds?.list(target.chatId).map((f) => f.title) ?? [];
    const lines = [b.subscriptionsTitle];
    lines.push(regions.length === 0 ? b.subscriptionsNone : b.subscriptionsRegions(regionNames(ctx.texts, regions)));
    // A chat's own feeds bring a digest too, regions or not.
    if (feeds.length > 0) lines.push(ctx.texts.feeds.subscriptionsFeeds(feeds.join(', ')));
    if (regions.length === 0 && feeds.length === 0) lines.push(b.subscriptionsNoDigest(time, zoneName(zone)));
    else {
      const cadence = chat?.cadence ?? { kind: 'daily', time };
      lines.push(digestWhenLine(ctx.texts, cadence, zone));
      lines.push(chat?.paused ? b.subscriptionsPaused : nextDigestLine(ctx.texts, ctx.lang, cadence, zone, deps.clock.now()));
      if (chat?.quietWhenEmpty) lines.push(b.subscriptionsQuiet);
    }
    const f = ctx.texts.follows;
    if (chat && chat.follows.length > 0) lines.push(f.subscriptionsFollows(chat.follows.join(', ')));
    if (chat && chat.mutes.length > 0) lines.push(f.subscriptionsMutes(chat.mutes.join(', ')));
    lines.push(...topicLines(ctx, target.chatId, regions));
    // A channel's digests come in its own choice, else the bot's default (nobody's app is there).
    const name = b.languageNames[target.channel ? (chat?.language ?? deps.config.DEFAULT_LANGUAGE) : ctx.lang];
    lines.push(chat?.language ? b.subscriptionsLanguage(name) : b.subscriptionsLanguageAuto(name));
    await replyText(ctx, lines);
  });

  /** In a forum: which regions' news goes to which topic (/topic). */
  function topicLines(ctx: BotContext, chatId: number, regions: readonly Region[]): string[] {
    const c = channelTexts(ctx.lang);
    const byTopic = new Map<number, { name: string | null; regions: Region[] }>();
    for (const route of deps.topics.plan(chatId).routes) {
      if (!regions.includes(route.region)) continue;
      const entry = byTopic.get(route.topicId) ?? { name: route.topicName, regions: [] };
      entry.regions.push(route.region);
      byTopic.set(route.topicId, entry);
    }
    return [...byTopic].map(([id, t]) => c.subscriptionsRoute(regionNames(ctx.texts, t.regions), t.name ? `“${t.name}”` : id === 0 ? c.generalTopic : c.topicNumber(id)));
  }

  return composer;
}
