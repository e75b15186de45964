import { createSearch } from '../search/search.js';
import type { App } from '../app.js';
import { createChatFeeds } from '../chatfeeds/chat-feeds.js';
import { createGuardedFetch } from '../chatfeeds/guarded-fetch.js';
import { createChatFeedStore } from '../chatfeeds/store.js';
import { createBot } from '../bot/create-bot.js';
import { hiddenCommands, registerCommandMenu } from '../bot/menu.js';
import { pollUntilStopped } from '../bot/polling.js';
import { createChannelStore } from '../channels/channel-store.js';
import { ConfigError } from '../config.js';
import { createSendQueue } from '../delivery/send-queue.js';
import { createTelegramClient, telegramTransport } from '../delivery/telegraf-bridge.js';
import { createDigestBuilder } from '../digest/build.js';
import { startDigestJob } from '../schedule/digest-job.js';
import { startIngestJobs } from '../schedule/ingest-job.js';
import type { Operations } from '../ops/operations.js';
import { registerOperatorMenu } from '../ops/operator-menu.js';
import { createChatStore } from '../store/chats.js';
import { createTopicStore } from '../topics/topic-store.js';
import { createWebhookUpdateStore } from '../store/webhook-updates.js';
import { serveWebhookUntilStopped } from '../web/serve-webhook.js';
import type { CommandIo } from './command.js';
import { fetchLimitsOf } from '../ingest/feeds/fetch-feed.js';

/** The longest wait at shutdown for queued messages to go out (ms). */
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Runs this process as the active copy of the bot until `signal` aborts: long polling (or, with
 * WEBHOOK_URL, the webhook on `ops.web`), the ingest
 * schedule (INGEST_SCHEDULE, plus the daily retention prune) and the digest schedule (every
 * minute), all sending through one send queue (replies ahead of digests). Registers the command
 * menu in English and Russian once connected. When the signal aborts: polling stops (the update in
 * hand is finished), both schedules stop and wait for a pass in progress, queued messages are sent
 * (for at most DRAIN_TIMEOUT_MS), then it resolves. Throws the ConfigError that says what to do
 * when Telegram refuses the token.
 */
export async function runActiveCopy(deps: { app: App; token: string; io: CommandIo; ops?: Operations }, signal: AbortSignal): Promise<void> {
  const { app, token, io, ops } = deps;
  const { config, log, clock, db, articles } = app;
  const chats = createChatStore(db, clock, { digestTime: config.DEFAULT_DIGEST_TIME, timezone: config.DEFAULT_TIMEZONE });
  const queue = createSendQueue({
    transport: telegramTransport(createTelegramClient(token, config.TELEGRAM_API_ROOT)),
    ratePerSecond: config.PAID_BROADCAST ? config.PAID_BROADCAST_RATE_PER_SECOND : config.SEND_RATE_PER_SECOND,
    paidBroadcast: config.PAID_BROADCAST,
    log,
    ...app.sendWaits,
    ...(ops ? { observe: ops.metrics.onSend } : {}),
  });
  ops?.setQueue(queue);
  const digests = createDigestBuilder(db, {
    itemsPerRegion: config.DIGEST_ITEMS_PER_REGION,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    chatFeeds: config.ALLOW_CHAT_FEEDS,
  });
  // Chats' own feeds are fetched only through the guarded fetch: public addresses, checked at every connection.
  const chatFeedStore = createChatFeedStore(db, clock);
  const guardedFetch = createGuardedFetch();
  const feeds = createChatFeeds({
    store: chatFeedStore,
    fetch: guardedFetch,
    limits: fetchLimitsOf(config),
    config,
    clock,
    log,
  });
  const channels = createChannelStore(db, clock);
  const topics = createTopicStore(db, clock);
  const bot = createBot({ token, config, articles, chats, channels, topics, digests, search: createSearch(db, clock), log, clock, queue, feeds, ...(ops ? { operator: ops.operator } : {}) });

  let started = false;
  let stopAlertChecks: (() => Promise<void>) | undefined;
  let ingest: ReturnType<typeof startIngestJobs> | undefined;
  let digest: ReturnType<typeof startDigestJob> | undefined;
  const onConnected = () => {
    started = true;
    log.info('bot started', { username: bot.botInfo?.username, mode: config.WEBHOOK_URL ? 'webhook' : 'polling' });
    io.out(`newsbot is running as @${bot.botInfo?.username ?? '?'}; press Ctrl+C to stop.`);
    registerCommandMenu(bot.telegram, hiddenCommands({ chatFeeds: config.ALLOW_CHAT_FEEDS }))
      .then(() => registerOperatorMenu(bot.telegram, config.ADMIN_IDS, log))
      .catch((error: unknown) => log.warn('could not register the command menu', { error }));
    stopAlertChecks = ops?.startAlertChecks();
    ingest = startIngestJobs({
      config,
      articles,
      log,
      clock,
      ...(ops ? { onPass: ops.metrics.onIngestPass } : {}),
      ...(config.ALLOW_CHAT_FEEDS ? { chatFeeds: { store: chatFeedStore, fetch: guardedFetch } } : {}),
    });
    digest = startDigestJob({ config, db, queue, log, clock, chats, leaseTtlMs: config.LEASE_SECONDS * 1000 });
  };
  try {
    if (config.WEBHOOK_URL) {
      if (!ops?.web) throw new Error('webhook mode needs the HTTP server (PORT)');
      await serveWebhookUntilStopped(bot, {
        url: config.WEBHOOK_URL,
        secret: ops.webhookSecret(),
        web: ops.web,
        updates: createWebhookUpdateStore(db, clock),
        log,
        signal,
        onConnected,
        onOutcome: ops.metrics.onWebhook,
      });
    } else {
      await pollUntilStopped(bot, { log, signal, onConnected });
    }
  } catch (error: unknown) {
    if ((error as { response?: { error_code?: unknown } }).response?.error_code === 401) {
      throw new ConfigError('Telegram refused BOT_TOKEN (401 Unauthorized): copy the token from @BotFather into BOT_TOKEN.', ['BOT_TOKEN']);
    }
    throw error;
  } finally {
    await Promise.allSettled([ingest?.stop(), digest?.stop(), stopAlertChecks?.()]);
    // Replies and digest parts already queued go out, but a Telegram that is down does not hold the exit.
    await Promise.race([queue.idle(), new Promise((resolve) => setTimeout(resolve, DRAIN_TIMEOUT_MS).unref())]);
    queue.close();
    ops?.setQueue(undefined);
    await guardedFetch.close().catch(() => undefined);
    if (started) log.info('stopped', { reason: signal.reason === undefined ? undefined : String(signal.reason) });
  }
}
