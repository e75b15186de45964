import { type Gazetteer, gazetteer, JOINABLE, normaliseWord, type Place } from './gazetteer.js';
import { withoutOutletName } from './outlets.js';
import {
  ATTRIBUTION_AFTER,
  LANGUAGE_AFTER,
  LANGUAGE_BEFORE,
  LOCATIVE_BEFORE,
  NAME_PREFIX_OK,
  NAMED_FOR_CITY,
  OUTLET_NOUNS,
  OUTLET_NOUNS_STRONG,
  PARTNER_BEFORE,
  PLACE_FOLLOWERS,
} from './places.js';
import type { Region } from './regions.js';
import { capitalisedRussianStem, lowerRussian, scanRussian } from './scan-russian.js';
import { isCyrillic, LineStyle, nextWord, prefixKey, prevWord, type Word, words } from './words.js';

/** Where in an article a place is named. */
export type Part = 'dateline' | 'headline' | 'text';

/** A place found in text. */
export interface PlaceMention {
  place: Place;
  /** The words as written. */
  text: string;
  /** Regions this mention counts for (a name with several readings resolved for this story). */
  regions: readonly Region[];
  /**
   * How much the mention counts: the place's strength, times its part's weight (dateline 2.5,
   * headline 2, text 1), times 1.25 after "in", "at", "near" (the story happens there), times 0.5
   * before "media", "officials" (the place is a source, not the subject).
   */
  weight: number;
  part: Part;
  /** Order of appearance over dateline, headline, then text. */
  order: number;
}

export interface ScanInput {
  text: string;
  headline?: string | null | undefined;
  dateline?: string | null | undefined;
}

export const PART_WEIGHT: Readonly<Record<Part, number>> = { dateline: 2.5, headline: 2, text: 1 };
const LOCATIVE_BONUS = 1.25;
const ATTRIBUTION_SHARE = 0.5;
const PARTNER_SHARE = 0.8;


/**
 * Every place named in the dateline, headline and text of `input`, in order of appearance. A
 * trailing outlet name is dropped from the headline first (" - Al Jazeera English"), and names with
 * several readings ("Georgia") are resolved against the rest of the story.
 */
export function findPlaces(input: ScanInput, gaz: Gazetteer = gazetteer()): PlaceMention[] {
  const mentions: PlaceMention[] = [];
  const headline = input.headline ? withoutOutletName(input.headline) : input.headline;
  const parts: [string | null | undefined, Part][] = [
    [input.dateline, 'dateline'],
    [headline, 'headline'],
    [input.text, 'text'],
  ];
  for (const [text, part] of parts) if (text) scan(text, part, gaz, mentions);
  if (mentions.some((m) => m.place.readings)) resolveReadings([input.dateline, headline, input.text].filter(Boolean).join('\n'), mentions);
  return mentions;
}



function record(out: PlaceMention[], text: string, ws: readonly Word[], part: Part, place: Place, first: number, last: number): void {
  out.push({
    place,
    text: text.slice((ws[first] as Word).start, (ws[last] as Word).end),
    regions: place.regions,
    weight: place.strength * PART_WEIGHT[part] * context(ws, first, last),
    part,
    order: out.length,
  });
}

function scan(text: string, part: Part, gaz: Gazetteer, out: PlaceMention[]): void {
  const ws = words(text);
  let lines: LineStyle | undefined;
  const style = () => (lines ??= new LineStyle(ws));
  const prefixes = lowerPrefixes(gaz);
  for (let i = 0; i < ws.length; ) {
    const w = ws[i] as Word;
    const cyrillic = isCyrillic(w.raw.charCodeAt(0));
    if (!w.capital) {
      if (w.raw.length >= 3 && prefixes.has(prefixKey(w.raw))) {
        const place = cyrillic ? lowerRussian(w.raw, ws, i, gaz) : gaz.lower.get(w.raw);
        if (place) record(out, text, ws, part, place, i, i);
      }
      i += 1;
      continue;
    }
    if (cyrillic) {
      const found = scanRussian(ws, i, gaz);
      if (found) record(out, text, ws, part, found.place, i, i + found.n - 1);
      else {
        const place = capitalisedRussianStem(ws, i, gaz, prefixes);
        if (place) record(out, text, ws, part, place, i, i);
      }
      i += found?.n ?? 1;
      continue;
    }
    const head = normaliseWord(w.raw, 0, gaz.capsTokens);
    const most = gaz.longest.get(head);
    if (most === undefined) {
      i += 1;
      continue;
    }
    let key = head;
    const keys: string[] = [key];
    for (let n = 1; n < most; n++) {
      const next = ws[i + n];
      if (!next || next.line !== w.line || !JOINABLE.test(next.gap)) break;
      key += ` ${normaliseWord(next.raw, 1, gaz.capsTokens)}`;
      keys.push(key);
    }
    let matched = 0;
    for (let n = keys.length; n >= 1; n--) {
      const place = gaz.places.get(keys[n - 1] as string);
      if (!place) continue;
      if (accept(place, ws, i, i + n - 1, style)) record(out, text, ws, part, place, i, i + n - 1);
      matched = n;
      break;
    }
    i += Math.max(1, matched);
  }
}


const PREFIXES = new WeakMap<Gazetteer, ReadonlySet<number>>();

/** The two-letter prefixes of every lower-case word and Russian stem the gazetteer knows. */
function lowerPrefixes(gaz: Gazetteer): ReadonlySet<number> {
  let set = PREFIXES.get(gaz);
  if (!set) {
    const keys = new Set<number>();
    for (const word of gaz.lower.keys()) keys.add(prefixKey(word));
    for (const stem of gaz.russianStems.keys()) keys.add(prefixKey(stem));
    PREFIXES.set(gaz, keys);
    set = keys;
  }
  return set;
}


