import { parseDigestTime } from '../store/chat-settings.js';

/** Days of the week as stored and typed, Monday first (ISO order). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * How often a chat gets its digest, each time in the chat's own zone ('HH:MM'):
 * - daily: every day at `time` (the default);
 * - twice: every day at both `times`, earlier first;
 * - weekdays: Monday to Friday at `time`;
 * - weekly: on `day` at `time`.
 */
export type Cadence =
  | { kind: 'daily'; time: string }
  | { kind: 'twice'; times: readonly [string, string] }
  | { kind: 'weekdays'; time: string }
  | { kind: 'weekly'; day: Weekday; time: string };

export type CadenceKind = Cadence['kind'];

/**
 * The chat row's two columns for a cadence: `digest_time` holds the first (or only) time, so a
 * (zone, time) slot still groups chats for the planner; `cadence` holds the rest: 'daily',
 * 'weekdays', 'weekly mon' or 'twice 18:00' (the second time).
 */
export interface StoredCadence {
  digestTime: string;
  cadence: string;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The cadence of a chat row; an unreadable `cadence` text reads as daily (the column's default). */
export function cadenceFromRow(digestTime: string, cadence: string): Cadence {
  const [kind, arg] = cadence.split(' ');
  if (kind === 'twice' && arg !== undefined && HHMM.test(arg) && arg !== digestTime) {
    return { kind: 'twice', times: arg < digestTime ? [arg, digestTime] : [digestTime, arg] };
  }
  if (kind === 'weekdays') return { kind: 'weekdays', time: digestTime };
  if (kind === 'weekly' && (WEEKDAYS as readonly string[]).includes(arg ?? '')) return { kind: 'weekly', day: arg as Weekday, time: digestTime };
  return { kind: 'daily', time: digestTime };
}

/** The row's columns for a cadence (see {@link StoredCadence}). */
export function cadenceToRow(cadence: Cadence): StoredCadence {
  switch (cadence.kind) {
    case 'daily':
      return { digestTime: cadence.time, cadence: 'daily' };
    case 'weekdays':
      return { digestTime: cadence.time, cadence: 'weekdays' };
    case 'weekly':
      return { digestTime: cadence.time, cadence: `weekly ${cadence.day}` };
    case 'twice':
      return { digestTime: cadence.times[0], cadence: `twice ${cadence.times[1]}` };
  }
}

/** The digest times of a day the cadence sends on, earliest first. */
export function cadenceTimes(cadence: Cadence): readonly string[] {
  return cadence.kind === 'twice' ? cadence.times : [cadence.time];
}

/** Whether a digest goes on `weekday` (0 = Sunday, as Date#getUTCDay). */
export function sendsOn(cadence: Cadence, weekday: number): boolean {
  if (cadence.kind === 'weekdays') return weekday >= 1 && weekday <= 5;
  if (cadence.kind === 'weekly') return WEEKDAYS.indexOf(cadence.day) === (weekday + 6) % 7;
  return true;
}

/** The same cadence at a new time of day (`/time`); a twice-daily cadence has two and is kept. */
export function withTime(cadence: Cadence, time: string): Cadence {
  return cadence.kind === 'twice' ? cadence : { ...cadence, time };
}

/** What `/frequency …` asked for, or why it cannot be read. */
export type FrequencyInput =
  | { kind: 'ok'; cadence: Cadence }
  | { kind: 'unknown'; word: string }
  | { kind: 'badTime'; word: string }
  | { kind: 'twiceNeedsTwo' }
  | { kind: 'sameTimes'; time: string }
  | { kind: 'weeklyNeedsDay' }
  | { kind: 'badDay'; word: string };

/** Words for each kind, English and Russian, as people write them. */
const KIND_WORDS: Record<string, CadenceKind> = {
  daily: 'daily', everyday: 'daily', ежедневно: 'daily',
  twice: 'twice', дважды: 'twice',
  weekdays: 'weekdays', workdays: 'weekdays', будни: 'weekdays',
  weekly: 'weekly', еженедельно: 'weekly',
};

/** Weekday names, English and Russian (short, full and the accusative "в среду"). */
const DAY_WORDS: Record<string, Weekday> = {
  mon: 'mon', monday: 'mon', mo: 'mon', пн: 'mon', пон: 'mon', понедельник: 'mon',
  tue: 'tue', tues: 'tue', tuesday: 'tue', tu: 'tue', вт: 'tue', вторник: 'tue',
  wed: 'wed', wednesday: 'wed', we: 'wed', ср: 'wed', среда: 'wed', среду: 'wed',
  thu: 'thu', thur: 'thu', thurs: 'thu', thursday: 'thu', th: 'thu', чт: 'thu', четверг: 'thu',
  fri: 'fri', friday: 'fri', fr: 'fri', пт: 'fri', пятница: 'fri', пятницу: 'fri',
  sat: 'sat', saturday: 'sat', sa: 'sat', сб: 'sat', суббота: 'sat', субботу: 'sat',
  sun: 'sun', sunday: 'sun', su: 'sun', вс: 'sun', воскресенье: 'sun',
};

/** Filler words people put between the parts ("weekly on mon at 9:00", "в понедельник в 9:00"). */
const FILLER = new Set(['on', 'at', 'and', 'a', 'day', 'в', 'во', 'и', 'день', 'раза']);

/**
 * Reads `/frequency` arguments: `daily [HH:MM]`, `twice HH:MM HH:MM`, `weekdays [HH:MM]`,
 * `weekly [day] [HH:MM]` (English or Russian words, e.g. `weekly mon 09:00`, `еженедельно пт 18:00`).
 * A time left out keeps `current` (the chat's present first time); a weekly day left out is asked
 * for. Times are the chat's local wall-clock times; twice-daily times are sorted and must differ.
 */
export function parseFrequency(args: readonly string[], current: string): FrequencyInput {
  const words = args.map((w) => w.toLowerCase().replace(/[.,;]+$/u, '')).filter((w) => w !== '');
  const first = words[0];
  if (first === undefined) return { kind: 'unknown', word: '' };
  const kind = KIND_WORDS[first];
  if (kind === undefined) return { kind: 'unknown', word: args[0] ?? first };
  const rest = words.slice(1).filter((w) => !FILLER.has(w));
  const times: string[] = [];
  let day: Weekday | undefined;
  for (const word of rest) {
    const time = parseDigestTime(word);
    if (time !== undefined) {
      times.push(time);
      continue;
    }
    if (kind === 'weekly' && DAY_WORDS[word] !== undefined && day === undefined) {
      day = DAY_WORDS[word];
      continue;
    }
    if (kind === 'weekly' && /^\p{L}+$/u.test(word)) return { kind: 'badDay', word };
    return { kind: 'badTime', word };
  }
  if (kind === 'twice') {
    const [a, b] = times;
    if (a === undefined || b === undefined || times.length > 2) return { kind: 'twiceNeedsTwo' };
    if (a === b) return { kind: 'sameTimes', time: a };
    return { kind: 'ok', cadence: { kind: 'twice', times: a < b ? [a, b] : [b, a] } };
  }
  if (times.length > 1) return { kind: 'badTime', word: times[1] as string };
  const time = times[0] ?? current;
  if (kind === 'weekly') return day === undefined ? { kind: 'weeklyNeedsDay' } : { kind: 'ok', cadence: { kind: 'weekly', day, time } };
  return { kind: 'ok', cadence: { kind, time } };
}

/** The canonical command text of a cadence: 'daily 08:00', 'twice 08:00 18:00', 'weekly mon 09:00'. */
export function cadenceText(cadence: Cadence): string {
  switch (cadence.kind) {
    case 'twice':
      return `twice ${cadence.times[0]} ${cadence.times[1]}`;
    case 'weekly':
      return `weekly ${cadence.day} ${cadence.time}`;
    default:
      return `${cadence.kind} ${cadence.time}`;
  }
}
