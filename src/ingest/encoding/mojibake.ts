/**
 * Repair of double-encoded UTF-8 ("mojibake"): text whose UTF-8 bytes were once read as
 * windows-1252 / ISO-8859-1 ("Ã©tÃ©" for "été", "Ð¡Ð¾Ð±Ð°ÐºÐ°" for "Собака", "â€™" for "’") or as
 * windows-1251 ("РЎРѕР±Р°РєР°"), and then stored as UTF-8 again.
 *
 * No library does this soundly in JavaScript (the npm packages are replacement tables for Latin
 * text only, and change correct text), so the rule is written here, after ftfy's idea: a piece of
 * text is repaired only when its characters, turned back into the single bytes they came from,
 * form valid UTF-8 sequences, the decoded characters are ones real text uses, and the piece is
 * unmistakably broken. A lone pair that could be correct text ("ALEMÃ”": a word ending in Ã
 * before a closing quote) is repaired only when the same line has unmistakable mojibake too.
 */

/** Characters windows-1252 gives bytes 0x80-0x9F; the other bytes of 0x80-0xFF are U+0080-U+00FF. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** The windows-1251 characters of bytes 0x80-0xFF, in order (0x98, unassigned, as U+0098). */
const CP1251_HIGH =
  'ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—\u0098™љ›њќћџ\u00A0ЎўЈ¤Ґ¦§Ё©Є«¬\u00AD®Ї°±Ііґµ¶·ё№є»јЅѕї' +
  'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя';

interface Flavour {
  name: 'windows-1252' | 'windows-1251';
  /** Character -> the byte it stands for, for every character of the upper half. */
  bytes: Map<string, number>;
  /** Matches runs of one or more UTF-8-shaped sequences (lead + continuation characters). */
  run: RegExp;
  /** Quick test: a lead character followed by a continuation character. */
  hint: RegExp;
  /**
   * A sequence one of whose bytes was lost to U+FFFD when the text was read (windows-1252 leaves
   * 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined): "ã�®" for "の".
   */
  lossy: RegExp;
  /** How many sequences a run needs to count as broken on its own (see {@link repairMojibake}). */
  minRun: number;
}

function flavour(name: Flavour['name'], high: string, minRun: number): Flavour {
  const bytes = new Map<string, number>();
  [...high].forEach((ch, i) => bytes.set(ch, 0x80 + i));
  // ISO-8859-1 readings keep bytes 0x80-0x9F as C1 controls: those stand for their bytes too.
  for (let b = 0x80; b < 0xa0; b++) if (!bytes.has(String.fromCharCode(b))) bytes.set(String.fromCharCode(b), b);
  const chars = (from: number, to: number) => {
    const out: string[] = [];
    for (const [ch, b] of bytes) if (b >= from && b <= to) out.push(ch);
    return `[${out.map(escapeClass).join('')}]`;
  };
  const cont = chars(0x80, 0xbf);
  const shape = (c: string) => `(?:${chars(0xc2, 0xdf)}${c}|${chars(0xe0, 0xef)}${c}{2}|${chars(0xf0, 0xf4)}${c}{3})`;
  return {
    name,
    bytes,
    run: new RegExp(`${shape(cont)}+`, 'gu'),
    lossy: new RegExp(shape(`(?:${cont}|\uFFFD)`), 'gu'),
    hint: new RegExp(`${chars(0xc2, 0xf4)}${cont}`, 'u'),
    minRun,
  };
}

function escapeClass(ch: string): string {
  return /[\\\]^-]/.test(ch) ? `\\${ch}` : ch;
}

// Russian in windows-1251 has many letters that are lead bytes, and a lone "Рё" could be a word's
// start; only runs of two or more sequences count there on their own.
const FLAVOURS: readonly Flavour[] = [flavour('windows-1252', `${CP1252_HIGH}\u00A0${latin1Upper()}`, 1), flavour('windows-1251', CP1251_HIGH, 2)];

function latin1Upper(): string {
  let s = '';
  for (let c = 0xa1; c <= 0xff; c++) s += String.fromCharCode(c);
  return s;
}

/** Punctuation that may follow a word in correct text: a lone pair ending in one is ambiguous. */
const AFTER_WORD = new Set(['\u00A0', '’', '”', '»', '…', '–', '—', '›', '‘', '“', '•', '·', '‚', '„']);

/** Characters real text does not contain (controls, private use, unassigned, surrogates). */
const IMPLAUSIBLE = /[\p{Cc}\p{Co}\p{Cn}\p{Cs}]/u;
/**
 * Blocks that double-encoded text from the languages news comes in never decodes to, yet random
 * pairs of correct Latin text would: IPA and spacing modifier letters (from "É"/"Ê"/"Ë" + quote),
 * Syriac, Thaana, NKo (from "Ý", "Þ", "ß" + punctuation), historic Cyrillic.
 */
const UNLIKELY = /[\u0250-\u02FF\u0460-\u048F\u0700-\u08FF]/u;

