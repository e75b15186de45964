import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { parseDigestTime, parseTimeZone } from '../../src/store/chat-settings.js';
import { createChatStore } from '../../src/store/chats.js';
import { createDeliveryStore } from '../../src/store/deliveries.js';
import { MIGRATIONS_DIR, migrate, openDatabase } from '../../src/store/db.js';
import { tempDir, tempStore } from '../helpers/temp-db.js';

describe('chat store', () => {
  let store: ReturnType<typeof tempStore>;
  afterEach(() => store?.close());
  const chatsOf = (s: ReturnType<typeof tempStore>) => createChatStore(s.db, s.clock, { digestTime: '08:00', timezone: 'UTC' });

  it('when a chat subscribes, then its regions keep the order they were chosen in', () => {
    store = tempStore();
    const chats = chatsOf(store);
    chats.ensure({ id: 42, type: 'private' });
    expect(chats.subscribe(42, ['europe', 'asia'])).toEqual(['europe', 'asia']);
    store.clock.advance(1000);
    expect(chats.subscribe(42, ['world', 'asia'])).toEqual(['world']);
    expect(chats.get(42)).toMatchObject({ regions: ['asia', 'europe', 'world'], digestTime: '08:00', timezone: 'UTC', active: true });
    expect(chats.unsubscribe(42, ['asia', 'africa'])).toEqual(['asia']);
    expect(chats.unsubscribe(42, 'all')).toEqual(['europe', 'world']);
    expect(chats.get(42)?.regions).toEqual([]);
  });

  it('when a group becomes a supergroup, then settings and subscriptions move to the new id', () => {
    store = tempStore();
    const chats = chatsOf(store);
    chats.ensure({ id: -100, type: 'group', title: 'Team' });
    chats.subscribe(-100, ['africa']);
    chats.setDigestTime(-100, '07:15');
    chats.ensure({ id: -1001, type: 'supergroup' });
    chats.migrate(-100, -1001);
    expect(chats.get(-100)).toBeUndefined();
    expect(chats.get(-1001)).toMatchObject({ type: 'supergroup', title: 'Team', digestTime: '07:15', regions: ['africa'] });
  });

  it('when a chat is blocked, then it leaves the subscribed list until it comes back', () => {
    store = tempStore();
    const chats = chatsOf(store);
    chats.ensure({ id: 7, type: 'private' });
    chats.subscribe(7, ['asia']);
    chats.markInactive(7, 'Forbidden: bot was blocked by the user');
    expect(chats.listSubscribed()).toEqual([]);
    chats.ensure({ id: 7, type: 'private' });
    expect(chats.listSubscribed().map((c) => c.id)).toEqual([7]);
  });
});

