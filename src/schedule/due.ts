import { tzOffset } from '@date-fns/tz';

const MINUTE = 60_000;
const DAY = 86_400_000;
const FIXED_OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/** A digest that is due: the chat's local date it belongs to and the UTC instant (ms) it was due. */
export interface Due {
  /** 'YYYY-MM-DD' in the chat's zone. */
  localDate: string;
  /** Milliseconds since the epoch. */
  dueAt: number;
}

/**
 * Minutes east of UTC in `zone` at the instant `at` (ms): 'UTC', a fixed offset such as '+05:30'
 * or '-03:00', or any IANA name (via @date-fns/tz, so DST is the runtime's tz data). Throws for an
 * unknown zone rather than silently using UTC.
 */
export function zoneOffsetMinutes(zone: string, at: number): number {
  if (zone === 'UTC') return 0;
  const fixed = FIXED_OFFSET.exec(zone);
  if (fixed) {
    const minutes = Number(fixed[2]) * 60 + Number(fixed[3]);
    return fixed[1] === '-' ? -minutes : minutes;
  }
  const offset = tzOffset(zone, new Date(at));
  if (!Number.isFinite(offset)) throw new RangeError(`unknown time zone '${zone}'`);
  return offset;
}

/** The wall-clock time in `zone` at `at`, as a Date whose UTC fields are the local fields. */
export function wallClock(at: number, zone: string): Date {
  return new Date(at + zoneOffsetMinutes(zone, at) * MINUTE);
}

/** 'YYYY-MM-DD' of the instant `at` in `zone`. */
export function localDateOf(at: number, zone: string): string {
  return wallClock(at, zone).toISOString().slice(0, 10);
}

/** The day before a 'YYYY-MM-DD' date. */
export function previousDate(localDate: string): string {
  return new Date(Date.parse(`${localDate}T00:00:00Z`) - DAY).toISOString().slice(0, 10);
}

/** The day after a 'YYYY-MM-DD' date. */
export function nextDate(localDate: string): string {
  return new Date(Date.parse(`${localDate}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
}

/**
 * The UTC instant (ms) at which the wall-clock time `hhmm` ('HH:MM') occurs on `localDate` in `zone`.
 * - On a spring-forward day, a time inside the skipped hour gives the first valid minute after the
 *   gap (02:30 in Berlin on the last Sunday of March → 03:00 CEST).
 * - On a fall-back day, a time that occurs twice gives the first occurrence (the earlier instant).
 */
export function dueInstant(localDate: string, hhmm: string, zone: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const wall = Date.parse(`${localDate}T00:00:00Z`) + (h * 60 + m) * MINUTE;
  if (!Number.isFinite(wall)) throw new RangeError(`bad digest date or time '${localDate} ${hhmm}'`);
  // Any transition near this day is between the offsets a day before and a day after.
  const before = zoneOffsetMinutes(zone, wall - DAY);
  const after = zoneOffsetMinutes(zone, wall + DAY);
  const valid = [...new Set([before, after, zoneOffsetMinutes(zone, wall)])]
    .map((offset) => wall - offset * MINUTE)
    .filter((t) => wall - zoneOffsetMinutes(zone, t) * MINUTE === t);
  if (valid.length > 0) return Math.min(...valid);
  // In the gap: the clocks jumped from `before` to `after` between these two instants; the first
  // valid local minute at or after `wall` is the instant of the jump itself.
  let lo = wall - Math.max(before, after) * MINUTE;
  let hi = wall - Math.min(before, after) * MINUTE;
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (zoneOffsetMinutes(zone, mid) === after) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * The most recent digest time at or before `now` for a chat whose digest is at `hhmm` in `zone`:
 * today's if it has come, else yesterday's (local dates).
 */
export function latestDue(hhmm: string, zone: string, now: number): Due {
  const today = localDateOf(now, zone);
  const dueToday = dueInstant(today, hhmm, zone);
  if (dueToday <= now) return { localDate: today, dueAt: dueToday };
  const yesterday = previousDate(today);
  return { localDate: yesterday, dueAt: dueInstant(yesterday, hhmm, zone) };
}

/** The next digest time strictly after `now` (for telling people when their digest comes). */
export function nextDue(hhmm: string, zone: string, now: number): Due {
  const last = latestDue(hhmm, zone, now);
  let date = nextDate(last.localDate);
  let dueAt = dueInstant(date, hhmm, zone);
  // A fall-back day can put "tomorrow's" instant before now only in pathological zones; step on.
  while (dueAt <= now) {
    date = nextDate(date);
    dueAt = dueInstant(date, hhmm, zone);
  }
  return { localDate: date, dueAt };
}
