import type { DecodedText } from '../ingest/encoding/decode-text.js';
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
 * when the bytes are UTF-8, else the legacy charset the bytes read as (windows-1252, windows-1251,
 * KOI8-R). Decoding itself is the feeds' ({@link decodeBody}): bytes that contradict the declared
 * charset are read as they are, with a `warning` for the source's report.
 */
export function decodeHtml(body: Uint8Array, contentType: string | null): DecodedText {
  if (charsetFromContentType(contentType)) return decodeBody(body, contentType);
  const head = Buffer.from(body.subarray(0, 4096)).toString('latin1');
  const declared =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1] ??
    /<meta[^>]+content\s*=\s*["'][^"']*charset=([\w.:-]+)/i.exec(head)?.[1];
  return decodeBody(body, declared ? `text/html; charset=${declared}` : contentType);
}
