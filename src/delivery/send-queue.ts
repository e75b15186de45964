import type { Logger } from '../log.js';
import { createSendLimits, type SendLimitsOptions } from './send-limits.js';
import { classifyTelegramError, type TelegramFailure } from './telegram-errors.js';

/** Replies to people's commands go before digest messages. */
export type Priority = 'reply' | 'digest';

/** Performs one Bot API call; rejects with Telegraf's `TelegramError` or a network error. */
export type Transport = (method: string, payload: Record<string, unknown>) => Promise<unknown>;

/**
 * How a queued call ended. 429s never end a call: it waits and tries again. 'cancelled': it was
 * never sent (its signal aborted while it waited, or its `beforeSend` threw, with that `error`).
 */
export type SendOutcome =
  | { kind: 'sent'; result: unknown; attempts: number }
  | { kind: 'failed'; failure: Exclude<TelegramFailure, { kind: 'rate-limited' }>; error: unknown; attempts: number }
  | { kind: 'cancelled'; error?: unknown };

/** What the queue tells an observer (the metrics): each accepted message, final failure and 429. */
export type SendEvent =
  | { type: 'sent'; priority: Priority }
  | { type: 'failed'; priority: Priority; reason: Exclude<TelegramFailure, { kind: 'rate-limited' }>['kind'] }
  | { type: 'rate-limited'; retryAfterMs: number };

/** Per-call choices (digest sends use them; replies take the defaults). */
export interface CallOptions {
  /** When it aborts, the call is dropped unless it is already on the wire (then it is not retried). */
  signal?: AbortSignal;
  /**
   * Runs synchronously right before each try goes out, e.g. to record that it is going; if it
   * throws, nothing is sent and the call ends 'cancelled' with that error.
   */
  beforeSend?: () => void;
  /** Tries for network errors and 5xx (default: the queue's `maxAttempts`). */
  maxAttempts?: number;
  /**
   * Try once more when the outcome is unknown (the request went out, no answer came back; default
   * true). False: such a call ends at once as failed 'unknown', for the caller to decide.
   */
  retryUnknown?: boolean;
}

/** The rate (SEND_RATE_PER_SECOND) and Telegram's other limits (see `SendLimitsOptions`), and: */
export interface SendQueueOptions extends SendLimitsOptions {
  transport: Transport;
  /**
   * Tries for a call that fails with a network error or 5xx (default 4), then it fails. Of those, a
   * call whose outcome was unknown (it may have been delivered) is repeated once at most.
   */
  maxAttempts?: number;
  /** Wait before try `attempt + 1` after a transient failure (ms); default 1 s, 2 s, 4 s … up to 30 s. */
  backoffMs?: (attempt: number) => number;
  /**
   * Adds `allow_paid_broadcast: true` to digest sends (PAID_BROADCAST), for a bot that pays Stars
   * to exceed the free 30/s; set `ratePerSecond` to PAID_BROADCAST_RATE_PER_SECOND with it.
   */
  paidBroadcast?: boolean;
  /**
   * Digest messages on the wire at once (default a quarter second's worth of the rate, at least 1):
   * enough for the rate at any sane latency, and a bound on what a crash or a failed store write
   * can repeat. Replies never wait for it.
   */
  maxDigestsInFlight?: number;
  /** Monotonic milliseconds; default `performance.now()`. */
  now?: () => number;
  log?: Logger;
  /** Told of every message accepted, every final failure and every 429 (the metrics). */
  observe?: (event: SendEvent) => void;
}

/**
 * The queue's waits that are Telegram's and not the operator's: the gap between two messages to one
 * chat and the back-off before a retry after a network error or 5xx (defaults: see the options).
 * No setting changes them; a caller that talks to a server without those limits (the tests' fake
 * Bot API) may pass shorter ones in (`main`'s and `createApp`'s `sendWaits`).
 */
export type SendWaits = Pick<SendQueueOptions, 'perChatIntervalMs' | 'backoffMs'>;

export interface SendQueueStats {
  sent: number;
  failed: number;
  /** 429 answers received (each waited out and retried). */
  rateLimited: number;
  /** Retries after network errors and 5xx. */
  retried: number;
  queued: number;
  inFlight: number;
}

interface Job {
  method: string;
  payload: Record<string, unknown>;
  chatId: number;
  priority: Priority;
  attempts: number;
  /** Tries that ended with an unknown outcome. */
  unknowns: number;
  options: CallOptions;
  /** The last failure, for a call dropped by its signal while it waited to be retried. */
  lastFailure?: { failure: Exclude<TelegramFailure, { kind: 'rate-limited' }>; error: unknown };
  resolve: (outcome: SendOutcome) => void;
}

