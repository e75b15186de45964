import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { createChatStore } from '../../src/store/chats.js';
import { type Db, MIGRATIONS_DIR, migrate, openDatabase } from '../../src/store/db.js';
import { createDeliveryStore } from '../../src/store/deliveries.js';
import { tempDir, tempStore } from '../helpers/temp-db.js';

const DAY = '2026-11-28';
const DUE = Date.parse('2026-11-28T08:00:00Z');

describe('delivery records: one per chat, topic and slot', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  it('when a forum gets its General digest and two topic parts for one day, then each is one record, and planning them again adds none', () => {
    const store = tempStore();
    cleanups.push(() => store.close());
    const chats = createChatStore(store.db, store.clock, { digestTime: '08:00', timezone: 'UTC' });
    const deliveries = createDeliveryStore(store.db, store.clock, chats);
    chats.ensure({ id: -1001, type: 'supergroup' });
    const record = (topicId: number, text: string) => ({ chatId: -1001, topicId, slot: DAY, dueAt: DUE, since: 0, until: DUE, parts: [text] });
    expect(deliveries.createMany([record(0, 'general'), record(12, 'asia'), record(15, 'europe')])).toBe(3);
    expect(deliveries.createMany([record(12, 'asia again'), record(15, 'europe again')])).toBe(0);
    expect(deliveries.has(-1001, DAY)).toBe(true);
    expect(deliveries.has(-1001, '2026-11-29')).toBe(false);
    expect(deliveries.get({ chatId: -1001, topicId: 12, slot: DAY })?.parts).toEqual(['asia']);
    // Finishing one topic's record leaves the others pending.
    deliveries.complete({ chatId: -1001, topicId: 12, slot: DAY });
    expect(deliveries.pending().map((d) => [d.topicId, d.slot])).toEqual([
      [0, DAY],
      [15, DAY],
    ]);
    expect(deliveries.get({ chatId: -1001, topicId: 12, slot: DAY })).toMatchObject({ status: 'sent', partsSent: 1 });
  });

  it('when a database from before topics is migrated, then its records stay the chats\' own daily digests and are not sent again', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const older = path.join(dir, 'migrations');
    mkdirSync(older);
    for (const f of readdirSync(MIGRATIONS_DIR).filter((f) => Number.parseInt(f, 10) <= 10)) copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(older, f));
    const file = path.join(dir, 'old.sqlite');
    let db: Db = openDatabase(file, { migrationsDir: older });
    const t = DUE;
    db.prepare("INSERT INTO chats (id, digest_time, timezone, created_at, updated_at) VALUES (7, '08:00', 'UTC', 0, 0)").run();
    db.prepare(
      `INSERT INTO deliveries (chat_id, local_date, status, due_at, since_at, until_at, parts, parts_sent, created_at, updated_at)
       VALUES (7, ?, 'sent', ?, 0, ?, '["hello"]', 1, ?, ?)`,
    ).run(DAY, t, t, t, t);
    db.close();
    db = openDatabase(file);
    cleanups.push(() => db.close());
    expect(migrate(db, MIGRATIONS_DIR).applied).toEqual([]);
    const clock = fixedClock(t);
    const deliveries = createDeliveryStore(db, clock, createChatStore(db, clock, { digestTime: '08:00', timezone: 'UTC' }));
    expect(deliveries.get({ chatId: 7, topicId: 0, slot: DAY })).toMatchObject({ status: 'sent', parts: ['hello'], partsSent: 1 });
    expect(deliveries.has(7, DAY)).toBe(true);
    expect(deliveries.createMany([{ chatId: 7, slot: DAY, dueAt: t, since: 0, until: t, parts: ['again'] }])).toBe(0);
  });

  it('when a store with sent, skipped and pending records is upgraded past 0028, then the sender and the catch-up limit find the same pending records, earliest first, without reading the others', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const older = path.join(dir, 'migrations');
    mkdirSync(older);
    for (const f of readdirSync(MIGRATIONS_DIR).filter((f) => Number.parseInt(f, 10) < 28)) copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(older, f));
    const file = path.join(dir, 'old.sqlite');
    let db: Db = openDatabase(file, { migrationsDir: older });
    const clock = fixedClock(DUE);
    let chats = createChatStore(db, clock, { digestTime: '08:00', timezone: 'UTC' });
    let deliveries = createDeliveryStore(db, clock, chats);
    const HOUR = 3_600_000;
    for (const id of [1, 2, 3, 4, 5]) chats.ensure({ id, type: 'private' });
    const record = (chatId: number, dueAt: number, status?: 'skipped') => ({ chatId, slot: DAY, dueAt, since: 0, until: dueAt, parts: [`digest ${chatId}`], ...(status ? { status, error: 'late' } : {}) });
    deliveries.createMany([record(1, DUE - 3 * HOUR), record(2, DUE - 8 * HOUR), record(3, DUE - HOUR, 'skipped'), record(4, DUE - 9 * HOUR), record(5, DUE - 2 * HOUR)]);
    deliveries.complete({ chatId: 5, topicId: 0, slot: DAY });
    db.close();

    db = openDatabase(file);
    cleanups.push(() => db.close());
    chats = createChatStore(db, clock, { digestTime: '08:00', timezone: 'UTC' });
    deliveries = createDeliveryStore(db, clock, chats);
    expect(deliveries.pending().map((d) => d.chatId)).toEqual([4, 2, 1]);
    expect(deliveries.pendingDueBefore(DUE - 6 * HOUR).map((d) => d.chatId)).toEqual([4, 2]);
    expect(deliveries.counts()).toMatchObject({ pending: 3, sent: 1, skipped: 1 });
    // Read through the index of pending records only (migrations/0028): what a catch-up pass
    // skipped (600,000 records at a million chats) and what was sent never enter it.
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(DUE) as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan("SELECT chat_id FROM deliveries WHERE status = 'pending' AND due_at < ? ORDER BY due_at, chat_id, topic_id")).toMatch(/deliveries_pending_due/);
  });
});
