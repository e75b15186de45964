import { formatDistanceStrict } from 'date-fns/formatDistanceStrict';
import type { Cadence } from '../cadence/cadence.js';
import { WEEKDAYS } from '../cadence/cadence.js';
import { nextSlot } from '../cadence/slots.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { dateLocales } from '../i18n/index.js';
import { localDateOf, nextDate, wallClock } from '../schedule/due.js';
import type { Language } from '../store/chats.js';
import type { BotContext } from './context.js';
import type { BotDeps } from './deps.js';

const HOUR = 3_600_000;

/**
 * "Next digest: today at 07:30, in 3 hours." for a chat of `cadence` in `zone`, as of `now` (ms).
 * The day is the chat's own today or tomorrow, else the weekday ("on Monday at 09:00, in 4 days");
 * the wait is worded by date-fns in the chat's language (Russian gets its plural forms: "через 3
 * часа", "через 5 часов"): minutes within the hour, hours within two days, then days. The time
 * shown is the wall-clock minute the digest really goes, which differs from the chosen time only
 * when that falls in a spring-forward gap.
 */
export function nextDigestLine(texts: Catalogue, language: Language, cadence: Cadence, zone: string, now: number): string {
  const next = nextSlot(cadence, zone, now);
  const today = localDateOf(now, zone);
  const weekday = WEEKDAYS[(new Date(`${next.localDate}T00:00:00Z`).getUTCDay() + 6) % 7] ?? 'mon';
  const day =
    next.localDate === today ? texts.bot.days.today : next.localDate === nextDate(today) ? texts.bot.days.tomorrow : texts.bot.weekdayOn[weekday];
  const at = wallClock(next.dueAt, zone).toISOString().slice(11, 16);
  const wait = next.dueAt - now;
  const unit = wait < HOUR ? 'minute' : wait < 48 * HOUR ? 'hour' : 'day';
  const inTime = formatDistanceStrict(next.dueAt, now, { addSuffix: true, unit, locale: dateLocales[language] });
  return texts.bot.nextDigest(day, at, inTime);
}

/**
 * After a change of time, zone or cadence of chat `chatId`: when the next digest comes, or why none
 * will (no regions, paused).
 */
export function whatComes(ctx: BotContext, deps: Pick<BotDeps, 'chats' | 'clock'>, chatId: number, cadence: Cadence, zone: string): string[] {
  const chat = deps.chats.get(chatId);
  const b = ctx.texts.bot;
  if (!chat || chat.regions.length === 0) return [b.noSubscriptions];
  if (chat.paused) return [b.pausedNote];
  return [nextDigestLine(ctx.texts, ctx.lang, cadence, zone, deps.clock.now())];
}
