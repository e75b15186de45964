import iconv from 'iconv-lite';

/** The single-byte charsets undeclared text is told apart among. */
export type LegacyCharset = 'windows-1252' | 'windows-1251' | 'koi8-r';

/** Relative frequencies of Russian letters in running text (per mille), for telling 1251 from KOI8-R. */
const RUSSIAN: Record<string, number> = {
  о: 109, е: 85, а: 80, и: 74, н: 67, т: 63, с: 55, р: 47, в: 45, л: 44, к: 35, м: 32, д: 30, п: 28, у: 26,
  я: 20, ы: 19, ь: 17, г: 17, з: 16, б: 16, ч: 14, й: 12, х: 10, ж: 9, ш: 7, ю: 6, ц: 5, щ: 4, э: 3, ф: 2,
  ё: 1, ъ: 0.4,
};

/** Below this mean log-frequency per letter, text is not Russian in that charset (real text: about -3.2). */
const RUSSIAN_FLOOR = -3.9;

const tables = new Map<LegacyCharset, string[]>();

/** The characters bytes 0x80-0xFF stand for in `charset`. */
function highHalf(charset: LegacyCharset): string[] {
  let table = tables.get(charset);
  if (!table) {
    const bytes = Buffer.alloc(128);
    for (let i = 0; i < 128; i++) bytes[i] = 0x80 + i;
    table = [...iconv.decode(bytes, charset)];
    tables.set(charset, table);
  }
  return table;
}

function isAsciiLetter(b: number | undefined): boolean {
  return b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));
}

/** Mean natural-log frequency of the Russian letters `bytes` hold when read as `charset`. */
function russianScore(bytes: Uint8Array, charset: 'windows-1251' | 'koi8-r'): number {
  const table = highHalf(charset);
  let sum = 0;
  let letters = 0;
  for (const b of bytes) {
    if (b < 0x80) continue;
    const ch = table[b - 0x80]?.toLowerCase() ?? '';
    if (!/\p{L}/u.test(ch)) continue;
    letters++;
    sum += Math.log((RUSSIAN[ch] ?? 0.05) / 1000);
  }
  return letters === 0 ? -Infinity : sum / letters;
}

/**
 * The charset of text that is not UTF-8 and declares none. Latin text (Portuguese, French,
 * German...) has its few high bytes inside words of ASCII letters ("Not\xEDcias"); Cyrillic text has
 * whole words of them. Cyrillic is read as windows-1251 or KOI8-R, whichever gives Russian letter
 * frequencies (the two put the same letters at different bytes); anything else as windows-1252,
 * the web's rule for undeclared text (WHATWG Encoding).
 */
export function sniffLegacyCharset(bytes: Uint8Array): LegacyCharset {
  let high = 0;
  let amidAscii = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 0x80) continue;
    high++;
    if (isAsciiLetter(bytes[i - 1]) || isAsciiLetter(bytes[i + 1])) amidAscii++;
  }
  if (high === 0 || amidAscii / high >= 0.5) return 'windows-1252';
  const cp1251 = russianScore(bytes, 'windows-1251');
  const koi8 = russianScore(bytes, 'koi8-r');
  if (Math.max(cp1251, koi8) < RUSSIAN_FLOOR) return 'windows-1252';
  return koi8 > cp1251 ? 'koi8-r' : 'windows-1251';
}

/** Length of the valid UTF-8 sequence of two bytes or more at `i`, else 0. */
function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i] as number;
  const n = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (n === 0 || i + n > bytes.length) return 0;
  const second = bytes[i + 1] as number;
  // The second byte's range rules out overlong forms, surrogates and code points past U+10FFFF.
  const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
  const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
  if (second < lo || second > hi) return 0;
  for (let k = 2; k < n; k++) {
    const c = bytes[i + k] as number;
    if (c < 0x80 || c > 0xbf) return 0;
  }
  return n;
}

/** Counts of valid multi-byte UTF-8 sequences and of high bytes outside any, in `bytes`. */
export function utf8Shape(bytes: Uint8Array): { sequences: number; strays: number } {
  let sequences = 0;
  let strays = 0;
  for (let i = 0; i < bytes.length; ) {
    if ((bytes[i] as number) < 0x80) {
      i++;
      continue;
    }
    const n = utf8SequenceAt(bytes, i);
    if (n > 0) {
      sequences++;
      i += n;
    } else {
      strays++;
      i++;
    }
  }
  return { sequences, strays };
}

/**
 * Text that is UTF-8 but for some bytes in another charset (a feed pasted together from two
 * systems): valid UTF-8 sequences as UTF-8, every other high byte as `charset`.
 */
export function decodeMixed(bytes: Uint8Array, charset: LegacyCharset): string {
  const table = highHalf(charset);
  const utf8 = new TextDecoder('utf-8');
  let out = '';
  let from = 0;
  for (let i = 0; i < bytes.length; ) {
    if ((bytes[i] as number) < 0x80) {
      i++;
      continue;
    }
    const n = utf8SequenceAt(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    out += utf8.decode(bytes.subarray(from, i)) + (table[(bytes[i] as number) - 0x80] ?? '\uFFFD');
    i++;
    from = i;
  }
  return out + utf8.decode(bytes.subarray(from));
}

/** `bytes` with every valid multi-byte UTF-8 sequence blanked out, for sniffing what is left. */
export function withoutUtf8(bytes: Uint8Array): Uint8Array {
  const out = Uint8Array.from(bytes);
  for (let i = 0; i < out.length; ) {
    const n = (out[i] as number) < 0x80 ? 0 : utf8SequenceAt(out, i);
    if (n === 0) {
      i++;
      continue;
    }
    out.fill(0x20, i, i + n);
    i += n;
  }
  return out;
}
