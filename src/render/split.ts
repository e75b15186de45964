/** Telegram's limit on one message's text: UTF-16 code units after entity parsing (tags gone, `&amp;` one character). */
export const MESSAGE_MAX_CHARS = 4096;
/**
 * The most HTML source one message carries. Telegram refuses a message whose text and link
 * addresses together run past about 9,500 characters ("entities too long", tdlib/telegram-bot-api
 * #165), and the source is always longer than that sum; staying under 9,000 keeps clear of it and
 * keeps requests small, while a message of long addresses still holds its 4,096 characters of text.
 */
export const MESSAGE_MAX_HTML = 9000;
/** Telegram applies at most 100 formatting entities (bold, links, ...) to a message and leaves the rest plain. */
export const MESSAGE_MAX_ENTITIES = 100;

/** How much of a message a piece of Telegram HTML takes, by each of Telegram's limits. */
export interface MessageSize {
  /** Characters Telegram counts: the text after parsing (UTF-16 code units). */
  chars: number;
  /** Characters of HTML source. */
  html: number;
  /** Formatting entities (an upper bound: one per start tag). */
  entities: number;
}

/** A piece of a message (a story, a heading) with its size, measured once. */
export interface Block {
  html: string;
  size: MessageSize;
}

export type MessageLimits = MessageSize;

/** Telegram's limits on one message. */
export const MESSAGE_LIMITS: Readonly<MessageLimits> = { chars: MESSAGE_MAX_CHARS, html: MESSAGE_MAX_HTML, entities: MESSAGE_MAX_ENTITIES };

/**
 * The size of Telegram HTML as this project writes it (supported tags, text escaped with
 * `escapeHtml`): tags count for nothing, a character reference (`&amp;`, `&#39;`) for one character.
 */
export function measureHtml(html: string): MessageSize {
  let chars = 0;
  let entities = 0;
  for (let i = 0; i < html.length; i++) {
    const c = html.charCodeAt(i);
    if (c === 60 /* < */) {
      const end = html.indexOf('>', i);
      if (end < 0) {
        chars += html.length - i;
        break;
      }
      if (html.charCodeAt(i + 1) !== 47 /* / */) entities++;
      i = end;
    } else if (c === 38 /* & */) {
      const end = html.indexOf(';', i);
      chars++;
      // A reference is short ("&quot;", "&#8212;"); a lone '&' is one character as written.
      if (end > i && end - i <= 10 && /^&(#\d+|#x[\da-f]+|[a-z]+);$/i.test(html.slice(i, end + 1))) i = end;
    } else chars++;
  }
  return { chars, html: html.length, entities };
}

/** A block of `html`, measured. */
export function block(html: string): Block {
  return { html, size: measureHtml(html) };
}

/** `a`, then plain-text `separator` (e.g. "\n"), then `b`, as one block. */
export function joinBlocks(a: Block, separator: string, b: Block): Block {
  return {
    html: a.html + separator + b.html,
    size: {
      chars: a.size.chars + separator.length + b.size.chars,
      html: a.size.html + separator.length + b.size.html,
      entities: a.size.entities + b.size.entities,
    },
  };
}

/** Whether something of `size` fits `limits`. */
export function fits(size: MessageSize, limits: MessageLimits): boolean {
  return size.chars <= limits.chars && size.html <= limits.html && size.entities <= limits.entities;
}

/**
 * Joins blocks (stories, headers) into as few messages as possible, splitting only between blocks,
 * each message within Telegram's limits as Telegram measures them (text after entity parsing, not
 * the HTML source; see {@link MESSAGE_LIMITS}). Blocks given as strings are measured here. A block
 * that alone exceeds the limits goes alone: callers shorten stories beforehand (`formatStoryWithin`).
 */
export function splitMessages(
  blocks: readonly (string | Block)[],
  options: { limits?: Partial<MessageLimits>; separator?: string } = {},
): string[] {
  const limits = { ...MESSAGE_LIMITS, ...options.limits };
  const sep = options.separator ?? '\n\n';
  const parts: string[] = [];
  let current: Block | undefined;
  for (const raw of blocks) {
    const next = typeof raw === 'string' ? block(raw) : raw;
    if (!current) current = next;
    else {
      const joined = joinBlocks(current, sep, next);
      if (fits(joined.size, limits)) current = joined;
      else {
        parts.push(current.html);
        current = next;
      }
    }
  }
  if (current) parts.push(current.html);
  return parts;
}
