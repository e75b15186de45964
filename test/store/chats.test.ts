import { afterEach, describe, expect, it } from 'vitest';
import { parseDigestTime, parseTimeZone } from '../../src/store/chat-settings.js';
import { createChatStore } from '../../src/store/chats.js';
import { createDeliveryStore } from '../../src/store/deliveries.js';
import { tempStore } from '../helpers/temp-db.js';

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
