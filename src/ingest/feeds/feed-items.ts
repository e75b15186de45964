import { createHash } from 'node:crypto';
import { parseRegion } from '../../regions/regions.js';
import { tagRegions } from '../../regions/tagger.js';
import { type ArticleInput, CLOCK_SKEW_MS } from '../../store/articles.js';
import { decode } from 'html-entities';
import { parseDateline } from '../import/page-article.js';
import { headlineFrom, htmlToText, leadFrom, normaliseParagraphs, oneLine, trimAtSentence } from '../text.js';
import { repairText, scrubText, type TextAudit, type TextFlaws } from '../encoding/clean-text.js';
import { parseFeedDate } from './feed-date.js';
import type { FeedItem } from './parse-feed.js';
import { VERSION } from '../../version.js';

/** A feed as SOURCES_FILE lists it. */
export interface FeedSource {
  name: string;
  url: string;
  /** The region the whole feed is about, if it is regional. */
  region?: string | null | undefined;
}

/**
 * The version of what {@link articleFromItem} makes of an item (its text, dateline and region
 * rules, the gazetteer it tags with): part of every {@link itemFingerprint}. Raise it with any
 * change that alters an article made from the same item, so the next pass re-extracts (and
 * updates) every stored article instead of skipping its item as unchanged.
 */
export const EXTRACTION_VERSION = 1;

/**
 * A fingerprint of everything {@link articleFromItem} makes its article from: the item's fields,
 * the source (name, feed, region), whether its date is taken (a date beyond clock skew is left
 * out until it is not) and the extraction's `version` ({@link EXTRACTION_VERSION}, the running
 * code's; another is what an earlier or later release wrote) and the release (`release`, newsbot's
 * version: should a change to the extraction go out without raising EXTRACTION_VERSION, the
 * upgrade still re-extracts every item once). Equal fingerprints make equal articles.
 */
export function itemFingerprint(item: FeedItem, source: FeedSource, now: number, version = EXTRACTION_VERSION, release = VERSION): string {
  const published = parseFeedDate(item.published) ?? parseFeedDate(item.updated);
  const dateTaken = published !== undefined && published <= now + CLOCK_SKEW_MS;
  const raw = [
    version, release, source.name, source.url, source.region ?? null, dateTaken,
    item.title, item.titleIsHtml, item.url, item.guid, item.summaryHtml, item.contentHtml, item.categories,
    item.sourceName, item.published, item.updated,
  ];
  // Each part length-prefixed (null apart), fed as it is: no copy of the item's text is made.
  const hash = createHash('sha256');
  for (const part of raw) {
    if (part === null) hash.update('-');
    else {
      const text = typeof part === 'string' ? part : JSON.stringify(part);
      hash.update(`${text.length}:`).update(text);
    }
  }
  return hash.digest('base64');
}

/** Inline tags that sometimes appear in titles; anything else with `<` stays as written. */
const TITLE_TAGS = /<\/?(?:a|abbr|b|big|cite|code|em|font|i|mark|q|s|small|span|strong|sub|sup|u|br)\b[^>]*>/gi;

/**
 * The article for one feed item, or `undefined` when the item has neither a title nor any text
 * to take one from.
 * - headline: the title on one line, entities decoded; without a title, the start of its text;
 * - lead: the first real paragraph of the description (else the content) as plain text, images,
 *   captions, photo credits and "Read more" scraps gone, cut at a sentence boundary to about 300
 *   characters; a wire dateline opening it ("ANKARA, Nov 28 (Reuters) - ") becomes the dateline;
 * - text escaped twice ("&amp;amp;", "&lt;p&gt;" inside CDATA) is decoded twice, never shown raw;
 * - an aggregator's " - Outlet" after the title (Google News, named by the item's `<source>`) is
 *   dropped: the headline is the outlet's own, and a lead that only repeats it is left empty;
 * - body: the plain text of the fuller of content and description;
 * - publishedAt: the item's date; a missing, impossible or future (beyond clock skew) one is
 *   left out, so the store uses the time the item was first fetched;
 * - regions: decided by the places, institutions and people headline and lead name (see
 *   regions/tagger.ts); the source's region and a category that names a region are priors;
 * - text: double-encoded UTF-8 repaired, U+FFFD and control characters removed, leftover entities
 *   decoded (see {@link scrubText}); what was found is added to `audit`, for the source's report.
 */
