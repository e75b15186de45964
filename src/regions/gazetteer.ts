import { createRequire } from 'node:module';
import { cityMapping } from 'city-timezones';
import type { Country } from 'world-countries';
import {
  COUNTRY_ALIASES,
  COUNTRY_REGIONS,
  DEMONYM_ALIASES,
  NAME_LIKE,
  NOT_A_PLACE,
  REGION_PLACES,
  RUSSIAN_PLACES,
  RUSSIAN_REGION_PLACES,
  RUSSIAN_WORD_LIKE,
  STOP_NAMES,
} from './places.js';
import { REGIONS, type Region } from './regions.js';

/**
 * The gazetteer: every place name the region tagger knows, compiled once into a lookup keyed by
 * normalised token sequences.
 *
 * Sources, in order of precedence when two give the same name:
 * 1. world-countries: every country and territory (common name, alternative spellings of four or more
 *    letters), the capitals and English demonyms ("Japanese", plural "Iranians") of UN members and of
 *    Taiwan, Palestine, Kosovo, Hong Kong and Puerto Rico. Regions come from the package's
 *    region/subregion (see {@link regionsOfCountry}), with the news-desk exceptions in places.ts.
 * 2. places.ts: short forms ("US", "UK", "DRC"), old names, region words ("Middle East", "Asian").
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
export const MIN_CITY_POPULATION = 500_000;
/** Countries whose first-level divisions (states, provinces, prefectures) are in the gazetteer. */
export const PROVINCE_COUNTRIES: ReadonlySet<string> = new Set(['US', 'CA', 'AU', 'CN', 'IN', 'JP', 'BR', 'MX']);
/** Non-member states and territories that get capitals and demonyms like UN members. */
const MEMBER_LIKE: ReadonlySet<string> = new Set(['TW', 'PS', 'XK', 'HK', 'PR']);

export type PlaceKind = 'country' | 'alias' | 'region' | 'demonym' | 'capital' | 'province' | 'city';
/** Lower wins when two sources name the same place differently. */
const PRECEDENCE: Record<PlaceKind, number> = { country: 0, alias: 1, region: 2, demonym: 3, capital: 4, province: 5, city: 6 };

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
}

export interface Gazetteer {
  /** Normalised token sequence joined by spaces → place. */
  places: ReadonlyMap<string, Place>;
  /** Normalised first token → the most tokens a name starting with it has. */
  longest: ReadonlyMap<string, number>;
  /** Tokens that are written all in capitals in some name ("US", "DRC"), kept as they are. */
  capsTokens: ReadonlySet<string>;
  /** Russian names by the stem of their first word (see {@link russianWord} for the word forms). */
  russian: ReadonlyMap<string, readonly RussianName[]>;
  /** Russian short forms written in capitals ("США", "КНР"), kept as they are. */
  russianCaps: ReadonlySet<string>;
}

/**
 * How one word of a Russian name matches text. Russian declines place names ("Пекин", "в Пекине",
 * "Москва", "из Москвы"), so a word matches its stem plus one of the case endings of its kind:
 * - nouns ending in а, я, ь, й, ы lose that letter ("Москв-", "Росси-", "Кремл-", "Штат-"), nouns
 *   ending in a consonant keep it ("Пекин-"); nouns ending in о, е, и, у, ю, э do not decline
 *   ("Токио", "Сочи", "Баку") and match only as written;
 * - adjectives in a name of several words ("Южная Корея") lose their two-letter ending;
 * - short forms in capitals ("США", "КНР") and {@link RUSSIAN_WORD_LIKE} names match only as written;
 * - a stem of three letters ("Рим-", "Газ-") matches an inflected form only away from the start of a
 *   sentence, where it could be an ordinary word; shorter stems match only as written.
 */
export interface RussianWord {
  /** The word as written in the nominative, ё as е. */
  word: string;
  /** The part every form starts with; the whole word when it does not decline. */
  stem: string;
  endings: ReadonlySet<string> | undefined;
  /**
   * The stem without a fleeting vowel, for nouns that lose it when declined ("Египет", "в Египте").
   * Set for every noun ending in consonant, е or о, consonant; a wrong guess matches no real word.
   */
  altStem: string | undefined;
  /** Only away from the first word of a sentence (short stems, word-like names). */
  notSentenceStart: boolean;
  /** Matched only in its exact form, even at the start of a sentence (word-like names). */
  exactOnly: boolean;
}

export interface RussianName {
  words: readonly RussianWord[];
  place: Place;
}

const NOUN_ENDINGS: ReadonlySet<string> = new Set([
  'а', 'я', 'у', 'ю', 'е', 'и', 'ы', 'й', 'ь', 'ой', 'ей', 'ою', 'ею', 'ом', 'ем', 'ам', 'ям', 'ах', 'ях', 'ами', 'ями', 'ов', 'ев',
]);
const ADJECTIVE_ENDINGS: ReadonlySet<string> = new Set([
  'ая', 'яя', 'ой', 'ей', 'ую', 'юю', 'ое', 'ее', 'ого', 'его', 'ому', 'ему', 'ом', 'ем', 'ые', 'ие', 'ых', 'их', 'ым', 'им',
  'ыми', 'ими', 'ый', 'ий',
]);
/** The longest ending in either set; a word is at most this many letters longer than its stem. */
export const RUSSIAN_MAX_ENDING = 3;
const CYRILLIC_CAPS = /^[А-ЯЁ]{2,}$/;

