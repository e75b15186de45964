import {
  type Gazetteer,
  gazetteer,
  isRussianForm,
  JOINABLE,
  normaliseRussian,
  normaliseWord,
  type Place,
  RUSSIAN_MAX_ENDING,
  WORD,
} from './gazetteer.js';
import { GEORGIA_COUNTRY_SIGNAL, GEORGIA_US_SIGNAL, NAME_PREFIX_OK, PLACE_FOLLOWERS } from './places.js';
import { parseRegion, type Region } from './regions.js';

export interface TagInput {
  /** The region the source itself names (SOURCES_FILE `region`, `--region`). */
  sourceRegion?: string | null | undefined;
  /** The region the page's section or the item's category names ("Asia", "Middle East"). */
  sectionRegion?: string | null | undefined;
  /**
   * Headline and lead, where places are looked for (lines apart by "\n"). When `headline` is given
   * separately, pass only the lead here.
   */
  text: string;
  /** The headline, when not part of `text`: its places weigh twice those of `text`. */
  headline?: string | null | undefined;
  /** The dateline ("MOSCOW", "WASHINGTON, Nov 27"): its place weighs three times those of `text`. */
  dateline?: string | null | undefined;
}

/** A place found in text. */
export interface PlaceMention {
  place: Place;
  /** The words as written. */
  text: string;
  /** Regions this mention counts for (Georgia resolved to the state or the country). */
  regions: readonly Region[];
  weight: number;
  /** Order of appearance over dateline, headline, then text. */
  order: number;
}

const WEIGHT = { dateline: 3, headline: 2, text: 1 } as const;

/**
 * The regions of an article, primary first:
 * 1. the region the source names, then the one the page's section names (parsed with parseRegion;
 *    a source or section that says only "world" does not outrank places, it is kept last instead);
 * 2. the regions of places named in dateline, headline and text (countries, capitals, major cities,
 *    states, demonyms, region words; see gazetteer.ts), ordered by weight (a dateline mention counts 3,
 *    headline 2, other text 1), ties by first mention;
 * 3. else `world`.
 *
 * The gazetteer is compiled on the first call and reused; a call costs a few microseconds per
 * hundred characters.
 */
export function tagRegions(input: TagInput): Region[] {
  const out: Region[] = [];
  let named = false;
  let world = false;
  for (const name of [input.sourceRegion, input.sectionRegion]) {
    const region = name ? parseRegion(name) : undefined;
    if (region === 'world') world = true;
    else if (region && !out.includes(region)) {
      out.push(region);
      named = true;
    }
  }
  const scores = new Map<Region, { score: number; order: number }>();
  for (const m of findPlaces(input)) {
    for (const region of m.regions) {
      const s = scores.get(region);
      if (s) s.score += m.weight;
      else scores.set(region, { score: m.weight, order: m.order });
    }
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1].score - a[1].score || a[1].order - b[1].order);
  for (const [region] of ranked) if (!out.includes(region)) out.push(region);
  if (world || (!named && out.length === 0)) out.push('world');
  return out;
}

interface Word {
  raw: string;
  start: number;
  end: number;
  /** The text between the previous word of the same line and this one ('' for a line's first word). */
  gap: string;
  line: number;
  capital: boolean;
}

/** Every place named in the dateline, headline and text of `input`, in order of appearance. */
export function findPlaces(input: Pick<TagInput, 'text' | 'headline' | 'dateline'>, gaz: Gazetteer = gazetteer()): PlaceMention[] {
  const mentions: PlaceMention[] = [];
  const parts: [string | null | undefined, number][] = [
    [input.dateline, WEIGHT.dateline],
    [input.headline, WEIGHT.headline],
    [input.text, WEIGHT.text],
  ];
  for (const [text, weight] of parts) if (text) scan(text, weight, gaz, mentions);
  resolveGeorgia(input, mentions);
  return mentions;
}

const UPPER_ASCII = (c: number) => c >= 65 && c <= 90;
const UPPER = /^\p{Lu}/u;

