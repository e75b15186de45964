import { parseRegion } from '../../regions/regions.js';
import { trimAtSentence } from '../text.js';
import { type PageArticle, parseDateline } from './page-article.js';

/**
 * Reads the text of a scraped news page (what "select all, copy" or a text-mode browser gives:
 * one line per block, page furniture mixed in) into an article.
 *
 * Each line is classified on its own, never by its place in one outlet's layout:
 * - blank;
 * - furniture: the site name ("- Sputnik International"), photo credits ("© AP Photo / ..."), lines
 *   ending with " - <site name>" (captions and image labels repeat the site), UI words ("Subscribe",
 *   "Share", "Newsfeed", "loader", "Chats", a lone number), prompts ("log in or register", "Read also:",
 *   "Related:"), cookie and newsletter notices, a short line in another script than the page
 *   ("Заголовок открываемого материала" on an English page), and a line that repeats an earlier one
 *   (a caption shown twice);
 * - end markers ("Newsfeed", "Comments", "Related stories", "To participate in the discussion", ...):
 *   nothing after them is article text;
 * - date lines ("16:01 GMT 29.12.2016", "Published 27 November 2024 10:15 UTC"), taken as the
 *   published time, and a lone URL line, taken as the page URL;
 * - title-like: 3 to 30 words, no sentence-ending full stop;
 * - prose: six or more words ending like a sentence, or twenty or more words.
 *
 * The headline is the title-like line that the first paragraph follows (furniture, bylines and date
 * lines between them aside), so a site name or navigation line above it is passed over; a page with
 * no paragraph after a title takes its first title-like line. Short lines before the headline are
 * the section ("Asia"); the section's region, if it names one, is kept. Other lines before it (the
 * section blurb) are dropped.
 * After the headline, prose lines are the paragraphs; title-like lines between them are teasers of
 * other stories and are dropped (so is an article's sub-heading: a known loss). The first paragraph
 * that opens with a dateline ("MOSCOW (Sputnik) — ", "WASHINGTON, Nov 27 (Reuters) - ") gives the
 * dateline and loses that opening. The lead is the first paragraph, trimmed at a sentence.
 */
export function parsePageText(text: string): PageArticle {
  const lines = text
    .replace(/^\ufeff/, '')
    .split(/\r\n?|\n/)
    .map((l) => l.replace(/[\s\u00a0\u200b\u2028\u2029]+/g, ' ').trim());
  const sites = siteNames(lines);
  const script = dominantScript(lines);

  let headline: string | undefined;
  let candidate: string | undefined;
  let firstTitle: string | undefined;
  // The first title-like line of four or more words since the last short (navigation) line: the
  // headline, when a standfirst, caption or byline stands between it and the first paragraph.
  let runStart: string | undefined;
  let section: string | undefined;
  let sectionRegion: string | undefined;
  let publishedAt: number | undefined;
  let url: string | undefined;
  const paragraphs: string[] = [];
  const seen = new Set<string>();

  for (const line of lines) {
    if (line === '') continue;
    const key = comparable(line, sites);
    const repeated = key.length > 20 && seen.has(key);
    if (key.length > 20) seen.add(key);
    if (!url && /^https?:\/\/\S+$/i.test(line)) {
      url = line;
      continue;
    }
    const date = dateOfLine(line);
    if (date !== undefined) {
      publishedAt ??= date;
      continue;
    }
    if (headline !== undefined && isEndMarker(line)) break;
    if (repeated || isFurniture(line, sites, script)) continue;
    if (headline === undefined) {
      if (wordCount(line) <= 3) runStart = undefined;
      if (isTitleLike(line)) {
        firstTitle ??= line;
        candidate = line;
        if (wordCount(line) >= 4) runStart ??= line;
      } else if (candidate !== undefined && isProse(line)) {
        // The headline is the title-like line that the article's first paragraph follows (a site
        // name or navigation line above it is title-like too, but no paragraph follows it), or
        // the first of a run of such lines (headline, standfirst, byline) that the paragraph ends.
        headline = runStart ?? candidate;
        paragraphs.push(line);
      } else if (wordCount(line) <= 4 && !/[.!?]$/.test(line)) {
        section ??= line;
        sectionRegion ??= parseRegion(line);
      }
      continue;
    }
    if (isProse(line)) paragraphs.push(line);
  }
  // A page with a title but no paragraph after it: the first title-like line is the headline.
  headline ??= firstTitle;

  let dateline: string | undefined;
  let agency: string | undefined;
  for (let i = 0; i < Math.min(paragraphs.length, 3); i++) {
    const found = parseDateline(paragraphs[i] as string);
    if (found) {
      dateline = found.dateline;
      agency = found.agency;
      paragraphs[i] = found.rest;
      break;
    }
  }
  const first = paragraphs[0] ?? '';
  return {
    headline: headline ?? (first ? trimAtSentence(first.replace(/^(.*?[.!?])\s.*$/, '$1'), 120) : ''),
    lead: trimAtSentence(first),
    body: paragraphs.join('\n\n'),
    url: url ?? null,
    source: [...sites][0] ?? agency ?? null,
    dateline: dateline ?? null,
    publishedAt: publishedAt ?? null,
    section: section ?? null,
    sectionRegion: sectionRegion ?? null,
  };
}

