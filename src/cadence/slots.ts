import { dueInstant, localDateOf, nextDate, previousDate } from '../schedule/due.js';
import { type Cadence, cadenceTimes, sendsOn } from './cadence.js';

/**
 * One digest of a cadence: its slot (the key a chat gets at most one digest for), the local date it
 * belongs to and the UTC instant it is due.
 */
export interface DigestSlot {
  /**
   * 'YYYY-MM-DD' (local) for cadences of one digest a day at most; 'YYYY-MM-DD HH:MM' (local date
   * and the chosen time) for twice-daily, whose two digests share a date.
   */
  slot: string;
  /** 'YYYY-MM-DD' in the chat's zone. */
  localDate: string;
  /** The chosen time of day, 'HH:MM' (the wall clock may differ: a spring-forward gap). */
  time: string;
  /** Milliseconds since the epoch. */
  dueAt: number;
}

/** Local days looked at around `now`: a weekly cadence comes round within 7, a DST shift adds one. */
const DAYS_AROUND = 8;

function weekdayOf(localDate: string): number {
  return new Date(`${localDate}T00:00:00Z`).getUTCDay();
}

function slotOf(cadence: Cadence, localDate: string, time: string, zone: string): DigestSlot {
  const slot = cadence.kind === 'twice' ? `${localDate} ${time}` : localDate;
  return { slot, localDate, time, dueAt: dueInstant(localDate, time, zone) };
}

/**
 * The latest digest of `cadence` due at or before `now` (ms) in `zone`, or undefined if none was
 * due in the last eight days (never for a valid cadence). Wall-clock times follow `dueInstant`: a
 * time inside a spring-forward gap is due at the first minute after it; a time a fall-back day
 * has twice is due once, at the first. Throws for an unknown zone.
 */
export function latestSlot(cadence: Cadence, zone: string, now: number): DigestSlot | undefined {
  const times = [...cadenceTimes(cadence)].reverse();
  let date = localDateOf(now, zone);
  for (let i = 0; i <= DAYS_AROUND; i++, date = previousDate(date)) {
    if (!sendsOn(cadence, weekdayOf(date))) continue;
    for (const time of times) {
      const due = slotOf(cadence, date, time, zone);
      if (due.dueAt <= now) return due;
    }
  }
  return undefined;
}

/** The first digest of `cadence` due strictly after `now` (ms) in `zone` (see {@link latestSlot}). */
export function nextSlot(cadence: Cadence, zone: string, now: number): DigestSlot {
  const times = cadenceTimes(cadence);
  let date = localDateOf(now, zone);
  for (let i = 0; i <= DAYS_AROUND; i++, date = nextDate(date)) {
    if (!sendsOn(cadence, weekdayOf(date))) continue;
    for (const time of times) {
      const due = slotOf(cadence, date, time, zone);
      if (due.dueAt > now) return due;
    }
  }
  throw new RangeError(`no digest time within ${DAYS_AROUND} days for this cadence in '${zone}'`);
}

/**
 * How far back a chat's first digest of this cadence reaches (ms) when due at `dueAt`: from the
 * cadence's previous digest time, at least 24 hours (a first weekly digest covers the week, a first
 * Monday digest of a weekdays cadence the weekend, a first twice-daily one the last day).
 */
export function firstLookbackMs(cadence: Cadence, zone: string, dueAt: number): number {
  const previous = latestSlot(cadence, zone, dueAt - 1);
  const day = 24 * 3_600_000;
  return previous ? Math.max(day, dueAt - previous.dueAt) : day;
}
