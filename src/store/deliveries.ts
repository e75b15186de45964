import type { Clock } from '../clock.js';
import type { ChatStore } from './chats.js';
import type { Db } from './db.js';

/**
 * pending: written, not all parts accepted yet; sent: every part accepted. Final without being
 * (fully) sent: failed (Telegram refused it: blocked, bad request), skipped (already too late when
 * its time was planned: the bot was down), missed (pending at the catch-up limit, or a part's
 * answer was lost twice).
 */
export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'skipped' | 'missed';

/**
 * Which digest a record is: one chat, one forum topic, one slot. `topicId` is the forum topic
 * (message_thread_id) it goes to, 0 for the chat itself (a forum's General topic); `slot` names the
 * digest within the chat's schedule: the local date 'YYYY-MM-DD' of a daily digest.
 */
export interface DeliveryKey {
  chatId: number;
  topicId: number;
  slot: string;
}

/** One digest record (see `DeliveryKey`). */
export interface Delivery extends DeliveryKey {
  status: DeliveryStatus;
  /** When the digest was due (ms). */
  dueAt: number;
  /** The digest covers stories published after `since` and up to `until` (ms). */
  since: number;
  until: number;
  /** The rendered messages, in order. */
  parts: string[];
  /** How many of `parts` Telegram has accepted, in order. */
  partsSent: number;
  /** Sends of part `partsSent + 1` that may have reached Telegram (crash, lost answer): 0, 1 or 2. */
  partTries: number;
  /** Passes that could not reach Telegram for it (the back-off grows with them). */
  attempts: number;
  /** Not to be tried again before this (ms, scheduling time); null: at once. */
  retryAt: number | null;
  /** Why it failed, was skipped or missed; while pending, why the last try did not get through. */
  error: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A delivery about to be written (`topicId` default 0: the chat itself). */
export interface NewDelivery {
  chatId: number;
  topicId?: number;
  slot: string;
  dueAt: number;
  since: number;
  until: number;
  parts: readonly string[];
  /** Default 'pending'; 'skipped' records a digest that will not be sent (too late), with `error` saying why. */
  status?: 'pending' | 'skipped';
  error?: string;
}

interface Row extends Omit<Delivery, 'parts'> {
  parts: string;
}

/** A pending record without its rendered text: what a fan-out keeps in memory for every chat. */
export type PendingDelivery = Pick<Delivery, 'chatId' | 'topicId' | 'slot' | 'dueAt' | 'partsSent' | 'error'>;

const COLUMNS = `chat_id AS chatId, topic_id AS topicId, slot, status, due_at AS dueAt, since_at AS since, until_at AS until,
  parts, parts_sent AS partsSent, part_tries AS partTries, attempts, retry_at AS retryAt, error,
  created_at AS createdAt, updated_at AS updatedAt`;
const KEY_COLUMNS = 'chat_id AS chatId, topic_id AS topicId, slot, due_at AS dueAt, parts_sent AS partsSent, error';

const toDelivery = (row: Row): Delivery => ({ ...row, parts: JSON.parse(row.parts) as string[] });

/** Only the key's own fields: better-sqlite3 refuses named parameters a statement does not use. */
const keyOf = (key: DeliveryKey): DeliveryKey => ({ chatId: key.chatId, topicId: key.topicId, slot: key.slot });

/**
 * Delivery records: one per chat, topic and slot (see `DeliveryKey`), written before anything is
 * sent, so a digest is sent at most once and a crash resumes where it stopped. The primary key
 * (chat, topic, slot) makes a second record for the same digest impossible.
 */
export function createDeliveryStore(db: Db, clock: Clock, chats: ChatStore) {
  const insert = db.prepare<{
    chatId: number; topicId: number; slot: string; status: string; dueAt: number; since: number; until: number; parts: string;
    error: string | null; now: number;
  }>(
    `INSERT OR IGNORE INTO deliveries (chat_id, topic_id, slot, status, due_at, since_at, until_at, parts, error, created_at, updated_at)
     VALUES (@chatId, @topicId, @slot, @status, @dueAt, @since, @until, @parts, @error, @now, @now)`,
  );
  const KEY = 'chat_id = @chatId AND topic_id = @topicId AND slot = @slot';
  const one = db.prepare<DeliveryKey, Row>(`SELECT ${COLUMNS} FROM deliveries WHERE ${KEY}`);
  const exists = db.prepare<[number, string], { x: number }>('SELECT 1 AS x FROM deliveries WHERE chat_id = ? AND slot = ? LIMIT 1');
  // Keys only: 20,000 pending digests' text is ~120 MB, and a fan-out lasts many minutes.
  const pending = db.prepare<[number], PendingDelivery>(
    `SELECT ${KEY_COLUMNS} FROM deliveries
     WHERE status = 'pending' AND (retry_at IS NULL OR retry_at <= ?) ORDER BY due_at, chat_id, topic_id`,
  );
  // The same records a page at a time, after a record's key (keyset paging on deliveries_pending_due).
  const PAGE_WHERE = `status = 'pending' AND (retry_at IS NULL OR retry_at <= @now) AND (due_at, chat_id, topic_id) > (@dueAt, @chatId, @topicId)`;
  type PageParams = { now: number; dueAt: number; chatId: number; topicId: number };
  const pendingPage = db.prepare<PageParams & { limit: number }, PendingDelivery>(
    `SELECT ${KEY_COLUMNS} FROM deliveries WHERE ${PAGE_WHERE} ORDER BY due_at, chat_id, topic_id LIMIT @limit`,
  );
  const pendingLeft = db.prepare<PageParams, { n: number }>(`SELECT COUNT(*) AS n FROM deliveries WHERE ${PAGE_WHERE}`);
  const pageParams = (now: number, after: PendingDelivery | undefined): PageParams => ({
    now,
    dueAt: after?.dueAt ?? Number.MIN_SAFE_INTEGER,
    chatId: after?.chatId ?? Number.MIN_SAFE_INTEGER,
    topicId: after?.topicId ?? Number.MIN_SAFE_INTEGER,
  });
  const dueBefore = db.prepare<[number, number], PendingDelivery>(
    `SELECT ${KEY_COLUMNS} FROM deliveries WHERE status = 'pending' AND due_at < ? ORDER BY due_at, chat_id, topic_id LIMIT ?`,
  );
  const partSent = db.prepare<DeliveryKey & { partsSent: number; now: number }>(
    `UPDATE deliveries SET parts_sent = MAX(parts_sent, @partsSent), part_tries = 0, updated_at = @now
     WHERE ${KEY} AND status = 'pending'`,
  );
  const partTrying = db.prepare<DeliveryKey & { partTries: number; now: number }>(
    `UPDATE deliveries SET part_tries = @partTries, updated_at = @now WHERE ${KEY} AND status = 'pending'`,
  );
  const later = db.prepare<DeliveryKey & { partTries: number; reason: string; retryAt: number; now: number }>(
    `UPDATE deliveries SET part_tries = @partTries, error = @reason, retry_at = @retryAt, attempts = attempts + 1, updated_at = @now
     WHERE ${KEY} AND status = 'pending'`,
  );
  const finish = db.prepare<DeliveryKey & { status: string; error: string | null; now: number }>(
    `UPDATE deliveries SET status = @status, error = @error, attempts = attempts + 1, updated_at = @now WHERE ${KEY}`,
  );
  const counts = db.prepare<[], { status: DeliveryStatus; n: number }>('SELECT status, COUNT(*) AS n FROM deliveries GROUP BY status');

  const createAll = db.transaction((records: readonly NewDelivery[]): number => {
    const now = clock.now();
    let created = 0;
    for (const r of records) {
      created += insert.run({
        chatId: r.chatId,
        topicId: r.topicId ?? 0,
        slot: r.slot,
        status: r.status ?? 'pending',
        dueAt: r.dueAt,
        since: r.since,
        until: r.until,
        parts: JSON.stringify(r.parts),
        error: r.error ?? null,
        now,
      }).changes;
    }
    return created;
  });

  const completeTx = db.transaction((key: DeliveryKey): void => {
    const row = one.get(keyOf(key));
    if (!row || row.status !== 'pending') return;
    const now = clock.now();
    partSent.run({ ...keyOf(key), partsSent: JSON.parse(row.parts).length as number, now });
    finish.run({ ...keyOf(key), status: 'sent', error: null, now });
    chats.setLastDigestUntil(key.chatId, row.until);
  });

  return {
    get(key: DeliveryKey): Delivery | undefined {
      const row = one.get(keyOf(key));
      return row ? toDelivery(row) : undefined;
    },
    /** Whether the chat has a record for `slot`, for any topic. */
    has(chatId: number, slot: string): boolean {
      return exists.get(chatId, slot) !== undefined;
    },
    /**
     * Writes records in one transaction; a record for a (chat, topic, slot) that already has one is
     * left alone. Returns how many were new.
     */
    createMany(records: readonly NewDelivery[]): number {
      return createAll(records);
    },
    /**
     * Records not yet complete and not waiting for a retry time after `now` (ms, default: none
     * waits), the longest-due first, without their text (load it with `get`).
     */
    pending(now = Number.MAX_SAFE_INTEGER): PendingDelivery[] {
      return pending.all(now);
    },
    /**
     * {@link pending}, one page of at most `limit` records: those after `after`'s place in that order
     * (from the first without it). A fan-out after a catch-up at a million chats has 400,000 to send.
     */
    pendingPage(now: number, after: PendingDelivery | undefined, limit: number): PendingDelivery[] {
      return pendingPage.all({ ...pageParams(now, after), limit });
    },
    /** How many records {@link pendingPage} would still give after `after`. */
    pendingAfter(now: number, after: PendingDelivery | undefined): number {
      return (pendingLeft.get(pageParams(now, after)) as { n: number }).n;
    },
    /** Pending records due before `cutoff` (ms), retry time or not: the ones the catch-up limit ends. At most `limit`, earliest first. */
    pendingDueBefore(cutoff: number, limit = Number.MAX_SAFE_INTEGER): PendingDelivery[] {
      return dueBefore.all(cutoff, limit);
    },
    /** Telegram accepted the first `partsSent` parts; the next one has not been tried. */
    markPartSent(key: DeliveryKey, partsSent: number): void {
      partSent.run({ ...keyOf(key), partsSent, now: clock.now() });
    },
    /** Written just before a send: this many sends of the next part may now have reached Telegram. */
    markPartTrying(key: DeliveryKey, partTries: number): void {
      partTrying.run({ ...keyOf(key), partTries, now: clock.now() });
    },
    /**
     * Telegram could not be reached: the record stays pending, not to be tried before `retryAt`
     * (scheduling time, ms); `partTries` is put back to what may really have arrived.
     */
    retryLater(key: DeliveryKey, change: { partTries: number; reason: string; retryAt: number }): void {
      later.run({ ...keyOf(key), partTries: change.partTries, reason: change.reason.slice(0, 500), retryAt: change.retryAt, now: clock.now() });
    },
    /** Every part went: the record is sent and the chat's next digest starts where this one ended. */
    complete(key: DeliveryKey): void {
      completeTx(key);
    },
    /** The digest will not be (fully) sent; `reason` says why. */
    fail(key: DeliveryKey, reason: string): void {
      finish.run({ ...keyOf(key), status: 'failed', error: reason.slice(0, 500), now: clock.now() });
    },
    /** The digest was tried but will not be (fully) delivered; `reason` says why. */
    miss(key: DeliveryKey, reason: string): void {
      finish.run({ ...keyOf(key), status: 'missed', error: reason.slice(0, 500), now: clock.now() });
    },
    /** {@link miss} for many records, in one transaction. */
    missAll: db.transaction((missed: readonly { key: DeliveryKey; reason: string }[]): void => {
      const now = clock.now();
      for (const { key, reason } of missed) finish.run({ ...keyOf(key), status: 'missed', error: reason.slice(0, 500), now });
    }),
    /** Counts by status, for logs and tests. */
    counts(): Record<DeliveryStatus, number> {
      const out: Record<DeliveryStatus, number> = { pending: 0, sent: 0, failed: 0, skipped: 0, missed: 0 };
      for (const { status, n } of counts.all()) out[status] = n;
      return out;
    },
  };
}

export type DeliveryStore = ReturnType<typeof createDeliveryStore>;
