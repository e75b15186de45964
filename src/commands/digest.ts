import { createChatFeedReader } from '../chatfeeds/store.js';
import { parseArgs } from 'node:util';
import { cadenceText } from '../cadence/cadence.js';
import { firstLookbackMs, latestSlot } from '../cadence/slots.js';
import { createDigestBuilder } from '../digest/build.js';
import { measureHtml } from '../render/split.js';
import { localDateOf } from '../schedule/due.js';
import { createChatStore } from '../store/chats.js';
import { type Command, joinNegativeValues, UsageError } from './command.js';
import { CATALOGUE } from './catalogue.js';

/** Parses `--at` (any ISO 8601 time); the app clock's now when absent. */
export function parseAt(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const at = Date.parse(value);
  if (!Number.isFinite(at)) throw new UsageError(`--at must be an ISO 8601 time such as 2026-11-28T08:00:00Z, not '${value}'`);
  return at;
}

export const digestCommand: Command = {
  ...CATALOGUE.digest,
  run(args, app, io) {
    const { values } = parseArgs({ args: joinNegativeValues(args, ['--chat']), options: { chat: { type: 'string' }, at: { type: 'string' } } });
    const chatId = Number(values.chat);
    if (values.chat === undefined || !Number.isSafeInteger(chatId)) throw new UsageError('--chat <id> is required (a Telegram chat id such as 12345 or -100123)');
    const at = parseAt(values.at, app.clock.now());
    const { config } = app;
    const chats = createChatStore(app.db, app.clock, { digestTime: config.DEFAULT_DIGEST_TIME, timezone: config.DEFAULT_TIMEZONE });
    const chat = chats.get(chatId);
    if (!chat) {
      io.err(`No chat ${chatId} in the store (${config.DATABASE_PATH}).`);
      return 1;
    }
    const feeds = config.ALLOW_CHAT_FEEDS ? createChatFeedReader(app.db).titlesOfChat(chat.id) : [];
    if (chat.regions.length === 0 && feeds.length === 0) {
      io.err(
        `chat ${chat.id} has no regions, so it gets no digest. In Telegram the chat adds them with /subscribe asia europe ` +
          '(or /regions for buttons; in groups an admin does).',
      );
      return 1;
    }
    const builder = createDigestBuilder(app.db, {
      itemsPerRegion: config.DIGEST_ITEMS_PER_REGION,
      defaultLanguage: config.DEFAULT_LANGUAGE,
      chatFeeds: config.ALLOW_CHAT_FEEDS,
    });
    // Dated as the local day of `at`; as the schedule builds it, a first digest reaches back to the
    // cadence's previous time, and a twice-daily one names its time when one came that day.
    const localDate = localDateOf(at, chat.timezone);
    const slot = latestSlot(chat.cadence, chat.timezone, at);
    const time = chat.cadence.kind === 'twice' && slot?.localDate === localDate ? { time: slot.time } : {};
    const lookback = slot ? { lookbackMs: firstLookbackMs(chat.cadence, chat.timezone, slot.dueAt) } : {};
    const digest = builder.build(chat, localDate, at, { ...lookback, ...time });
    const state = [!chat.active && 'inactive', chat.paused && 'paused'].filter(Boolean);
    io.err(
      `chat ${chat.id} · ${'time' in time ? `${localDate} ${time.time}` : localDate} (${chat.timezone}, digest ${cadenceText(chat.cadence)})${state.length > 0 ? ` · ${state.join(', ')}: the schedule sends it nothing` : ''}\n` +
        `stories after ${new Date(digest.since).toISOString()} up to ${new Date(digest.until).toISOString()}: ` +
        `${digest.total} new, ${digest.shown} shown, ${digest.parts.length} message(s)`,
    );
    digest.parts.forEach((part, i) => {
      if (digest.parts.length > 1) io.out(`--- message ${i + 1}/${digest.parts.length} (${measureHtml(part).chars} characters as Telegram counts them) ---`);
      io.out(part);
    });
    if (digest.parts.length === 0) io.err('Nothing new, and the chat chose quiet days: no message.');
    return 0;
  },
};