function scan(text: string, weight: number, gaz: Gazetteer, out: PlaceMention[]): void {
  const words: Word[] = [];
  let line = 0;
  let lastEnd = 0;
  for (const m of text.matchAll(WORD)) {
    const start = m.index ?? 0;
    const gap = text.slice(lastEnd, start);
    const newLine = gap.includes('\n');
    if (newLine) line += 1;
    const raw = m[0];
    const c = raw.charCodeAt(0);
    words.push({
      raw,
      start,
      end: start + raw.length,
      gap: newLine || words.length === 0 ? '' : gap,
      line,
      capital: UPPER_ASCII(c) || (c > 127 && UPPER.test(raw)),
    });
    lastEnd = start + raw.length;
  }
  const lines = new LineStyle(words);
  for (let i = 0; i < words.length; ) {
    const w = words[i] as Word;
    if (!w.capital) {
      i += 1;
      continue;
    }
    if (isCyrillic(w.raw.charCodeAt(0))) {
      i += scanRussian(text, words, i, weight, gaz, out);
      continue;
    }
    const head = normaliseWord(w.raw, 0, gaz.capsTokens);
    const most = gaz.longest.get(head);
    if (most === undefined) {
      i += 1;
      continue;
    }
    let matched = 0;
    let key = head;
    const keys: string[] = [key];
    for (let n = 1; n < most; n++) {
      const next = words[i + n];
      if (!next || next.line !== w.line || !JOINABLE.test(next.gap)) break;
      key += ` ${normaliseWord(next.raw, 1, gaz.capsTokens)}`;
      keys.push(key);
    }
    for (let n = keys.length; n >= 1; n--) {
      const place = gaz.places.get(keys[n - 1] as string);
      if (!place) continue;
      if (accept(place, words, i, i + n - 1, lines)) {
        out.push({
          place,
          text: text.slice(w.start, (words[i + n - 1] as Word).end),
          regions: place.regions,
          weight,
          order: out.length,
        });
      }
      matched = n;
      break;
    }
    i += Math.max(1, matched);
  }
}

const isCyrillic = (c: number) => c >= 0x400 && c <= 0x4ff;

/**
 * Matches a Russian place name starting at `words[i]` in any of its case forms (see gazetteer.ts,
 * `RussianWord`): the word's first letters are looked up as a stem (the word itself and up to
 * {@link RUSSIAN_MAX_ENDING} letters shorter), and the longest name whose every word is a form of
 * the text's words wins. Records the mention; returns how many words it covered (1 when none).
 */
function scanRussian(text: string, words: readonly Word[], i: number, weight: number, gaz: Gazetteer, out: PlaceMention[]): number {
  const w = words[i] as Word;
  const head = normaliseRussian(w.raw, gaz.russianCaps);
  const sentenceStart = w.gap === '' || /[.!?…:]["'»”)]?\s*[«"“—–-]?\s*$/.test(w.gap);
  let best: { n: number; place: Place } | undefined;
  for (let k = 0; k <= RUSSIAN_MAX_ENDING && head.length - k >= 2; k++) {
    const names = gaz.russian.get(k === 0 ? head : head.slice(0, -k));
    if (!names) continue;
    for (const name of names) {
      const n = name.words.length;
      if (best && best.n >= n) continue;
      if (!isRussianForm(head, name.words[0]!, sentenceStart)) continue;
      let ok = true;
      for (let j = 1; j < n && ok; j++) {
        const next = words[i + j];
        ok = next !== undefined && next.line === w.line && JOINABLE.test(next.gap) && isRussianForm(normaliseRussian(next.raw, gaz.russianCaps), name.words[j]!, false);
      }
      if (ok) best = { n, place: name.place };
    }
  }
  if (!best) return 1;
  out.push({
    place: best.place,
    text: text.slice(w.start, (words[i + best.n - 1] as Word).end),
    regions: best.place.regions,
    weight,
    order: out.length,
  });
  return best.n;
}

