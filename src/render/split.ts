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

/** Blocks `a` and `b` as one, `glue` (plain text such as "\n") between them; measured by adding their sizes. */
export function joinBlocks(a: Block, glue: string, b: Block): Block {
  const html = a.html + glue + b.html;
  return { html, size: { chars: a.size.chars + glue.length + b.size.chars, html: html.length, entities: a.size.entities + b.size.entities } };
}

/** Whether something of `size` fits `limits`. */
export function fits(size: MessageSize, limits: MessageLimits): boolean {
  return size.chars <= limits.chars && size.html <= limits.html && size.entities <= limits.entities;
}

/**
 * Builds messages from blocks (stories, headings) in order, as few as possible, each within
 * Telegram's limits as Telegram measures them (text after entity parsing, not the HTML source; see
 * {@link MESSAGE_LIMITS}), breaking only between units: a block added with `glue` stays with the
 * one before it (a region heading with its first story), others start a new unit after a blank
 * line. A unit that alone exceeds the limits goes alone: callers shorten stories beforehand
 * (`formatStoryWithin`). Sizes are added up as numbers, nothing is measured again.
 */
export function createMessageParts(options: { limits?: Partial<MessageLimits>; separator?: string } = {}): MessageParts {
  return new MessageParts(options.limits ? { ...MESSAGE_LIMITS, ...options.limits } : MESSAGE_LIMITS, options.separator ?? '\n\n');
}

/** See {@link createMessageParts}. A class, not closures; `finish` leaves it empty, to be filled again. */
export class MessageParts {
  private parts: string[] = [];
  // The message being filled, and the unit being assembled.
  private html = '';
  private chars = 0;
  private entities = 0;
  private unit = '';
  private unitChars = 0;
  private unitEntities = 0;

  constructor(
    private readonly limits: Readonly<MessageLimits>,
    private readonly sep: string,
  ) {}

  private place(): void {
    if (this.unit === '') return;
    const { limits, sep } = this;
    if (this.html === '') {
      this.html = this.unit;
      this.chars = this.unitChars;
      this.entities = this.unitEntities;
    } else if (
      this.chars + sep.length + this.unitChars <= limits.chars &&
      this.html.length + sep.length + this.unit.length <= limits.html &&
      this.entities + this.unitEntities <= limits.entities
    ) {
      this.html += sep + this.unit;
      this.chars += sep.length + this.unitChars;
      this.entities += this.unitEntities;
    } else {
      this.parts.push(this.html);
      this.html = this.unit;
      this.chars = this.unitChars;
      this.entities = this.unitEntities;
    }
    this.unit = '';
  }

  /** Adds a block; with `glue` (plain text such as "\n") it joins the block before it, never split from it. */
  add(b: Block, glue?: string): void {
    if (glue === undefined || this.unit === '') {
      this.place();
      this.unit = b.html;
      this.unitChars = b.size.chars;
      this.unitEntities = b.size.entities;
    } else {
      this.unit += glue + b.html;
      this.unitChars += glue.length + b.size.chars;
      this.unitEntities += b.size.entities;
    }
  }

  /** The messages, in order; the parts start empty again. */
  finish(): string[] {
    this.place();
    if (this.html !== '') this.parts.push(this.html);
    const parts = this.parts;
    this.clear();
    return parts;
  }

  /** Drops what was added since the last `finish`. */
  clear(): void {
    this.parts = [];
    this.html = '';
    this.unit = '';
  }
}

/** Joins blocks into as few messages as possible (see {@link createMessageParts}); strings are measured here. */
export function splitMessages(
  blocks: readonly (string | Block)[],
  options: { limits?: Partial<MessageLimits>; separator?: string } = {},
): string[] {
  const out = createMessageParts(options);
  for (const b of blocks) out.add(typeof b === 'string' ? block(b) : b);
  return out.finish();
}
