import type { Catalogue } from '../i18n/catalogue.js';
import { REGIONS, type Region } from '../regions/regions.js';

/** "Asia & Pacific, Europe" in the catalogue's language. */
export function regionNames(texts: Catalogue, regions: readonly Region[]): string {
  return regions.map((r) => texts.regions[r]).join(', ');
}

/** Region names as people type them, for "Regions: asia, europe, mideast, …". */
export const REGION_WORDS = REGIONS.map((r) => (r === 'middle-east' ? 'mideast' : r)).join(', ');