describe('scheduling slots', () => {
  let store: ReturnType<typeof tempStore>;
  afterEach(() => store?.close());
  const UTC_DAILY = { timezone: 'UTC', digestTime: '08:00', cadence: 'daily' };

  it('when chats share a zone and time, then they are one slot, and only those not yet served wait in it', () => {
    store = tempStore('2026-11-27T00:00:00Z');
    const chats = createChatStore(store.db, store.clock, { digestTime: '08:00', timezone: 'UTC' });
    for (const id of [1, 2, 3, 4]) {
      chats.ensure({ id, type: 'private' });
      if (id !== 4) chats.subscribe(id, ['asia']);
    }
    chats.setTimezone(3, 'Europe/Berlin');
    chats.setPaused(2, true);
    expect(chats.scheduleSlots()).toEqual(
      expect.arrayContaining([{ timezone: 'UTC', digestTime: '08:00', cadence: 'daily' }, { timezone: 'Europe/Berlin', digestTime: '08:00', cadence: 'daily' }]),
    );
    const dueAt = Date.parse('2026-11-28T08:00:00Z');
    // Chat 2 is paused and chat 4 has no regions: neither is owed a digest.
    expect(chats.waitingInSlot(UTC_DAILY, dueAt).map((c) => c.id)).toEqual([1]);
    chats.setLastDigestUntil(1, dueAt + 5_000);
    expect(chats.waitingInSlot(UTC_DAILY, dueAt)).toEqual([]);
    expect(chats.waitingInSlot(UTC_DAILY, dueAt + 86_400_000).map((c) => c.id)).toEqual([1]);
  });

  it("when a chat's digest of the day is recorded but not sent (queued, or skipped as too late), then the slot's waiting chats leave it out", () => {
    store = tempStore('2026-11-27T00:00:00Z');
    const chats = createChatStore(store.db, store.clock, { digestTime: '08:00', timezone: 'UTC' });
    for (const id of [1, 2, 3]) {
      chats.ensure({ id, type: 'private' });
      chats.subscribe(id, ['asia']);
    }
    const dueAt = Date.parse('2026-11-28T08:00:00Z');
    const deliveries = createDeliveryStore(store.db, store.clock, chats);
    deliveries.createMany([
      { chatId: 1, slot: '2026-11-28', dueAt, since: dueAt - 86_400_000, until: dueAt, parts: ['x'] },
      { chatId: 3, slot: '2026-11-28', dueAt, since: dueAt - 86_400_000, until: dueAt, parts: [], status: 'skipped', error: 'late' },
    ]);
    expect(chats.waitingInSlot(UTC_DAILY, dueAt, { recorded: '2026-11-28' }).map((c) => c.id)).toEqual([2]);
    expect(chats.waitingInSlot(UTC_DAILY, dueAt + 86_400_000, { recorded: '2026-11-29' }).map((c) => c.id)).toEqual([1, 2, 3]);
  });

  it('when a chat has no regions but follows words, then it is owed a digest (its followed stories); a mute alone does not make one', () => {
    store = tempStore('2026-11-27T00:00:00Z');
    const chats = createChatStore(store.db, store.clock, { digestTime: '08:00', timezone: 'UTC' });
    for (const id of [1, 2]) chats.ensure({ id, type: 'private' });
    chats.filters.add(1, 'follow', { key: 'taiwan', text: 'Taiwan' });
    chats.filters.add(2, 'mute', { key: 'football', text: 'football' });
    const dueAt = Date.parse('2026-11-28T08:00:00Z');
    expect(chats.waitingInSlot(UTC_DAILY, dueAt).map((c) => c.id)).toEqual([1]);
    expect(chats.get(1)).toMatchObject({ regions: [], follows: ['Taiwan'], mutes: [] });
    expect(chats.get(2)).toMatchObject({ follows: [], mutes: ['football'] });
    // A group that becomes a supergroup keeps them; a chat that is forgotten (/stop) loses them.
    chats.migrate(1, -1001);
    expect(chats.get(-1001)).toMatchObject({ follows: ['Taiwan'] });
    chats.forget(2);
    chats.ensure({ id: 2, type: 'private' });
    expect(chats.get(2)).toMatchObject({ mutes: [] });
  });

  it('when chats share a zone and time but not how often, then each cadence is its own group', () => {
    store = tempStore('2026-11-27T00:00:00Z');
    const chats = createChatStore(store.db, store.clock, { digestTime: '08:00', timezone: 'UTC' });
    for (const id of [1, 2, 3]) {
      chats.ensure({ id, type: 'private' });
      chats.subscribe(id, ['asia']);
    }
    chats.setCadence(2, { kind: 'twice', times: ['08:00', '18:00'] });
    chats.setCadence(3, { kind: 'weekly', day: 'fri', time: '08:00' });
    expect(chats.get(2)?.cadence).toEqual({ kind: 'twice', times: ['08:00', '18:00'] });
    expect(chats.get(3)).toMatchObject({ digestTime: '08:00', cadence: { kind: 'weekly', day: 'fri', time: '08:00' } });
    expect(chats.scheduleSlots().map((s) => s.cadence).sort()).toEqual(['daily', 'twice 18:00', 'weekly fri']);
    const dueAt = Date.parse('2026-11-27T08:00:00Z');
    expect(chats.waitingInSlot(UTC_DAILY, dueAt).map((c) => c.id)).toEqual([1]);
    expect(chats.waitingInSlot({ ...UTC_DAILY, cadence: 'weekly fri' }, dueAt).map((c) => c.id)).toEqual([3]);
  });

  it('when a slot holds many chats, then they come page by page in id order, each once', () => {
    store = tempStore('2026-11-27T00:00:00Z');
    const chats = createChatStore(store.db, store.clock, { digestTime: '08:00', timezone: 'UTC' });
    for (let id = 1; id <= 25; id++) {
      chats.ensure({ id, type: 'private' });
      chats.subscribe(id, ['world']);
    }
    const dueAt = Date.parse('2026-11-28T08:00:00Z');
    const seen: number[] = [];
    for (let page = chats.waitingInSlot(UTC_DAILY, dueAt, { limit: 10 }); page.length > 0; ) {
      seen.push(...page.map((c) => c.id));
      page = chats.waitingInSlot(UTC_DAILY, dueAt, { afterId: page.at(-1)?.id ?? 0, limit: 10 });
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });
});

describe('chat settings parsing', () => {
  it.each([
    ['Europe/Moscow', 'Europe/Moscow'], ['europe/moscow', 'Europe/Moscow'], ['UTC', 'UTC'], ['UTC+3', '+03:00'],
    ['+05:30', '+05:30'], ['GMT-8', '-08:00'], ['+12:45', '+12:45'], ['Mars/Olympus', undefined], ['+25', undefined],
  ])('when the zone is %s, then it is stored as %s', (input, zone) => {
    expect(parseTimeZone(input)).toBe(zone);
  });

  it.each([['07:30', '07:30'], ['7:30', '07:30'], ['7', '07:00'], ['25:99', undefined], ['12:60', undefined], ['noon', undefined]])(
    'when the time is %s, then it is %s',
    (input, hhmm) => {
      expect(parseDigestTime(input)).toBe(hhmm);
    },
  );
});

describe('schedule groups (what the planner reads each minute)', () => {
  let store: ReturnType<typeof tempStore>;
  afterEach(() => store?.close());
  const NOW = Date.parse('2026-11-28T09:00:00Z');
  const TOMORROW = Date.parse('2026-11-29T08:00:00Z');
  const names = (groups: { timezone: string; digestTime: string; cadence: string }[]) => groups.map((g) => `${g.timezone} ${g.digestTime} ${g.cadence}`).sort();

  /** Chats 1..n at 08:00 UTC daily with a region, each group then served until tomorrow's 08:00. */
  function served(n: number) {
    store = tempStore('2026-11-27T00:00:00Z');
    const chats = createChatStore(store.db, store.clock, { digestTime: '08:00', timezone: 'UTC' });
    for (let id = 1; id <= n; id++) {
      chats.ensure({ id, type: 'private' });
      chats.subscribe(id, ['asia']);
    }
    const toRead = () => names(chats.groupsToRead(NOW));
    const serve = () => chats.groupsServed(chats.groupsToRead(NOW).map((group) => ({ group, until: TOMORROW })));
    expect(toRead()).toEqual(['UTC 08:00 daily']);
    expect(serve()).toBe(1);
    expect(toRead()).toEqual([]);
    return { chats, toRead, serve };
  }

  it('when a group was served, then it is not read again before its next digest time, and is read then', () => {
    const { chats, toRead } = served(2);
    expect(toRead()).toEqual([]);
    expect(names(chats.groupsToRead(TOMORROW))).toEqual(['UTC 08:00 daily']);
  });

  it('when a chat moves to another zone, time or cadence, then it leaves its group for the new one, which the next pass reads', () => {
    const { chats, toRead, serve } = served(2);
    chats.setTimezone(1, 'Europe/Berlin');
    expect(toRead()).toEqual(['Europe/Berlin 08:00 daily']);
    expect(names(chats.scheduleSlots())).toEqual(['Europe/Berlin 08:00 daily', 'UTC 08:00 daily']);
    serve();
    chats.setDigestTime(2, '07:30');
    expect(toRead()).toEqual(['UTC 07:30 daily']);
    // Its old group has no chat left: never read again, not even at its time.
    expect(names(chats.scheduleSlots())).toEqual(['Europe/Berlin 08:00 daily', 'UTC 07:30 daily']);
    expect(names(chats.groupsToRead(TOMORROW))).not.toContain('UTC 08:00 daily');
    serve();
    chats.setCadence(1, { kind: 'weekly', day: 'fri', time: '08:00' });
    expect(toRead()).toEqual(['Europe/Berlin 08:00 weekly fri']);
    expect(names(chats.scheduleSlots())).toEqual(['Europe/Berlin 08:00 weekly fri', 'UTC 07:30 daily']);
    // The same settings written again move nothing.
    serve();
    chats.setTimezone(1, 'Europe/Berlin');
    chats.setDigestTime(2, '07:30');
    expect(toRead()).toEqual([]);
  });

  it('when a chat is forgotten, paused or blocked, then its group loses it; when it comes back, the group is read at the next pass', () => {
    const { chats, toRead, serve } = served(2);
    chats.forget(1);
    expect(names(chats.scheduleSlots())).toEqual(['UTC 08:00 daily']);
    expect(toRead()).toEqual([]);
    chats.setPaused(2, true);
    expect(chats.scheduleSlots()).toEqual([]);
    expect(chats.groupsToRead(TOMORROW)).toEqual([]);
    chats.setPaused(2, false);
    expect(toRead()).toEqual(['UTC 08:00 daily']);
    serve();
    chats.markInactive(2, 'Forbidden: bot was blocked by the user');
    expect(chats.scheduleSlots()).toEqual([]);
    chats.ensure({ id: 2, type: 'private' });
    expect(toRead()).toEqual(['UTC 08:00 daily']);
    serve();
    // A group that becomes a supergroup keeps its place; the id it replaces leaves.
    chats.ensure({ id: -5, type: 'group' });
    serve();
    chats.ensure({ id: -1005, type: 'supergroup' });
    chats.migrate(-5, -1005);
    expect(chats.scheduleSlots()).toEqual([{ timezone: 'UTC', digestTime: '08:00', cadence: 'daily' }]);
    expect(chats.groupsToRead(TOMORROW)).toHaveLength(1);
  });

  it("when a chat of a served group gets its first region, a feed of its own or a follow, then the group is read at the next pass; a mute does not", () => {
    const { chats, toRead, serve } = served(1);
    chats.ensure({ id: 2, type: 'private' });
    serve();
    chats.subscribe(2, ['europe']);
    expect(toRead()).toEqual(['UTC 08:00 daily']);
    serve();
    chats.filters.add(2, 'mute', { key: 'football', text: 'football' });
    expect(toRead()).toEqual([]);
    chats.filters.add(2, 'follow', { key: 'taiwan', text: 'Taiwan' });
    expect(toRead()).toEqual(['UTC 08:00 daily']);
    serve();
    // A digest moved back (a chat's last digest reset) makes it owed again.
    chats.setLastDigestUntil(1, NOW);
    expect(toRead()).toEqual([]);
    chats.setLastDigestUntil(1, NOW - 3_600_000);
    expect(toRead()).toEqual(['UTC 08:00 daily']);
  });

  it('when a chat joins a group after a pass read it, then the pass cannot mark it served, and the next pass reads it again', () => {
    const { chats, toRead } = served(1);
    chats.setDigestTime(1, '07:00');
    const read = chats.groupsToRead(NOW);
    chats.ensure({ id: 2, type: 'private' });
    chats.setDigestTime(2, '07:00');
    expect(chats.groupsServed(read.map((group) => ({ group, until: TOMORROW })))).toBe(0);
    expect(toRead()).toEqual(['UTC 07:00 daily']);
  });

  it('when a store made before the groups existed is upgraded, then its active, unpaused chats are grouped and read at the next pass', () => {
    const old = tempDir();
    try {
      // The migrations up to the one that adds the groups, chats written as that release wrote them.
      const dir = path.join(old.dir, 'migrations');
      mkdirSync(dir);
      for (const name of readdirSync(MIGRATIONS_DIR).filter((n) => n < '0020')) copyFileSync(path.join(MIGRATIONS_DIR, name), path.join(dir, name));
      const db = openDatabase(path.join(old.dir, 'old.sqlite'), { migrationsDir: dir });
      const insert = db.prepare('INSERT INTO chats (id, digest_time, timezone, paused, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)');
      insert.run(1, '08:00', 'UTC', 0);
      insert.run(2, '08:00', 'UTC', 0);
      insert.run(3, '08:00', '+05:30', 0);
      insert.run(4, '09:00', 'UTC', 1);
      migrate(db, MIGRATIONS_DIR);
      const chats = createChatStore(db, fixedClock(NOW), { digestTime: '08:00', timezone: 'UTC' });
      expect(names(chats.groupsToRead(NOW))).toEqual(['+05:30 08:00 daily', 'UTC 08:00 daily']);
      chats.forget(3);
      expect(names(chats.scheduleSlots())).toEqual(['UTC 08:00 daily']);
      db.close();
    } finally {
      old.cleanup();
    }
  });
});
