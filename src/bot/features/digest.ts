import { Composer } from 'telegraf';
import { localDateOf } from '../../schedule/due.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { regionNames } from '../names.js';
import { replyParts, replyText } from '../reply.js';

/**
 * /digest: the chat's digest as of now, built by the same builder as the daily one (stories since
 * the last digest, the last 24 hours before a first one). It does not count as the daily digest:
 * the schedule still sends that at the chat's time. Open to everyone in groups.
 */
export function digestFeature(deps: Pick<BotDeps, 'chats' | 'digests' | 'clock' | 'feeds'>): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('digest', async (ctx) => {
    const b = ctx.texts.bot;
    const chat = deps.chats.get(ctx.chat.id);
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
    const digest = deps.digests.build({ ...chat, language: ctx.lang, quietWhenEmpty: false }, localDate, now);
    // Before the first daily digest the window is the last 24 hours: "since your last digest" would be wrong.
    if (digest.total === 0 && chat.lastDigestUntil === null) await replyText(ctx, b.digestNothingToday([regionNames(ctx.texts, chat.regions), ...chat.follows, ...feeds].filter((x) => x !== '').join(', ')));
    else await replyParts(ctx, digest.parts);
    if (chat.paused) await replyText(ctx, b.pausedNote);
  });
  return composer;
}
