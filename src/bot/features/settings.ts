import { Composer } from 'telegraf';
import { withTime } from '../../cadence/cadence.js';
import { audienceOf, LANGUAGES, pickLanguage, t } from '../../i18n/index.js';
import { parseDigestTime } from '../../store/chat-settings.js';
import type { Language } from '../../store/chats.js';
import { resolveTarget } from '../../channels/resolve-target.js';
import type { BotContext } from '../context.js';
import { cadenceTimesText, cadenceWhen, digestWhenLine } from '../cadence-text.js';
import { chatSchedule } from '../chat-schedule.js';
import type { BotDeps } from '../deps.js';
import { quote } from '../input.js';
import { zoneName } from '../names.js';
import { whatComes } from '../next-digest.js';
import { replyText } from '../reply.js';
import { findTimeZone } from '../time-zone.js';

/** Zones listed when a city name fits several. */
const AMBIGUOUS_SHOWN = 5;

/**
 * The chat's settings: /time HH:MM, /timezone Zone|City|UTC+3|+05:30, /language en|ru, /pause,
 * /resume. Without an argument /time, /timezone and /language say the current value (anyone may
 * ask); changing is for admins in groups. A new time or zone is confirmed with when the next
 * digest comes, so a wrong zone shows at once. In a private chat that manages a channel
 * (`/channel`), they read and change the channel.
 */
export function settingsFeature(deps: Pick<BotDeps, 'chats' | 'config' | 'clock' | 'channels' | 'topics'>): Composer<BotContext> {
  const { chats } = deps;
  const composer = new Composer<BotContext>();
  const current = (chatId: number) => chatSchedule(deps, chatId);

  composer.command('time', async (ctx) => {
    const input = ctx.payload.trim();
    const target = await resolveTarget(ctx, deps, input === '' ? 'read' : 'change');
    if (!target) return;
    // Read once the target is known: a channel's replies are worded for it.
    const b = ctx.texts.bot;
    const { time, zone, cadence } = current(target.chatId);
    // Two digests a day have two times: /frequency twice changes them.
    if (cadence.kind === 'twice') {
      await replyText(ctx, b.timeTwice(cadence.times[0], cadence.times[1]));
      return;
    }
    if (input === '') {
      await replyText(ctx, b.timeUsage(time, zoneName(zone)));
      return;
    }
    const parsed = parseDigestTime(input);
    if (!parsed) {
      await replyText(ctx, b.timeInvalid(quote(input)));
      return;
    }
    const next = withTime(cadence, parsed);
    chats.setCadence(target.chatId, next);
    const done = next.kind === 'daily' ? b.timeSet(parsed, zoneName(zone)) : b.frequencySet(cadenceWhen(ctx.texts, next), zoneName(zone));
    await replyText(ctx, [done, ...whatComes(ctx, deps, target.chatId, next, zone)]);
  });

  composer.command('timezone', async (ctx) => {
    const b = ctx.texts.bot;
    const input = ctx.payload.trim();
    if (input === '') {
      const target = await resolveTarget(ctx, deps, 'read');
      if (target) await replyText(ctx, ctx.texts.bot.zoneUsage(zoneName(current(target.chatId).zone)));
      return;
    }
    const found = findTimeZone(input);
    if (found.kind === 'none') {
      await replyText(ctx, b.zoneInvalid(quote(input)));
      return;
    }
    if (found.kind === 'ambiguous') {
      const shown = found.zones.slice(0, AMBIGUOUS_SHOWN);
      await replyText(ctx, b.zoneAmbiguous(quote(input), shown.join(', '), found.zones.length - shown.length, shown[0] ?? 'Europe/Berlin'));
      return;
    }
    const target = await resolveTarget(ctx, deps, 'change');
    if (!target) return;
    const { cadence } = current(target.chatId);
    chats.setTimezone(target.chatId, found.zone);
    await replyText(ctx, [ctx.texts.bot.zoneSet(zoneName(found.zone), cadenceTimesText(ctx.texts, cadence)), ...whatComes(ctx, deps, target.chatId, cadence, found.zone)]);
  });

  composer.command('language', async (ctx) => {
    const input = ctx.payload.trim().toLowerCase();
    if (input === '') {
      const target = await resolveTarget(ctx, deps, 'read');
      if (!target) return;
      // A channel's language is its own choice, else DEFAULT_LANGUAGE (nobody's app speaks there).
      const language = target.channel ? (chats.get(target.chatId)?.language ?? deps.config.DEFAULT_LANGUAGE) : ctx.lang;
      await replyText(ctx, ctx.texts.bot.languageUsage(ctx.texts.bot.languageNames[language]));
      return;
    }
    const choice = (LANGUAGES as readonly string[]).includes(input) ? (input as Language) : input === 'auto' ? null : undefined;
    if (choice === undefined) {
      await replyText(ctx, ctx.texts.bot.languageInvalid(quote(ctx.payload.trim())));
      return;
    }
    const target = await resolveTarget(ctx, deps, 'change');
    if (!target) return;
    chats.setLanguage(target.chatId, choice);
    if (target.channel) {
      // The person's own chat keeps its language; the channel's digests come in the chosen one.
      await replyText(ctx, ctx.texts.bot.languageUsage(ctx.texts.bot.languageNames[choice ?? deps.config.DEFAULT_LANGUAGE]));
      return;
    }
    // Answer in the language just chosen ("auto" goes back to the client's).
    const now = pickLanguage(choice, ctx.from.language_code, deps.config.DEFAULT_LANGUAGE, chats.get(ctx.chat.id)?.clientLanguage ?? null);
    ctx.lang = now;
    ctx.texts = t(now, audienceOf(ctx.chat.type));
    await replyText(ctx, choice === null ? ctx.texts.bot.languageAuto(ctx.texts.bot.languageNames[now]) : ctx.texts.bot.languageSet);
  });

  composer.command('pause', async (ctx) => {
    const target = await resolveTarget(ctx, deps, 'change');
    if (!target) return;
    const { chat } = current(target.chatId);
    if (chat?.paused) {
      await replyText(ctx, ctx.texts.bot.alreadyPaused);
      return;
    }
    chats.setPaused(target.chatId, true);
    await replyText(ctx, ctx.texts.bot.paused);
  });

  composer.command('resume', async (ctx) => {
    const target = await resolveTarget(ctx, deps, 'change');
    if (!target) return;
    const { chat, time, zone, cadence } = current(target.chatId);
    const b = ctx.texts.bot;
    if (!chat?.paused) {
      await replyText(ctx, [b.notPaused, digestWhenLine(ctx.texts, cadence, zone), ...(chat && chat.regions.length === 0 ? [b.noSubscriptions] : [])]);
      return;
    }
    chats.setPaused(target.chatId, false);
    const back = cadence.kind === 'daily' ? b.resumed(time, zoneName(zone)) : b.resumedCadence(cadenceWhen(ctx.texts, cadence), zoneName(zone));
    await replyText(ctx, [back, ...(chat.regions.length === 0 ? [b.noSubscriptions] : [])]);
  });

  return composer;
}
