/**
 * Telegram's HTML parse mode, as the Bot API server parses it (modelled on tdlib's `parse_html`):
 * turns message HTML into the visible text and its entities, or fails with the message Telegram
 * puts after "Bad Request: can't parse entities: ".
 *
 * What Telegram does and this does too:
 * - only the supported tags (b/strong, i/em, u/ins, s/strike/del, tg-spoiler, span class="tg-spoiler",
 *   a href, code, pre, blockquote [expandable], tg-emoji, tg-time); any other tag, or a bare `<`
 *   (which reads as a tag with an empty name), is "Unsupported start tag";
 * - end tags must match the innermost open tag; a tag left open is an error;
 * - `&lt;`, `&gt;`, `&amp;`, `&quot;` and numeric references are decoded; anything else after `&`
 *   (including a bare `&`) stays as written;
 * - offsets in error messages are UTF-8 byte offsets into the HTML; entity offsets and lengths are
 *   UTF-16 code units into the visible text.
 */

export interface ParsedEntity {
  type: string;
  /** UTF-16 offset into the visible text. */
  offset: number;
  /** UTF-16 length. */
  length: number;
  url?: string;
  language?: string;
}

export type HtmlParseResult = { ok: true; text: string; entities: ParsedEntity[] } | { ok: false; error: string };

const TAG_TYPES: Record<string, string> = {
  a: 'text_link',
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
  'tg-emoji': 'custom_emoji',
  'tg-time': 'date_time',
};

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\f' || c === '\v';
const isAlpha = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);

/** Decodes one HTML character reference at `pos` (text[pos] === '&'); returns the character and the next index, or undefined. */
function decodeEntity(text: string, pos: number): { ch: string; next: number } | undefined {
  let end = pos + 1;
  let code: number | undefined;
  if (text[end] === '#') {
    end++;
    let hex = false;
    if (text[end] === 'x' || text[end] === 'X') {
      hex = true;
      end++;
    }
    const start = end;
    while (end < text.length && (hex ? /[0-9a-fA-F]/ : /[0-9]/).test(text[end] ?? '')) end++;
    if (end === start || end - start > 8) return undefined;
    code = Number.parseInt(text.slice(start, end), hex ? 16 : 10);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
  } else {
    const start = end;
    while (isAlpha(text[end])) end++;
    const name = text.slice(start, end);
    code = name === 'lt' ? 60 : name === 'gt' ? 62 : name === 'amp' ? 38 : name === 'quot' ? 34 : undefined;
    if (code === undefined) return undefined;
  }
  if (text[end] === ';') end++;
  return { ch: String.fromCodePoint(code), next: end };
}

const byteOffset = (text: string, index: number) => Buffer.byteLength(text.slice(0, index), 'utf8');

