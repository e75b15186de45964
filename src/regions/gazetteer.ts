import { createRequire } from 'node:module';
import { cityMapping } from 'city-timezones';
import type { Country } from 'world-countries';
import { LOWER_WORDS, NAME_GROUPS } from './entities.js';
import { COUNTRY_ALIASES, COUNTRY_REGIONS, DEMONYM_ALIASES, NAME_LIKE, NOT_A_PLACE, READINGS, REGION_PLACES, STOP_NAMES } from './places.js';
import { REGIONS, type Region } from './regions.js';
import { buildRussianIndex, type RussianIndex } from './russian-index.js';

/**
 * The gazetteer: every place name the region tagger knows, compiled once into a lookup keyed by
 * normalised token sequences.
 *
 * Sources, in order of precedence when two give the same name:
 * 1. world-countries: every country and territory (common name, alternative spellings of four or more
 *    letters), the capitals and English demonyms ("Japanese", plural "Iranians") of UN members and of
 *    Taiwan, Palestine, Kosovo, Hong Kong and Puerto Rico. Regions come from the package's
 *    region/subregion (see {@link regionsOfCountry}), with the news-desk exceptions in places.ts.
 * 2. places.ts: short forms ("US", "UK", "DRC"), old names, region words ("Middle East", "Asian");
 *    entities.ts: metonyms, institutions, parties, leaders, leagues and clubs ("White House", "Bundestag").
 * 3. city-timezones: cities of at least {@link MIN_CITY_POPULATION} people, and the states and
 *    provinces of {@link PROVINCE_COUNTRIES}. A city name shared by cities in two regions is kept
 *    only if the larger has twice the people of the other ("Birmingham" is England's).
 *
 * Names are matched case-sensitively (a proper noun starts with a capital: "turkey" and "china" are
 * not places), on whole words, with diacritics ignored ("Sao Paulo" = "São Paulo"), a possessive "'s"
 * dropped, and ALL-CAPS words ("MOSCOW") read as capitalised ones.
 */

// world-countries is CommonJS whose typings claim an ES default export; read its data file directly.
const countries = createRequire(import.meta.url)('world-countries/countries.json') as readonly Country[];

/** Cities with fewer people than this are not in the gazetteer (capitals always are). */
export const MIN_CITY_POPULATION = 200_000;
/** Countries whose first-level divisions (states, provinces, prefectures) are in the gazetteer. */
export const PROVINCE_COUNTRIES: ReadonlySet<string> = new Set(['US', 'CA', 'AU', 'CN', 'IN', 'JP', 'BR', 'MX']);
/** Non-member states and territories that get capitals and demonyms like UN members. */
const MEMBER_LIKE: ReadonlySet<string> = new Set(['TW', 'PS', 'XK', 'HK', 'PR']);

export type PlaceKind = 'country' | 'alias' | 'region' | 'entity' | 'demonym' | 'capital' | 'province' | 'city';
/** Lower wins when two sources name the same place differently. */
const PRECEDENCE: Record<PlaceKind, number> = { country: 0, alias: 1, region: 2, entity: 3, demonym: 4, capital: 5, province: 6, city: 7 };

/**
 * How much one mention of a place of each kind says about where a story is, a country's name being 1:
 * a city or a state may share its name with a place elsewhere, a demonym often qualifies a passing
 * detail ("a British tourist"). Entities carry their own (see entities.ts).
 */
export const KIND_STRENGTH: Readonly<Record<PlaceKind, number>> = {
  country: 1,
  alias: 1,
  region: 1,
  capital: 1,
  entity: 1,
  province: 0.9,
  city: 0.9,
  demonym: 0.8,
};

/** Another reading of a name, resolved per story by the tagger (see places.ts, `READINGS`). */
export interface Reading {
  regions: readonly Region[];
  country: string | undefined;
  /** The story says this reading is meant. */
  cue: RegExp;
}

