import { createRequire } from 'node:module';
import type { Country } from 'world-countries';
import type { Place, PlaceKind } from './gazetteer.js';
import { type Region, REGIONS } from './regions.js';
import {
  RUSSIAN_ADJECTIVES,
  RUSSIAN_DEMONYMS,
  RUSSIAN_HINT_STEMS,
  RUSSIAN_NAME_GROUPS,
  RUSSIAN_PLACES,
  RUSSIAN_REGION_PLACES,
  RUSSIAN_WORD_LIKE,
} from './russian.js';

const countries = createRequire(import.meta.url)('world-countries/countries.json') as readonly Country[];

/**
 * How one word of a Russian name matches text. Russian declines place names ("Пекин", "в Пекине",
 * "Москва", "из Москвы"), so a word matches its stem plus one of the case endings of its kind:
 * - nouns ending in а, я, ь, й, ы lose that letter ("Москв-", "Росси-", "Кремл-", "Штат-"), nouns
 *   ending in a consonant keep it ("Пекин-", "Путин-"); nouns ending in о, е, и, у, ю, э do not
 *   decline ("Токио", "Сочи", "Баку") and match only as written;
 * - adjectives in a name of several words ("Южная Корея") and surnames in -ский ("Зеленский") lose
 *   their two-letter ending and take adjective endings;
 * - short forms in capitals ("США", "КНР") and {@link RUSSIAN_WORD_LIKE} names match only as written;
 * - a one-word name with a stem of three letters ("Рим-", "Газ-") matches an inflected form only away
 *   from the start of a sentence, where it could be an ordinary word; shorter stems match only as written.
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

/** A lower-case adjective or demonym stem ("российск", "американц") and the endings it takes. */
export interface RussianStem {
  stem: string;
  endings: ReadonlySet<string>;
  place: Place;
  /** A noun stem that is itself a word ("талиб", "узбек"). */
  bare: boolean;
}

export interface RussianIndex {
  /** Capitalised names by the stem of their first word. */
  russian: ReadonlyMap<string, readonly RussianName[]>;
  /** Short forms written in capitals ("США", "КНР"), kept as they are. */
  russianCaps: ReadonlySet<string>;
  /** Lower-case adjective and demonym stems. */
  russianStems: ReadonlyMap<string, RussianStem>;
}

