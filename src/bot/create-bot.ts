import { Telegraf } from 'telegraf';
import { type ApiCaller, redactCallErrors, sendQueueMiddleware } from '../delivery/telegraf-bridge.js';
import { operatorFeature } from '../ops/operator-feature.js';
import { createRedactor } from '../redact.js';
import type { BotContext } from './context.js';
import type { BotDeps } from './deps.js';
import { createErrorHandler } from './errors.js';
import { channelPostsIgnored, channelsFeature } from './features/channels.js';
import { chatContext } from './features/chat-context.js';
import { digestFeature } from './features/digest.js';
import { editedCommandsFeature } from './features/edited.js';
import { fallbackFeature } from './features/fallback.js';
import { followsFeature } from './features/follows.js';
import { frequencyFeature } from './features/frequency.js';
import { feedsFeature } from './features/feeds.js';
import { searchFeature } from './features/search.js';
import { helpFeature } from './features/help.js';
import { hiddenCommands } from './menu.js';
import { latestFeature } from './features/latest.js';
import { membershipFeature } from './features/membership.js';
import { settingsFeature } from './features/settings.js';
import { startFeature } from './features/start.js';
import { stopFeature } from './features/stop.js';
import { subscriptionsFeature } from './features/subscriptions.js';
import { topicsFeature } from './features/topics.js';

/**
 * The Telegram bot: a Telegraf instance with every feature registered, in this order:
 * 1. the send seam — with `deps.queue`, every message the bot sends goes through the process's
 *    send queue as a 'reply' (ahead of digests, within Telegram's limits); posts in channels are
 *    dropped here (they are never commands);
 * 2. an edited command is handled again as a new message;
 * 3. the chat context (language to answer in; the chat recorded when it talks to the bot);
 * 4. one small Composer per concern;
 * 5. the catch-all, last.
 * Errors from any handler go to one place (`bot.catch`): unreachable chats are marked inactive or
 * moved, bugs are logged and apologised for, and polling goes on for everyone else. No Telegram
 * error the bot sees carries the token (see `redactCallErrors`).
 * Start it with `bot.launch()`; the caller owns its lifetime.
 */
export function createBot(deps: BotDeps): Telegraf<BotContext> {
  const bot = new Telegraf<BotContext>(deps.token, {
    telegram: { apiRoot: deps.config.TELEGRAM_API_ROOT },
    ...(deps.handlerTimeoutMs !== undefined ? { handlerTimeout: deps.handlerTimeoutMs } : {}),
  });
  const redactor = createRedactor([deps.token]);
  redactCallErrors(bot.telegram as unknown as ApiCaller, redactor);
  // Telegraf makes a fresh client for every update: scrub its errors before anything else wraps it.
  bot.use((ctx, next) => {
    redactCallErrors(ctx.telegram as unknown as ApiCaller, redactor);
    return next();
  });
  if (deps.queue) bot.use(sendQueueMiddleware(deps.queue));
  bot.use(channelPostsIgnored());
  bot.use(editedCommandsFeature((update) => bot.handleUpdate(update)));
  bot.use(chatContext(deps));
  bot.use(
    channelsFeature(deps),
    membershipFeature(deps),
    startFeature(deps),
    // With chat feeds wired but turned off (ALLOW_CHAT_FEEDS=false), /help does not offer them.
    helpFeature(hiddenCommands({ chatFeeds: deps.feeds?.enabled ?? true })),
    subscriptionsFeature(deps),
    followsFeature(deps),
    latestFeature(deps),
    searchFeature(deps),
    settingsFeature(deps),
    frequencyFeature(deps),
    digestFeature(deps),
    feedsFeature(deps),
    topicsFeature(deps),
    stopFeature(deps),
  );
  if (deps.operator) bot.use(operatorFeature(deps.operator));
  bot.use(fallbackFeature());
  const onError = createErrorHandler(deps);
  bot.catch(async (error, ctx) => {
    await onError(error, ctx);
  });
  return bot;
}
