import { cadenceFromRow } from '../cadence/cadence.js';
import { type DigestSlot, firstLookbackMs, latestSlot, nextSlot } from '../cadence/slots.js';
import { lateReason } from '../delivery/retry-policy.js';
import type { DigestBuilder } from '../digest/build.js';
import { digestWindow } from '../digest/build.js';
import type { Logger } from '../log.js';
import type { Chat, ChatStore } from '../store/chats.js';
import type { DeliveryStore, NewDelivery } from '../store/deliveries.js';
import { forumParts } from '../topics/forum-parts.js';
import type { TopicStore } from '../topics/topic-store.js';

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
  /** What the passes of one process remember between them (see {@link createPlanMemo}); none: every pass starts afresh. */
  memo?: PlanMemo;
  /** Forums' topics: a forum's digest goes to its digest topic, split by region over routed topics. */
  topics?: TopicStore;
}

/**
 * What a process's planning passes carry from one minute to the next. Chats share thousands of
 * (zone, time, cadence) groups at scale (3,490 among 10,000 generated chats), and every pass used
 * to work out each group's due time in its zone and ask SQLite for its waiting chats:
 * - `slots`: a group's latest due slot and when the next one comes, so the zone arithmetic runs
 *   once per group and slot, not once a minute;
 * - `closed`: groups whose slot a pass visited when it was already past the catch-up limit: their
 *   chats got their records then (skipped), so later passes leave the group alone until its next
 *   slot (a chat that joins such a group later that day gets no 'skipped' record; its next digest
 *   comes at its next time, covering the stories since its last one).
 */
export interface PlanMemo {
  slots: Map<string, { due: DigestSlot | undefined; lookbackMs?: number; from: number; until: number }>;
  closed: Map<string, string>;
}

export function createPlanMemo(): PlanMemo {
  return { slots: new Map(), closed: new Map() };
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
 * gets its first digest the next day. Yields to the event loop between pages of chats. A forum
 * with a digest topic or regions routed to topics gets one record per topic (see `forumParts`).
 */
export async function planDueDigests(deps: PlanDeps, now: number): Promise<PlanReport> {
  const report: PlanReport = { due: 0, planned: 0, skipped: 0, missed: 0 };
  deps.builder.refresh();
  // Forums that use topics are few: known once per pass, the others cost no lookup.
  const withTopics = deps.topics?.chatsWithTopics() ?? new Set<number>();
  let batch: NewDelivery[] = [];
  const flush = () => {
    if (batch.length > 0) deps.deliveries.createMany(batch);
    batch = [];
  };
  // Chats share (zone, time, cadence) groups: one due-time computation per group, then only the
  // chats of the group that its due time has not yet been served to. A minute's pass over 100k chats reads only those.
  for (const group of deps.chats.scheduleSlots()) {
    const cadence = cadenceFromRow(group.digestTime, group.cadence);
    const key = `${group.timezone}|${group.digestTime}|${group.cadence}`;
    let due: DigestSlot | undefined;
    const known = deps.memo?.slots.get(key);
    let entry = known && now >= known.from && now < known.until ? known : undefined;
    if (entry) due = entry.due;
    else {
      try {
        due = latestSlot(cadence, group.timezone, now);
        if (deps.memo) {
          entry = { due, from: due?.dueAt ?? Number.NEGATIVE_INFINITY, until: nextSlot(cadence, group.timezone, now).dueAt };
          deps.memo.slots.set(key, entry);
        }
      } catch (error: unknown) {
        deps.log.warn('chats have an unusable digest time or zone; skipped', { time: group.digestTime, zone: group.timezone, error });
        continue;
      }
    }
    if (!due) continue;
    if (deps.memo?.closed.get(key) === due.slot) continue;
    // Page by page, yielding between pages: a group of 50,000 chats neither sits in memory at once
    // nor holds the event loop (and people's /latest) for seconds.
    let page = deps.chats.waitingInSlot(group, due.dueAt, { recorded: due.slot });
    // How far a first digest reaches back: worked out only for a group that has a chat waiting
    // (most minutes none has), as it costs another due computation; once per slot with a memo.
    let lookbackMs = 0;
    if (page.length > 0) {
      lookbackMs = entry?.lookbackMs ?? firstLookbackMs(cadence, group.timezone, due.dueAt);
      if (entry) entry.lookbackMs = lookbackMs;
    }
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
          const slot = cadence.kind === 'twice' ? { lookbackMs, time: due.time } : { lookbackMs };
          if (deps.topics && withTopics.has(chat.id)) {
            for (const part of forumParts(chat.regions, deps.topics.plan(chat.id))) {
              const digest = deps.builder.build(chat, due.localDate, now, { ...slot, part });
              batch.push({ chatId: chat.id, topicId: part.topicId, slot: due.slot, dueAt: due.dueAt, since: digest.since, until: digest.until, parts: digest.parts });
            }
          } else {
            const digest = deps.builder.build(chat, due.localDate, now, slot);
            batch.push({ chatId: chat.id, slot: due.slot, dueAt: due.dueAt, since: digest.since, until: digest.until, parts: digest.parts });
          }
          report.planned++;
        }
        if (batch.length >= BATCH) flush();
      }
      flush();
      const afterId = (page.at(-1) as Chat).id;
      await new Promise<void>((resolve) => setImmediate(resolve));
      page = deps.chats.waitingInSlot(group, due.dueAt, { afterId, recorded: due.slot });
    }
    if (now - due.dueAt > deps.catchupMs) deps.memo?.closed.set(key, due.slot);
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
