import { Composer } from 'telegraf';
import { type Cadence, withTime } from '../../cadence/cadence.js';
import { audienceOf, LANGUAGES, pickLanguage, t } from '../../i18n/index.js';
import { parseDigestTime } from '../../store/chat-settings.js';
import type { Language } from '../../store/chats.js';
import { asAdmin } from '../admin.js';
import type { BotContext } from '../context.js';
import { cadenceTimesText, cadenceWhen, digestWhenLine } from '../cadence-text.js';
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
 * digest comes, so a wrong zone shows at once.
 */
export function settingsFeature(deps: Pick<BotDeps, 'chats' | 'config' | 'clock'>): Composer<BotContext> {
  const { chats } = deps;
  const composer = new Composer<BotContext>();
  const current = (chatId: number) => {
    const chat = chats.get(chatId);
    const time = chat?.digestTime ?? deps.config.DEFAULT_DIGEST_TIME;
    const cadence: Cadence = chat?.cadence ?? { kind: 'daily', time };
    return { time, cadence, zone: chat?.timezone ?? deps.config.DEFAULT_TIMEZONE, chat };
  };

  composer.command('time', async (ctx) => {
    const b = ctx.texts.bot;
    const input = ctx.payload.trim();
    const { time, zone, cadence } = current(ctx.chat.id);
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
    await asAdmin(ctx, async () => {
      const next = withTime(cadence, parsed);
      chats.setCadence(ctx.chat.id, next);
      const done = next.kind === 'daily' ? b.timeSet(parsed, zoneName(zone)) : b.frequencySet(cadenceWhen(ctx.texts, next), zoneName(zone));
      await replyText(ctx, [done, ...whatComes(ctx, deps, next, zone)]);
    });
  });

  composer.command('timezone', async (ctx) => {
    const b = ctx.texts.bot;
    const input = ctx.payload.trim();
    const { cadence, zone } = current(ctx.chat.id);
    if (input === '') {
      await replyText(ctx, b.zoneUsage(zoneName(zone)));
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
    await asAdmin(ctx, async () => {
      chats.setTimezone(ctx.chat.id, found.zone);
      await replyText(ctx, [b.zoneSet(zoneName(found.zone), cadenceTimesText(ctx.texts, cadence)), ...whatComes(ctx, deps, cadence, found.zone)]);
    });
  });

  composer.command('language', async (ctx) => {
    const input = ctx.payload.trim().toLowerCase();
    if (input === '') {
      await replyText(ctx, ctx.texts.bot.languageUsage(ctx.texts.bot.languageNames[ctx.lang]));
      return;
    }
    const choice = (LANGUAGES as readonly string[]).includes(input) ? (input as Language) : input === 'auto' ? null : undefined;
    if (choice === undefined) {
      await replyText(ctx, ctx.texts.bot.languageInvalid(quote(ctx.payload.trim())));
      return;
    }
    await asAdmin(ctx, async () => {
      chats.setLanguage(ctx.chat.id, choice);
      // Answer in the language just chosen ("auto" goes back to the client's).
      const now = pickLanguage(choice, ctx.from.language_code, deps.config.DEFAULT_LANGUAGE, chats.get(ctx.chat.id)?.clientLanguage ?? null);
      ctx.lang = now;
      ctx.texts = t(now, audienceOf(ctx.chat.type));
      await replyText(ctx, choice === null ? ctx.texts.bot.languageAuto(ctx.texts.bot.languageNames[now]) : ctx.texts.bot.languageSet);
    });
  });

  composer.command('pause', async (ctx) => {
    await asAdmin(ctx, async () => {
      const { chat } = current(ctx.chat.id);
      if (chat?.paused) {
        await replyText(ctx, ctx.texts.bot.alreadyPaused);
        return;
      }
      chats.setPaused(ctx.chat.id, true);
      await replyText(ctx, ctx.texts.bot.paused);
    });
  });

  composer.command('resume', async (ctx) => {
    await asAdmin(ctx, async () => {
      const { chat, time, zone, cadence } = current(ctx.chat.id);
      const b = ctx.texts.bot;
      if (!chat?.paused) {
        await replyText(ctx, [b.notPaused, digestWhenLine(ctx.texts, cadence, zone), ...(chat && chat.regions.length === 0 ? [b.noSubscriptions] : [])]);
        return;
      }
      chats.setPaused(ctx.chat.id, false);
      const back = cadence.kind === 'daily' ? b.resumed(time, zoneName(zone)) : b.resumedCadence(cadenceWhen(ctx.texts, cadence), zoneName(zone));
      await replyText(ctx, [back, ...(chat.regions.length === 0 ? [b.noSubscriptions] : [])]);
    });
  });

  return composer;
}
