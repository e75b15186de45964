import { setTimeout as sleep } from 'node:timers/promises';
import type { Telegraf } from 'telegraf';
import type { Logger } from '../log.js';
import type { BotContext } from './context.js';

export interface PollingOptions {
  log: Logger;
  /** Polling stops (the update in hand is finished) when this aborts. */
  signal: AbortSignal;
  /** Runs once, when Telegram first answered (getMe done). */
  onConnected: () => void;
  /** Wait before polling again after the n-th 409 in a row (ms); default 1 s doubling to 5 min. */
  conflictBackoffMs?: (conflicts: number) => number;
}

const defaultBackoff = (conflicts: number) => Math.min(300_000, 1000 * 2 ** (conflicts - 1));

/** Telegram's 409 Conflict: another getUpdates (another copy of the bot) took over the long poll. */
function isConflict(error: unknown): boolean {
  const response = (error as { response?: { error_code?: unknown } } | null)?.response;
  return response?.error_code === 409;
}

/**
 * Long polling until `signal` aborts. Telegram answers 409 Conflict when another copy of the bot
 * polls with the same token (on another database or machine: on the same database the lease keeps a
 * second copy in standby): that is logged as such and polling starts again after a back-off, never
 * a silent exit. Any other launch failure (a refused token) is thrown.
 */
export async function pollUntilStopped(bot: Telegraf<BotContext>, options: PollingOptions): Promise<void> {
  const { log, signal } = options;
  const backoff = options.conflictBackoffMs ?? defaultBackoff;
  let connected = false;
  let conflicts = 0;
  let launching = false;
  // Telegraf throws "Bot is not running!" until polling has begun: keep asking while it connects.
  const stop = () => {
    if (!launching) return;
    try {
      bot.stop(signal.reason === undefined ? 'stop' : String(signal.reason));
    } catch {
      setTimeout(stop, 50).unref();
    }
  };
  signal.addEventListener('abort', stop, { once: true });
  try {
    while (!signal.aborted) {
      let failure: unknown;
      launching = true;
      try {
        await bot.launch(() => {
          if (connected) return;
          connected = true;
          options.onConnected();
        });
        return;
      } catch (error: unknown) {
        failure = error;
      } finally {
        launching = false;
      }
      if (signal.aborted) return;
      if (!isConflict(failure)) throw failure;
      conflicts++;
      const waitMs = backoff(conflicts);
      log.warn('Telegram answered 409 Conflict: another copy of this bot polls with the same token (elsewhere); polling again after a pause', {
        conflicts,
        retryInSeconds: waitMs / 1000,
      });
      await sleep(waitMs, undefined, { signal }).catch(() => undefined);
    }
  } finally {
    signal.removeEventListener('abort', stop);
  }
}
