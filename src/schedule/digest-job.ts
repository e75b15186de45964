import cron, { type ScheduledTask } from 'node-cron';
import { type Clock, systemClock } from '../clock.js';
import type { Config } from '../config.js';
import { createDigestSender, type DrainReport } from '../delivery/digest-sender.js';
import { createLeaseKeeper } from '../delivery/lease-keeper.js';
import type { SendQueue } from '../delivery/send-queue.js';
import { createDigestBuilder } from '../digest/build.js';
import type { Logger } from '../log.js';
import { type ChatStore, createChatStore } from '../store/chats.js';
import type { Db } from '../store/db.js';
import { createDeliveryStore } from '../store/deliveries.js';
import { createChannelStore } from '../channels/channel-store.js';
import { createChannelNotices } from '../channels/notices.js';
import { createTopicGone } from '../topics/topic-gone.js';
import { createTopicStore } from '../topics/topic-store.js';
import { createLeaseStore, localHolderId } from '../store/leases.js';
import { createPlanMemo, planDueDigests, type PlanReport } from './plan-digests.js';

/** The lease that says which process sends digests. */
export const DIGEST_LEASE = 'digest-sender';

export interface DigestJobDeps {
  config: Pick<Config, 'DIGEST_CATCHUP_HOURS' | 'DIGEST_ITEMS_PER_REGION' | 'DEFAULT_LANGUAGE' | 'DEFAULT_DIGEST_TIME' | 'DEFAULT_TIMEZONE' | 'SEND_RATE_PER_SECOND'> &
    Partial<Pick<Config, 'ALLOW_CHAT_FEEDS'>>;
  db: Db;
  /** The process's one send queue (see `createSendQueue`); the bot's replies share it. */
  queue: SendQueue;
  log: Logger;
  /** "Now" for scheduling: which digests are due and what they cover. */
  clock: Clock;
  /** The chat store; one is made on `db` if not given. */
  chats?: ChatStore;
  /** Real time for lease expiry and record stamps (default the system clock), even when `clock` is moved. */
  wallClock?: Clock;
  /** Lease holder id (default host:pid:random). */
  holder?: string;
  /** Lease time-to-live (ms, default 30 s). */
  leaseTtlMs?: number;
  /** Deliveries sent at once (default: twice the per-second rate, at least 16). */
  concurrency?: number;
}

/** What one pass found and did (`missed` counts both the planner's and the sender's). */
export interface PassReport extends PlanReport, DrainReport {
  /** The pass's "now", ISO. */
  at: string;
  /** False when another process holds the sending lease: this pass planned and sent nothing. */
  leaseHeld: boolean;
}

/**
 * Scheduling passes on one database: under the sending lease, plan the digests due at `now`
 * (records with rendered parts written first), then send every pending record through the queue.
 * Used by the minute schedule and by `newsbot send-due`.
 */
