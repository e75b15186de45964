import type { Region } from '../regions/regions.js';

/**
 * Every text the bot shows a person, in one language. Sections by domain: `regions` and `story`
 * are shared; `bot` holds command replies; `digest` the daily digest.
 * Functions take plain values; HTML-escaping of user or store data is the caller's job.
 */
export interface Catalogue {
  /** BCP-47 tag for Intl and date-fns. */
  locale: string;
  regions: Record<Region, string>;
  story: {
    /** Separator between source and age: "Sputnik International · 3 hours ago". */
    meta: (source: string, age: string) => string;
    /** "also: Outlet B, Outlet C". */
    alsoIn: (outlets: string) => string;
    justNow: string;
  };
  bot: Record<string, unknown>;
  digest: Record<string, unknown>;
}
