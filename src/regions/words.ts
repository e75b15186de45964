/** Words of a text as the tagger reads them: where each stands, its line, whether it is capitalised. */

export interface Word {
  raw: string;
  start: number;
  end: number;
  /** The text between the previous word of the same line and this one ('' for a line's first word). */
  gap: string;
  line: number;
  capital: boolean;
}

export const UPPER_ASCII = (c: number) => c >= 65 && c <= 90;
/** Whether a word that starts with a non-ASCII letter starts with a capital (Cyrillic by its code, others by case). */
export function isUpper(raw: string): boolean {
  const c = raw.charCodeAt(0);
  if (c >= 0x410 && c <= 0x42f) return true;
  if (c >= 0x430 && c <= 0x45f) return false;
  const first = raw.charAt(0);
  return first !== first.toLowerCase();
}
/** The code of a Cyrillic capital's lower-case letter (А → а, Ё → ё); other codes as they are. */
export const lowerCode = (c: number) => (c >= 0x410 && c <= 0x42f ? c + 0x20 : c >= 0x400 && c <= 0x40f ? c + 0x50 : c);
export const isCyrillic = (c: number) => c >= 0x400 && c <= 0x4ff;
export const SENTENCE_END = /[.!?…:]["'»”)]?\s*[«"“—–-]?\s*$/;
export const SPACE = /^[ \u00a0]$/;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const APOSTROPHES = new Set([0x27, 0x2019, 0x2bc, 0x2018]);

/** Whether the character with code `c` (at `i` of `text`) is a letter or a digit; ASCII and Cyrillic without a regex. */
function isWordChar(text: string, i: number, c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  if (c >= 0x400 && c <= 0x4ff) return c !== 0x482 && !(c >= 0x483 && c <= 0x489);
  return LETTER_OR_DIGIT.test(text.charAt(i));
}

/**
 * The words of `text` as gazetteer.ts's `WORD` finds them (letters or digits, inner apostrophes, one trailing
 * apostrophe), scanned by character code: this runs on every ingested item.
 */
export function words(text: string): Word[] {
  const out: Word[] = [];
  let line = 0;
  let lastEnd = 0;
  const length = text.length;
  let i = 0;
  while (i < length) {
    let c = text.charCodeAt(i);
    if (!isWordChar(text, i, c)) {
      i += 1;
      continue;
    }
    const start = i;
    i += 1;
    for (;;) {
      while (i < length && isWordChar(text, i, (c = text.charCodeAt(i)))) i += 1;
      if (i < length && APOSTROPHES.has(text.charCodeAt(i))) {
        const after = i + 1 < length ? text.charCodeAt(i + 1) : -1;
        if (after >= 0 && isWordChar(text, i + 1, after)) {
          i += 1;
          continue;
        }
        // A trailing ' or ’ belongs to the word ("Jones'"), like the regex's final group.
        const apostrophe = text.charCodeAt(i);
        if (apostrophe === 0x27 || apostrophe === 0x2019) i += 1;
      }
      break;
    }
    // Most gaps are one space: share the string instead of cutting a new one.
    const gap = start - lastEnd === 1 && text.charCodeAt(lastEnd) === 32 ? ' ' : text.slice(lastEnd, start);
    const newLine = gap !== ' ' && gap.includes('\n');
    if (newLine) line += 1;
    const raw = text.slice(start, i);
    const first = raw.charCodeAt(0);
    out.push({ raw, start, end: i, gap: newLine || out.length === 0 ? '' : gap, line, capital: UPPER_ASCII(first) || (first > 127 && isUpper(raw)) });
    lastEnd = i;
  }
  return out;
}

/** The first two letters of a word as one number: a cheap test before a map lookup. */
export const prefixKey = (word: string) => word.charCodeAt(0) * 65536 + word.charCodeAt(1);

/** A Cyrillic word's first two letters as one number, ё read as е and the second letter lower case. */
export function russianKey(word: string): number {
  let c0 = word.charCodeAt(0);
  if (c0 === 0x401) c0 = 0x415;
  let c1 = lowerCode(word.charCodeAt(1));
  if (c1 === 0x451) c1 = 0x435;
  return c0 * 65536 + c1;
}

/** The word right before `first` on the same line, joined by a space. */
export function prevWord(ws: readonly Word[], first: number): Word | undefined {
  const w = ws[first] as Word;
  const p = first > 0 ? ws[first - 1] : undefined;
  return p !== undefined && p.line === w.line && SPACE.test(w.gap) ? p : undefined;
}

/** The word right after `last` on the same line, joined by a space (or by a hyphen, when `hyphen`). */
export function nextWord(ws: readonly Word[], last: number, hyphen = false): Word | undefined {
  const n = ws[last + 1];
  if (n === undefined || n.line !== (ws[last] as Word).line) return undefined;
  return SPACE.test(n.gap) || (hyphen && /^[-‐]$/.test(n.gap)) ? n : undefined;
}

/** Per-line facts computed on demand: Title Case lines and ALL-CAPS lines. */
export class LineStyle {
  private readonly title = new Map<number, boolean>();
  private readonly shout = new Map<number, boolean>();
  constructor(private readonly ws: readonly Word[]) {}

  /** Most longer words capitalised: a headline in Title Case, where capitals say nothing about names. */
  isTitleCase(line: number): boolean {
    let v = this.title.get(line);
    if (v === undefined) {
      let total = 0;
      let caps = 0;
      for (const w of this.ws) {
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
      for (const w of this.ws) {
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
