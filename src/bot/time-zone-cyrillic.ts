import { createRequire } from 'node:module';
import { cityMapping } from 'city-timezones';
import type { Country } from 'world-countries';
import { isValidTimeZone } from '../config.js';
import { RUSSIAN_PLACES } from '../regions/russian.js';

/**
 * Time zones by the Russian (and Ukrainian) names people write for a city or a country, for
 * `/timezone Москва`. Three sources, the first that knows a name wins:
 * 1. the runtime's own Russian names of the zones of countries that span several (ICU's exemplar
 *    cities: "Москва", "Екатеринбург", "Нью-Йорк", "Лос-Анджелес");
 * 2. {@link CITY_ZONES}: big cities of countries that span several zones and that ICU does not name
 *    (Санкт-Петербург, Казань, Хьюстон), and Ukrainian spellings (Київ);
 * 3. countries' Russian names (world-countries) and the region tagger's Russian place names
 *    (capitals and cities, see regions/russian.ts): in a country that keeps one time (one offset
 *    for 90% of its people in city-timezones' data) they take its zone (Токио, Париж, Пекин, Киев);
 *    a country of several zones ("Россия", "США") stands for all of them, most people first.
 */

// world-countries is CommonJS whose typings claim an ES default export; read its data file directly.
const worldCountries = createRequire(import.meta.url)('world-countries/countries.json') as readonly Country[];

/** Cities ICU does not name in Russian, in countries of several zones; Ukrainian spellings. */
const CITY_ZONES: Readonly<Record<string, string>> = {
  'санкт-петербург': 'Europe/Moscow',
  петербург: 'Europe/Moscow',
  питер: 'Europe/Moscow',
  казань: 'Europe/Moscow',
  'нижний-новгород': 'Europe/Moscow',
  'ростов-на-дону': 'Europe/Moscow',
  краснодар: 'Europe/Moscow',
  воронеж: 'Europe/Moscow',
  сочи: 'Europe/Moscow',
  мурманск: 'Europe/Moscow',
  архангельск: 'Europe/Moscow',
  севастополь: 'Europe/Simferopol',
  уфа: 'Asia/Yekaterinburg',
  пермь: 'Asia/Yekaterinburg',
  челябинск: 'Asia/Yekaterinburg',
  тюмень: 'Asia/Yekaterinburg',
  хабаровск: 'Asia/Vladivostok',
  'петропавловск-камчатский': 'Asia/Kamchatka',
  'южно-сахалинск': 'Asia/Sakhalin',
  вашингтон: 'America/New_York',
  бостон: 'America/New_York',
  майами: 'America/New_York',
  атланта: 'America/New_York',
  филадельфия: 'America/New_York',
  хьюстон: 'America/Chicago',
  даллас: 'America/Chicago',
  остин: 'America/Chicago',
  сиэтл: 'America/Los_Angeles',
  'сан-франциско': 'America/Los_Angeles',
  'лас-вегас': 'America/Los_Angeles',
  'сан-диего': 'America/Los_Angeles',
  монреаль: 'America/Toronto',
  оттава: 'America/Toronto',
  калгари: 'America/Edmonton',
  'рио-де-жанейро': 'America/Sao_Paulo',
  бразилиа: 'America/Sao_Paulo',
  канберра: 'Australia/Sydney',
  астана: 'Asia/Almaty',
  'алма-ата': 'Asia/Almaty',
  шымкент: 'Asia/Almaty',
  караганда: 'Asia/Almaty',
  київ: 'Europe/Kyiv',
  харків: 'Europe/Kyiv',
  одеса: 'Europe/Kyiv',
  львів: 'Europe/Kyiv',
  дніпро: 'Europe/Kyiv',
  запоріжжя: 'Europe/Kyiv',
};

/** Zones the runtime still knows by an older name, shown by the current one. */
const RENAMED: Readonly<Record<string, string>> = {
  'Europe/Kiev': 'Europe/Kyiv',
  'Europe/Uzhgorod': 'Europe/Kyiv',
  'Europe/Zaporozhye': 'Europe/Kyiv',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'America/Godthab': 'America/Nuuk',
};

/** A Cyrillic name as the index keys it: lower case, ё as е, spaces and dashes alike ("нью йорк" = "Нью-Йорк"). */
export function cyrillicKey(text: string): string {
  return text.trim().toLowerCase().replace(/ё/g, 'е').replace(/[\s‐–—-]+/g, '-');
}

const modern = (zone: string): string => {
  const renamed = RENAMED[zone];
  return renamed && isValidTimeZone(renamed) ? renamed : zone;
};
const canonicalNames = new Map<string, string>();
/** The runtime's own name for a zone ("Asia/Chongqing" → "Asia/Shanghai"), remembered. */
function canonical(zone: string): string {
  let name = canonicalNames.get(zone);
  if (name === undefined) {
    name = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    canonicalNames.set(zone, name);
  }
  return name;
}

