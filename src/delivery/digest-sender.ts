import type { Logger } from '../log.js';
import type { ChatStore } from '../store/chats.js';
import type { DeliveryStore, PendingDelivery } from '../store/deliveries.js';
import type { SendQueue } from './send-queue.js';

/** How one delivery ended in this run. */
export type DeliveryResult = 'sent' | 'failed' | 'inactive' | 'interrupted';

export interface DrainReport {
  sent: number;
  failed: number;
  /** Chats found blocked, kicked or gone, now inactive. */
  inactive: number;
  /** Groups that became supergroups and got their digest at the new id. */
  migrated: number;
  /** Deliveries left pending because the lease was lost; another process (or the next pass) resumes them. */
  interrupted: number;
  /** Messages Telegram accepted. */
  messages: number;
}

export interface DigestSenderDeps {
  deliveries: DeliveryStore;
  chats: ChatStore;
  queue: SendQueue;
  log: Logger;
  /** Sending stops (records stay pending) as soon as this turns false. */
  mayContinue?: () => boolean;
  /** Deliveries sent at once (each chat's parts go one after another); default 64. */
  concurrency?: number;
}

/** Digest messages: HTML, no link previews (a digest has many links). */
export const DIGEST_MESSAGE_OPTIONS = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } } as const;

/** Moves at most this many times in one delivery (a migrated chat migrating again is already odd). */
const MAX_MIGRATIONS = 2;

/**
 * Sends pending delivery records, resuming each from `partsSent`. Each part is marked sent as soon
 * as Telegram accepted it, so a crash repeats at most the message that was in flight; a complete
 * delivery advances the chat's `lastDigestUntil` in the same transaction. Blocked or vanished chats
 * are marked inactive, migrated groups are moved and served at their new id, and every other
 * failure is recorded on the delivery. One chat's trouble does not hold up the others.
 */
export function createDigestSender(deps: DigestSenderDeps) {
  const concurrency = deps.concurrency ?? 64;
  const mayContinue = deps.mayContinue ?? (() => true);
  const active = new Set<string>();
  let running: Promise<DrainReport> | undefined;
  let again = false;

  async function deliver(pending: PendingDelivery, report: DrainReport): Promise<DeliveryResult | 'settled'> {
    // The record's text is read only now, for the one chat being served, and its state afresh.
    const delivery = deps.deliveries.get(pending.chatId, pending.localDate);
    // Settled since the list was read (the chat left with /stop, or the record was given up).
    if (!delivery || delivery.status !== 'pending') return 'settled';
    let chatId = delivery.chatId;
    const { localDate, parts } = delivery;
    let migrations = 0;
    for (let i = delivery.partsSent; i < parts.length; i++) {
      if (!mayContinue()) return 'interrupted';
      const outcome = await deps.queue.sendMessage(chatId, parts[i] as string, DIGEST_MESSAGE_OPTIONS, 'digest');
      if (outcome.kind === 'sent') {
        deps.deliveries.markPartSent(chatId, localDate, i + 1);
        report.messages++;
        continue;
      }
      const { failure } = outcome;
      if (failure.kind === 'migrated' && migrations < MAX_MIGRATIONS) {
        migrations++;
        // Settings, subscriptions and this delivery record move with the chat (ON UPDATE CASCADE).
        deps.chats.migrate(chatId, failure.toChatId);
        deps.log.info('chat migrated to a supergroup; delivering there', { from: chatId, to: failure.toChatId });
        chatId = failure.toChatId;
        report.migrated++;
        i--;
        continue;
      }
      if (failure.kind === 'blocked' || failure.kind === 'chat-not-found') {
        deps.chats.markInactive(chatId, failure.reason);
        deps.deliveries.fail(chatId, localDate, failure.reason);
        deps.log.info('chat is gone; marked inactive', { chatId, reason: failure.reason });
        return 'inactive';
      }
      deps.deliveries.fail(chatId, localDate, `part ${i + 1}/${parts.length}: ${failure.reason}`);
      deps.log.warn('digest delivery failed', { chatId, localDate, part: i + 1, reason: failure.reason, attempts: outcome.attempts });
      return 'failed';
    }
    deps.deliveries.complete(chatId, localDate);
    return 'sent';
  }

  async function drainOnce(): Promise<DrainReport> {
    const report: DrainReport = { sent: 0, failed: 0, inactive: 0, migrated: 0, interrupted: 0, messages: 0 };
    do {
      again = false;
      const todo = deps.deliveries.pending().filter((d) => !active.has(`${d.chatId}:${d.localDate}`));
      let next = 0;
      const lane = async () => {
        while (next < todo.length && mayContinue()) {
          const delivery = todo[next++] as PendingDelivery;
          const key = `${delivery.chatId}:${delivery.localDate}`;
          if (active.has(key)) continue;
          active.add(key);
          try {
            const result = await deliver(delivery, report);
            if (result !== 'settled') report[result]++;
          } catch (error: unknown) {
            // A store error for one chat must not stop the others; the record stays pending.
            report.failed++;
            deps.log.error('digest delivery crashed', { chatId: delivery.chatId, error });
          } finally {
            active.delete(key);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, lane));
    } while (again && mayContinue());
    return report;
  }

  return {
    /**
     * Sends every pending delivery, including ones written while this runs; resolves with what
     * happened. Calls while a drain is running join it.
     */
    drain(): Promise<DrainReport> {
      if (running) {
        again = true;
        return running;
      }
      running = drainOnce().finally(() => {
        running = undefined;
      });
      return running;
    },
    /** True while a drain is running. */
    busy(): boolean {
      return running !== undefined;
    },
  };
}

export type DigestSender = ReturnType<typeof createDigestSender>;