const UI_WORDS =
  /^(subscribe|unsubscribe|newsfeed|loader|loading\.*|chats?|share|share this( article| story)?|tweet|print|email|e-mail|facebook|twitter|x|whatsapp|telegram|vk|linkedin|reddit|copy link|link copied|menu|search|home|close|back to top|skip to (main )?content|advertisement|advert|ad|sponsored|top stories|trending|live|video|audio|photo|gallery|listen|play|more|next|previous|follow|follow us|sign in|log ?in|register|log in or register|sign up|accept|accept all|reject all|ok|got it|comments?|\d+ comments?|show comments|load more|see all|view all|reply|like|dislike|report|edit|save|bookmark|related|related:|read also:?|read more:?|see also:?|also read:?|tags:?|topics:?|filed under:?)$/i;
const UI_PREFIX =
  /^(read (also|more)|see also|also read|related|more on this|more:|tags|topics|filed under|follow us|follow .{1,30} on|sign up for|subscribe to|get the .{1,40} newsletter|download (the|our) app|click here|to participate in the discussion|you (must|need to) (log in|be logged in)|share (this|on)|listen to this article|advertisement|all rights reserved|copyright|image (source|caption)|our standards|reporting by|editing by|writing by|additional reporting|photo(graph)?:|image:|picture:|video:|source:|credit:|caption:)\b/i;
const COOKIES = /\b(cookies?|cookie policy|privacy (policy|settings)|consent|gdpr)\b.*\b(use|accept|agree|continu|browsing|settings|manage|policy)/i;
const CREDIT = /(\b(getty images|ap photo|afp|epa|reuters|shutterstock|sputnik|ria novosti|tass|xinhua|anadolu)\b[\w\s/.,-]{0,40}|\/ ?[A-Z][\w ]{1,40})$/i;
const END =
  /^(newsfeed|comments?|\d+ comments?|to participate in the discussion|most (read|popular|viewed)|related (stories|articles|news|content|coverage)|more (stories|news|from .{1,40}|on this( story| topic)?|like this)|recommended( for you)?|you (may|might) also like|trending( now)?|latest (news|stories)|top stories|editor'?s picks?|popular now|read next|what to read next)$/i;

function isEndMarker(line: string): boolean {
  return END.test(line);
}

/** Site names: "- Site" lines near the top, and any " - Site" ending seen on two or more lines. */
function siteNames(lines: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const line of lines.filter((l) => l !== '').slice(0, 12)) {
    // "- Site", "Site |", and the logo link's text "The Guardian - Back to home".
    const m = /^[-–—|•·]\s*(\S.{1,60})$/.exec(line) ?? /^(\S.{1,60}?)\s*[-–—|]$/.exec(line) ?? /^(\S.{1,60}?)\s+[-–—|]\s+(?:back to )?home(?:page)?$/i.exec(line);
    if (m?.[1] && wordCount(m[1]) <= 6) out.add(m[1].trim());
  }
  const endings = new Map<string, number>();
  for (const line of lines) {
    const m = /\s[-–—|]\s+([A-Z][^-–—|.!?]{1,40})$/.exec(line);
    if (m?.[1] && wordCount(m[1]) <= 5) endings.set(m[1].trim(), (endings.get(m[1].trim()) ?? 0) + 1);
  }
  for (const [name, n] of endings) if (n >= 2) out.add(name);
  return out;
}