/** Places the gazetteer files under a country whose clocks there keep another time in practice. */
const OTHER_TIME: ReadonlySet<string> = new Set(['крым', 'донбасс', 'донецк', 'луганск', 'приднестровье']);

let index: ReadonlyMap<string, readonly string[]> | undefined;

/**
 * The zones a Cyrillic city or country name stands for: one, several (a country that spans
 * several, "Россия"), or none. The index is built on first use (a few hundred ms) and kept.
 */
export function zonesForCyrillic(text: string): readonly string[] {
  index ??= buildIndex();
  return index.get(cyrillicKey(text)) ?? [];
}

function buildIndex(): ReadonlyMap<string, readonly string[]> {
  const out = new Map<string, string[]>();
  const add = (name: string, zone: string) => {
    const key = cyrillicKey(name);
    const z = modern(zone);
    const list = out.get(key) ?? [];
    if (!list.some((other) => canonical(other) === canonical(z))) list.push(z);
    out.set(key, list);
  };
  const countries = countryZones();
  // ICU names the cities of countries that span several zones ("Екатеринбург", "Чикаго").
  for (const zones of countries.values()) {
    if (zones.length < 2) continue;
    for (const zone of zones) {
      const part = new Intl.DateTimeFormat('ru', { timeZone: zone, timeZoneName: 'shortGeneric' }).formatToParts(0).find((p) => p.type === 'timeZoneName');
      // A zone ICU cannot name comes back as an offset ("GMT+3"); a country name is added below.
      if (part && /\p{Script=Cyrillic}/u.test(part.value)) add(part.value, zone);
    }
  }
  const known = new Set(out.keys());
  for (const [name, zone] of Object.entries(CITY_ZONES)) if (isValidTimeZone(zone)) add(name, zone);
  for (const c of worldCountries) {
    const zones = countries.get(c.cca2);
    const rus = c.translations.rus;
    if (!zones || !rus) continue;
    for (const name of new Set([rus.common, rus.official])) if (!known.has(cyrillicKey(name))) for (const zone of zones) add(name, zone);
  }
  for (const [code, names] of Object.entries(RUSSIAN_PLACES)) {
    const zones = countries.get(code);
    if (!zones) continue;
    for (const name of names) {
      const key = cyrillicKey(name);
      if (known.has(key) || CITY_ZONES[key] || OTHER_TIME.has(key)) continue;
      // A city of a country of several zones could be in any: only short forms ("США") name the country.
      if (zones.length === 1) add(name, zones[0] as string);
      else if (/^[А-ЯЁ]{2,}$/.test(name)) for (const zone of zones) add(name, zone);
    }
  }
  return out;
}

/**
 * Each country's zones, most people first (city-timezones' cities). A country where one offset
 * (in January and in July) holds at least 90% of the people keeps one time: its most populous zone.
 */
function countryZones(): ReadonlyMap<string, readonly string[]> {
  const people = new Map<string, Map<string, number>>();
  const valid = new Map<string, boolean>();
  for (const city of cityMapping) {
    if (!city.timezone) continue;
    let ok = valid.get(city.timezone);
    if (ok === undefined) valid.set(city.timezone, (ok = isValidTimeZone(city.timezone)));
    if (!ok) continue;
    const zones = people.get(city.iso2) ?? new Map<string, number>();
    const zone = canonical(city.timezone);
    zones.set(zone, (zones.get(zone) ?? 0) + city.pop);
    people.set(city.iso2, zones);
  }
  const out = new Map<string, readonly string[]>();
  for (const [code, zones] of people) {
    const ranked = [...zones.entries()].sort((a, b) => b[1] - a[1]);
    const total = ranked.reduce((sum, [, pop]) => sum + pop, 0);
    const top = ranked[0];
    if (!top) continue;
    if (top[1] >= total * 0.9) {
      out.set(code, [top[0]]);
      continue;
    }
    const byOffset = new Map<string, number>();
    for (const [zone, pop] of ranked) byOffset.set(offsets(zone), (byOffset.get(offsets(zone)) ?? 0) + pop);
    const main = offsets(top[0]);
    out.set(code, (byOffset.get(main) ?? 0) >= total * 0.9 ? [top[0]] : ranked.map(([zone]) => zone));
  }
  return out;
}

const JANUARY = Date.UTC(2025, 0, 15);
const JULY = Date.UTC(2025, 6, 15);
/** A zone's UTC offsets in January and July ("GMT+05:00/GMT+05:00"). */
function offsets(zone: string): string {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  const at = (t: number) => format.formatToParts(t).find((p) => p.type === 'timeZoneName')?.value ?? '';
  return `${at(JANUARY)}/${at(JULY)}`;
}
