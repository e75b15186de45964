import { describe, expect, it } from 'vitest';
import type { Cadence } from '../../src/cadence/cadence.js';
import { firstLookbackMs, latestSlot, nextSlot } from '../../src/cadence/slots.js';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(':00.000Z', 'Z');
const at = (text: string) => Date.parse(text);

/** The next `n` digests after `from`, as "slot → UTC instant". */
function schedule(cadence: Cadence, zone: string, from: string, n: number): string[] {
  const out: string[] = [];
  let now = at(from);
  for (let i = 0; i < n; i++) {
    const next = nextSlot(cadence, zone, now);
    out.push(`${next.slot} → ${iso(next.dueAt)}`);
    now = next.dueAt;
  }
  return out;
}

const twice: Cadence = { kind: 'twice', times: ['08:00', '18:00'] };

describe('digest slots of a cadence', () => {
  it('when Berlin springs forward, then a twice-daily digest keeps 08:00 and 18:00 on the wall clock, an hour earlier in UTC', () => {
    expect(schedule(twice, 'Europe/Berlin', '2026-03-27T00:00:00Z', 7)).toEqual([
      '2026-03-27 08:00 → 2026-03-27T07:00Z',
      '2026-03-27 18:00 → 2026-03-27T17:00Z',
      '2026-03-28 08:00 → 2026-03-28T07:00Z',
      '2026-03-28 18:00 → 2026-03-28T17:00Z',
      '2026-03-29 08:00 → 2026-03-29T06:00Z',
      '2026-03-29 18:00 → 2026-03-29T16:00Z',
      '2026-03-30 08:00 → 2026-03-30T06:00Z',
    ]);
  });

  it('when New York falls back, then a twice-daily digest keeps its local minutes, an hour later in UTC', () => {
    expect(schedule({ kind: 'twice', times: ['07:45', '19:15'] }, 'America/New_York', '2026-10-31T00:00:00Z', 5)).toEqual([
      '2026-10-31 07:45 → 2026-10-31T11:45Z',
      '2026-10-31 19:15 → 2026-10-31T23:15Z',
      '2026-11-01 07:45 → 2026-11-01T12:45Z',
      '2026-11-01 19:15 → 2026-11-02T00:15Z',
      '2026-11-02 07:45 → 2026-11-02T12:45Z',
    ]);
  });

  it('when a twice-daily time falls in the spring-forward gap, then that digest goes at 03:00 and the other keeps its time', () => {
    expect(schedule({ kind: 'twice', times: ['02:30', '14:30'] }, 'Europe/Berlin', '2026-03-28T12:00:00Z', 3)).toEqual([
      '2026-03-28 14:30 → 2026-03-28T13:30Z',
      '2026-03-29 02:30 → 2026-03-29T01:00Z',
      '2026-03-29 14:30 → 2026-03-29T12:30Z',
    ]);
  });

  it('when a twice-daily time comes twice on the fall-back night, then it is due once: the latest slot stays the same', () => {
    const cadence: Cadence = { kind: 'twice', times: ['02:30', '20:00'] };
    const first = latestSlot(cadence, 'Europe/Berlin', at('2026-10-25T00:30:00Z'));
    expect(first).toEqual({ slot: '2026-10-25 02:30', localDate: '2026-10-25', time: '02:30', dueAt: at('2026-10-25T00:30:00Z') });
    expect(latestSlot(cadence, 'Europe/Berlin', at('2026-10-25T01:30:00Z'))).toEqual(first);
  });

  it('when the cadence is weekdays, then Friday\'s digest is followed by Monday\'s, and at the weekend the latest is Friday\'s', () => {
    const weekdays: Cadence = { kind: 'weekdays', time: '07:30' };
    expect(schedule(weekdays, 'Europe/Moscow', '2026-11-26T00:00:00Z', 4)).toEqual([
      '2026-11-26 → 2026-11-26T04:30Z', // Thursday
      '2026-11-27 → 2026-11-27T04:30Z', // Friday
      '2026-11-30 → 2026-11-30T04:30Z', // Monday
      '2026-12-01 → 2026-12-01T04:30Z',
    ]);
    expect(latestSlot(weekdays, 'Europe/Moscow', at('2026-11-29T20:00:00Z'))?.slot).toBe('2026-11-27');
  });

  it('when the cadence is weekly, then it comes on that day in the chat\'s zone, also where the zone\'s Monday is UTC\'s Sunday', () => {
    const weekly: Cadence = { kind: 'weekly', day: 'mon', time: '09:00' };
    expect(schedule(weekly, 'Europe/Berlin', '2026-10-20T00:00:00Z', 3)).toEqual([
      '2026-10-26 → 2026-10-26T08:00Z', // the Monday after the change back to CET
      '2026-11-02 → 2026-11-02T08:00Z',
      '2026-11-09 → 2026-11-09T08:00Z',
    ]);
    expect(schedule(weekly, 'Pacific/Kiritimati', '2026-11-28T00:00:00Z', 1)).toEqual(['2026-11-30 → 2026-11-29T19:00Z']);
    expect(latestSlot(weekly, 'Europe/Berlin', at('2026-11-08T22:59:00Z'))?.slot).toBe('2026-11-02');
    expect(latestSlot(weekly, 'Europe/Berlin', at('2026-11-09T08:00:00Z'))?.slot).toBe('2026-11-09');
  });

  it('when the cadence is daily, then slots are local dates, as before cadences', () => {
    const daily: Cadence = { kind: 'daily', time: '08:00' };
    expect(latestSlot(daily, 'Europe/Berlin', at('2026-11-28T06:00:00Z'))).toEqual({
      slot: '2026-11-27', localDate: '2026-11-27', time: '08:00', dueAt: at('2026-11-27T07:00:00Z'),
    });
    expect(nextSlot(daily, 'Europe/Berlin', at('2026-11-28T06:00:00Z')).slot).toBe('2026-11-28');
  });

  it('when a chat gets its first digest, then it reaches back to the cadence\'s previous time, at least a day', () => {
    expect(firstLookbackMs({ kind: 'weekly', day: 'fri', time: '18:00' }, 'UTC', at('2026-11-27T18:00:00Z'))).toBe(7 * 24 * HOUR);
    expect(firstLookbackMs({ kind: 'weekdays', time: '08:00' }, 'UTC', at('2026-11-30T08:00:00Z'))).toBe(72 * HOUR);
    expect(firstLookbackMs({ kind: 'weekdays', time: '08:00' }, 'UTC', at('2026-12-01T08:00:00Z'))).toBe(24 * HOUR);
    expect(firstLookbackMs(twice, 'UTC', at('2026-11-27T18:00:00Z'))).toBe(24 * HOUR);
    // the week that holds the fall-back has an hour more
    expect(firstLookbackMs({ kind: 'weekly', day: 'mon', time: '09:00' }, 'Europe/Berlin', at('2026-10-26T08:00:00Z'))).toBe(7 * 24 * HOUR + HOUR);
  });
});