const NOUN_ENDINGS: ReadonlySet<string> = new Set([
  'а', 'я', 'у', 'ю', 'е', 'и', 'ы', 'й', 'ь', 'ой', 'ей', 'ою', 'ею', 'ом', 'ем', 'ам', 'ям', 'ах', 'ях', 'ами', 'ями', 'ов', 'ев',
  'ым', 'им',
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
  let w = raw;
  if (/[ёЁ']/.test(w)) w = w.replace(/ё/g, 'е').replace(/Ё/g, 'Е').replace(/'/g, '’');
  const second = w.charAt(1);
  if (w.length > 1 && second !== second.toLowerCase() && w === w.toUpperCase() && !caps.has(w)) w = w[0] + w.slice(1).toLowerCase();
  return w;
}

/** How the word `raw`, at `index` of a name of `count` words, matches text (see {@link RussianWord}). */
export function russianWord(raw: string, index: number, count: number): RussianWord {
  const word = raw.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
  const exact = (exactOnly: boolean, notSentenceStart: boolean): RussianWord => ({ word, stem: word, endings: undefined, altStem: undefined, notSentenceStart, exactOnly });
  if (RUSSIAN_WORD_LIKE.has(word)) return exact(true, true);
  if (CYRILLIC_CAPS.test(word) || (index > 0 && /^(и|де|да|дель|ла|ле|эль|аль|фон|дер|бин|ас|аш|ан)$/.test(word))) return exact(false, false);
  let stem: string | undefined;
  let endings = NOUN_ENDINGS;
  const adjectiveInName = count > 1 && index < count - 1 && word.length >= 5 && /(ая|яя|ое|ее|ый|ий|ой|ые|ие)$/.test(word);
  if (adjectiveInName || /[сц]кий$/.test(word)) {
    stem = word.slice(0, -2);
    endings = ADJECTIVE_ENDINGS;
  } else if (/[аяьйы]$/.test(word)) stem = word.slice(0, -1);
  else if (/[бвгджзклмнпрстфхцчшщ]$/.test(word)) stem = word;
  if (stem === undefined || stem.length < 3) return exact(false, false);
  const fleeting = stem === word && word.length >= 5 && /[бвгджзклмнпрстфхцчшщ][ео][бвгджзклмнпрстфхцчшщ]$/.test(word);
  const altStem = fleeting ? word.slice(0, -2) + word.slice(-1) : undefined;
  return { word, stem, endings, altStem, notSentenceStart: stem.length < 4 && count === 1, exactOnly: false };
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

/**
 * The stem entry a lower-case Cyrillic word is a form of ("российскими" → российск, "американцев" →
 * американц), or undefined.
 */
export function russianStemOf(word: string, stems: ReadonlyMap<string, RussianStem>): RussianStem | undefined {
  for (let k = 0; k <= RUSSIAN_MAX_ENDING && word.length - k >= 3; k++) {
    const entry = stems.get(k === 0 ? word : word.slice(0, -k));
    if (!entry) continue;
    if (k === 0 ? entry.bare : entry.endings.has(word.slice(-k))) return entry;
  }
  return undefined;
}

/** What a Russian name is, as the gazetteer needs to know it. */
export interface RussianCandidate {
  name: string;
  kind: PlaceKind;
  regions: readonly Region[];
  country: string | undefined;
  strength: number;
}

/** The place record for a Russian name (no person-name or neighbour rules: Russian has its own). */
function russianPlace(c: RussianCandidate, abbreviation: boolean): Place {
  return { name: c.name, kind: c.kind, regions: c.regions, country: c.country, strength: c.strength, nameLike: false, abbreviation, notA: undefined, readings: undefined };
}

/** The regions a country code or region name stands for, and the country; undefined when unknown. */
export type Target = (to: string) => { regions: readonly Region[]; country: string | undefined } | undefined;

/**
 * The Russian index: world-countries' Russian common and official names of every country with a
 * region, the places, region words and names of russian.ts (a name is kept by the stem of its first
 * word; a stem shared by two names keeps both, the tagger takes the longest), and the lower-case
 * adjective and demonym stems.
 */
export function buildRussianIndex(target: Target, strengthOf: (kind: PlaceKind) => number): RussianIndex {
  const candidates: RussianCandidate[] = [];
  for (const c of countries) {
    const t = target(c.cca2);
    const rus = c.translations.rus;
    if (!t || t.regions.length === 0 || !rus) continue;
    for (const name of new Set([rus.common, rus.official])) candidates.push({ name, kind: 'country', ...t, strength: strengthOf('country') });
  }
  for (const [code, names] of Object.entries(RUSSIAN_PLACES)) {
    const t = target(code);
    if (t) for (const name of names) candidates.push({ name, kind: 'alias', ...t, strength: strengthOf('alias') });
  }
  for (const region of REGIONS) {
    for (const name of RUSSIAN_REGION_PLACES[region]) candidates.push({ name, kind: 'region', regions: [region], country: undefined, strength: strengthOf('region') });
  }
  for (const group of RUSSIAN_NAME_GROUPS) {
    const t = target(group.to);
    if (t) for (const name of group.names) candidates.push({ name, kind: 'entity', ...t, strength: group.strength });
  }

  const russian = new Map<string, RussianName[]>();
  const russianCaps = new Set<string>();
  const seen = new Set<string>();
  for (const c of candidates) {
    const raw = [...c.name.replace(/\s+—\s+/g, '-').matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu)].map((m) => m[0]);
    if (raw.length === 0) continue;
    for (const w of raw) if (CYRILLIC_CAPS.test(w)) russianCaps.add(w);
    const words = raw.map((w, i) => russianWord(w, i, raw.length));
    const key = words.map((w) => w.word).join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    const place = russianPlace(c, raw.every((w) => CYRILLIC_CAPS.test(w) || /^[A-Z0-9]+$/.test(w)));
    const first = words[0] as RussianWord;
    for (const stem of first.altStem ? [first.stem, first.altStem] : [first.stem]) {
      const list = russian.get(stem) ?? [];
      list.push({ words, place });
      russian.set(stem, list);
    }
  }
  // Longest names first, so "Южная Корея" is tried before a one-word name with the same stem.
  for (const list of russian.values()) list.sort((a, b) => b.words.length - a.words.length);

  const russianStems = new Map<string, RussianStem>();
  const addStems = (table: Readonly<Record<string, readonly string[]>>, endings: ReadonlySet<string>, bare: boolean, kind: PlaceKind) => {
    for (const [to, stems] of Object.entries(table)) {
      const t = target(to);
      if (!t) continue;
      for (const stem of stems) {
        const strength = RUSSIAN_HINT_STEMS.has(stem) || to === 'world' ? 0.5 : strengthOf(kind);
        russianStems.set(stem, { stem, endings, bare, place: russianPlace({ name: stem, kind, ...t, strength }, false) });
      }
    }
  };
  addStems(RUSSIAN_ADJECTIVES, ADJECTIVE_ENDINGS, false, 'demonym');
  addStems(RUSSIAN_DEMONYMS, NOUN_ENDINGS, true, 'demonym');
  return { russian, russianCaps, russianStems };
}
