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
const AFTER_WORD = new Set(['\u00A0', '’', '”', '»', '«', '…', '–', '—', '‘', '“', '•', '·', '‚', '„']);

/** Capitals that are words on their own ("É…" in Portuguese, "È»" in Italian, "Ö" in Swedish). */
const ONE_LETTER_WORDS = new Set([...'ÁÄÅÈÉÌÍÒÓÔÖÙÚÜ']);

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
  // C1 controls are allowed where another layer of mojibake is still to undo ("Ã¢Â\u0080Â\u0094").
  const checked = f.hint.test(text) ? text.replace(/[\u0080-\u009F\uFFFD]/g, '') : text.replace(/\uFFFD/g, '');
  if (IMPLAUSIBLE.test(checked) || UNLIKELY.test(text)) return undefined;
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
    const single = sequences === 1;
    const lead = run[0] ?? '';
    const afterLetter = /\p{L}/u.test(before);
    // Where a word ends (an apostrophe ends one too: "IRMÃ’s"), a letter then punctuation may be
    // correct text: a word ending in an accented letter ("café”…", "ALEMÃ”"), a capital that is a
    // word itself ("È…"), or an all-capitals word then a symbol ("MAÇÃ™"). Mojibake of a
    // lowercase word puts a capital after a lowercase letter ("cafÃ©"), which correct text does not.
    const endsWord = !/\p{L}/u.test(after) || run.endsWith('’');
    const closingPunct = [...run.slice(1)].every((ch) => AFTER_WORD.has(ch));
    const capsSymbol = /\p{Lu}/u.test(lead) && /\p{Lu}/u.test(before);
    const doubtful =
      single &&
      ((afterLetter && endsWord && (closingPunct || capsSymbol)) ||
        (!afterLetter && endsWord && closingPunct && ONE_LETTER_WORDS.has(lead)) ||
        // A no-break space separates words in correct text ("và\u00A0»").
        (afterLetter && run.includes('\u00A0')) ||
        // One sequence of three or four bytes alone is believable as the punctuation, symbol or
        // emoji Western text carries ("â€™", "â‚¬", "ðŸŽ‰"); as one CJK or Indic character among
        // correct text ("à°\u00A0" is "ఠ") it needs company.
        (run.length > 2 && !/^[\u2000-\u2BFF\u3000-\u303F\u{1F000}-\u{1FAFF}]$/u.test(decoded)));
    // Read as windows-1251, only Cyrillic, punctuation like "—" and emoji are worth believing.
    const meaningful = f.name !== 'windows-1251' || /[\p{Script=Cyrillic}\u2010-\u206F\u{1F000}-\u{1FAFF}]/u.test(decoded);
    // A lowercase letter inside an all-capitals word ("IRMÃ\u00A0" as "IRMà") is never right.
    if (/\p{Lu}{2}$/u.test(line.slice(Math.max(0, start - 4), start)) && /^\p{Ll}/u.test(decoded)) continue;
    const certain = sequences >= f.minRun && !doubtful && meaningful;
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
    // "à" whose no-break space became a space ("Ã  la", "dÃ©jÃ  vu"), where no capital precedes:
    // an all-capitals "IRMÃ " is correct Portuguese.
    if (f.name === 'windows-1252') out = out.replace(/(?<!\p{Lu})Ã( {1,2}|$)/gmu, (_m, space: string) => (space ? 'à ' : 'à'));
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