/** What text read wrongly as windows-1251 decodes to: Cyrillic, digits, punctuation, symbols. */
const CYRILLIC_TEXT = /^[\p{Script=Cyrillic}\p{N}\p{P}\p{S}\p{Zs}]+$/u;

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The decoded text of one run, or undefined when its bytes are not valid UTF-8 or it is not text. */
function decodeRun(run: string, f: Flavour): string | undefined {
  const bytes = new Uint8Array(run.length);
  let n = 0;
  for (const ch of run) {
    const b = f.bytes.get(ch);
    if (b === undefined) return undefined;
    bytes[n++] = b;
  }
  let text: string;
  try {
    text = fatalUtf8.decode(bytes.subarray(0, n));
  } catch {
    return undefined;
  }
  if (IMPLAUSIBLE.test(text.replace(/\uFFFD/g, '')) || UNLIKELY.test(text)) return undefined;
  // A combining mark needs a letter to sit on (decomposed Vietnamese does that).
  if (/^\p{M}/u.test(text)) return undefined;
  return text;
}

/** How many characters of `s` are typical of mojibake of flavour `f`: its sequences and C1 controls. */
function score(s: string, f: Flavour): number {
  let n = 0;
  for (const m of s.matchAll(f.run)) n += m[0].length;
  for (const ch of s) if (ch >= '\u0080' && ch <= '\u009F') n++;
  return n;
}

/**
 * Whether `text` still holds what looks like double-encoded UTF-8 read as windows-1252 (runs of
 * two sequences or more: "Ã©Ã"), for reporting text that could not be repaired.
 */
export function looksDoubleEncoded(text: string): boolean {
  const f = FLAVOURS[0] as Flavour;
  if (!f.hint.test(text)) return false;
  return [...text.matchAll(f.run)].some((m) => m[0].length >= 4 || /^[ÂÃÐÑ]./u.test(m[0]));
}

interface Candidate {
  start: number;
  end: number;
  text: string;
  /** Broken beyond doubt on its own; otherwise it needs such a repair on the same line. */
  certain: boolean;
}

function candidates(line: string, f: Flavour): Candidate[] {
  const out: Candidate[] = [];
  for (const m of line.matchAll(f.run)) {
    const run = m[0];
    const start = m.index;
    const end = start + run.length;
    const decoded = decodeRun(run, f);
    if (decoded === undefined) continue;
    // Fewer mojibake-typical characters after than before (a second layer shows up as fewer).
    if (score(decoded, f) >= score(run, f)) continue;
    if (f.name === 'windows-1251' && !CYRILLIC_TEXT.test(decoded)) continue;
    const sequences = [...decoded].length;
    const before = start > 0 ? line.slice(0, start).at(-1) ?? '' : '';
    const after = line.slice(end, end + 1);
    const last = run.at(-1) ?? '';
    // One pair after a letter, ending in punctuation that may close a word, at a word's end:
    // "ALEMÃ”", "café”…", "копії" (windows-1251) read the same way.
    const wordEnd = /\p{L}/u.test(before) && !/\p{L}/u.test(after) && AFTER_WORD.has(last);
    const certain = sequences >= f.minRun && !(sequences === 1 && wordEnd);
    out.push({ start, end, text: decoded, certain });
  }
  return out;
}

/**
 * `line` with each double-encoded piece decoded. Pieces certain on their own are repaired; doubtful
 * ones (see {@link Candidate}) only when the line has a certain one of the same kind. "Ã " (à whose
 * no-break space became a space) is repaired on such a line too.
 */
function repairLine(line: string): string {
  let out = line;
  for (const f of FLAVOURS) {
    if (!f.hint.test(out)) continue;
    const found = candidates(out, f);
    if (!found.some((c) => c.certain)) continue;
    let next = '';
    let at = 0;
    for (const c of found) {
      next += out.slice(at, c.start) + c.text;
      at = c.end;
    }
    out = next + out.slice(at);
    // What cannot be decoded any more becomes one U+FFFD, which cleaning removes and counts.
    out = out.replace(f.lossy, (m) => (m.includes('\uFFFD') ? '\uFFFD' : m));
    if (f.name === 'windows-1252') out = out.replace(/(^|[^\p{Lu}\p{Ll}])Ã (?=\p{L})/gu, '$1à ');
  }
  return out;
}

/**
 * Repairs double-encoded UTF-8 in `text` (see the module comment), line by line, undoing up to
 * three layers. Correct text in any language is returned unchanged; text with no character that
 * could start a double-encoded sequence is returned at once (the common, fast case).
 */
export function repairMojibake(text: string): string {
  if (!FLAVOURS.some((f) => f.hint.test(text))) return text;
  let out = text;
  for (let layer = 0; layer < 3; layer++) {
    const next = out
      .split('\n')
      .map((line) => (FLAVOURS.some((f) => f.hint.test(line)) ? repairLine(line) : line))
      .join('\n');
    if (next === out) break;
    out = next;
  }
  return out;
}
