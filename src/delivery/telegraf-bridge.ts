import type { Context, MiddlewareFn } from 'telegraf';
import { Telegram } from 'telegraf';
import { createRedactor, type Redactor } from '../redact.js';
import type { Priority, SendQueue, Transport } from './send-queue.js';

/** The part of Telegraf's `Telegram` client the queue needs. */
export interface ApiCaller {
  callApi(method: string, payload: object, options?: object): Promise<unknown>;
}

/**
 * A Telegram client of its own for the queue to send with (`BOT_TOKEN`, `TELEGRAM_API_ROOT`), so
 * that the clients routed through the queue never loop back into it. Its errors never carry the token.
 */
export function createTelegramClient(token: string, apiRoot: string): Telegram {
  const client = new Telegram(token, { apiRoot });
  redactCallErrors(client, createRedactor([token]));
  return client;
}

const REDACTING = new WeakSet<object>();

/**
 * Makes every failed call of this client reject with the token scrubbed from the error (message,
 * stack, Telegram's description, the cause chain): a proxy or self-hosted server may echo the
 * request URL, which holds the token, and errors end up in logs and in the database.
 * Patching twice is harmless.
 */
export function redactCallErrors(client: ApiCaller, redactor: Redactor): void {
  if (REDACTING.has(client)) return;
  REDACTING.add(client);
  const original = client.callApi.bind(client);
  client.callApi = async (method: string, payload: object, options?: object) => {
    try {
      return await original(method, payload, options);
    } catch (error: unknown) {
      throw redactor.error(error);
    }
  };
}

/**
 * The longest wait for Telegram's answer to one queued call (ms). A connection that hangs ends
 * like one that breaks: the call's outcome is unknown (see `classifyTelegramError`).
 */
export const CALL_TIMEOUT_MS = 30_000;

/** A queue transport that performs calls with this client, each within {@link CALL_TIMEOUT_MS}. */
export function telegramTransport(client: ApiCaller): Transport {
  const raw = ORIGINAL.get(client) ?? client.callApi.bind(client);
  return (method, payload) => raw(method, payload, { signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
}

/** Calls that put a message into a chat; only these count against Telegram's sending limits. */
export function isSendingMethod(method: string): boolean {
  return /^(send(?!ChatAction)|copyMessage|forwardMessage)/.test(method);
}

const ORIGINAL = new WeakMap<object, ApiCaller['callApi']>();

/**
 * Makes every message-sending call of this Telegraf client (`ctx.reply`, `telegram.sendMessage`,
 * …) go through the queue with `priority` (default 'reply'); other calls (getUpdates,
 * answerCallbackQuery, setMyCommands, editMessageText …) go straight out. A call that finally fails
 * rejects with the original error (Telegraf's `TelegramError`), so handlers see what they always
 * did; 429s are waited out inside the queue and never reach them. Patching twice is harmless.
 */
export function routeThroughQueue(client: ApiCaller, queue: SendQueue, priority: Priority = 'reply'): void {
  if (ORIGINAL.has(client)) return;
  const original = client.callApi.bind(client);
  ORIGINAL.set(client, original);
  client.callApi = async (method: string, payload: object, options?: object) => {
    const chatId = (payload as { chat_id?: unknown }).chat_id;
    if (!isSendingMethod(method) || typeof chatId !== 'number') return original(method, payload, options);
    const outcome = await queue.call(method, payload as Record<string, unknown>, chatId, priority);
    if (outcome.kind === 'sent') return outcome.result;
    throw outcome.error ?? new Error(`${method} to ${chatId} was dropped before it was sent`);
  };
}

/**
 * Telegraf middleware: Telegraf makes a fresh `ctx.telegram` for every update, so each is routed
 * through the queue before the handlers run. Register it first: `bot.use(sendQueueMiddleware(queue))`.
 */
export function sendQueueMiddleware<C extends Context>(queue: SendQueue): MiddlewareFn<C> {
  return (ctx, next) => {
    routeThroughQueue(ctx.telegram as unknown as ApiCaller, queue, 'reply');
    return next();
  };
}
