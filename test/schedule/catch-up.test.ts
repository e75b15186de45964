import { afterEach, describe, expect, it } from 'vitest';
import { createDigestBuilder } from '../../src/digest/build.js';
import { createLogger } from '../../src/log.js';
import { createPlanMemo, planDueDigests } from '../../src/schedule/plan-digests.js';
import { createChatStore } from '../../src/store/chats.js';
import { createDeliveryStore } from '../../src/store/deliveries.js';
import { tempStore } from '../helpers/temp-db.js';

let store: ReturnType<typeof tempStore>;
afterEach(() => store?.close());

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-28T08:00:00Z');

/** A store whose chats were created a week before `NOW`, the planner's deps over it, and the lines it logs. */
function setup() {
  store = tempStore('2026-11-20T00:00:00Z');
  const chats = createChatStore(store.db, store.clock, { digestTime: '08:00', timezone: 'UTC' });
  const deliveries = createDeliveryStore(store.db, store.clock, chats);
  const lines: { msg: string; fields: Record<string, unknown> }[] = [];
  const log = createLogger('info', (line) => {
    const { msg, time: _time, level: _level, ...fields } = JSON.parse(line) as Record<string, unknown>;
    lines.push({ msg: String(msg), fields });
  }, 'json');
  const builder = createDigestBuilder(store.db, { itemsPerRegion: 5, defaultLanguage: 'en' });
  const deps = { chats, deliveries, builder, log, catchupMs: 6 * HOUR, memo: createPlanMemo() };
  const add = (ids: number[], time: string, zone = 'UTC') =>
    store.db.transaction(() => {
      for (const id of ids) {
        chats.ensure({ id, type: 'private' });
        chats.subscribe(id, ['asia']);
        chats.setDigestTime(id, time);
        chats.setTimezone(id, zone);
      }
    })();
  return { chats, deliveries, deps, lines, add };
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('the catch-up pass at start', () => {
  it('when the bot was down past the catch-up limit for groups of many chats, then each chat gets one skipped record and the log says so once per group', async () => {
    const { deliveries, deps, lines, add } = setup();
    add(range(1, 1_200), '01:00'); // 7 h late: more chats than a page
    add(range(2_001, 30), '01:30', 'Europe/Berlin'); // 00:30 UTC, 7.5 h late
    add([5_001], '03:00'); // 5 h late: within the limit, built
    const report = await planDueDigests(deps, NOW);
    expect(report).toMatchObject({ due: 1_231, planned: 1, skipped: 1_230 });
    expect(deliveries.counts()).toMatchObject({ skipped: 1_230, pending: 1 });
    expect(deliveries.get({ chatId: 1_200, topicId: 0, slot: '2026-11-28' })).toMatchObject({ status: 'skipped', parts: [] });
    expect(deliveries.get({ chatId: 2_001, topicId: 0, slot: '2026-11-28' })?.error).toMatch(/late by 7\.5 h, over the catch-up limit of 6 h/);
    const skippedLines = lines.filter((l) => l.msg === 'digests skipped: too late');
    expect(skippedLines.map((l) => l.fields).sort((a, b) => Number(a.chats) - Number(b.chats))).toEqual([
      { chats: 30, slot: '2026-11-28', dueAt: '2026-11-28T00:30:00.000Z', timezone: 'Europe/Berlin', digestTime: '01:30' },
      { chats: 1_200, slot: '2026-11-28', dueAt: '2026-11-28T01:00:00.000Z', timezone: 'UTC', digestTime: '01:00' },
    ]);
    // The next minute finds nothing owed and logs no skip again.
    expect(await planDueDigests(deps, NOW + 60_000)).toMatchObject({ due: 0, skipped: 0 });
    expect(lines.filter((l) => l.msg === 'digests skipped: too late')).toHaveLength(2);
  });

  it('when groups fill a page exactly, one more than a page, or less, then every chat within the limit gets one digest record and a second pass adds none', async () => {
    const { deliveries, deps, add } = setup();
    add(range(1, 500), '03:00'); // 5 h late, one full page
    add(range(1_001, 501), '04:00'); // a full page and one more
    add(range(2_001, 7), '05:00');
    expect(await planDueDigests(deps, NOW)).toMatchObject({ due: 1_008, planned: 1_008, skipped: 0 });
    expect(deliveries.pending()).toHaveLength(1_008);
    for (const chatId of [1, 500, 1_001, 1_501, 2_007]) expect(deliveries.get({ chatId, topicId: 0, slot: '2026-11-28' })?.status).toBe('pending');
    expect(await planDueDigests({ ...deps, memo: createPlanMemo() }, NOW)).toMatchObject({ due: 0 });
  });
});