/** The weight a mention's neighbours give it: more after "in"/"в", less before "media"/"officials". */
function context(ws: readonly Word[], first: number, last: number): number {
  const prev = prevWord(ws, first);
  const next = nextWord(ws, last);
  let factor = 1;
  if (prev) {
    const p = prev.raw.toLowerCase();
    if (LOCATIVE_BEFORE.has(p)) factor *= LOCATIVE_BONUS;
    else if (PARTNER_BEFORE.has(p)) factor *= PARTNER_SHARE;
  }
  if (next && ATTRIBUTION_AFTER.has(next.raw.toLowerCase())) factor *= ATTRIBUTION_SHARE;
  return factor;
}

const HERITAGE_OF = /^(Americans?|Canadians?|British|Britons?|Australians?)$/;

/** Function words after which "in English" stays a language ("in English and French", "in Russian, ..."). */
const AFTER_LANGUAGE_OK: ReadonlySet<string> = new Set([
  'and', 'or', 'but', 'with', 'for', 'on', 'at', 'by', 'as', 'to', 'from', 'than', 'is', 'was', 'are', 'were', 'only', 'too', 'instead',
]);

/** Whether the words from `first` to `last` name the place here, not a person, a dish, a language or an outlet. */
function accept(place: Place, ws: readonly Word[], first: number, last: number, style: () => LineStyle): boolean {
  const w = ws[first] as Word;
  const prev = prevWord(ws, first);
  const next = nextWord(ws, last);
  const joined = next ?? nextWord(ws, last, true);
  if (place.abbreviation && style().isShouting(w.line)) return false;
  if (place.notA) {
    if (place.notA.before && prev && place.notA.before.test(prev.raw)) return false;
    if (place.notA.after && joined && place.notA.after.test(joined.raw)) return false;
  }
  // "New York Times", "Japan Today", "Gulf News": an outlet, not the place.
  if (next?.capital && (OUTLET_NOUNS_STRONG.has(next.raw) || (OUTLET_NOUNS.has(next.raw) && !style().isTitleCase(w.line)))) return false;
  // "Times of India", "Voice of America".
  const before = first >= 2 ? (ws[first - 2] as Word) : undefined;
  if (prev?.raw === 'of' && before && before.line === w.line && (before.raw === 'Times' || before.raw === 'Voice')) return false;
  if ((place.kind === 'city' || place.kind === 'capital') && next && NAMED_FOR_CITY.has(next.raw.toLowerCase())) return false;
  if (place.kind === 'demonym' && isLanguage(prev, joined, joined === undefined)) return false;
  // "Indian-American", "Chinese-Canadian": a heritage; the second demonym says where the story is.
  if (place.kind === 'demonym' && !next && joined && HERITAGE_OF.test(joined.raw)) return false;
  if (place.nameLike) {
    // "Michael Jordan": a capitalised word just before it that is not "In", "North", "Neighbouring"...
    if (prev?.capital && !NAME_PREFIX_OK.has(prev.raw.toLowerCase())) return false;
    // "Chad Smith": a capitalised word after it, where capitals mean names (not a Title Case headline).
    const lastWord = ws[last] as Word;
    const possessive = /['’]s?$/.test(lastWord.raw);
    if (!possessive && next?.capital && !PLACE_FOLLOWERS.has(next.raw.toLowerCase()) && !style().isTitleCase(w.line) && !style().isShouting(w.line)) {
      return false;
    }
  }
  return true;
}

/** "speaks English", "French-language", "in Russian and Ukrainian": a language, not a people. */
function isLanguage(prev: Word | undefined, next: Word | undefined, endsPhrase: boolean): boolean {
  const before = prev?.raw.toLowerCase();
  if (next && LANGUAGE_AFTER.has(next.raw.toLowerCase())) return true;
  if (before === undefined || !LANGUAGE_BEFORE.has(before)) return false;
  if (before !== 'in' && before !== 'into') return true;
  // "in Israeli strikes" is a people; "in English", "into English and French" a language.
  return endsPhrase || (next !== undefined && AFTER_LANGUAGE_OK.has(next.raw.toLowerCase()));
}


/**
 * Names with several readings ("Georgia" the country or the US state, "Turkey" the country or the
 * bird): each mention takes the reading the story supports. A reading scores 2 when its cue is in
 * the story and 1 when other places in the story are in its region; the usual reading wins ties.
 * A reading of no region ("not a place here") drops the mention.
 */
function resolveReadings(all: string, mentions: PlaceMention[]): void {
  const evidence = new Map<Region, number>();
  for (const m of mentions) if (!m.place.readings) for (const r of m.regions) evidence.set(r, (evidence.get(r) ?? 0) + m.weight);
  for (let i = mentions.length - 1; i >= 0; i--) {
    const m = mentions[i] as PlaceMention;
    const readings = m.place.readings;
    if (!readings) continue;
    const support = (regions: readonly Region[], cue: RegExp) => (cue.test(all) ? 2 : 0) + (regions.some((r) => (evidence.get(r) ?? 0) > 0) ? 1 : 0);
    let best = support(m.place.regions, readings.usual);
    let chosen: readonly Region[] = m.place.regions;
    for (const other of readings.others) {
      const s = support(other.regions, other.cue);
      if (s > best) {
        best = s;
        chosen = other.regions;
      }
    }
    if (chosen.length === 0) mentions.splice(i, 1);
    else m.regions = chosen;
  }
}