/** Per-line facts computed on demand: Title Case lines and ALL-CAPS lines. */
class LineStyle {
  private readonly title = new Map<number, boolean>();
  private readonly shout = new Map<number, boolean>();
  constructor(private readonly words: readonly Word[]) {}

  /** Most longer words capitalised: a headline in Title Case, where capitals say nothing about names. */
  isTitleCase(line: number): boolean {
    let v = this.title.get(line);
    if (v === undefined) {
      let total = 0;
      let caps = 0;
      for (const w of this.words) {
        if (w.line !== line || w.raw.length < 4 || w.gap === '') continue;
        total += 1;
        if (w.capital) caps += 1;
      }
      v = total >= 3 && caps / total >= 0.7;
      this.title.set(line, v);
    }
    return v;
  }

  /** Almost no lower-case letters: every word is in capitals, short forms like "US" mean nothing. */
  isShouting(line: number): boolean {
    let v = this.shout.get(line);
    if (v === undefined) {
      let upper = 0;
      let lower = 0;
      for (const w of this.words) {
        if (w.line !== line) continue;
        for (const ch of w.raw) {
          if (ch >= 'a' && ch <= 'z') lower += 1;
          else if (ch >= 'A' && ch <= 'Z') upper += 1;
        }
      }
      v = upper >= 8 && lower * 5 < upper;
      this.shout.set(line, v);
    }
    return v;
  }
}

/** Whether the words from `first` to `last` name the place here, not a person, a dish or a short word. */
function accept(place: Place, words: readonly Word[], first: number, last: number, lines: LineStyle): boolean {
  const w = words[first] as Word;
  const prev = first > 0 ? words[first - 1] : undefined;
  const next = words[last + 1];
  const adjacentPrev = prev && prev.line === w.line && /^[ \u00a0]$/.test(w.gap) ? prev : undefined;
  const adjacentNext = next && next.line === w.line && /^[ \u00a0]$/.test(next.gap) ? next : undefined;
  if (place.abbreviation && lines.isShouting(w.line)) return false;
  if (place.notA) {
    if (place.notA.before && adjacentPrev && place.notA.before.test(adjacentPrev.raw)) return false;
    if (place.notA.after && adjacentNext && place.notA.after.test(adjacentNext.raw)) return false;
  }
  if (place.nameLike) {
    // "Michael Jordan": a capitalised word just before it that is not "In", "North", "Neighbouring"...
    if (adjacentPrev?.capital && !NAME_PREFIX_OK.has(adjacentPrev.raw.toLowerCase())) {
      return false;
    }
    // "Chad Smith": a capitalised word after it, where capitals mean names (not a Title Case headline).
    const last_ = words[last] as Word;
    const possessive = /['’]s?$/.test(last_.raw);
    if (
      !possessive &&
      adjacentNext?.capital &&
      !PLACE_FOLLOWERS.has(adjacentNext.raw.toLowerCase()) &&
      !lines.isTitleCase(w.line) &&
      !lines.isShouting(w.line)
    ) {
      return false;
    }
  }
  return true;
}

/**
 * "Georgia" is the country unless the text speaks of the US state (Atlanta, a governor, the Senate,
 * another US place) and gives no sign of the country (Tbilisi, "Georgian", Russia, the EU).
 */
function resolveGeorgia(input: Pick<TagInput, 'text' | 'headline' | 'dateline'>, mentions: PlaceMention[]): void {
  const georgia = mentions.filter((m) => m.place.country === 'GE' && m.place.kind === 'country');
  if (georgia.length === 0) return;
  const others = mentions.filter((m) => !georgia.includes(m));
  const all = [input.dateline, input.headline, input.text].filter(Boolean).join('\n');
  const country = others.some((m) => m.place.country === 'GE') || GEORGIA_COUNTRY_SIGNAL.test(all);
  const state = others.some((m) => m.place.country === 'US') || GEORGIA_US_SIGNAL.test(all);
  if (state && !country) for (const m of georgia) m.regions = ['americas'];
}
