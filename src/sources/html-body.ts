import { charsetFromContentType, decodeBody } from '../ingest/feeds/charset.js';

/** Whether a response is an HTML page: by its Content-Type, else by how the body starts. */
export function isHtml(contentType: string | null, body: Uint8Array): boolean {
  if (contentType && /^\s*(text\/html|application\/xhtml\+xml)\b/i.test(contentType)) return true;
  if (contentType && /^\s*(application|text)\/(rss|atom|feed|rdf|xml|json)|\+xml|\+json/i.test(contentType)) return false;
  const head = Buffer.from(body.subarray(0, 2048)).toString('latin1').replace(/^\ufeff|^\xef\xbb\xbf/, '').trimStart();
  return /^(<!--[\s\S]*?-->\s*)*(<!doctype\s+html|<html|<head|<body)\b/i.test(head);
}

/**
 * Text of an HTML page as a browser would decode it: the charset of a byte-order mark or the
 * Content-Type header, else of the page's `<meta charset>` / `http-equiv` declaration, else UTF-8
 * when the bytes are UTF-8, else windows-1252. Decoding itself is the feeds' (aliases such as
 * ISO-8859-1 → windows-1252 included).
 */
export function decodeHtml(body: Uint8Array, contentType: string | null): string {
  if (charsetFromContentType(contentType)) return decodeBody(body, contentType).text;
  const head = Buffer.from(body.subarray(0, 4096)).toString('latin1');
  const declared =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1] ??
    /<meta[^>]+content\s*=\s*["'][^"']*charset=([\w.:-]+)/i.exec(head)?.[1];
  if (declared) return decodeBody(body, `text/html; charset=${declared}`).text;
  return decodeBody(body, `text/html; charset=${isUtf8(body) ? 'utf-8' : 'windows-1252'}`).text;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
