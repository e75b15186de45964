import type { Logger } from '../log.js';
import type { ChatStore } from '../store/chats.js';
import type { DeliveryStore, PendingDelivery } from '../store/deliveries.js';
import { type DeliveryContext, type DeliveryTally, deliverDigest } from './deliver-digest.js';
import type { SendQueue } from './send-queue.js';

export { DIGEST_MESSAGE_OPTIONS, type DeliveryResult } from './deliver-digest.js';

/** Why a fan-out stopped before every pending delivery was tried. */
export type StopReason =
  /** Telegram could not be reached (network, 5xx): the rest waits for a later pass. */
  | { kind: 'telegram-unreachable'; reason: string }
  /** A store write failed (a full disk, a damaged file): nothing more is sent until it works. */
  | { kind: 'database'; reason: string }
  /** Another process may send now. */
  | { kind: 'lease-lost' };

export interface DrainReport {
  sent: number;
  failed: number;
  /** Chats found blocked, kicked or gone, now inactive. */
  inactive: number;
  /** Groups that became supergroups and got their digest at the new id. */
  migrated: number;
  /** Left pending untried (or part-way) because sending stopped; a later pass resumes them. */
  interrupted: number;
  /** Tried, Telegram unreachable: pending with a retry time. */
  deferred: number;
  /** Given up: past the catch-up limit, or a part's answer lost twice. */
  missed: number;
  /** Messages Telegram accepted. */
  messages: number;
  /** Set when sending stopped early, with why. */
  stopped?: StopReason;
}

export interface DigestSenderDeps {
  deliveries: DeliveryStore;
  chats: ChatStore;
  queue: SendQueue;
  log: Logger;
  /** "Now" for retry times and the catch-up limit (ms, scheduling time); default the system clock. */
  now?: () => number;
  /** DIGEST_CATCHUP_HOURS in ms (default 6 h): a delivery later than this is missed, not sent. */
  catchupMs?: number;
  /** Sending stops (records stay pending) as soon as this turns false. */
  mayContinue?: () => boolean;
  /** Deliveries sent at once (each chat's parts go one after another); default 64. */
  concurrency?: number;
  /** Pending records' keys read at a time, in due order; default 1,000. */
  pageSize?: number;
  /**
   * Called when a chat is found blocked, removed or no longer postable and was marked inactive
   * (e.g. to tell whoever set up a channel); must not throw.
   */
  chatLost?: (chatId: number, reason: string) => void;
  /** Called when a forum topic turns out deleted or closed (its parts then go to General); must not throw. */
  topicGone?: (chatId: number, topicId: number) => void;
}

/** A record's key as one string, for the set of records being sent. */
const keyText = (d: PendingDelivery) => `${d.chatId}:${d.topicId}:${d.slot}`;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Sends pending delivery records (see `deliverDigest` for one). A failure that concerns one chat
 * stays with that chat; three things stop the whole fan-out at once, dropping every send still
 * queued: Telegram unreachable (the records wait for a later pass, with back-off), a failed store
 * write (nothing is sent that could not be recorded, so a full disk repeats at most the messages
 * already on the wire), and a lost lease.
 */
export function createDigestSender(deps: DigestSenderDeps) {
  const concurrency = deps.concurrency ?? 64;
  const pageSize = deps.pageSize ?? 1_000;
  const now = deps.now ?? (() => Date.now());
  const active = new Set<string>();
  let running: Promise<DrainReport> | undefined;
  let again = false;

  async function drainOnce(): Promise<DrainReport> {
    const report: DrainReport = { sent: 0, failed: 0, inactive: 0, migrated: 0, interrupted: 0, deferred: 0, missed: 0, messages: 0 };
    const stop = new AbortController();
    const halt = (reason: StopReason) => {
      if (report.stopped) return;
      report.stopped = reason;
      stop.abort();
      if (reason.kind === 'database') deps.log.error('digest sending stopped: a database write failed', { reason: reason.reason });
      else if (reason.kind === 'telegram-unreachable') deps.log.warn('digest sending stopped: Telegram unreachable; later passes retry', { reason: reason.reason });
      else deps.log.warn('digest sending stopped: the sending lease was lost');
    };
    const ctx: DeliveryContext = {
      deliveries: deps.deliveries,
      chats: deps.chats,
      queue: deps.queue,
      log: deps.log,
      now,
      catchupMs: deps.catchupMs ?? 6 * 3_600_000,
      signal: stop.signal,
      mayContinue: () => {
        if (deps.mayContinue?.() ?? true) return true;
        halt({ kind: 'lease-lost' });
        return false;
      },
      write: (fn) => {
        try {
          return fn();
        } catch (error: unknown) {
          halt({ kind: 'database', reason: messageOf(error) });
          throw error;
        }
      },
      unreachable: (reason) => halt({ kind: 'telegram-unreachable', reason }),
      ...(deps.chatLost ? { chatLost: deps.chatLost } : {}),
      ...(deps.topicGone ? { topicGone: deps.topicGone } : {}),
    };
    const tally: DeliveryTally = report;
    do {
      again = false;
      // The pending records' keys a page at a time, in due order: after a catch-up at a million
      // chats 400,000 records wait, and holding all their keys for the hours the fan-out takes was
      // tens of MB. Records written meanwhile (the next minutes' digests) come in their place.
      let page: PendingDelivery[] = [];
      let next = 0;
      let last = false;
      let read = true;
      const take = (): PendingDelivery | undefined => {
        if (stop.signal.aborted) return undefined;
        while (next >= page.length) {
          if (last) return undefined;
          const after = page.at(-1);
          try {
            page = ctx.write(() => deps.deliveries.pendingPage(now(), after, pageSize));
          } catch {
            read = false;
            return undefined;
          }
          next = 0;
          last = page.length < pageSize;
        }
        return page[next++];
      };
      const lane = async () => {
        for (let delivery = take(); delivery !== undefined; delivery = take()) {
          const key = keyText(delivery);
          if (active.has(key)) continue;
          active.add(key);
          try {
            const result = await deliverDigest(ctx, delivery, tally);
            if (result !== 'settled') report[result]++;
          } catch (error: unknown) {
            // A store error (or a bug) while sending: nothing more goes out in this fan-out.
            report.interrupted++;
            halt({ kind: 'database', reason: messageOf(error) });
          } finally {
            active.delete(key);
          }
        }
      };
      await Promise.all(Array.from({ length: concurrency }, lane));
      if (!read) break;
      // Deliveries never reached by a lane stay pending too: the rest of the page and those after it.
      if (stop.signal.aborted) {
        report.interrupted += page.length - next;
        if (!last) {
          try {
            report.interrupted += deps.deliveries.pendingAfter(now(), page.at(-1));
          } catch {
            // The store that stopped the fan-out may not answer: the count is only a report.
          }
        }
      }
    } while (again && !stop.signal.aborted);
    return report;
  }

  return {
    /**
     * Sends every pending delivery whose retry time has come, including ones written while this
     * runs; resolves with what happened. Calls while a drain is running join it.
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