/**
 * The one sending queue of the process. Every message to Telegram goes through it so that the bot
 * stays within Telegram's limits however many digests are going out:
 * - a global rate (token bucket, small bursts),
 * - at most one message per `perChatIntervalMs` to a chat and `groupPerMinute` to a group, and one
 *   call at a time per chat, so a chat's messages arrive in order,
 * - replies first: a reply waits only for the global rate and its own chat, never behind digests,
 * - a bounded window of digest messages on the wire (`maxDigestsInFlight`),
 * - 429: the whole queue pauses for `retry_after` (Telegram's flood control is per bot), then the
 *   same call is made again; nothing that was accepted is sent twice,
 * - network errors and 5xx: that chat's call is retried with back-off, others go on meanwhile; a
 *   call whose answer was lost (it may have been delivered) is repeated once at most,
 * - a call's signal drops it while it waits (a fan-out that must stop at once).
 * Other failures resolve as `failed` with a classified reason; the caller decides (mark inactive,
 * move a migrated chat, record the failure).
 */
export function createSendQueue(options: SendQueueOptions) {
  const now = options.now ?? (() => performance.now());
  const limits = createSendLimits(options, now());
  const maxAttempts = options.maxAttempts ?? 4;
  const maxDigestsInFlight = options.maxDigestsInFlight ?? Math.max(1, Math.ceil(options.ratePerSecond / 4));
  let digestsInFlight = 0;
  const backoff = options.backoffMs ?? ((attempt: number) => Math.min(30_000, 1000 * 2 ** (attempt - 1)));
  const queues: Record<Priority, Job[]> = { reply: [], digest: [] };
  const inFlightChats = new Set<number>();
  const stats: SendQueueStats = { sent: 0, failed: 0, rateLimited: 0, retried: 0, queued: 0, inFlight: 0 };
  let pausedUntil = 0;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Infinity;
  let idleWaiters: (() => void)[] = [];
  /** Queued jobs by the signal that may drop them (one listener per signal). */
  const bySignal = new Map<AbortSignal, Set<Job>>();

  function pick(t: number): { job?: Job; wakeAt: number } {
    let wakeAt = Infinity;
    for (const priority of ['reply', 'digest'] as const) {
      // At the digest window's limit, a settling digest call pumps again.
      if (priority === 'digest' && digestsInFlight >= maxDigestsInFlight) continue;
      const list = queues[priority];
      const blocked = new Set<number>();
      for (let i = 0; i < list.length; i++) {
        const job = list[i] as Job;
        // Keep a chat's calls in order: only its earliest queued call may go.
        if (blocked.has(job.chatId)) continue;
        blocked.add(job.chatId);
        if (inFlightChats.has(job.chatId)) continue;
        const at = limits.chatReadyAt(job.chatId);
        if (at <= t) {
          list.splice(i, 1);
          return { job, wakeAt };
        }
        wakeAt = Math.min(wakeAt, at);
      }
    }
    return { wakeAt };
  }

  function arm(at: number): void {
    if (at === Infinity) return;
    if (timer && timerAt <= at) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = undefined;
      timerAt = Infinity;
      pump();
    }, Math.max(0, Math.ceil(at - now())));
  }

  function pump(): void {
    for (;;) {
      const t = now();
      if (t < pausedUntil) return arm(pausedUntil);
      const token = limits.nextToken(t);
      if (token > t) return arm(token);
      const { job, wakeAt } = pick(t);
      if (!job) {
        arm(wakeAt);
        if (stats.inFlight === 0 && queues.reply.length === 0 && queues.digest.length === 0) {
          const waiters = idleWaiters;
          idleWaiters = [];
          for (const w of waiters) w();
        }
        return;
      }
      if (!ready(job)) continue;
      dispatch(job, t);
    }
  }

  /** Runs the job's `beforeSend`; false (the job cancelled) if it throws. */
  function ready(job: Job): boolean {
    if (!job.options.beforeSend) return true;
    try {
      job.options.beforeSend();
      return true;
    } catch (error: unknown) {
      stats.queued--;
      forget(job);
      job.resolve({ kind: 'cancelled', error });
      return false;
    }
  }

  function forget(job: Job): void {
    const signal = job.options.signal;
    if (signal) bySignal.get(signal)?.delete(job);
  }

  /** A signal aborted: its jobs still waiting in the queue end now; those on the wire finish. */
  function drop(signal: AbortSignal): void {
    const jobs = bySignal.get(signal);
    bySignal.delete(signal);
    if (!jobs) return;
    for (const job of jobs) {
      const list = queues[job.priority];
      const index = list.indexOf(job);
      if (index < 0) continue;
      list.splice(index, 1);
      stats.queued--;
      job.resolve(job.lastFailure ? { kind: 'failed', ...job.lastFailure, attempts: job.attempts } : { kind: 'cancelled' });
    }
    pump();
  }

  function dispatch(job: Job, t: number): void {
    stats.queued--;
    stats.inFlight++;
    if (job.priority === 'digest') digestsInFlight++;
    job.attempts++;
    inFlightChats.add(job.chatId);
    limits.sending(job.chatId, t);
    const payload =
      options.paidBroadcast && job.priority === 'digest' ? { ...job.payload, allow_paid_broadcast: true } : job.payload;
    options.transport(job.method, payload).then(
      (result) => {
        stats.sent++;
        options.observe?.({ type: 'sent', priority: job.priority });
        settle(job, { kind: 'sent', result, attempts: job.attempts });
      },
      (error: unknown) => {
        const failure = classifyTelegramError(error);
        const at = now();
        if (failure.kind === 'rate-limited') {
          stats.rateLimited++;
          options.observe?.({ type: 'rate-limited', retryAfterMs: failure.retryAfterMs });
          pausedUntil = Math.max(pausedUntil, at + failure.retryAfterMs);
          options.log?.warn('telegram asked us to slow down', { chatId: job.chatId, retryAfterMs: failure.retryAfterMs });
          job.attempts--; // waiting out a 429 is not a failed try
          return requeue(job, pausedUntil);
        }
        if (failure.kind === 'unknown') job.unknowns++;
        job.lastFailure = { failure, error };
        if (mayRetry(job, failure)) {
          stats.retried++;
          options.log?.debug('telegram call failed, retrying', { chatId: job.chatId, attempt: job.attempts, reason: failure.reason });
          return requeue(job, at + backoff(job.attempts));
        }
        stats.failed++;
        options.observe?.({ type: 'failed', priority: job.priority, reason: failure.kind });
        settle(job, { kind: 'failed', failure, error, attempts: job.attempts });
      },
    );
  }

  function mayRetry(job: Job, failure: TelegramFailure): boolean {
    if (job.options.signal?.aborted) return false;
    if (job.attempts >= (job.options.maxAttempts ?? maxAttempts)) return false;
    if (failure.kind === 'transient') return true;
    return failure.kind === 'unknown' && job.options.retryUnknown !== false && job.unknowns < 2;
  }

  function requeue(job: Job, notBefore: number): void {
    limits.hold(job.chatId, notBefore);
    stats.inFlight--;
    if (job.priority === 'digest') digestsInFlight--;
    stats.queued++;
    inFlightChats.delete(job.chatId);
    queues[job.priority].unshift(job);
    pump();
  }

  function settle(job: Job, outcome: SendOutcome): void {
    stats.inFlight--;
    if (job.priority === 'digest') digestsInFlight--;
    inFlightChats.delete(job.chatId);
    forget(job);
    limits.sweep(now());
    job.resolve(outcome);
    pump();
  }

  return {
    /**
     * Queues one Bot API call to `chatId` and resolves when Telegram accepted it or it finally
     * failed. Never rejects.
     */
    call(method: string, payload: Record<string, unknown>, chatId: number, priority: Priority, callOptions: CallOptions = {}): Promise<SendOutcome> {
      const { signal } = callOptions;
      if (signal?.aborted) return Promise.resolve({ kind: 'cancelled' });
      return new Promise<SendOutcome>((resolve) => {
        const job: Job = { method, payload, chatId, priority, attempts: 0, unknowns: 0, options: callOptions, resolve };
        if (signal) {
          let jobs = bySignal.get(signal);
          if (!jobs) {
            jobs = new Set();
            bySignal.set(signal, jobs);
            signal.addEventListener('abort', () => drop(signal), { once: true });
          }
          jobs.add(job);
        }
        queues[priority].push(job);
        stats.queued++;
        pump();
      });
    },
    /** `sendMessage` through the queue. */
    sendMessage(chatId: number, text: string, extra: Record<string, unknown>, priority: Priority, callOptions: CallOptions = {}): Promise<SendOutcome> {
      return this.call('sendMessage', { chat_id: chatId, text, ...extra }, chatId, priority, callOptions);
    },
    stats(): Readonly<SendQueueStats> {
      return { ...stats };
    },
    /** Resolves when nothing is queued or in flight. */
    idle(): Promise<void> {
      if (stats.inFlight === 0 && stats.queued === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    /** Stops the timer; queued calls stay queued (for shutdown after `idle()`). */
    close(): void {
      if (timer) clearTimeout(timer);
      timer = undefined;
      timerAt = Infinity;
    },
  };
}

export type SendQueue = ReturnType<typeof createSendQueue>;