export function createDigestRunner(deps: DigestJobDeps) {
  const wallClock = deps.wallClock ?? systemClock;
  const chats =
    deps.chats ?? createChatStore(deps.db, wallClock, { digestTime: deps.config.DEFAULT_DIGEST_TIME, timezone: deps.config.DEFAULT_TIMEZONE });
  const deliveries = createDeliveryStore(deps.db, wallClock, chats);
  const lease = createLeaseKeeper({
    leases: createLeaseStore(deps.db, wallClock),
    name: DIGEST_LEASE,
    holder: deps.holder ?? localHolderId(),
    ...(deps.leaseTtlMs !== undefined ? { ttlMs: deps.leaseTtlMs } : {}),
    clock: wallClock,
    log: deps.log,
  });
  const builder = createDigestBuilder(deps.db, {
    itemsPerRegion: deps.config.DIGEST_ITEMS_PER_REGION,
    defaultLanguage: deps.config.DEFAULT_LANGUAGE,
    chatFeeds: deps.config.ALLOW_CHAT_FEEDS ?? true,
  });
  const catchupMs = deps.config.DIGEST_CATCHUP_HOURS * 3_600_000;
  const memo = createPlanMemo();
  // What the bot says unasked about where digests go, ahead of digests: to whoever set up a
  // channel it may no longer post in (privately), and in General when a forum topic is gone.
  const send = async (chatId: number, html: string) => {
    const outcome = await deps.queue.sendMessage(chatId, html, { parse_mode: 'HTML' }, 'reply');
    if (outcome.kind !== 'sent') throw outcome.kind === 'failed' ? outcome.error : new Error('not sent');
  };
  const notices = createChannelNotices({
    chats,
    channels: createChannelStore(deps.db, wallClock),
    log: deps.log,
    defaultLanguage: deps.config.DEFAULT_LANGUAGE,
    send,
  });
  const topics = createTopicStore(deps.db, wallClock);
  const topicGone = createTopicGone({ chats, topics, log: deps.log, defaultLanguage: deps.config.DEFAULT_LANGUAGE, send });
  // The latest pass's "now": a drain that outlives its pass (a long fan-out) serves the next tick's too.
  let passNow = deps.clock.now();
  const sender = createDigestSender({
    deliveries,
    chats,
    queue: deps.queue,
    log: deps.log,
    now: () => passNow,
    catchupMs,
    mayContinue: () => lease.held(),
    concurrency: deps.concurrency ?? Math.max(16, Math.ceil(deps.config.SEND_RATE_PER_SECOND * 2)),
    chatLost: (chatId, reason) => {
      notices.lost(chatId, reason).catch((error: unknown) => deps.log.warn('could not record a lost channel', { chatId, error }));
    },
    topicGone: (chatId, topicId) => {
      topicGone(chatId, topicId).catch((error: unknown) => deps.log.warn('could not record a gone topic', { chatId, topicId, error }));
    },
  });
  let passes = 0;
  let planning: Promise<PlanReport> | undefined;

  return {
    deliveries,
    chats,
    /**
     * One pass as if at `now` (ms, default the scheduling clock): plans what is due, sends every
     * pending digest, logs `digest pass` with due/planned/skipped/sent/failed/inactive/migrated.
     * Resolves when the pass's sends are done. Never sends when another process holds the lease.
     * `stopped` says why sending stopped early (Telegram unreachable, a failed database write).
     */
    async runPass(now: number = deps.clock.now()): Promise<PassReport> {
      const at = new Date(now).toISOString();
      passes++;
      try {
        if (!lease.acquire()) {
          deps.log.info('digest pass: another process holds the sending lease; nothing sent', { at, holder: lease.holderNow() });
          const nothing = { due: 0, planned: 0, skipped: 0, sent: 0, failed: 0, inactive: 0, migrated: 0, interrupted: 0, deferred: 0, missed: 0, messages: 0 };
          return { at, leaseHeld: false, ...nothing };
        }
        passNow = now;
        // Planning yields between pages; a tick that comes meanwhile joins it instead of planning twice.
        planning ??= planDueDigests({ chats, deliveries, builder, log: deps.log, catchupMs, memo, topics }, now).finally(() => {
          planning = undefined;
        });
        const plan = await planning;
        const drain = await sender.drain();
        const report: PassReport = { at, leaseHeld: true, ...plan, ...drain, missed: plan.missed + drain.missed };
        const busy = drain.sent + drain.failed + drain.inactive + drain.interrupted + drain.deferred + report.missed + plan.skipped;
        (plan.due === 0 && busy === 0 ? deps.log.debug : deps.log.info)('digest pass', { ...report });
        return report;
      } finally {
        passes--;
        if (passes === 0 && !sender.busy()) lease.release();
      }
    },
  };
}

export type DigestRunner = ReturnType<typeof createDigestRunner>;

export interface DigestJob {
  runner: DigestRunner;
  /** Stops the minute tick and waits for the pass in progress (its queued sends included). */
  stop(): Promise<void>;
}

/**
 * Starts the digest schedule: a node-cron tick every minute (UTC) runs a pass; a first pass runs at
 * once, which catches up digests that fell due while the bot was down (less than
 * DIGEST_CATCHUP_HOURS late; older ones are recorded as skipped and logged, never sent in a burst).
 * A tick while a pass is still sending plans the newly due digests and lets the running drain send
 * them. Errors are logged, never thrown into the timer.
 */
export function startDigestJob(deps: DigestJobDeps, options: { runAtStart?: boolean } = {}): DigestJob {
  const runner = createDigestRunner(deps);
  const inFlight = new Set<Promise<unknown>>();
  const pass = () => {
    const p = runner
      .runPass()
      .catch((error: unknown) => deps.log.error('digest pass failed', { error }))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
    return p;
  };
  const task: ScheduledTask = cron.schedule('* * * * *', () => void pass(), { timezone: 'UTC', name: 'digests' });
  if (options.runAtStart !== false) void pass();
  return {
    runner,
    async stop() {
      await task.stop();
      await Promise.all([...inFlight]);
    },
  };
}
