/** An article as read from one imported page, before the source and regions are settled. */
export interface PageArticle {
  headline: string;
  lead: string;
  body: string;
  /** The page's own URL (canonical link, og:url, a URL line); null when the page does not say. */
  url: string | null;
  /** The outlet as the page names it (site-name line, og:site_name); null when it does not. */
  source: string | null;
  /** The place the story was filed from, as written ("MOSCOW"). */
  dateline: string | null;
  /** Milliseconds since the epoch; null when the page gives no date. */
  publishedAt: number | null;
  /** The page's section as written ("Asia", "World news"). */
  section: string | null;
  /** The section, when it names a region (section line, article:section, breadcrumbs). */
  sectionRegion: string | null;
}

/** A dateline found at the start of a paragraph, and the paragraph without it. */
export interface Dateline {
  /** The place, as written ("MOSCOW", "NEW YORK"). */
  dateline: string;
  /** The agency in brackets, when given ("Sputnik", "Reuters"). */
  agency: string | undefined;
  rest: string;
}

// A place in capitals, then optionally ", <date or country>", then optionally "(Agency)", then a dash:
// "MOSCOW (Sputnik) — ", "WASHINGTON, Nov 27 (Reuters) - ", "KYIV, Ukraine (AP) — ", "LONDON — ".
const DATELINE =
  /^([\p{Lu}][\p{Lu} .'’-]{1,38}[\p{Lu}.])(?:,\s*([^()—–\n]{1,30}?))?\s*(?:\(([^()]{1,40})\))?\s*(?:[—–]|--?)\s+(?=\S)/u;

const TASS_DATELINE = /^([\p{Lu}][\p{Lu} .'’-]{1,38}[\p{Lu}.]),\s*[^/\n]{1,30}?\s*\/\s*([\p{L} -]{2,30}?)\s*\/\.?\s+(?=\S)/u;

/**
 * The dateline at the start of `paragraph`, if it opens with one: a place written in capitals,
 * optionally a date or country after a comma, optionally the agency in brackets, then a dash.
 * A capitalised word without an agency or a date must be followed by an em/en dash
 * ("NATO - the alliance" is not a dateline; "LONDON — " is).
 */
export function parseDateline(paragraph: string): Dateline | undefined {
  // TASS style: "ПЕКИН, 28 ноября. /ТАСС/. Председатель ...", "MOSCOW, November 28. /TASS/. The ...".
  const tass = TASS_DATELINE.exec(paragraph);
  if (tass) return { dateline: (tass[1] as string).trim(), agency: (tass[2] as string).trim(), rest: paragraph.slice(tass[0].length).trim() };
  const m = DATELINE.exec(paragraph);
  if (!m) return undefined;
  const place = (m[1] as string).trim();
  const hasAgencyOrDate = Boolean(m[2] || m[3]);
  const dash = paragraph.slice(0, m[0].length).trimEnd().slice(-1);
  // A single hyphen is too common in text to mark a dateline alone; "--" (for an em dash) does.
  const doubled = /--\s*$/.test(paragraph.slice(0, m[0].length));
  if (!hasAgencyOrDate && dash === '-' && !doubled) return undefined;
  if ((place.match(/\p{Lu}/gu) ?? []).length < 3) return undefined;
  const rest = paragraph.slice(m[0].length).trim();
  // Russian-style agency after the dash: "МОСКВА, 27 ноя — РИА Новости. Президент ...",
  // "MOSCOW, Nov 27 - RIA Novosti. The president ...": one to three capitalised words and a full stop.
  const trailing = !m[3] && m[2] ? /^((?:\p{Lu}[\p{L}-]*\s?){1,3})\.\s+(?=["«“\p{Lu}])/u.exec(rest) : null;
  if (trailing) return { dateline: place, agency: (trailing[1] as string).trim(), rest: rest.slice(trailing[0].length) };
  return { dateline: place, agency: m[3]?.trim(), rest };
}
