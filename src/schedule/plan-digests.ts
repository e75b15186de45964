import { cadenceFromRow } from '../cadence/cadence.js';
import { type DigestSlot, firstLookbackMs, latestSlot, nextSlot } from '../cadence/slots.js';
import { lateReason } from '../delivery/retry-policy.js';
import type { DigestBuilder } from '../digest/build.js';
import { digestWindow } from '../digest/digest-window.js';
import type { Logger } from '../log.js';
import { type Chat, type ChatStore, OWED_PAGE, type OwedChat, type ScheduleGroup } from '../store/chats.js';
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
 * (zone, time, cadence) groups at scale (3,490 among 10,000 generated chats); the store says which
 * groups a pass must read (`chats.groupsToRead`), and the memo spares the zone arithmetic when a
 * group is read again within one slot (a chat joined it):
 * - `slots`: a group's latest due slot and when the next one comes, so the zone arithmetic runs
 *   once per group and slot, not once a minute;
 * - `closed`: groups whose slot a pass visited when it was already past the catch-up limit: their
 *   chats got their records then (skipped), so later passes leave the group alone until its next
 *   slot (a chat that joins such a group later that day gets no 'skipped' record; its next digest
 *   comes at its next time, covering the stories since its last one; without the memo, as in
 *   `newsbot send-due`, such a chat's record is written as skipped).
 */
export interface PlanMemo {
  slots: Map<string, { due: DigestSlot | undefined; lookbackMs?: number; from: number; until: number }>;
  closed: Map<string, string>;
}

export function createPlanMemo(): PlanMemo {
  return { slots: new Map(), closed: new Map() };
}

/** Records (and served groups) written per transaction, so a pass over 1M chats never holds the write lock for long. */
const BATCH = 500;

/**
 * One scheduling pass at `now` (ms): for every active, unpaused, subscribed chat whose latest digest
 * time of its cadence (in its own zone) has come and that has no delivery record for that slot yet
 * (a local date; date and time for twice-daily), builds the digest (stories since its previous
 * digest, up to `now`) and writes a pending record with the rendered parts, before anything is sent. A digest more than `catchupMs` late is recorded as skipped instead. A pending
 * record that has become that late (Telegram was unreachable, or sending stopped) is recorded as
 * missed, with the last error, and logged as a warning. A chat created after its digest time
 * gets its first digest the next day. Reads only the (zone, time, cadence) groups whose digest
 * time came since they were served, or that a chat joined or changed in (`chats.groupsToRead`), and
 * yields to the event loop between pages of chats, every 500 records or so. A forum
 * with a digest topic or regions routed to topics gets one record per topic (see `forumParts`).
 */
export async function planDueDigests(deps: PlanDeps, now: number): Promise<PlanReport> {
  const report: PlanReport = { due: 0, planned: 0, skipped: 0, missed: 0 };
  deps.builder.refresh();
  // Forums that use topics are few: known once per pass, the others cost no lookup.
  const withTopics = deps.topics?.chatsWithTopics() ?? new Set<number>();
  let batch: NewDelivery[] = [];
  let served: { group: ScheduleGroup & { version: number }; until: number }[] = [];
  // Records go in batches across groups (a transaction per group cost more than its records at
  // thousands of groups); a group is marked served only after its records are written, so a crash
  // in between leaves it to be read again, never a chat without its digest.
  const flush = () => {
    if (batch.length > 0) deps.deliveries.createMany(batch);
    batch = [];
    if (served.length > 0) deps.chats.groupsServed(served);
    served = [];
  };
  // Between pages only, and only with what was read written first: a pass over a million chats
  // neither holds the event loop (and people's /latest) for seconds nor plans from a page that a
  // command changed meanwhile.
  const breathe = async () => {
    if (batch.length + served.length < BATCH) return;
    flush();
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
  // Chats share (zone, time, cadence) groups: one due-time computation per group, then only the
  // chats of the group that its due time has not yet been served to. The store hands out only the
  // groups whose digest time came since they were last served, or that a chat joined or changed in
  // since: a minute's pass reads a few groups, not every group of a million chats.
  for (const group of deps.chats.groupsToRead(now)) {
    const cadence = cadenceFromRow(group.digestTime, group.cadence);
    const key = `${group.timezone}|${group.digestTime}|${group.cadence}`;
    const known = deps.memo?.slots.get(key);
    let entry = known && now >= known.from && now < known.until ? known : undefined;
    if (!entry) {
      try {
        const latest = latestSlot(cadence, group.timezone, now);
        entry = { due: latest, from: latest?.dueAt ?? Number.NEGATIVE_INFINITY, until: nextSlot(cadence, group.timezone, now).dueAt };
        deps.memo?.slots.set(key, entry);
      } catch (error: unknown) {
        deps.log.warn('chats have an unusable digest time or zone; skipped', { time: group.digestTime, zone: group.timezone, error });
        continue;
      }
    }
    const due = entry.due;
    const lateMs = due ? now - due.dueAt : 0;
    // Served (or closed): not read again before the group's next digest time unless a chat joins it.
    if (due && deps.memo?.closed.get(key) !== due.slot) {
      if (lateMs > deps.catchupMs) {
        // Too late: a skipped record each, no digest built, so only ids and last digests are read.
        const reason = `late by ${(lateMs / 3_600_000).toFixed(1)} h, over the catch-up limit of ${deps.catchupMs / 3_600_000} h`;
        let lookbackMs: number | undefined;
        let skipped = 0;
        for (let page = deps.chats.owedInSlot(group, due.dueAt, { recorded: due.slot }); page.length > 0; ) {
          lookbackMs ??= entry.lookbackMs ??= firstLookbackMs(cadence, group.timezone, due.dueAt);
          for (const chat of page) {
            const window = digestWindow(chat.lastDigestUntil, now, lookbackMs);
            batch.push({ chatId: chat.id, slot: due.slot, dueAt: due.dueAt, ...window, parts: [], status: 'skipped', error: reason });
          }
          skipped += page.length;
          const afterId = (page.at(-1) as OwedChat).id;
          // A short page was the group's last: most groups fit in one, and asking again cost a query each.
          const last = page.length < OWED_PAGE;
          await breathe();
          page = last ? [] : deps.chats.owedInSlot(group, due.dueAt, { afterId, recorded: due.slot });
        }
        // One line per group, not per chat: after a day's stop at a million chats, 600,000 lines
        // written one by one to stderr were seconds of the pass, and each chat's record says it.
        if (skipped > 0) {
          const { timezone, digestTime } = group;
          deps.log.info('digests skipped: too late', { chats: skipped, slot: due.slot, dueAt: new Date(due.dueAt).toISOString(), timezone, digestTime });
        }
        report.due += skipped;
        report.skipped += skipped;
        deps.memo?.closed.set(key, due.slot);
      } else {
        // Page by page: a group of 50,000 chats never sits in memory at once.
        for (let page = deps.chats.waitingInSlot(group, due.dueAt, { recorded: due.slot }); page.length > 0; ) {
          // How far a first digest reaches back: worked out only for a group that has a chat waiting
          // (most minutes none has), as it costs another due computation; once per slot with a memo.
          const lookbackMs = (entry.lookbackMs ??= firstLookbackMs(cadence, group.timezone, due.dueAt));
          // Several digests a day: each header says which ("Saturday, November 28, 18:00").
          const slot = cadence.kind === 'twice' ? { lookbackMs, time: due.time } : { lookbackMs };
          for (const chat of page) {
            report.due++;
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
          const afterId = (page.at(-1) as Chat).id;
          const last = page.length < OWED_PAGE;
          await breathe();
          page = last ? [] : deps.chats.waitingInSlot(group, due.dueAt, { afterId, recorded: due.slot });
        }
      }
    }
    served.push({ group, until: entry.until });
    await breathe();
  }
  flush();
  // A page at a time, each in one transaction: after a long outage these are many.
  for (;;) {
    const page = deps.deliveries.pendingDueBefore(now - deps.catchupMs, BATCH);
    const missed = page.map((pending) => ({ key: pending, reason: lateReason(deps.catchupMs, pending.error) }));
    deps.deliveries.missAll(missed);
    for (const { key, reason } of missed) deps.log.warn('digest missed', { chatId: key.chatId, topicId: key.topicId, slot: key.slot, reason });
    report.missed += missed.length;
    if (page.length < BATCH) break;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return report;
}
