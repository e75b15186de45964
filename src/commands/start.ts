import { createBot } from '../bot/create-bot.js';
import { registerCommandMenu } from '../bot/menu.js';
import { ConfigError, requireBotToken } from '../config.js';
import { createSendQueue } from '../delivery/send-queue.js';
import { createTelegramClient, telegramTransport } from '../delivery/telegraf-bridge.js';
import { createDigestBuilder } from '../digest/build.js';
import { startDigestJob } from '../schedule/digest-job.js';
import { startIngestJobs } from '../schedule/ingest-job.js';
import { createChatStore } from '../store/chats.js';
import type { Command } from './command.js';

/** The longest wait at shutdown for queued messages to go out (ms). */
const DRAIN_TIMEOUT_MS = 10_000;

/** Calls `stop` until it no longer throws (Telegraf throws "Bot is not running!" until polling has begun). */
function stopWhenPolling(stop: () => void): void {
  try {
    stop();
  } catch {
    setTimeout(() => stopWhenPolling(stop), 50);
  }
}

/** Signals that stop the bot cleanly. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * `newsbot start`: the bot with long polling, the ingest schedule (INGEST_SCHEDULE, plus the daily
 * retention prune) and the digest schedule (every minute), all sending through one send queue
 * (replies ahead of digests). Registers the command menu in English and Russian once connected.
 * On SIGINT/SIGTERM: polling stops (the update in hand is finished), both schedules stop and wait
 * for a pass in progress, queued messages are sent, and the caller closes the database; resolves 0.
 * Without BOT_TOKEN it throws the ConfigError that says how to set it.
 */
export const startCommand: Command = {
  summary: 'run the Telegram bot (long polling) with the ingest and digest schedules',
  usage: 'newsbot start',
  // Everything that can be wrong locally stops the bot before it contacts Telegram.
  // The page check: quick_check would add half a minute on a store of a million articles.
  preflight: { botToken: true, sourcesFile: true, database: 'pages' },
  async run(_args, app, io) {
    const { config, log, clock, db, articles } = app;
    const token = requireBotToken(config);
    const chats = createChatStore(db, clock, { digestTime: config.DEFAULT_DIGEST_TIME, timezone: config.DEFAULT_TIMEZONE });
    const queue = createSendQueue({
      transport: telegramTransport(createTelegramClient(token, config.TELEGRAM_API_ROOT)),
      ratePerSecond: config.PAID_BROADCAST ? config.PAID_BROADCAST_RATE_PER_SECOND : config.SEND_RATE_PER_SECOND,
      paidBroadcast: config.PAID_BROADCAST,
      log,
    });
    const digests = createDigestBuilder(db, { itemsPerRegion: config.DIGEST_ITEMS_PER_REGION, defaultLanguage: config.DEFAULT_LANGUAGE });
    const bot = createBot({ token, config, articles, chats, digests, log, clock, queue });

    let stopping: string | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = signal;
      log.info('stopping', { signal });
      try {
        bot.stop(signal);
      } catch {
        // Not polling yet (still connecting): `launched` below settles on its own.
      }
    };
    for (const signal of STOP_SIGNALS) process.on(signal, onSignal);

    let started = false;
    let ingest: ReturnType<typeof startIngestJobs> | undefined;
    let digest: ReturnType<typeof startDigestJob> | undefined;
    try {
      // launch() resolves only when polling stops; the callback runs once connected (getMe done).
      await bot.launch(() => {
        started = true;
        log.info('bot started', { username: bot.botInfo?.username });
        io.out(`newsbot is running as @${bot.botInfo?.username ?? '?'}; press Ctrl+C to stop.`);
        registerCommandMenu(bot.telegram).catch((error: unknown) => log.warn('could not register the command menu', { error }));
        ingest = startIngestJobs({ config, articles, log, clock });
        digest = startDigestJob({ config, db, queue, log, clock, chats });
        // A signal that came while connecting: stop as soon as there is polling to stop.
        if (stopping) stopWhenPolling(() => bot.stop(stopping));
      });
      return 0;
    } catch (error: unknown) {
      if ((error as { response?: { error_code?: unknown } }).response?.error_code === 401) {
        throw new ConfigError('Telegram refused BOT_TOKEN (401 Unauthorized): copy the token from @BotFather into BOT_TOKEN.', ['BOT_TOKEN']);
      }
      throw error;
    } finally {
      for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
      await Promise.allSettled([ingest?.stop(), digest?.stop()]);
      // Replies and digest parts already queued go out, but a Telegram that is down does not hold the exit.
      await Promise.race([queue.idle(), new Promise((resolve) => setTimeout(resolve, DRAIN_TIMEOUT_MS).unref())]);
      queue.close();
      if (started) log.info('stopped', { signal: stopping });
    }
  },
};
