import { cadenceFromRow } from '../cadence/cadence.js';
import { type DigestSlot, firstLookbackMs, latestSlot } from '../cadence/slots.js';
import { lateReason } from '../delivery/retry-policy.js';
import type { DigestBuilder } from '../digest/build.js';
import { digestWindow } from '../digest/build.js';
import type { Logger } from '../log.js';
import type { Chat, ChatStore } from '../store/chats.js';
import type { DeliveryStore, NewDelivery } from '../store/deliveries.js';

export interface PlanReport {
  /** Digests whose time had come and that had no record yet. */
  due: number;
  /** Of those, written as pending with their rendered parts. */
  planned: number;
  /** Of those, too late (over DIGEST_CATCHUP_HOURS) and recorded as skipped. */
  skipped: number;
  /** Pending records (Telegram unreachable, sending stopped, the bot stopped) that reached the catch-up limit. */
  missed: number;
}

export interface PlanDeps {
  chats: ChatStore;
  deliveries: DeliveryStore;
  builder: DigestBuilder;
  log: Logger;
  /** DIGEST_CATCHUP_HOURS in ms: a digest later than this is skipped, never sent in a burst. */
  catchupMs: number;
}

/** Records written per transaction, so a pass over 100k chats never holds the write lock for long. */
const BATCH = 500;

/**
 * One scheduling pass at `now` (ms): for every active, unpaused, subscribed chat whose latest digest
 * time of its cadence (in its own zone) has come and that has no delivery record for that slot yet
 * (a local date; date and time for twice-daily), builds the digest (stories since its previous
 * digest, up to `now`) and writes a pending record with the rendered parts, before anything is sent. A digest more than `catchupMs` late is recorded as skipped instead. A pending
 * record that has become that late (Telegram was unreachable, or sending stopped) is recorded as
 * missed, with the last error, and logged as a warning. A chat created after its digest time
 * gets its first digest the next day. Yields to the event loop between pages of chats.
 */
export async function planDueDigests(deps: PlanDeps, now: number): Promise<PlanReport> {
  const report: PlanReport = { due: 0, planned: 0, skipped: 0, missed: 0 };
  deps.builder.refresh();
  let batch: NewDelivery[] = [];
  const flush = () => {
    if (batch.length > 0) deps.deliveries.createMany(batch);
    batch = [];
  };
  // Chats share (zone, time, cadence) groups: one due-time computation per group, then only the
  // chats of the group that its due time has not yet been served to. A minute's pass over 100k chats reads only those.
  for (const group of deps.chats.scheduleSlots()) {
    const cadence = cadenceFromRow(group.digestTime, group.cadence);
    let due: DigestSlot | undefined;
    try {
      due = latestSlot(cadence, group.timezone, now);
    } catch (error: unknown) {
      deps.log.warn('chats have an unusable digest time or zone; skipped', { time: group.digestTime, zone: group.timezone, error });
      continue;
    }
    if (!due) continue;
    // Page by page, yielding between pages: a group of 50,000 chats neither sits in memory at once
    // nor holds the event loop (and people's /latest) for seconds.
    let page = deps.chats.waitingInSlot(group, due.dueAt);
    // How far a first digest reaches back: worked out only for a group that has a chat waiting
    // (most minutes none has), as it costs another due computation.
    const lookbackMs = page.length > 0 ? firstLookbackMs(cadence, group.timezone, due.dueAt) : 0;
    while (page.length > 0) {
      for (const chat of page) {
        if (deps.deliveries.has(chat.id, due.slot)) continue;
        report.due++;
        const lateMs = now - due.dueAt;
        if (lateMs > deps.catchupMs) {
          const window = digestWindow(chat.lastDigestUntil, now, lookbackMs);
          const reason = `late by ${(lateMs / 3_600_000).toFixed(1)} h, over the catch-up limit of ${deps.catchupMs / 3_600_000} h`;
          batch.push({ chatId: chat.id, slot: due.slot, dueAt: due.dueAt, ...window, parts: [], status: 'skipped', error: reason });
          deps.log.info('digest skipped: too late', { chatId: chat.id, slot: due.slot, dueAt: new Date(due.dueAt).toISOString() });
          report.skipped++;
        } else {
          // Several digests a day: each header says which ("Saturday, November 28, 18:00").
          const digest = deps.builder.build(chat, due.localDate, now, cadence.kind === 'twice' ? { lookbackMs, time: due.time } : { lookbackMs });
          batch.push({ chatId: chat.id, slot: due.slot, dueAt: due.dueAt, since: digest.since, until: digest.until, parts: digest.parts });
          report.planned++;
        }
        if (batch.length >= BATCH) flush();
      }
      flush();
      const afterId = (page.at(-1) as Chat).id;
      await new Promise<void>((resolve) => setImmediate(resolve));
      page = deps.chats.waitingInSlot(group, due.dueAt, { afterId });
    }
  }
  flush();
  for (const pending of deps.deliveries.pendingDueBefore(now - deps.catchupMs)) {
    const reason = lateReason(deps.catchupMs, pending.error);
    deps.deliveries.miss(pending, reason);
    deps.log.warn('digest missed', { chatId: pending.chatId, topicId: pending.topicId, slot: pending.slot, reason });
    report.missed++;
  }
  return report;
}
