import type { Logger } from '../log.js';
import type { ChatStore } from '../store/chats.js';
import type { DeliveryKey, DeliveryStore, PendingDelivery } from '../store/deliveries.js';
import { DIGEST_TRIES_PER_PASS, lateReason, MAX_PART_TRIES, retryDelayMs } from './retry-policy.js';
import type { SendQueue } from './send-queue.js';
import { isTopicGone } from './telegram-errors.js';

/** Digest messages: HTML, no link previews (a digest has many links). */
export const DIGEST_MESSAGE_OPTIONS = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } } as const;

/** Moves at most this many times in one delivery (a migrated chat migrating again is already odd). */
const MAX_MIGRATIONS = 2;

/** How one delivery ended in this pass ('settled': someone else finished it meanwhile). */
export type DeliveryResult = 'sent' | 'failed' | 'inactive' | 'interrupted' | 'deferred' | 'missed' | 'settled';

/** What a fan-out gives each delivery: the stores, the queue, and the fan-out's brakes. */
export interface DeliveryContext {
  deliveries: DeliveryStore;
  chats: ChatStore;
  queue: SendQueue;
  log: Logger;
  /** The pass's "now" (ms, scheduling time): for retry times and the catch-up limit. */
  now: () => number;
  /** DIGEST_CATCHUP_HOURS in ms. */
  catchupMs: number;
  /** False once this process may no longer send (the lease is lost). */
  mayContinue: () => boolean;
  /** Aborts when the whole fan-out must stop: its queued sends are dropped. */
  signal: AbortSignal;
  /** Runs a store call; if it throws, the whole fan-out stops before the error goes on. */
  write: <T>(fn: () => T) => T;
  /** Telegram cannot be reached: the fan-out stops, the rest waits for a later pass. */
  unreachable: (reason: string) => void;
  /** A chat was found blocked, removed or no longer postable (now marked inactive), with why. */
  chatLost?: (chatId: number, reason: string) => void;
  /** A forum topic was found deleted or closed: its deliveries go on in General. */
  topicGone?: (chatId: number, topicId: number) => void;
}

/** Counters shared by a fan-out's deliveries. */
export interface DeliveryTally {
  messages: number;
  migrated: number;
}

/**
 * Sends one pending delivery from its first unsent part. Before each send the record says the part
 * is on its way (`partTries`), and as soon as Telegram accepts it, that it went: a crash, a full
 * disk or a lost answer leaves a record that tells whether the part may have arrived. Such a part
 * is sent once more, never a third time. Telegram unreachable (network, 5xx): the record stays
 * pending with a retry time and the fan-out stops. Past the catch-up limit: missed. Blocked or
 * vanished chats are marked inactive, migrated groups are served at their new id, and anything
 * else Telegram refuses is recorded as failed.
 */
export async function deliverDigest(ctx: DeliveryContext, pending: PendingDelivery, tally: DeliveryTally): Promise<DeliveryResult> {
  // The record's text is read only now, for the one chat being served, and its state afresh.
  const delivery = ctx.write(() => ctx.deliveries.get(pending));
  if (!delivery || delivery.status !== 'pending') return 'settled';
  const { slot, topicId, parts, dueAt } = delivery;
  let chatId = delivery.chatId;
  // The key follows the chat when a group turns into a supergroup (the record moves with it).
  const key = (): DeliveryKey => ({ chatId, topicId, slot });
  let tries = delivery.partTries;
  let migrations = 0;
  // The forum topic the parts go to; General (0) once the topic turns out deleted or closed.
  let thread = topicId;
  const miss = (reason: string): 'missed' => {
    ctx.write(() => ctx.deliveries.miss(key(), reason));
    ctx.log.warn('digest missed', { chatId, topicId, slot, reason });
    return 'missed';
  };
  for (let i = delivery.partsSent; i < parts.length; i++) {
    if (ctx.signal.aborted || !ctx.mayContinue()) return 'interrupted';
    if (ctx.now() - dueAt > ctx.catchupMs) return miss(lateReason(ctx.catchupMs, delivery.error));
    const part = `part ${i + 1}/${parts.length}`;
    if (tries >= MAX_PART_TRIES) return miss(`${part}: may have reached the chat ${tries} times already; not sent again`);
    const options = thread === 0 ? DIGEST_MESSAGE_OPTIONS : { ...DIGEST_MESSAGE_OPTIONS, message_thread_id: thread };
    const outcome = await ctx.queue.sendMessage(chatId, parts[i] as string, options, 'digest', {
      signal: ctx.signal,
      maxAttempts: DIGEST_TRIES_PER_PASS,
      retryUnknown: false,
      beforeSend: () => {
        if (!ctx.mayContinue()) throw new Error('the sending lease was lost');
        ctx.write(() => ctx.deliveries.markPartTrying(key(), tries + 1));
      },
    });
    if (outcome.kind === 'cancelled') return 'interrupted';
    if (outcome.kind === 'sent') {
      ctx.write(() => ctx.deliveries.markPartSent(key(), i + 1));
      tries = 0;
      tally.messages++;
      continue;
    }
    const { failure } = outcome;
    if (failure.kind === 'unknown') {
      tries++;
      if (tries >= MAX_PART_TRIES) return miss(`${part}: the answer was lost ${tries} times (${failure.reason}); not sent a third time`);
      ctx.log.info('digest part: the answer was lost; sending it once more', { chatId, topicId, slot, part: i + 1, reason: failure.reason });
      i--;
      continue;
    }
    if (failure.kind === 'transient') {
      const retryAt = ctx.now() + retryDelayMs(delivery.attempts);
      ctx.write(() => ctx.deliveries.retryLater(key(), { partTries: tries, reason: `${part}: ${failure.reason}`, retryAt }));
      ctx.log.info('digest deferred: Telegram unreachable', { chatId, topicId, slot, retryAt: new Date(retryAt).toISOString(), reason: failure.reason });
      ctx.unreachable(failure.reason);
      return 'deferred';
    }
    if (failure.kind === 'migrated' && migrations < MAX_MIGRATIONS) {
      migrations++;
      // Settings, subscriptions and this delivery record move with the chat (ON UPDATE CASCADE).
      const from = chatId;
      ctx.write(() => ctx.chats.migrate(from, failure.toChatId));
      ctx.log.info('chat migrated to a supergroup; delivering there', { from, to: failure.toChatId });
      chatId = failure.toChatId;
      tally.migrated++;
      i--;
      continue;
    }
    if (thread !== 0 && isTopicGone(failure)) {
      // Refused, so not delivered: the same part goes to General, and the chat is told (once).
      ctx.log.info('forum topic deleted or closed; sending to General', { chatId, topicId, slot, reason: failure.reason });
      ctx.topicGone?.(chatId, thread);
      thread = 0;
      i--;
      continue;
    }
    if (failure.kind === 'blocked' || failure.kind === 'chat-not-found') {
      ctx.write(() => {
        ctx.chats.markInactive(chatId, failure.reason);
        ctx.deliveries.fail(key(), failure.reason);
      });
      ctx.log.info('chat is gone; marked inactive', { chatId, reason: failure.reason });
      ctx.chatLost?.(chatId, failure.reason);
      return 'inactive';
    }
    ctx.write(() => ctx.deliveries.fail(key(), `${part}: ${failure.reason}`));
    ctx.log.warn('digest delivery failed', { chatId, topicId, slot, part: i + 1, reason: failure.reason, attempts: outcome.attempts });
    return 'failed';
  }
  ctx.write(() => ctx.deliveries.complete(key()));
  return 'sent';
}
