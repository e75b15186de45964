import { Composer } from 'telegraf';
import { type FrequencyInput, parseFrequency } from '../../cadence/cadence.js';
import { resolveTarget } from '../../channels/resolve-target.js';
import { cadenceWhen } from '../cadence-text.js';
import type { BotContext } from '../context.js';
import { chatSchedule } from '../chat-schedule.js';
import type { BotDeps } from '../deps.js';
import { quote, words } from '../input.js';
import { zoneName } from '../names.js';
import { whatComes } from '../next-digest.js';
import { replyText } from '../reply.js';

/**
 * How often the digest comes and what a day without news brings: /frequency daily [HH:MM] | twice
 * HH:MM HH:MM | weekdays [HH:MM] | weekly <day> [HH:MM], in the chat's zone (without an argument:
 * the present cadence and how to change it), and /quiet, /quiet off. Changing is for admins in
 * groups; a change is confirmed with when the next digest comes. In a private chat that manages a
 * channel (`/channel`), they read and change the channel.
 */
export function frequencyFeature(deps: Pick<BotDeps, 'chats' | 'config' | 'clock' | 'channels' | 'topics'>): Composer<BotContext> {
  const { chats } = deps;
  const composer = new Composer<BotContext>();
  const current = (chatId: number) => chatSchedule(deps, chatId);

  composer.command('frequency', async (ctx) => {
    const args = words(ctx.payload);
    const target = await resolveTarget(ctx, deps, args.length === 0 ? 'read' : 'change');
    if (!target) return;
    // Read once the target is known: a channel's replies are worded for it.
    const b = ctx.texts.bot;
    const { time, cadence, zone } = current(target.chatId);
    if (args.length === 0) {
      await replyText(ctx, b.frequencyUsage(cadenceWhen(ctx.texts, cadence), zoneName(zone)));
      return;
    }
    const input = parseFrequency(args, time);
    if (input.kind !== 'ok') {
      await replyText(ctx, refusal(ctx, input));
      return;
    }
    chats.setCadence(target.chatId, input.cadence);
    await replyText(ctx, [b.frequencySet(cadenceWhen(ctx.texts, input.cadence), zoneName(zone)), ...whatComes(ctx, deps, target.chatId, input.cadence, zone)]);
  });

  composer.command('quiet', async (ctx) => {
    const b = ctx.texts.bot;
    const arg = ctx.payload.trim().toLowerCase();
    const quiet = arg === '' || arg === 'on' ? true : arg === 'off' ? false : undefined;
    if (quiet === undefined) {
      await replyText(ctx, b.quietUsage);
      return;
    }
    const target = await resolveTarget(ctx, deps, 'change');
    if (!target) return;
    chats.setQuietWhenEmpty(target.chatId, quiet);
    await replyText(ctx, quiet ? ctx.texts.bot.quietOn : ctx.texts.bot.quietOff);
  });

  return composer;
}

/** What is wrong with a /frequency that could not be read. */
function refusal(ctx: BotContext, input: Exclude<FrequencyInput, { kind: 'ok' }>): string {
  const b = ctx.texts.bot;
  switch (input.kind) {
    case 'unknown':
      return b.frequencyUnknown(quote(input.word));
    case 'badTime':
      return b.frequencyBadTime(quote(input.word));
    case 'badDay':
      return b.frequencyBadDay(quote(input.word));
    case 'twiceNeedsTwo':
      return b.frequencyTwiceNeedsTwo;
    case 'sameTimes':
      return b.frequencySameTimes(input.time);
    case 'weeklyNeedsDay':
      return b.frequencyNeedsDay;
  }
}