export interface Place {
  /** The name as the data writes it ("South Korea"). */
  name: string;
  kind: PlaceKind;
  /** News regions, primary first. */
  regions: readonly Region[];
  /** ISO 3166 alpha-2 code of the country, when the place is in one. */
  country: string | undefined;
  /** Also a common given name or surname ("Jordan", "Chad"): see the tagger's person-name rule. */
  nameLike: boolean;
  /** An all-capitals short form ("US", "UK"): ignored in text written all in capitals. */
  abbreviation: boolean;
  /** Neighbouring words that make it something else ("Guinea pig"). */
  notA: { before?: RegExp; after?: RegExp } | undefined;
  /** How much one mention weighs, a country's name being 1 (see {@link KIND_STRENGTH}). */
  strength: number;
  /** For names with several readings ("Georgia"): the usual one's cue and the others. */
  readings: { usual: RegExp; others: readonly Reading[] } | undefined;
}

export interface Gazetteer extends RussianIndex {
  /** Normalised token sequence joined by spaces → place. */
  places: ReadonlyMap<string, Place>;
  /** Normalised first token → the most tokens a name starting with it has. */
  longest: ReadonlyMap<string, number>;
  /** Tokens that are written all in capitals in some name ("US", "DRC"), kept as they are. */
  capsTokens: ReadonlySet<string>;
  /** Lower-case words that point to a place or to the world (currencies, "global"). */
  lower: ReadonlyMap<string, Place>;
}

/** Words of a name compared lower case when not first ("Bosnia And Herzegovina" in a title). */
const CONNECTORS: ReadonlySet<string> = new Set([
  'and', 'of', 'the', 'de', 'da', 'do', 'dos', 'del', 'des', 'du', 'es', 'el', 'al', 'la', 'le', 'y', 'e', 'et', 'upon',
  'on', 'au', 'ng', 'di', 'an', 'am',
]);

