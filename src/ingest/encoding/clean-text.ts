import { decode } from 'html-entities';
import { looksDoubleEncoded, repairMojibake } from './mojibake.js';

/** What was wrong with a piece of text before it was stored. */
export type TextFlaw =
  /** Double-encoded UTF-8 was decoded. */
  | 'repaired'
  /** U+FFFD (a character lost before the text reached us) was removed. */
  | 'unreadable'
  /** C0 / C1 control characters were removed. */
  | 'controls'
  /** Entity references left after decoding ("&nbsp;", "&amp;") were decoded. */
  | 'entities'
  /** Text still looks double-encoded after repair. */
  | 'double-encoded';

/** The flaws found in the fields of one article, each noted once. */
export type TextFlaws = Set<TextFlaw>;

/** {@link repairMojibake}, noting a repair in `flaws`. */
export function repairText(text: string, flaws?: TextFlaws): string {
  const out = repairMojibake(text);
  if (out !== text) flaws?.add('repaired');
  return out;
}

/** An entity reference: "&nbsp;", "&#8217;", "&#x2019;". */
const ENTITY = /&(?:#\d{1,7}|#x[\da-f]{1,6}|[a-z][a-z\d]{1,31});/i;
/** Controls other than tab, line feed and carriage return, which are whitespace to us. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');

export interface ScrubOptions {
  /** Decode entity references still left in the text (not for JSON, whose fields are plain text). */
  entities?: boolean;
}

/**
 * The text as it should be stored and shown: entity references left over from a source that
 * escaped several times decoded (up to five more times), double-encoded UTF-8 repaired (also where it came as
 * entities: "&Atilde;&copy;"), U+FFFD and control characters removed, a no-break space as a space,
 * runs of spaces made one. Notes each kind of fix in `flaws`, and text that still looks
 * double-encoded. Clean text is returned as it is.
 */
export function scrubText(text: string, flaws?: TextFlaws, options: ScrubOptions = { entities: true }): string {
  let out = text;
  if (options.entities !== false) {
    for (let pass = 0; pass < 5 && ENTITY.test(out); pass++) {
      const next = decode(out, { level: 'html5' });
      if (next === out) break;
      flaws?.add('entities');
      out = next;
    }
  }
  out = repairText(out, flaws);
  if (out.includes('\uFFFD')) {
    flaws?.add('unreadable');
    out = out.replace(/\uFFFD+/g, '');
  }
  if (CONTROL.test(out)) {
    flaws?.add('controls');
    // NEL (U+0085) is a line break in ISO-8859-1 text: a space, not nothing.
    out = out.replace(/\u0085/g, ' ').replace(CONTROLS, '');
  }
  if (out !== text) out = out.replace(/\u00A0/g, ' ').replace(/[ \t]{2,}/g, ' ').trim();
  if (looksDoubleEncoded(out)) flaws?.add('double-encoded');
  return out;
}

const LABELS: Record<TextFlaw, string> = {
  repaired: 'double-encoded UTF-8 repaired',
  unreadable: 'unreadable characters (U+FFFD) removed',
  controls: 'control characters removed',
  entities: 'leftover entities (&nbsp; ...) decoded',
  'double-encoded': 'still looks double-encoded',
};

/** Counts of flaws over the articles of one fetch or import, per kind. */
export class TextAudit {
  readonly counts = new Map<TextFlaw, number>();
  items = 0;
  /** Articles added with at least one flaw. */
  flawed = 0;

  /** Adds one article's flaws. */
  add(flaws: TextFlaws): void {
    this.items++;
    if (flaws.size > 0) this.flawed++;
    for (const f of flaws) this.counts.set(f, (this.counts.get(f) ?? 0) + 1);
  }

  /**
   * One line for the source's report, or null when the text was clean and the charset as declared:
   * "read as windows-1252: no charset declared ...; in 3 of 20 items: double-encoded UTF-8 repaired".
   */
  warning(charsetWarning: string | null | undefined): string | null {
    const parts: string[] = [];
    if (charsetWarning) parts.push(charsetWarning);
    for (const [flaw, label] of Object.entries(LABELS) as [TextFlaw, string][]) {
      const n = this.counts.get(flaw);
      if (n) parts.push(`${label} in ${n} of ${this.items} item${this.items === 1 ? '' : 's'}`);
    }
    return parts.length > 0 ? parts.join('; ') : null;
  }
}
