import type { Catalogue } from '../i18n/catalogue.js';
import { REGION_COMMANDS, REGIONS, type Region } from '../regions/regions.js';

/** "Asia & Pacific, Europe" in the catalogue's language. */
export function regionNames(texts: Catalogue, regions: readonly Region[]): string {
  return regions.map((r) => texts.regions[r]).join(', ');
}

/** Region names as people type them, for "Regions: asia, europe, mideast, …". */
export const REGION_WORDS = REGIONS.map((r) => REGION_COMMANDS[r].slice(1)).join(', ');

/** A stored zone as people read it: IANA names and UTC as they are, a fixed offset as "UTC+05:30". */
export function zoneName(zone: string): string {
  return /^[+-]\d{2}:\d{2}$/u.test(zone) ? `UTC${zone}` : zone;
}
