import { formatDistanceStrict } from 'date-fns';
import type { Catalogue } from '../i18n/catalogue.js';
import { dateLocales } from '../i18n/index.js';
import { localDateOf, nextDue, wallClock } from '../schedule/due.js';
import type { Language } from '../store/chats.js';

const HOUR = 3_600_000;

/**
 * "Next digest: today at 07:30, in 3 hours." for a digest at `time` ('HH:MM') in `zone`, as of
 * `now` (ms). The day is the chat's own today or tomorrow; the wait is worded by date-fns in the
 * chat's language (Russian gets its plural forms: "через 3 часа", "через 5 часов"). The time
 * shown is the wall-clock minute the digest really goes, which differs from `time` only when
 * `time` falls in a spring-forward gap.
 */
export function nextDigestLine(texts: Catalogue, language: Language, time: string, zone: string, now: number): string {
  const next = nextDue(time, zone, now);
  const day = next.localDate === localDateOf(now, zone) ? texts.bot.days.today : texts.bot.days.tomorrow;
  const at = wallClock(next.dueAt, zone).toISOString().slice(11, 16);
  // Hours even past a day ("in 24 hours", not "in 1 day"): the next digest is never further off.
  const unit = next.dueAt - now < HOUR ? 'minute' : 'hour';
  const inTime = formatDistanceStrict(next.dueAt, now, { addSuffix: true, unit, locale: dateLocales[language] });
  return texts.bot.nextDigest(day, at, inTime);
}
