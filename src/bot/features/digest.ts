import { Composer } from 'telegraf';
import { resolveTarget } from '../../channels/resolve-target.js';
import { channelTexts } from '../../i18n/channel-texts.js';
import { chatLanguage } from '../../i18n/index.js';
import { localDateOf, wallClock } from '../../schedule/due.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { regionNames } from '../names.js';
import { replyParts, replyText } from '../reply.js';

/**
 * /digest: the chat's digest as of now, built by the same builder as the daily one (stories since
 * the last digest, the last 24 hours before a first one). It does not count as the daily digest:
 * the schedule still sends that at the chat's time. A chat that gets two a day sees the local time
 * it asked at in the header, as each scheduled one carries its own ("Saturday, November 28, 09:40"):
 * the stories run up to now, so neither the last digest's time nor the next one's would be true. Open to everyone in groups. In a private chat
 * that manages a channel, a preview of the channel's digest, as the channel would get it (its
 * language), comes to the private chat: nothing is posted to the channel.
 */
export function digestFeature(deps: Pick<BotDeps, 'chats' | 'digests' | 'clock' | 'feeds' | 'channels' | 'topics' | 'config'>): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('digest', async (ctx) => {
    const b = ctx.texts.bot;
    const target = await resolveTarget(ctx, deps, 'read');
    if (!target) return;
    const chat = deps.chats.get(target.chatId);
    const feeds = chat && deps.feeds ? deps.feeds.list(chat.id).map((f) => f.title) : [];
    if (!chat || (chat.regions.length === 0 && feeds.length === 0 && chat.follows.length === 0)) {
      await replyText(ctx, b.digestNeedsRegions);
      return;
    }
    const now = deps.clock.now();
    // Articles may have arrived since the builder last looked.
    deps.digests.refresh();
    const localDate = localDateOf(now, chat.timezone);
    // A chat that asked for quiet days still gets an answer when it asks.
    const language = target.channel ? chatLanguage(chat, deps.config.DEFAULT_LANGUAGE) : ctx.lang;
    const time = chat.cadence.kind === 'twice' ? { time: wallClock(now, chat.timezone).toISOString().slice(11, 16) } : {};
    const digest = deps.digests.build({ ...chat, language, quietWhenEmpty: false }, localDate, now, time);
    if (target.channel) {
      // The preview's parts are the channel's messages as they would be posted: no prefix on them.
      delete ctx.replyPrefix;
      await replyText(ctx, channelTexts(ctx.lang).preview(target.channel.title));
    }
    // Before the first daily digest the window is the last 24 hours: "since your last digest" would be wrong.
    if (digest.total === 0 && chat.lastDigestUntil === null) await replyText(ctx, b.digestNothingToday([regionNames(ctx.texts, chat.regions), ...chat.follows, ...feeds].filter((x) => x !== '').join(', ')));
    else await replyParts(ctx, digest.parts);
    if (chat.paused) await replyText(ctx, b.pausedNote);
  });
  return composer;
}
