import { Composer } from 'telegraf';
import { REGION_COMMANDS } from '../../regions/regions.js';
import { parseRegion } from '../../regions/regions.js';
import type { BotContext } from '../context.js';
import { leadingCommand, quote } from '../input.js';
import { replyText } from '../reply.js';

/** What people send in a private chat besides text. */
const CONTENT = ['text', 'photo', 'sticker', 'document', 'voice', 'video', 'audio', 'animation', 'location', 'contact', 'video_note', 'poll', 'dice', 'venue', 'story', 'game'] as const;

/**
 * The catch-all, registered last: an unknown command gets "I don't know /foo" (in groups only
 * when addressed to this bot by @name, so other bots' commands are left alone); anything else sent
 * in a private chat gets a pointer to the commands (or, for a region's name, to its command);
 * plain group chatter is ignored. A stale button gets an answer so its spinner stops.
 */
export function fallbackFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.on('message', async (ctx) => {
    const msg = ctx.message;
    const isPrivate = ctx.chat.type === 'private';
    const text = 'text' in msg ? msg.text : undefined;
    const command = leadingCommand(text, 'entities' in msg ? msg.entities : undefined);
    const b = ctx.texts.bot;
    if (command) {
      const mine = command.target?.toLowerCase() === ctx.botInfo.username.toLowerCase();
      if (command.target !== undefined && !mine) return;
      if (!isPrivate && !mine) return;
      // Named without the bot's @name: that is how the person would type it again.
      await replyText(ctx, b.unknownCommand(quote(`/${command.name}`)));
      return;
    }
    if (!isPrivate || !CONTENT.some((k) => k in msg)) return;
    const region = text !== undefined && text.length <= 60 ? parseRegion(text) : undefined;
    await replyText(ctx, region ? b.regionHint(ctx.texts.regions[region], REGION_COMMANDS[region]) : b.notACommand);
  });

  composer.on('callback_query', async (ctx) => {
    await ctx.answerCbQuery(ctx.texts.bot.buttonExpired);
  });

  return composer;
}