/** A word: letters or digits, with inner apostrophes ("d'Ivoire", "Nuku'alofa") and a trailing one. */
export const WORD = /[\p{L}\p{N}]+(?:['’ʼ‘][\p{L}\p{N}]+)*['’]?/gu;
/** What may stand between two words of one name: a space, a hyphen, a dot ("U.S."), a dot and space ("St. Louis"). */
export const JOINABLE = /^(?:[ \u00a0]|[ \u00a0]?[-‐–][ \u00a0]?|\.|\.[ \u00a0])$/;

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The normalised form of one word at position `index` of a name: apostrophes unified, possessive
 * dropped, diacritics removed, ALL-CAPS read as Capitalised (except short forms in `caps`), connectors
 * after the first word lower case.
 */
export function normaliseWord(raw: string, index: number, caps: ReadonlySet<string>): string {
  let w = raw;
  if (NON_ASCII.test(w)) {
    w = w.replace(/[’ʼ‘]/g, "'").normalize('NFD').replace(/\p{M}/gu, '');
  }
  if (w.endsWith("'s") || w.endsWith("'S")) w = w.slice(0, -2);
  else if (w.endsWith("'")) w = w.slice(0, -1);
  // Only a word whose second letter is a capital can be ALL-CAPS: skip the case copies otherwise.
  const second = w.charCodeAt(1);
  if (w.length > 1 && !(second >= 97 && second <= 122) && w === w.toUpperCase() && w !== w.toLowerCase() && !caps.has(w)) {
    w = w[0] + w.slice(1).toLowerCase();
  }
  if (index > 0) {
    const lower = w.toLowerCase();
    if (CONNECTORS.has(lower)) return lower;
  }
  return w;
}

/** The words of a name and whether every gap between them is {@link JOINABLE}. */
function nameWords(name: string): string[] | undefined {
  const words: string[] = [];
  let last = -1;
  for (const m of name.matchAll(WORD)) {
    const start = m.index ?? 0;
    if (last >= 0 && !JOINABLE.test(name.slice(last, start))) return undefined;
    words.push(m[0]);
    last = start + m[0].length;
  }
  if (words.length === 0 || name.slice(last).trim() !== '' && !/^\.$/.test(name.slice(last).trim())) return undefined;
  return words;
}

/**
 * The news regions of a country from its world-countries region and subregion: Western Asia is the
 * Middle East, Oceania is Asia (the "Asia and the Pacific"), the Americas are one region,
 * Antarctica none; {@link COUNTRY_REGIONS} overrides (Egypt, Iran, Turkey, Russia, the Caucasus).
 */
export function regionsOfCountry(c: { cca2: string; region: string; subregion: string }): readonly Region[] {
  const override = COUNTRY_REGIONS[c.cca2];
  if (override) return override;
  switch (c.region) {
    case 'Europe':
      return ['europe'];
    case 'Africa':
      return ['africa'];
    case 'Americas':
      return ['americas'];
    case 'Oceania':
      return ['asia'];
    case 'Asia':
      return c.subregion === 'Western Asia' ? ['middle-east'] : ['asia'];
    default:
      return [];
  }
}

function demonymForms(demonym: string): string[] {
  return demonym
    .split(/,\s*|\s+or\s+/)
    .map((d) => d.trim())
    .filter((d) => d.length >= 3)
    .flatMap((d) => (/(s|sh|ch|ese|x|z)$/.test(d) ? [d] : [d, `${d}s`]));
}

/** Builds the gazetteer from the packages and places.ts. About 5,000 names; takes some tens of ms. */
export function buildGazetteer(): Gazetteer {
  const byCountry = new Map<string, readonly Region[]>();
  const candidates: { name: string; kind: PlaceKind; regions: readonly Region[]; country?: string | undefined; handKept: boolean; strength?: number }[] = [];

  for (const c of countries) {
    const regions = regionsOfCountry(c);
    if (regions.length === 0) continue;
    byCountry.set(c.cca2, regions);
    const full = c.unMember || MEMBER_LIKE.has(c.cca2);
    const add = (name: string, kind: PlaceKind) => candidates.push({ name, kind, regions, country: c.cca2, handKept: false });
    add(c.name.common, 'country');
    for (const alt of c.altSpellings) if (alt.length >= 4 && !/[^\p{Script=Latin}\s'’.,()-]/u.test(alt)) add(alt, 'country');
    if (!full) continue;
    for (const capital of c.capital) add(capital, 'capital');
    const eng = c.demonyms?.eng;
    for (const d of new Set([...(eng ? demonymForms(eng.m) : []), ...(eng ? demonymForms(eng.f) : [])])) add(d, 'demonym');
  }
  for (const [code, names] of Object.entries(COUNTRY_ALIASES)) {
    const regions = byCountry.get(code);
    if (regions) for (const name of names) candidates.push({ name, kind: 'alias', regions, country: code, handKept: true });
  }
  for (const [code, names] of Object.entries(DEMONYM_ALIASES)) {
    const regions = byCountry.get(code);
    if (regions) for (const name of names) candidates.push({ name, kind: 'demonym', regions, country: code, handKept: true });
  }
  for (const region of REGIONS) {
    for (const name of REGION_PLACES[region]) candidates.push({ name, kind: 'region', regions: [region], handKept: true });
  }
  for (const group of NAME_GROUPS) {
    const t = target(group.to, byCountry);
    if (t) for (const name of group.names) candidates.push({ name, kind: 'entity', ...t, handKept: true, strength: group.strength });
  }

  // Cities: the most populous of each name, unless a rival of another region is nearly as big.
  const cities = new Map<string, { name: string; pop: number; country: string; regions: readonly Region[] }[]>();
  const provinces = new Map<string, { name: string; country: string; regions: readonly Region[] }>();
  for (const city of cityMapping) {
    const regions = byCountry.get(String(city.iso2));
    if (!regions) continue;
    if (city.pop >= MIN_CITY_POPULATION) {
      for (const name of new Set([city.city, city.city_ascii])) {
        const list = cities.get(name) ?? [];
        list.push({ name, pop: city.pop, country: city.iso2, regions });
        cities.set(name, list);
      }
    }
    if (PROVINCE_COUNTRIES.has(city.iso2) && city.province) provinces.set(city.province, { name: city.province, country: city.iso2, regions });
  }
  for (const list of cities.values()) {
    list.sort((a, b) => b.pop - a.pop);
    const [best, ...rest] = list;
    if (!best) continue;
    const rival = rest.find((r) => r.regions[0] !== best.regions[0]);
    if (rival && rival.pop * 2 > best.pop) continue;
    candidates.push({ name: best.name, kind: 'city', regions: best.regions, country: best.country, handKept: false });
  }
  for (const p of provinces.values()) candidates.push({ name: p.name, kind: 'province', regions: p.regions, country: p.country, handKept: false });

  // Words written in capitals inside names are short forms ("US", "DRC"): keep them as they are.
  const capsTokens = new Set<string>();
  for (const c of candidates) {
    for (const w of c.name.match(WORD) ?? []) if (w.length > 1 && w === w.toUpperCase() && w !== w.toLowerCase()) capsTokens.add(w);
  }

  const places = new Map<string, Place>();
  const longest = new Map<string, number>();
  for (const c of candidates) {
    if (!c.handKept && STOP_NAMES.has(c.name)) continue;
    const words = nameWords(c.name);
    if (!words) continue;
    const norm = words.map((w, i) => normaliseWord(w, i, capsTokens));
    const key = norm.join(' ');
    if (!c.handKept && STOP_NAMES.has(key)) continue;
    const existing = places.get(key);
    if (existing && PRECEDENCE[existing.kind] <= PRECEDENCE[c.kind]) continue;
    places.set(key, {
      name: c.name,
      kind: c.kind,
      regions: c.regions,
      country: c.country,
      nameLike: NAME_LIKE.has(key),
      abbreviation: words.length <= 4 && words.every((w) => w.length <= 5 && w === w.toUpperCase()),
      notA: NOT_A_PLACE[key],
      strength: c.strength ?? KIND_STRENGTH[c.kind],
      readings: readingsOf(key, byCountry),
    });
    const first = norm[0] as string;
    longest.set(first, Math.max(longest.get(first) ?? 0, norm.length));
  }
  const lower = new Map<string, Place>();
  for (const group of LOWER_WORDS) {
    const t = target(group.to, byCountry);
    if (!t) continue;
    for (const name of group.names) {
      lower.set(name, { name, kind: 'entity', ...t, strength: group.strength, nameLike: false, abbreviation: false, notA: undefined, readings: undefined });
    }
  }
  return { places, longest, capsTokens, lower, ...buildRussianIndex((to) => target(to, byCountry), (kind) => KIND_STRENGTH[kind]) };
}

/** The regions a country code or region name stands for, and the country. */
export function target(to: string, byCountry: ReadonlyMap<string, readonly Region[]>): { regions: readonly Region[]; country: string | undefined } | undefined {
  if ((REGIONS as readonly string[]).includes(to)) return { regions: [to as Region], country: undefined };
  const regions = byCountry.get(to);
  return regions ? { regions, country: to } : undefined;
}

function readingsOf(key: string, byCountry: ReadonlyMap<string, readonly Region[]>): Place['readings'] {
  const r = READINGS[key];
  if (!r) return undefined;
  const others = r.others.map((o) => {
    const t = o.to === null ? undefined : target(o.to, byCountry);
    return { regions: t?.regions ?? [], country: t?.country, cue: o.cue };
  });
  return { usual: r.usual, others };
}

let compiled: Gazetteer | undefined;

/** The gazetteer, built on first use and kept for the life of the process. */
export function gazetteer(): Gazetteer {
  compiled ??= buildGazetteer();
  return compiled;
}
