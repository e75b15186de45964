import { setTimeout as sleep } from 'node:timers/promises';
import type { Telegraf } from 'telegraf';
import { ALLOWED_UPDATES } from '../bot/allowed-updates.js';
import type { BotContext } from '../bot/context.js';
import type { Logger } from '../log.js';
import type { WebhookUpdateStore } from '../store/webhook-updates.js';
import type { WebServer } from './server.js';
import { createWebhook, type Update, type WebhookOutcome } from './webhook.js';

export interface ServeWebhookOptions {
  /** WEBHOOK_URL: the public https address Telegram posts to (a reverse proxy forwards it to PORT). */
  url: string;
  secret: string;
  web: WebServer;
  updates: WebhookUpdateStore;
  log: Logger;
  /** Serving stops when this aborts (the updates in hand are finished first). */
  signal: AbortSignal;
  /** Runs once, when Telegram has taken the webhook. */
  onConnected: () => void;
  onOutcome?: (outcome: WebhookOutcome) => void;
  /** Wait before the n-th retry of setWebhook after a network error or 5xx (ms). */
  retryMs?: (attempt: number) => number;
}

/** How often handled update ids older than a day are forgotten (ms). */
const PRUNE_EVERY_MS = 3_600_000;

/**
 * Webhook mode until `signal` aborts: asks Telegram who the bot is, registers WEBHOOK_URL with the
 * secret and the update types the bot handles (setWebhook; Telegram then stops answering
 * getUpdates), handles updates accepted before the last stop, then serves the webhook on the web
 * server. On stop the webhook stays registered: Telegram keeps the updates that come meanwhile and
 * posts them to the next start. A refused token or address is thrown; network errors and 5xx are
 * retried.
 */
export async function serveWebhookUntilStopped(bot: Telegraf<BotContext>, options: ServeWebhookOptions): Promise<void> {
  const { log, signal } = options;
  const retryMs = options.retryMs ?? ((n: number) => Math.min(60_000, 1000 * 2 ** (n - 1)));
  for (let attempt = 1; ; attempt++) {
    try {
      bot.botInfo ??= await bot.telegram.getMe();
      await bot.telegram.setWebhook(options.url, { secret_token: options.secret, allowed_updates: [...ALLOWED_UPDATES] });
      break;
    } catch (error: unknown) {
      const code = (error as { response?: { error_code?: unknown } }).response?.error_code;
      if (typeof code === 'number' && code < 500 && code !== 429) throw error;
      if (signal.aborted) return;
      const waitMs = retryMs(attempt);
      log.warn('could not reach Telegram to set the webhook; trying again', { error, retryInSeconds: waitMs / 1000 });
      await sleep(waitMs, undefined, { signal }).catch(() => undefined);
      if (signal.aborted) return;
    }
  }
  const webhook = createWebhook({
    path: new URL(options.url).pathname,
    secret: options.secret,
    updates: options.updates,
    handle: (update: Update) => bot.handleUpdate(update as unknown as Parameters<typeof bot.handleUpdate>[0]),
    log,
    ...(options.onOutcome ? { onOutcome: options.onOutcome } : {}),
  });
  const replayed = webhook.replayUnhandled();
  if (replayed > 0) log.info('handling webhook updates accepted before the last stop', { updates: replayed });
  const prune = setInterval(() => {
    try {
      options.updates.prune();
    } catch (error: unknown) {
      log.warn('could not forget old webhook update ids', { error });
    }
  }, PRUNE_EVERY_MS).unref();
  options.web.mountWebhook(webhook);
  try {
    options.onConnected();
    if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
  } finally {
    clearInterval(prune);
    options.web.mountWebhook(undefined);
    await webhook.idle();
  }
}
