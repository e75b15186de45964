import iconv from 'iconv-lite';
import { decodeMixed, sniffLegacyCharset, utf8Shape, withoutUtf8 } from './legacy-charset.js';

export interface DecodedText {
  text: string;
  /** What the bytes were read as: a charset name, or "utf-8+windows-1252" for mixed text. */
  charset: string;
  /** Set when the declared charset (or its absence) was not followed, saying what was done. */
  warning: string | null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function utf8OrUndefined(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function hasHighBytes(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return true;
  return false;
}

/**
 * Decodes `bytes` whose charset was declared as `declared` (an iconv-lite name, lower-case;
 * undefined when nothing declared one). UTF-8 comes first whenever the bytes are valid UTF-8:
 * - nothing declared, or UTF-8 declared, and the bytes are not UTF-8: mostly-UTF-8 bytes keep their
 *   UTF-8 and read the stray bytes as windows-1252 / windows-1251 / KOI8-R; other bytes are read
 *   whole in the charset {@link sniffLegacyCharset} picks (windows-1252 for Latin text);
 * - another charset declared, but the bytes are valid UTF-8 with non-ASCII in them: UTF-8 (a server
 *   labelling UTF-8 as ISO-8859-1 would otherwise make every accented letter two characters);
 * - else the declared charset.
 * Each fallback returns a `warning` naming what was declared and what was read.
 */
export function decodeText(bytes: Uint8Array, declared: string | undefined): DecodedText {
  const utf8 = utf8OrUndefined(bytes);
  if (declared === undefined || declared === 'utf-8') {
    if (utf8 !== undefined) return { text: utf8, charset: 'utf-8', warning: null };
    return fallback(bytes, declared === undefined ? 'no charset declared and the bytes are not UTF-8' : 'declared UTF-8 but the bytes are not UTF-8');
  }
  if (utf8 !== undefined && hasHighBytes(bytes)) {
    return { text: utf8, charset: 'utf-8', warning: `declared ${declared} but the bytes are UTF-8: read as UTF-8` };
  }
  return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), declared, { stripBOM: true }), charset: declared, warning: null };
}

function fallback(bytes: Uint8Array, why: string): DecodedText {
  const { sequences, strays } = utf8Shape(bytes);
  // Legacy text has UTF-8-shaped pairs only by chance ("Ã©" in windows-1252): mostly sequences
  // means UTF-8 text with a few foreign bytes.
  if (sequences > strays) {
    const charset = sniffLegacyCharset(withoutUtf8(bytes));
    const text = decodeMixed(bytes, charset).replace(/^\uFEFF/, '');
    return {
      text,
      charset: `utf-8+${charset}`,
      warning: `${why}: read as UTF-8, ${strays} stray byte${strays === 1 ? '' : 's'} as ${charset}`,
    };
  }
  const charset = sniffLegacyCharset(bytes);
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset);
  return { text, charset, warning: `${why}: read as ${charset}` };
}