export function articleFromItem(item: FeedItem, source: FeedSource, now: number, audit?: TextAudit): ArticleInput | undefined {
  const flaws: TextFlaws = new Set();
  // Repaired before entities are decoded and spaces collapsed: "Ã\u00A0" is "à" only while its
  // no-break space is there.
  const summary = item.summaryHtml ? scrubText(feedHtmlToText(repairText(item.summaryHtml, flaws)), flaws) : '';
  const content = item.contentHtml ? scrubText(feedHtmlToText(repairText(item.contentHtml, flaws)), flaws) : '';
  const body = content.length >= summary.length ? content : summary;

  let headline = item.title ? scrubText(titleText(repairText(item.title, flaws), item.titleIsHtml), flaws) : '';
  if (item.sourceName) headline = withoutOutlet(headline, item.sourceName);
  if (headline === '') headline = headlineFrom(body || summary);
  if (headline === '') return undefined;
  audit?.add(flaws);

  let lead = leadFrom(summary);
  if (item.sourceName) lead = withoutOutlet(lead, item.sourceName);
  if (lead === '' || sameText(lead, headline)) lead = leadFrom(content) || lead;
  // A description that only repeats the title says nothing more.
  if (sameText(lead, headline)) lead = '';
  let dateline: string | null = null;
  const opening = parseDateline(lead);
  if (opening && /\p{L}{2,}/u.test(opening.rest)) {
    dateline = opening.dateline;
    // The lead was trimmed with the dateline in it: trim the rest of its paragraph afresh.
    const start = lead.slice(0, 60).replace(/…$/, '');
    const paragraph = `${summary}\n\n${content}`.split('\n\n').find((p) => p.startsWith(start));
    const rest = paragraph ? parseDateline(paragraph)?.rest : undefined;
    lead = rest ? trimAtSentence(rest) : opening.rest;
  }

  const published = parseFeedDate(item.published) ?? parseFeedDate(item.updated);
  const publishedAt = published !== undefined && published <= now + CLOCK_SKEW_MS ? published : null;

  const section = item.categories.map((c) => parseRegion(oneLine(c))).find((r) => r !== undefined && r !== 'world');
  const regions = tagRegions({ sourceRegion: source.region ?? null, sectionRegion: section ?? null, dateline, headline, text: lead });

  return {
    source: source.name,
    sourceUrl: source.url,
    url: item.url,
    guid: item.guid ? item.guid.trim().slice(0, 1000) : null,
    headline: headline.slice(0, 500),
    lead,
    body,
    dateline,
    publishedAt,
    regions,
  };
}

/** An entity reference left in text that was already decoded once: the source escaped it twice. */
const LEFTOVER_ENTITY = /&(?:#\d{2,7}|#x[\da-f]{2,6}|amp|quot|apos|lt|gt|nbsp|[lr][sd]quo|[mn]dash|hellip|[lr]aquo|eacute|shy);/i;
/** Markup left in text that was already turned into text once: HTML escaped twice. */
const LEFTOVER_MARKUP = /<\/?(?:p|div|br|a|img|span|b|i|em|strong|ul|ol|li|figure|h[1-6])\b[^<>]*>/i;

/**
 * Plain text of a feed's HTML field. Feeds that escape their HTML and then also wrap it in CDATA
 * ("<![CDATA[&lt;p&gt;...]]>") or escape entities twice ("&amp;amp;") would show markup and
 * entity names to readers after one pass; such text gets a second one.
 */
function feedHtmlToText(html: string): string {
  const text = htmlToText(html);
  if (LEFTOVER_MARKUP.test(text)) return htmlToText(text);
  if (LEFTOVER_ENTITY.test(text)) return normaliseParagraphs(decode(text, { level: 'html5' }));
  return text;
}

function titleText(title: string, isHtml: boolean): string {
  if (!isHtml) return title.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
  // Titles are often escaped twice ("&amp;#8217;", "&lt;b&gt;"), and CDATA titles sometimes three
  // times ("&amp;amp;"): decode once more after the XML parser did, again while entity references
  // are left, and strip tags before and after each pass.
  let text = oneLine(title.replace(TITLE_TAGS, '')).replace(TITLE_TAGS, '');
  for (let pass = 0; pass < 2 && LEFTOVER_ENTITY.test(text); pass++) text = oneLine(text).replace(TITLE_TAGS, '');
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * `text` without the outlet's name an aggregator appends: "Typhoon makes landfall - Reuters",
 * "... | Reuters", or a lead "Typhoon makes landfall  Reuters". Unchanged when it does not end so.
 */
function withoutOutlet(text: string, outlet: string): string {
  const name = outlet.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const stripped = text.replace(new RegExp(`(?:\\s+[-–—|·]\\s+|\\s+)${name}\\s*$`, 'iu'), '').trim();
  return stripped === '' ? text : stripped;
}

/** Two one-line texts equal but for case, punctuation and spacing. */
function sameText(a: string, b: string): boolean {
  const key = (t: string) => t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return a !== '' && key(a) === key(b);
}