/** Parses Telegram HTML. Never throws. */
export function parseTelegramHtml(html: string): HtmlParseResult {
  let out = '';
  const entities: ParsedEntity[] = [];
  const open: { tag: string; attrs: Record<string, string>; start: number }[] = [];
  const fail = (error: string): HtmlParseResult => ({ ok: false, error });

  let i = 0;
  while (i < html.length) {
    const c = html[i];
    if (c === '&') {
      const decoded = decodeEntity(html, i);
      if (decoded) {
        out += decoded.ch;
        i = decoded.next;
        continue;
      }
    }
    if (c !== '<') {
      out += c;
      i++;
      continue;
    }
    const begin = i;
    if (html[i + 1] !== '/') {
      // A start tag: name up to a space or '>'.
      i++;
      const nameStart = i;
      while (i < html.length && !isSpace(html[i]) && html[i] !== '>') i++;
      if (i >= html.length) return fail(`Unclosed start tag at byte offset ${byteOffset(html, begin)}`);
      const tag = html.slice(nameStart, i).toLowerCase();
      if (!(tag in TAG_TYPES)) return fail(`Unsupported start tag "${tag}" at byte offset ${byteOffset(html, begin)}`);
      const attrs: Record<string, string> = {};
      while (html[i] !== '>') {
        while (isSpace(html[i])) i++;
        if (html[i] === '>') break;
        const attrStart = i;
        while (i < html.length && !isSpace(html[i]) && html[i] !== '=' && html[i] !== '>') i++;
        const attr = html.slice(attrStart, i).toLowerCase();
        if (i >= html.length) return fail(`Unclosed start tag at byte offset ${byteOffset(html, begin)}`);
        if (attr === '') return fail(`Empty attribute name in the tag "${tag}" at byte offset ${byteOffset(html, begin)}`);
        while (isSpace(html[i])) i++;
        if (html[i] !== '=') {
          // A value-less attribute (<blockquote expandable>) is allowed.
          if (html[i] === '>' || isAlpha(html[i])) {
            attrs[attr] = '';
            continue;
          }
          return fail(`Expected equal sign in declaration of an attribute of the tag "${tag}" at byte offset ${byteOffset(html, begin)}`);
        }
        i++;
        while (isSpace(html[i])) i++;
        if (i >= html.length) return fail(`Unclosed start tag at byte offset ${byteOffset(html, begin)}`);
        let value = '';
        const quote = html[i];
        if (quote === '"' || quote === "'") {
          const close = html.indexOf(quote, i + 1);
          if (close < 0) return fail(`Unclosed start tag at byte offset ${byteOffset(html, begin)}`);
          const raw = html.slice(i + 1, close);
          for (let j = 0; j < raw.length; ) {
            const d = raw[j] === '&' ? decodeEntity(raw, j) : undefined;
            if (d) {
              value += d.ch;
              j = d.next;
            } else {
              value += raw[j];
              j++;
            }
          }
          i = close + 1;
        } else {
          const valueStart = i;
          while (i < html.length && /[A-Za-z0-9.\-_]/.test(html[i] ?? '')) i++;
          value = html.slice(valueStart, i);
          if (i >= html.length) return fail(`Unclosed start tag at byte offset ${byteOffset(html, begin)}`);
          if (!isSpace(html[i]) && html[i] !== '>') return fail(`Unexpected end of name token at byte offset ${byteOffset(html, i)}`);
        }
        attrs[attr] = value;
      }
      if (tag === 'span' && attrs.class !== 'tg-spoiler') {
        return fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(html, begin)}`);
      }
      open.push({ tag, attrs, start: out.length });
      i++;
    } else {
      // An end tag.
      if (open.length === 0) return fail(`Unexpected end tag at byte offset ${byteOffset(html, begin)}`);
      i += 2;
      const nameStart = i;
      while (i < html.length && !isSpace(html[i]) && html[i] !== '>') i++;
      const endTag = html.slice(nameStart, i).toLowerCase();
      while (isSpace(html[i])) i++;
      if (html[i] !== '>') return fail(`Unclosed end tag at byte offset ${byteOffset(html, begin)}`);
      const top = open.pop();
      if (!top) return fail(`Unexpected end tag at byte offset ${byteOffset(html, begin)}`);
      if (endTag !== '' && endTag !== top.tag) {
        return fail(`Unmatched end tag at byte offset ${byteOffset(html, begin)}, expected "</${top.tag}>", found "</${endTag}>"`);
      }
      i++;
      const length = out.length - top.start;
      if (length > 0) {
        const type = TAG_TYPES[top.tag] ?? 'bold';
        const entity: ParsedEntity = { type, offset: top.start, length };
        if (top.tag === 'a') {
          const href = top.attrs.href ?? '';
          // Telegram drops a link whose href is not a URL (the text stays, plain).
          if (!/^(https?|tg|ftp):\/\/\S+$|^tg:\S+$/i.test(href)) continue;
          entity.url = href;
        }
        if (top.tag === 'blockquote' && 'expandable' in top.attrs) entity.type = 'expandable_blockquote';
        if (top.tag === 'code' && top.attrs.class?.startsWith('language-')) entity.language = top.attrs.class.slice(9);
        entities.push(entity);
      }
    }
  }
  const last = open.at(-1);
  if (last) return fail(`Can't find end tag corresponding to start tag "${last.tag}"`);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { ok: true, text: out, entities };
}
