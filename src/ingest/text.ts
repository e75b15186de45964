import { decode } from 'html-entities';

/** Leads are cut at a sentence boundary to at most about this many characters. */
export const LEAD_MAX_CHARS = 300;

const BLOCK_TAGS =
  /<\/?(p|div|br|li|ul|ol|h[1-6]|blockquote|section|article|header|footer|figure|figcaption|table|tr|td|th|pre|hr|dd|dt|dl)\b[^>]*>/gi;

/** Scraps feeds append to descriptions: "Read more", "Continue reading", "The post X appeared first on Y". */
const SCRAPS = [
  /\s*(\[(…|\.\.\.)\]|\[\s*read more\s*\]|read more\s*(»|›|→|\.\.\.|…)?|continue reading.*|read the full (story|article).*|click here to read more.*|\(more…\)|\[more\]|читать далее.*|подробнее\s*(»|→)?)\s*$/i,
  /\s*the post .{1,300} appeared first on .{1,120}\.?\s*$/i,
];

/**
 * A paragraph that labels a picture rather than tells the story: "Photo: Getty Images",
 * "Image caption: Ash rises ...", "(Photo: AFP)", "© Reuters", "Credit: ...". Feeds put these
 * before the first real paragraph, where they would otherwise become the lead.
 */
const PICTURE_LABEL =
  /^(?:[([]\s*)?(?:©|\(c\)\s|(?:photo(?:graph)?s?|pictures?|image(?:\s+(?:caption|source|credit))?|caption|credit|media caption|video caption|фото|иллюстрация)\s*(?:[:/|,—-]|by\b|©))/i;

/** Agencies and picture libraries a credit line names; a short line naming one and no verb is a credit. */
const PICTURE_AGENCY = /^(?:getty images|ap photo|afp(?: via getty images)?|epa(?:-efe)?|reuters|shutterstock|alamy|pa (?:media|wire)|anadolu(?: agency)?|xinhua|sputnik|ria novosti|tass)\b[\w\s/.,&-]{0,40}$/i;

/** Whether a paragraph is a photo credit or caption label, not prose (see {@link PICTURE_LABEL}). */
export function isPictureLabel(paragraph: string): boolean {
  const p = paragraph.trim();
  if (p.length > 400) return false;
  return PICTURE_LABEL.test(p) || PICTURE_AGENCY.test(p);
}

/**
 * Plain text of an HTML fragment: scripts, styles and images gone, block elements as paragraph
 * breaks ("\n\n"), entities decoded, whitespace collapsed inside paragraphs.
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|noscript|iframe|svg|object|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<figcaption\b[\s\S]*?<\/figcaption\s*>/gi, '\n\n')
    .replace(BLOCK_TAGS, '\n\n')
    .replace(/<[^>]*>/g, '')
    // A lone "<" that never closed would otherwise eat the rest.
    .replace(/<[^>]*$/g, '');
  return normaliseParagraphs(decode(text, { level: 'html5' }));
}

/**
 * A run of whitespace (zero-width spaces too) other than a single plain space before a character
 * that is not whitespace: the runs that collapsing to one space changes. Most spaces of prose are
 * single already; replacing each of them by itself cost a new string per article body and a tenth
 * of a re-ingest pass.
 */
const SPACE_RUN = /(?! (?![\s\u200b]))[\s\u200b]+/g;

/** Collapses whitespace inside paragraphs and keeps paragraphs apart by one blank line. */
export function normaliseParagraphs(text: string): string {
  return (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text)
    .split(/\n\s*\n/)
    .map((p) => p.replace(SPACE_RUN, ' ').trim())
    .filter((p) => p !== '')
    .join('\n\n');
}

/** Whitespace collapsed to single spaces, entities decoded: for titles and other one-line fields. */
export function oneLine(text: string): string {
  return decode(text, { level: 'html5' }).replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

/** Strips "Read more" and similar scraps from the end of a paragraph. */
export function stripScraps(paragraph: string): string {
  let out = paragraph;
  for (const re of SCRAPS) out = out.replace(re, '');
  return out.trim();
}

/**
 * The lead of an article from its plain text: the first paragraph with real words that is not a
 * photo credit or caption label (see {@link isPictureLabel}), without "Read more" scraps, trimmed at a sentence boundary to at most about {@link LEAD_MAX_CHARS}
 * characters (at a word boundary with "…" when the first sentence alone is longer).
 */
export function leadFrom(text: string, max = LEAD_MAX_CHARS): string {
  const first = text
    .split(/\n\s*\n/)
    .map((p) => stripScraps(p.replace(/\s+/g, ' ').trim()))
    .find((p) => /\p{L}{2,}/u.test(p) && !isPictureLabel(p));
  return first ? trimAtSentence(first, max) : '';
}

/** Cuts `text` at the last sentence end within `max` characters, else at a word with "…". */
export function trimAtSentence(text: string, max = LEAD_MAX_CHARS): string {
  if (text.length <= max) return text;
  const window = text.slice(0, max + 1);
  // A sentence ends at . ! ? (optionally followed by a closing quote or bracket) before a space.
  const ends = [...window.matchAll(/[.!?…]["'”’»)\]]?(?=\s)/g)];
  const last = ends.at(-1);
  if (last?.index !== undefined && last.index + last[0].length >= max * 0.4) {
    return text.slice(0, last.index + last[0].length).trim();
  }
  const cut = window.lastIndexOf(' ', max - 1);
  return `${text.slice(0, cut > max * 0.5 ? cut : max - 1).replace(/[\s,;:–—-]+$/, '')}…`;
}

/** A headline for an item that has none: the start of its text, at most about 100 characters. */
export function headlineFrom(text: string): string {
  const first = text.split(/\n\s*\n/).map((p) => p.trim()).find((p) => /\p{L}{2,}/u.test(p)) ?? '';
  const sentence = first.match(/^.*?[.!?](?=\s|$)/)?.[0] ?? first;
  return trimAtSentence(sentence.replace(/[.]$/, ''), 100);
}
