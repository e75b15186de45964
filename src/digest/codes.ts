/**
 * Small numbers for a chat's digest inputs (regions in order, language, audience, quiet days),
 * keying the digests and sections that chats share.
 */
import { type Audience, LANGUAGES } from '../i18n/index.js';
import { REGIONS, type Region } from '../regions/regions.js';
import type { Language } from '../store/chats.js';

export const REGION_INDEX = Object.fromEntries(REGIONS.map((r, i) => [r, i])) as Record<Region, number>;

/** Regions a chat may list for its digest to be shared by code (see `plainCode`): 8^12 stays an exact number. */
export const MAX_CODED_REGIONS = 12;
export const LANGUAGE_CODE = Object.fromEntries(LANGUAGES.map((l, i) => [l, i])) as Record<Language, number>;
export const AUDIENCE_CODE: Record<Audience, number> = { private: 0, group: 1, channel: 2 };

/** One number for a chat's regions in order, language, audience and quiet days, within a group of shared digests. */
export function plainCode(regions: readonly Region[], language: Language, audience: Audience, quiet: boolean): number {
  let code = 0;
  for (const region of regions) code = code * 8 + (REGION_INDEX[region] as number) + 1;
  return ((code * LANGUAGES.length + LANGUAGE_CODE[language]) * 3 + AUDIENCE_CODE[audience]) * 2 + (quiet ? 1 : 0);
}