/** A Cyrillic word as the Russian index keys it: ё as е, ALL-CAPS read as Capitalised except short forms. */
export function normaliseRussian(raw: string, caps: ReadonlySet<string>): string {
  let w = raw.replace(/ё/g, 'е').replace(/Ё/g, 'Е').replace(/[’']/g, '’');
  if (w.length > 1 && w === w.toUpperCase() && !caps.has(w)) w = w[0] + w.slice(1).toLowerCase();
  return w;
}

/** How the word `raw`, at `index` of a name of `count` words, matches text (see {@link RussianWord}). */
export function russianWord(raw: string, index: number, count: number): RussianWord {
  const word = raw.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
  const exact = (exactOnly: boolean, notSentenceStart: boolean): RussianWord => ({ word, stem: word, endings: undefined, altStem: undefined, notSentenceStart, exactOnly });
  if (RUSSIAN_WORD_LIKE.has(word)) return exact(true, true);
  if (CYRILLIC_CAPS.test(word) || index > 0 && /^(и|де|да|дель|ла|ле|эль|аль)$/.test(word)) return exact(false, false);
  let stem: string | undefined;
  let endings = NOUN_ENDINGS;
  if (count > 1 && index < count - 1 && word.length >= 5 && /(ая|яя|ое|ее|ый|ий|ой|ые|ие)$/.test(word)) {
    stem = word.slice(0, -2);
    endings = ADJECTIVE_ENDINGS;
  } else if (/[аяьйы]$/.test(word)) stem = word.slice(0, -1);
  else if (/[бвгджзклмнпрстфхцчшщ]$/.test(word)) stem = word;
  if (stem === undefined || stem.length < 3) return exact(false, false);
  const fleeting = stem === word && word.length >= 5 && /[бвгджзклмнпрстфхцчшщ][ео][бвгджзклмнпрстфхцчшщ]$/.test(word);
  const altStem = fleeting ? word.slice(0, -2) + word.slice(-1) : undefined;
  return { word, stem, endings, altStem, notSentenceStart: stem.length < 4, exactOnly: false };
}

/** Whether the Cyrillic `word` (normalised) is a form of `w`; `sentenceStart` says where it stands. */
export function isRussianForm(word: string, w: RussianWord, sentenceStart: boolean): boolean {
  if (word === w.word) return !(w.exactOnly && sentenceStart);
  if (w.exactOnly || !w.endings) return false;
  if (w.notSentenceStart && sentenceStart) return false;
  if (word.startsWith(w.stem) && w.endings.has(word.slice(w.stem.length))) return true;
  // The nominative keeps the fleeting vowel; every other form drops it and takes an ending.
  return w.altStem !== undefined && word.startsWith(w.altStem) && word.length > w.altStem.length && w.endings.has(word.slice(w.altStem.length));
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
  if (w.length > 1 && w === w.toUpperCase() && w !== w.toLowerCase() && !caps.has(w)) {
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
  const candidates: { name: string; kind: PlaceKind; regions: readonly Region[]; country?: string; handKept: boolean }[] = [];

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
    });
    const first = norm[0] as string;
    longest.set(first, Math.max(longest.get(first) ?? 0, norm.length));
  }
  return { places, longest, capsTokens, ...buildRussian(byCountry) };
}

/**
 * The Russian index: world-countries' Russian common and official names of every country with a
 * region, and the capitals, cities, short forms and region words of places.ts. A name is kept by
 * the stem of its first word; a stem shared by two names keeps both (the tagger takes the longest).
 */
function buildRussian(byCountry: ReadonlyMap<string, readonly Region[]>): Pick<Gazetteer, 'russian' | 'russianCaps'> {
  const candidates: { name: string; kind: PlaceKind; regions: readonly Region[]; country: string | undefined }[] = [];
  for (const c of countries) {
    const regions = byCountry.get(c.cca2);
    const rus = c.translations.rus;
    if (!regions || !rus) continue;
    for (const name of new Set([rus.common, rus.official])) candidates.push({ name, kind: 'country', regions, country: c.cca2 });
  }
  for (const [code, names] of Object.entries(RUSSIAN_PLACES)) {
    const regions = byCountry.get(code);
    if (regions) for (const name of names) candidates.push({ name, kind: 'alias', regions, country: code });
  }
  for (const region of REGIONS) {
    for (const name of RUSSIAN_REGION_PLACES[region]) candidates.push({ name, kind: 'region', regions: [region], country: undefined });
  }
  const index = new Map<string, RussianName[]>();
  const russianCaps = new Set<string>();
  const seen = new Set<string>();
  for (const c of candidates) {
    const raw = nameWords(c.name.replace(/\s+—\s+/g, '-'));
    if (!raw) continue;
    for (const w of raw) if (CYRILLIC_CAPS.test(w)) russianCaps.add(w);
    const words = raw.map((w, i) => russianWord(w, i, raw.length));
    const key = words.map((w) => w.word).join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    const place: Place = {
      name: c.name,
      kind: c.kind,
      regions: c.regions,
      country: c.country,
      nameLike: false,
      abbreviation: raw.every((w) => CYRILLIC_CAPS.test(w)),
      notA: undefined,
    };
    const first = words[0] as RussianWord;
    for (const stem of first.altStem ? [first.stem, first.altStem] : [first.stem]) {
      const list = index.get(stem) ?? [];
      list.push({ words, place });
      index.set(stem, list);
    }
  }
  // Longest names first, so "Южная Корея" is tried before a one-word name with the same stem.
  for (const list of index.values()) list.sort((a, b) => b.words.length - a.words.length);
  return { russian: index, russianCaps };
}

let compiled: Gazetteer | undefined;

/** The gazetteer, built on first use and kept for the life of the process. */
export function gazetteer(): Gazetteer {
  compiled ??= buildGazetteer();
  return compiled;
}
