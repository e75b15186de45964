import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { Catalogue } from '../i18n/catalogue.js';
import { isRegion, REGIONS, type Region } from '../regions/regions.js';

/** Callback data of a region toggle button: "rg:asia". */
const PREFIX = 'rg:';

/**
 * The region picker: one button per region, two to a row, subscribed ones marked ✅. Each button
 * carries what pressing it does ("rg:asia:on" subscribes, "rg:asia:off" unsubscribes), so an older
 * picker whose marks are out of date still does what the person saw.
 */
export function regionKeyboard(texts: Catalogue, subscribed: readonly Region[]): InlineKeyboardMarkup {
  const buttons = REGIONS.map((region) => {
    const on = subscribed.includes(region);
    return { text: `${on ? '✅ ' : ''}${texts.regions[region]}`, callback_data: `${PREFIX}${region}:${on ? 'off' : 'on'}` };
  });
  const rows = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return { inline_keyboard: rows };
}

/** Callback data the region picker's buttons carry, for `bot.action`. */
export const REGION_TOGGLE = /^rg:(.*)$/;

/**
 * The region a button's data names and whether it subscribes (true), unsubscribes (false) or, for
 * buttons sent before buttons said so ("rg:asia"), toggles (undefined); undefined for forged data.
 */
export function toggledRegion(data: string | undefined): { region: Region; subscribe: boolean | undefined } | undefined {
  const match = data?.startsWith(PREFIX) ? /^([a-z-]+)(?::(on|off))?$/u.exec(data.slice(PREFIX.length)) : null;
  const name = match?.[1];
  if (!match || !isRegion(name)) return undefined;
  return { region: name, subscribe: match[2] === undefined ? undefined : match[2] === 'on' };
}
