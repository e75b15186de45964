import type { Telegraf } from 'telegraf';
import { afterEach, expect } from 'vitest';
import { createBot } from '../../src/bot/create-bot.js';
import type { BotContext } from '../../src/bot/context.js';
import type { BotDeps } from '../../src/bot/deps.js';
import { fixedClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createSendQueue, type SendQueue } from '../../src/delivery/send-queue.js';
import { createTelegramClient, telegramTransport } from '../../src/delivery/telegraf-bridge.js';
import { createDigestBuilder } from '../../src/digest/build.js';
import { createLogger, silentLogger } from '../../src/log.js';
import type { Region } from '../../src/regions/regions.js';
import type { ArticleInput } from '../../src/store/articles.js';
import { createDigestRunner, type PassReport } from '../../src/schedule/digest-job.js';
import { createSearch } from '../../src/search/search.js';
import { createChatStore } from '../../src/store/chats.js';
import { createChannelStore } from '../../src/channels/channel-store.js';
import { createTopicStore } from '../../src/topics/topic-store.js';
import { type FakeBotApi, type FakeBotApiOptions, startFakeBotApi } from '../helpers/fake-bot-api.js';
import { tempStore } from '../helpers/temp-db.js';

export const NOW = '2026-11-28T08:00:00Z';
const HOUR = 3_600_000;

/**
 * The real bot (createBot → real Telegraf, long polling) against the fake Bot API server, on a
 * real SQLite file with a fixed clock. `close()` stops polling, the server and removes the file.
 */
export async function startBotHarness(
  options: { fake?: FakeBotApiOptions; queue?: boolean; override?: Partial<BotDeps> | ((store: ReturnType<typeof tempStore>) => Partial<BotDeps>) } = {},
) {
  const store = tempStore(NOW);
  const fake = await startFakeBotApi({ strictChats: false, ...options.fake });
  const config = loadConfig({ BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_PATH: store.file });
  const chats = createChatStore(store.db, store.clock, { digestTime: config.DEFAULT_DIGEST_TIME, timezone: config.DEFAULT_TIMEZONE });
  const channels = createChannelStore(store.db, store.clock);
  const topics = createTopicStore(store.db, store.clock);
  const digests = createDigestBuilder(store.db, { itemsPerRegion: config.DIGEST_ITEMS_PER_REGION, defaultLanguage: config.DEFAULT_LANGUAGE });
  const logs: string[] = [];
  const log = createLogger('debug', (line) => logs.push(line));
  let queue: SendQueue | undefined;
  if (options.queue) {
    queue = createSendQueue({
      transport: telegramTransport(createTelegramClient(fake.token, fake.apiRoot)),
      ratePerSecond: config.SEND_RATE_PER_SECOND,
      log,
    });
  }
  const bot: Telegraf<BotContext> = createBot({
    token: fake.token,
    config,
    articles: store.articles,
    chats,
    channels,
    topics,
    digests,
    search: createSearch(store.db, store.clock),
    log,
    clock: store.clock,
    ...(queue ? { queue } : {}),
    ...(typeof options.override === 'function' ? options.override(store) : options.override),
  });
  const launched = bot.launch();
  launched.catch(() => undefined);
  await fake.waitFor(() => fake.polling);
  let articleN = 0;

  return {
    fake,
    bot,
    store,
    chats,
    channels,
    topics,
    logs,
    queue,
    /** Adds an article published `hoursAgo` before the fixed now. */
    addArticle(fields: Partial<ArticleInput> & { headline: string; regions: Region[] }, hoursAgo = 1) {
      articleN++;
      return store.articles.upsert({
        source: 'Test Wire',
        url: `https://news.example/${articleN}`,
        lead: `Lead of story ${articleN}.`,
        publishedAt: store.clock.now() - hoursAgo * HOUR,
        ...fields,
      });
    },
    /** Calls the bot made that Telegram would have refused (a bug in what the bot sends). */
    refused() {
      return fake.calls.filter((c) => !c.ok && c.error?.error_code === 400);
    },
    async close() {
      try {
        bot.stop('test over');
      } catch {
        // not running
      }
      await launched.catch(() => undefined);
      queue?.close();
      await fake.close();
      store.close();
    },
  };
}

export type BotHarness = Awaited<ReturnType<typeof startBotHarness>>;

/** Every message the bot sent in this test was within Telegram's 4096 characters (visible and raw source). */
export function longestSent(fake: FakeBotApi): number {
  return Math.max(0, ...fake.allSent().map((m) => m.text.length));
}

/**
 * One bot per test, checked after each: registers an `afterEach` that asserts the bot made no call
 * Telegram would have refused (400) and sent nothing over 4096 characters, then closes it (even
 * when those checks fail). Call once at the top of a test file.
 * `allowRefused` lets through refusals whose description matches (a test that provokes them).
 */
export function botTests(options: { allowRefused?: RegExp } = {}) {
  let current: BotHarness | undefined;
  afterEach(async () => {
    const h = current;
    current = undefined;
    if (!h) return;
    try {
      const refused = h.refused().filter((c) => !(options.allowRefused?.test(c.error?.description ?? '') ?? false));
      expect(refused).toEqual([]);
      expect(longestSent(h.fake)).toBeLessThanOrEqual(4096);
    } finally {
      await h.close();
    }
  });
  const tests = {
    /** Starts this test's bot. */
    async start(startOptions: Parameters<typeof startBotHarness>[0] = {}): Promise<BotHarness> {
      if (current) throw new Error('this test already started a bot');
      current = await startBotHarness(startOptions);
      return current;
    },
    /** This test's bot (started by `start` or `person`). */
    get h(): BotHarness {
      if (!current) throw new Error('no bot started in this test');
      return current;
    },
    /** A person with a Telegram client in `lang` and their private chat; starts the bot if this test has none yet. */
    async person(lang = 'en', fields: Parameters<FakeBotApi['user']>[0] = {}) {
      const h = current ?? (await tests.start());
      const user = h.fake.user({ language_code: lang, ...fields });
      return { h, user, chat: h.fake.privateChat(user) };
    },
  };
  return tests;
}

/**
 * One digest scheduling pass at `at` (default NOW) over the harness's store, sent through a send
 * queue (200/s) to its fake Bot API, as the running bot's digest job does. `perChatIntervalMs`
 * shortens the 1 s gap between messages to one chat where a test sends several to one forum.
 */
export async function digestPass(h: BotHarness, at = NOW, options: { perChatIntervalMs?: number } = {}): Promise<PassReport> {
  const config = loadConfig({ SEND_RATE_PER_SECOND: '200' });
  const queue = createSendQueue({ transport: telegramTransport(createTelegramClient(h.fake.token, h.fake.apiRoot)), ratePerSecond: 200, ...options, log: silentLogger });
  try {
    const runner = createDigestRunner({ config, db: h.store.db, queue, log: silentLogger, clock: fixedClock(at), chats: h.chats });
    const report = await runner.runPass(Date.parse(at));
    await queue.idle();
    return report;
  } finally {
    queue.close();
  }
}
