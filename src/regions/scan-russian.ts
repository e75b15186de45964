import { type Gazetteer, JOINABLE, type Place } from './gazetteer.js';
import { isRussianForm, normaliseRussian, RUSSIAN_MAX_ENDING, russianStemOf } from './russian-index.js';
import { RUSSIAN_CITY_STEMS } from './russian.js';
import { lowerCode, russianKey, SENTENCE_END, SPACE, type Word } from './words.js';

/** Scanning Russian text: capitalised names in their case forms, lower-case adjectives and demonyms. */

const RUSSIAN_PREFIXES = new WeakMap<Gazetteer, ReadonlySet<number>>();

/** The two-letter prefixes of the capitalised Russian names' stems. */
function russianPrefixes(gaz: Gazetteer): ReadonlySet<number> {
  let set = RUSSIAN_PREFIXES.get(gaz);
  if (!set) {
    const keys = new Set<number>();
    for (const stem of gaz.russian.keys()) keys.add(russianKey(stem));
    RUSSIAN_PREFIXES.set(gaz, keys);
    set = keys;
  }
  return set;
}

/**
 * Matches a capitalised Russian name starting at `ws[i]` in any of its case forms (see
 * russian-index.ts): the word's first letters are looked up as a stem (the word itself and up to
 * {@link RUSSIAN_MAX_ENDING} letters shorter), and the longest name whose every word is a form of
 * the text's words wins.
 */
export function scanRussian(ws: readonly Word[], i: number, gaz: Gazetteer): { n: number; place: Place } | undefined {
  const w = ws[i] as Word;
  // Every name's stem has at least two letters: a word whose first two are no stem's cannot match.
  if (!russianPrefixes(gaz).has(russianKey(w.raw))) return undefined;
  const head = normaliseRussian(w.raw, gaz.russianCaps);
  const sentenceStart = w.gap === '' || SENTENCE_END.test(w.gap);
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
        const next = ws[i + j];
        ok = next !== undefined && next.line === w.line && JOINABLE.test(next.gap) && isRussianForm(normaliseRussian(next.raw, gaz.russianCaps), name.words[j]!, false);
      }
      if (ok) best = { n, place: name.place };
    }
  }
  return best;
}

/** A lower-case Russian adjective or demonym ("российские", "американцев"), unless it names a language. */
export function lowerRussian(word: string, ws: readonly Word[], i: number, gaz: Gazetteer): Place | undefined {
  const w = ws[i] as Word;
  if (word.length < 4) return undefined;
  const entry = russianStemOf(word.replace(/ё/g, 'е'), gaz.russianStems);
  if (!entry) return undefined;
  const next = ws[i + 1];
  const adjacent = next && next.line === w.line && SPACE.test(next.gap) ? next : undefined;
  // "английский язык", "на русском", "по-английски": the language; "Индийский океан".
  if (adjacent && /^(язык|океан)/.test(adjacent.raw)) return undefined;
  // "Парижское соглашение", "Минский формат": named for the city.
  if (adjacent && RUSSIAN_CITY_STEMS.has(entry.stem) && /^(соглашени|договор|протокол|формат|клуб|процесс|конвенц)/.test(adjacent.raw)) return undefined;
  const prev = i > 0 ? ws[i - 1] : undefined;
  if (prev && prev.line === w.line && /^(на|по)$/i.test(prev.raw) && word.endsWith('ом') && !adjacent) return undefined;
  return entry.place;
}

/**
 * A capitalised Russian adjective or demonym: at the start of a sentence ("Российские войска"), or
 * opening an institution's name ("Японское метеорологическое агентство"); not after another
 * capitalised word, where it is a surname ("Романа Кубинского").
 */
export function capitalisedRussianStem(ws: readonly Word[], i: number, gaz: Gazetteer, prefixes: ReadonlySet<number>): Place | undefined {
  const w = ws[i] as Word;
  if (w.raw.length < 4 || !prefixes.has(lowerCode(w.raw.charCodeAt(0)) * 65536 + w.raw.charCodeAt(1))) return undefined;
  const lowered = w.raw.charAt(0).toLowerCase() + w.raw.slice(1);
  const prev = i > 0 ? ws[i - 1] : undefined;
  const sentenceStart = w.gap === '' || SENTENCE_END.test(w.gap);
  if (!sentenceStart && prev?.capital && prev.line === w.line) return undefined;
  if (w.raw.length > 1 && w.raw === w.raw.toUpperCase()) return undefined;
  return lowerRussian(lowered, ws, i, gaz);
}
