import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { Catalogue } from '../i18n/catalogue.js';
import { isRegion, REGIONS, type Region } from '../regions/regions.js';

/** Callback data of a region toggle button: "rg:asia". */
const PREFIX = 'rg:';

/** The region picker: one button per region, two to a row, subscribed ones marked ✅. */
export function regionKeyboard(texts: Catalogue, subscribed: readonly Region[]): InlineKeyboardMarkup {
  const buttons = REGIONS.map((region) => ({
    text: `${subscribed.includes(region) ? '✅ ' : ''}${texts.regions[region]}`,
    callback_data: `${PREFIX}${region}`,
  }));
  const rows = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return { inline_keyboard: rows };
}

/** Callback data the region picker's buttons carry, for `bot.action`. */
export const REGION_TOGGLE = /^rg:(.*)$/;

/** The region a toggle's data names, or undefined for stale or forged data. */
export function toggledRegion(data: string | undefined): Region | undefined {
  const name = data?.startsWith(PREFIX) ? data.slice(PREFIX.length) : undefined;
  return isRegion(name) ? name : undefined;
}
