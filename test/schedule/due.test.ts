import { describe, expect, it } from 'vitest';
import { dueInstant, latestDue, localDateOf, nextDue, zoneOffsetMinutes } from '../../src/schedule/due.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('digest due times', () => {
  it('when Berlin springs forward and the digest is set inside the missing hour, then it goes at 03:00 CEST', () => {
    expect(iso(dueInstant('2026-03-29', '02:30', 'Europe/Berlin'))).toBe('2026-03-29T01:00:00.000Z');
    // the day before and after keep their own offsets
    expect(iso(dueInstant('2026-03-28', '02:30', 'Europe/Berlin'))).toBe('2026-03-28T01:30:00.000Z');
    expect(iso(dueInstant('2026-03-30', '02:30', 'Europe/Berlin'))).toBe('2026-03-30T00:30:00.000Z');
  });

  it('when Berlin falls back and 02:30 happens twice, then the digest is due once, at the first', () => {
    expect(iso(dueInstant('2026-10-25', '02:30', 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z');
    const first = latestDue('02:30', 'Europe/Berlin', Date.parse('2026-10-25T00:30:00Z'));
    const second = latestDue('02:30', 'Europe/Berlin', Date.parse('2026-10-25T01:30:00Z'));
    expect(second).toEqual(first);
    expect(first.localDate).toBe('2026-10-25');
  });

  it('when New York springs forward, then 02:15 goes at 03:00 EDT; when it falls back, 01:30 is due once at EDT', () => {
    expect(iso(dueInstant('2026-03-08', '02:15', 'America/New_York'))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(dueInstant('2026-03-08', '03:00', 'America/New_York'))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(dueInstant('2026-11-01', '01:30', 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
    expect(latestDue('01:30', 'America/New_York', Date.parse('2026-11-01T06:30:00Z'))).toEqual({
      localDate: '2026-11-01',
      dueAt: Date.parse('2026-11-01T05:30:00Z'),
    });
    expect(iso(dueInstant('2026-11-01', '08:00', 'America/New_York'))).toBe('2026-11-01T13:00:00.000Z');
  });

  it('when Sydney springs forward in October and falls back in April, then the southern-hemisphere dates are handled', () => {
    expect(iso(dueInstant('2026-10-04', '02:30', 'Australia/Sydney'))).toBe('2026-10-03T16:00:00.000Z');
    expect(iso(dueInstant('2026-04-05', '02:30', 'Australia/Sydney'))).toBe('2026-04-04T15:30:00.000Z');
    expect(iso(dueInstant('2026-07-01', '08:00', 'Australia/Sydney'))).toBe('2026-06-30T22:00:00.000Z');
    expect(iso(dueInstant('2026-12-01', '08:00', 'Australia/Sydney'))).toBe('2026-11-30T21:00:00.000Z');
  });

  it('when the zone is Kolkata (+05:30), then 08:00 local is 02:30 UTC all year', () => {
    expect(iso(dueInstant('2026-01-15', '08:00', 'Asia/Kolkata'))).toBe('2026-01-15T02:30:00.000Z');
    expect(iso(dueInstant('2026-07-15', '08:00', 'Asia/Kolkata'))).toBe('2026-07-15T02:30:00.000Z');
  });

  it('when the zone is Chatham (+12:45/+13:45), then its 02:45 → 03:45 jump and the local date ahead of UTC are right', () => {
    expect(iso(dueInstant('2026-09-27', '03:00', 'Pacific/Chatham'))).toBe('2026-09-26T14:00:00.000Z');
    expect(iso(dueInstant('2026-07-01', '08:00', 'Pacific/Chatham'))).toBe('2026-06-30T19:15:00.000Z');
    expect(iso(dueInstant('2026-12-01', '08:00', 'Pacific/Chatham'))).toBe('2026-11-30T18:15:00.000Z');
    expect(localDateOf(Date.parse('2026-06-30T19:15:00Z'), 'Pacific/Chatham')).toBe('2026-07-01');
  });

  it('when the zone is Moscow (no DST), then 08:00 is 05:00 UTC in winter and summer', () => {
    expect(iso(dueInstant('2026-01-10', '08:00', 'Europe/Moscow'))).toBe('2026-01-10T05:00:00.000Z');
    expect(iso(dueInstant('2026-03-29', '02:30', 'Europe/Moscow'))).toBe('2026-03-28T23:30:00.000Z');
    expect(iso(dueInstant('2026-10-25', '02:30', 'Europe/Moscow'))).toBe('2026-10-24T23:30:00.000Z');
  });

  it('when the zone is a fixed offset, then it is used as given, east and west', () => {
    expect(zoneOffsetMinutes('+05:30', 0)).toBe(330);
    expect(zoneOffsetMinutes('-03:30', 0)).toBe(-210);
    expect(iso(dueInstant('2026-03-29', '02:30', '+05:30'))).toBe('2026-03-28T21:00:00.000Z');
    expect(iso(dueInstant('2026-03-29', '23:30', '-03:00'))).toBe('2026-03-30T02:30:00.000Z');
    expect(latestDue('23:30', '-03:00', Date.parse('2026-03-30T02:00:00Z')).localDate).toBe('2026-03-28');
  });

  it('when today\'s time has not come yet, then the latest due is yesterday\'s and the next is today\'s', () => {
    const now = Date.parse('2026-11-28T06:00:00Z'); // 07:00 in Berlin
    expect(latestDue('08:00', 'Europe/Berlin', now)).toEqual({ localDate: '2026-11-27', dueAt: Date.parse('2026-11-27T07:00:00Z') });
    expect(nextDue('08:00', 'Europe/Berlin', now)).toEqual({ localDate: '2026-11-28', dueAt: Date.parse('2026-11-28T07:00:00Z') });
  });

  it('when the zone is unknown, then it throws instead of guessing UTC', () => {
    expect(() => zoneOffsetMinutes('Mars/Olympus', 0)).toThrow(/unknown time zone/);
  });
});
