import { Composer } from 'telegraf';
import { LANGUAGES, pickLanguage, t } from '../../i18n/index.js';
import { parseDigestTime, parseTimeZone } from '../../store/chat-settings.js';
import type { Language } from '../../store/chats.js';
import { asAdmin } from '../admin.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { quote } from '../input.js';
import { replyText } from '../reply.js';

/**
 * The chat's settings: /time HH:MM, /timezone Zone|UTC+3|+05:30, /language en|ru, /pause, /resume.
 * Without an argument /time and /timezone say the current value (anyone may ask); changing is for
 * admins in groups.
 */
export function settingsFeature(deps: Pick<BotDeps, 'chats' | 'config'>): Composer<BotContext> {
  const { chats } = deps;
  const composer = new Composer<BotContext>();
  const current = (chatId: number) => {
    const chat = chats.get(chatId);
    return { time: chat?.digestTime ?? deps.config.DEFAULT_DIGEST_TIME, zone: chat?.timezone ?? deps.config.DEFAULT_TIMEZONE, chat };
  };

  composer.command('time', async (ctx) => {
    const b = ctx.texts.bot;
    const input = ctx.payload.trim();
    const { time, zone } = current(ctx.chat.id);
    if (input === '') {
      await replyText(ctx, b.timeUsage(time, zone));
      return;
    }
    const parsed = parseDigestTime(input);
    if (!parsed) {
      await replyText(ctx, b.timeInvalid(quote(input)));
      return;
    }
    await asAdmin(ctx, async () => {
      chats.setDigestTime(ctx.chat.id, parsed);
      const { chat } = current(ctx.chat.id);
      await replyText(ctx, [b.timeSet(parsed, zone), ...(chat && chat.regions.length === 0 ? [b.noSubscriptions] : []), ...(chat?.paused ? [b.pausedNote] : [])]);
    });
  });

  composer.command('timezone', async (ctx) => {
    const b = ctx.texts.bot;
    const input = ctx.payload.trim();
    const { time, zone } = current(ctx.chat.id);
    if (input === '') {
      await replyText(ctx, b.zoneUsage(zone));
      return;
    }
    const parsed = parseTimeZone(input);
    if (!parsed) {
      await replyText(ctx, b.zoneInvalid(quote(input)));
      return;
    }
    await asAdmin(ctx, async () => {
      chats.setTimezone(ctx.chat.id, parsed);
      await replyText(ctx, b.zoneSet(parsed, time));
    });
  });

  composer.command('language', async (ctx) => {
    const input = ctx.payload.trim().toLowerCase();
    const choice = (LANGUAGES as readonly string[]).includes(input) ? (input as Language) : input === 'auto' ? null : undefined;
    if (choice === undefined) {
      await replyText(ctx, ctx.texts.bot.languageInvalid(quote(ctx.payload.trim())));
      return;
    }
    await asAdmin(ctx, async () => {
      chats.setLanguage(ctx.chat.id, choice);
      // Answer in the language just chosen ("auto" goes back to the client's).
      const now = pickLanguage(choice, ctx.from.language_code, deps.config.DEFAULT_LANGUAGE);
      ctx.lang = now;
      ctx.texts = t(now);
      await replyText(ctx, ctx.texts.bot.languageSet);
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
      const { chat, time, zone } = current(ctx.chat.id);
      const b = ctx.texts.bot;
      if (!chat?.paused) {
        await replyText(ctx, [b.notPaused, b.digestAt(time, zone), ...(chat && chat.regions.length === 0 ? [b.noSubscriptions] : [])]);
        return;
      }
      chats.setPaused(ctx.chat.id, false);
      await replyText(ctx, [b.resumed(time, zone), ...(chat.regions.length === 0 ? [b.noSubscriptions] : [])]);
    });
  });

  return composer;
}
