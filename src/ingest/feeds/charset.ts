import iconv from 'iconv-lite';
import { type DecodedText, decodeText } from '../encoding/decode-text.js';

/**
 * Encodings as browsers treat them: a page labelled ISO-8859-1 or ASCII is decoded as windows-1252,
 * whose extra characters (curly quotes, dashes) such pages nearly always contain.
 */
const ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'utf8': 'utf-8',
};

/** The charset named by a Content-Type header, lower-cased, if any. */
export function charsetFromContentType(contentType: string | null | undefined): string | undefined {
  const match = contentType?.match(/;\s*charset\s*=\s*["']?([^"';\s]+)/i);
  return match?.[1]?.toLowerCase();
}

/** The encoding named by an XML declaration at the start of `bytes`, lower-cased, if any. */
export function charsetFromXmlDeclaration(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1');
  const match = head.match(/^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/);
  return match?.[1]?.toLowerCase();
}

function bomCharset(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}

function known(charset: string | undefined): string | undefined {
  if (!charset) return undefined;
  const name = ALIASES[charset] ?? charset;
  return iconv.encodingExists(name) ? name : undefined;
}

/**
 * Decodes a feed body to text. The charset comes from, in order: a byte-order mark, the
 * Content-Type header, the XML declaration. When the header says UTF-8 but the bytes are not valid
 * UTF-8 and the XML declaration names another charset, the declaration wins (servers that label
 * everything UTF-8). Unknown charset names are skipped. Bytes that contradict what is declared, or
 * that are not UTF-8 when nothing is declared, are read as {@link decodeText} says, with a
 * `warning` for the source's report.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null | undefined): DecodedText {
  const fromBom = bomCharset(bytes);
  if (fromBom === 'utf-8') return decodeText(bytes.subarray(3), 'utf-8');
  if (fromBom) return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), fromBom, { stripBOM: true }), charset: fromBom, warning: null };
  const fromHeader = known(charsetFromContentType(contentType));
  let fromDeclaration = known(charsetFromXmlDeclaration(bytes));
  // UTF-16 declared in XML is only believable with a BOM; without one the bytes are ASCII-compatible.
  if (fromDeclaration?.startsWith('utf-16') && bytes[0] !== 0 && bytes[1] !== 0) fromDeclaration = undefined;
  let declared = fromHeader ?? fromDeclaration;
  if (declared?.startsWith('utf-16') && bytes[0] !== 0 && bytes[1] !== 0) declared = 'utf-8';
  if (declared === 'utf-8' && fromDeclaration && fromDeclaration !== 'utf-8' && !isValidUtf8(bytes)) {
    const decoded = decodeText(bytes, fromDeclaration);
    return { ...decoded, warning: decoded.warning ?? `the Content-Type header says UTF-8 but the bytes are not UTF-8: read as ${fromDeclaration}, as the XML declaration says` };
  }
  return decodeText(bytes, declared);
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