/** A line reduced for repeat detection: no credit prefix, no site suffix, lower case, letters only. */
function comparable(line: string, sites: ReadonlySet<string>): string {
  let s = line.replace(/^(©|\(c\))[^A-Z]*/i, '');
  for (const site of sites) if (s.endsWith(site)) s = s.slice(0, -site.length).replace(/\s*[-–—|]\s*$/, '');
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function isFurniture(line: string, sites: ReadonlySet<string>, script: Script): boolean {
  if (/^[-–—|•·]?\s*$/.test(line) || /^[\d\s.,:+%-]+$/.test(line)) return true;
  if (line.startsWith('©') || /^\(c\)\s/i.test(line)) return true;
  // Bylines: "By Jane Mwangi, Nairobi", "By Reuters staff".
  if (/^(by|written by|words by)\s+\p{Lu}/iu.test(line) && wordCount(line) <= 8 && !/[.!?]$/.test(line)) return true;
  for (const site of sites) {
    if (line === site || line.endsWith(` - ${site}`) || line.endsWith(` – ${site}`) || line.endsWith(` — ${site}`) || line.endsWith(` | ${site}`)) return true;
    if (new RegExp(`^[-–—|•·]\\s*${escapeRe(site)}$`).test(line)) return true;
  }
  if (UI_WORDS.test(line.replace(/[»›→:]+$/, '').trim()) || UI_PREFIX.test(line)) return true;
  if (COOKIES.test(line) && line.length < 400) return true;
  if (wordCount(line) <= 12 && !/[.!?]["'”’»]?$/.test(line) && CREDIT.test(line) && /photo|image|getty|afp|epa|reuters|ap\b|\//i.test(line)) return true;
  if (line.length < 120 && script !== 'other' && scriptOf(line) !== script && scriptOf(line) !== 'other') return true;
  return false;
}

/** Looks like a headline: 3–30 words, starts with a capital, digit or quote, no sentence-ending stop. */
export function isTitleLike(line: string): boolean {
  const words = wordCount(line);
  if (words < 3 || words > 30 || line.length > 250) return false;
  if (!/^["'“‘«(]?[\p{Lu}\p{N}]/u.test(line)) return false;
  if (/[.:;,]$/.test(line) && !/\.\.\.$|…$/.test(line)) return false;
  return (line.match(/\p{L}{2,}/gu) ?? []).length >= 3;
}

function isProse(line: string): boolean {
  const words = wordCount(line);
  if (words >= 20) return true;
  return words >= 6 && /[.!?…]["'”’»)\]]*$/.test(line);
}

function wordCount(line: string): number {
  return line.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

type Script = 'latin' | 'cyrillic' | 'other';

function scriptOf(text: string): Script {
  const latin = (text.match(/\p{Script=Latin}/gu) ?? []).length;
  const cyrillic = (text.match(/\p{Script=Cyrillic}/gu) ?? []).length;
  if (latin + cyrillic < 3) return 'other';
  if (latin > cyrillic * 2) return 'latin';
  if (cyrillic > latin * 2) return 'cyrillic';
  return 'other';
}

function dominantScript(lines: readonly string[]): Script {
  return scriptOf(lines.filter((l) => l.length > 80).join(' ') || lines.join(' '));
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Zone names date lines use, in hours east of UTC: Europe's and North America's, and those of the
 * regional outlets of Africa, South and East Asia and Oceania (IST is India's, CST North America's).
 */
const ZONE_HOURS: Record<string, number> = {
  gmt: 0, utc: 0, bst: 1, cet: 1, cest: 2, eet: 2, eest: 3, msk: 3, est: -5, edt: -4, cst: -6, cdt: -5, pst: -8, pdt: -7,
  wat: 1, cat: 2, sast: 2, eat: 3, pkt: 5, ist: 5.5, npt: 5.75, ict: 7, wib: 7, sgt: 8, hkt: 8, pht: 8, awst: 8, jst: 9, kst: 9,
  aest: 10, aedt: 11, nzst: 12, nzdt: 13,
};
const ZONE_NAMES = Object.keys(ZONE_HOURS).join('|');
const ZONE = new RegExp(`\\b(${ZONE_NAMES})\\b(?:\\s*([+-])\\s*(\\d{1,2})(?::?(\\d{2}))?)?`, 'i');
const DATE_WORDS = new RegExp(`\\b(${ZONE_NAMES}|am|pm|updated|published|at|on|mon|tue|wed|thu|fri|sat|sun)[a-z]*\\b`, 'gi');

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';

/**
 * The time a short date line gives ("16:01 GMT 29.12.2016", "2024-11-27T10:15:00Z",
 * "Published 27 November 2024, 10:15 UTC", "Nov 27, 2024"), in ms; undefined for any other line.
 * Times without a zone are taken as UTC.
 */
export function dateOfLine(line: string): number | undefined {
  if (wordCount(line) > 12 || line.length > 120) return undefined;
  const rest = line.replace(/^(published|updated|posted|last updated|date|on)\s*:?\s*/i, '');
  // The words a date line may hold besides the date: no article sentence is only these.
  const leftover = rest
    .replace(/\d+/g, ' ')
    .replace(new RegExp(MONTH, 'gi'), ' ')
    .replace(DATE_WORDS, ' ')
    .replace(/[\s.,:()/+T-]/g, '');
  if (leftover.length > 0 && !/^Z?$/.test(leftover)) return undefined;
  const iso = /(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)/.exec(rest);
  if (iso?.[1]) {
    const s = iso[1].replace(' ', 'T');
    const t = Date.parse(/T.*(Z|[+-]\d{2}:?\d{2})$/.test(s) || !s.includes('T') ? s : `${s}Z`);
    if (Number.isFinite(t)) return t;
  }
  // "10:15", "3:14 AM", and the Guardian's "14.02 GMT" (a dot, but only before a zone or am/pm).
  const time = /(\d{1,2}):(\d{2})(?:\s*(am|pm))?/i.exec(rest) ?? /\b(\d{1,2})\.(\d{2})(?:\s*(am|pm)|(?=\s*(?:gmt|utc|bst|[ecm]s?t)\b))/i.exec(rest);
  let hours = time ? Number(time[1]) % 12 + (time[3]?.toLowerCase() === 'pm' ? 12 : 0) : 0;
  if (time && !time[3]) hours = Number(time[1]);
  const minutes = time ? Number(time[2]) : 0;
  const offset = zoneOffsetMs(rest);
  const at = (t: number | undefined) => (t === undefined ? undefined : t - offset);
  const dotted = /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/.exec(rest);
  if (dotted) return at(utc(Number(dotted[3]), Number(dotted[2]) - 1, Number(dotted[1]), hours, minutes));
  const dayFirst = new RegExp(`\\b(\\d{1,2})\\s+${MONTH}\\s*,?\\s+(\\d{4})\\b`, 'i').exec(rest);
  if (dayFirst) return at(utc(Number(dayFirst[3]), monthIndex(dayFirst[2] as string), Number(dayFirst[1]), hours, minutes));
  const monthFirst = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s*,?\\s+(\\d{4})\\b`, 'i').exec(rest);
  if (monthFirst) return at(utc(Number(monthFirst[3]), monthIndex(monthFirst[1] as string), Number(monthFirst[2]), hours, minutes));
  return undefined;
}

/** The zone a date line names ("GMT+3", "UTC-05:00", "MSK", "EST"), in ms east of UTC; 0 when none. */
function zoneOffsetMs(line: string): number {
  const m = ZONE.exec(line);
  if (!m) return 0;
  let hours = ZONE_HOURS[(m[1] as string).toLowerCase()] ?? 0;
  if (m[2]) hours += (m[2] === '-' ? -1 : 1) * (Number(m[3]) + Number(m[4] ?? 0) / 60);
  return Math.abs(hours) <= 14 ? hours * 3_600_000 : 0;
}

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase());
}

function utc(year: number, month: number, day: number, hours: number, minutes: number): number | undefined {
  if (month < 0 || month > 11 || day < 1 || day > 31 || hours > 23 || minutes > 59) return undefined;
  return Date.UTC(year, month, day, hours, minutes);
}
