import type { Cadence } from '../cadence/cadence.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { zoneName } from './names.js';

/** How often, in the catalogue's words: "every day at 08:00", "once a week, on Monday at 09:00". */
export function cadenceWhen(texts: Catalogue, cadence: Cadence): string {
  const c = texts.bot.cadence;
  switch (cadence.kind) {
    case 'daily':
      return c.daily(cadence.time);
    case 'twice':
      return c.twice(cadence.times[0], cadence.times[1]);
    case 'weekdays':
      return c.weekdays(cadence.time);
    case 'weekly':
      return c.weekly(texts.bot.weekdayOn[cadence.day], cadence.time);
  }
}

/**
 * "Your daily digest comes at 08:00 (UTC)." for a daily cadence (the words people know from before
 * cadences), else "Your digest comes twice a day, at 08:00 and 18:00 (Europe/Berlin).".
 */
export function digestWhenLine(texts: Catalogue, cadence: Cadence, zone: string): string {
  if (cadence.kind === 'daily') return texts.bot.digestAt(cadence.time, zoneName(zone));
  return texts.bot.digestCadence(cadenceWhen(texts, cadence), zoneName(zone));
}

/** The time(s) of day of a cadence as said in a sentence: "08:00", "08:00 and 18:00". */
export function cadenceTimesText(texts: Catalogue, cadence: Cadence): string {
  return cadence.kind === 'twice' ? texts.bot.timesAnd(cadence.times[0], cadence.times[1]) : cadence.time;
}
