import { classifyTelegramError, type TelegramFailure } from '../delivery/telegram-errors.js';
import type { Logger } from '../log.js';
import type { ChatStore } from '../store/chats.js';
import type { BotContext } from './context.js';
import { replyText } from './reply.js';

/** A failed Bot API call (Telegraf's TelegramError carries the answer as `response`). */
function isApiError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('response' in error)) return false;
  const response = (error as { response: unknown }).response;
  return typeof response === 'object' && response !== null && 'error_code' in response;
}

/** A network failure talking to Telegram (node-fetch's FetchError, an abort). */
function isNetworkError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'FetchError' || error.name === 'AbortError');
}

/**
 * A reply to `fromId` said the group is now the supergroup `toId`. Usually the settings move there.
 * But when the supergroup is already on record and the old id's row has no regions, that row was
 * only just recreated (a button pressed on an old message of the group records the chat before the
 * call that fails): moving it would wipe the supergroup's settings, so it is dropped instead.
 */
function moveUpgradedGroup(deps: { chats: ChatStore }, fromId: number, toId: number): void {
  const from = deps.chats.get(fromId);
  const to = deps.chats.get(toId);
  if (from && to && from.regions.length === 0) deps.chats.forget(fromId);
  else deps.chats.migrate(fromId, toId);
}

/** What the bot does about an error from a handler. */
export type HandlerErrorOutcome =
  | { kind: 'chat-inactive'; failure: TelegramFailure }
  | { kind: 'chat-moved'; toChatId: number }
  | { kind: 'telegram'; failure: TelegramFailure }
  | { kind: 'bug'; apologised: boolean };

/**
 * The bot's one error path (`bot.catch`): a handler's call that Telegram answered 403 (blocked,
 * kicked) or "chat not found" marks the chat inactive, so no digest goes there until it talks to
 * the bot again; a "group upgraded" answer moves the chat to its supergroup id; other Telegram and
 * network failures are logged. Anything else is a bug: it is logged with the update, and the person
 * gets a short apology instead of silence. Never throws, so polling goes on for everyone else.
 */
export function createErrorHandler(deps: { chats: ChatStore; log: Logger }) {
  return async (error: unknown, ctx: BotContext): Promise<HandlerErrorOutcome> => {
    const chatId = ctx.chat?.id;
    const update = { updateId: ctx.update.update_id, chatId, type: ctx.updateType };
    try {
      if (isApiError(error) || isNetworkError(error)) {
        const failure = classifyTelegramError(error);
        if (chatId !== undefined && (failure.kind === 'blocked' || failure.kind === 'chat-not-found')) {
          deps.chats.markInactive(chatId, failure.reason);
          deps.log.info('chat unreachable: marked inactive', { ...update, reason: failure.reason });
          return { kind: 'chat-inactive', failure };
        }
        if (chatId !== undefined && failure.kind === 'migrated') {
          moveUpgradedGroup(deps, chatId, failure.toChatId);
          deps.log.info('group upgraded: chat moved', { ...update, to: failure.toChatId });
          // A button pressed on the old group's message: stop its spinner and say why nothing happened.
          if (ctx.callbackQuery) await ctx.answerCbQuery(ctx.texts?.bot.groupUpgraded ?? 'Send /regions again.').catch(() => undefined);
          return { kind: 'chat-moved', toChatId: failure.toChatId };
        }
        deps.log.warn('telegram call failed in a handler', { ...update, failure });
        return { kind: 'telegram', failure };
      }
      deps.log.error('bot handler failed', { ...update, error });
      let apologised = false;
      if (chatId !== undefined) {
        try {
          if (ctx.callbackQuery) await ctx.answerCbQuery(ctx.texts?.bot.somethingWrong ?? 'Sorry, something went wrong.');
          else await replyText(ctx, ctx.texts?.bot.somethingWrong ?? 'Sorry, something went wrong.');
          apologised = true;
        } catch (replyError: unknown) {
          deps.log.warn('could not apologise', { ...update, error: replyError });
        }
      }
      return { kind: 'bug', apologised };
    } catch (handlerError: unknown) {
      // The store itself failed (e.g. the database is closing): log, never throw into polling.
      deps.log.error('error handler failed', { ...update, error: handlerError, original: error });
      return { kind: 'bug', apologised: false };
    }
  };
}
