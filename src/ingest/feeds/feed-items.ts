import { parseRegion } from '../../regions/regions.js';
import { tagRegions } from '../../regions/tagger.js';
import { type ArticleInput, CLOCK_SKEW_MS } from '../../store/articles.js';
import { headlineFrom, htmlToText, leadFrom, oneLine } from '../text.js';
import { parseFeedDate } from './feed-date.js';
import type { FeedItem } from './parse-feed.js';

/** A feed as SOURCES_FILE lists it. */
export interface FeedSource {
  name: string;
  url: string;
  /** The region the whole feed is about, if it is regional. */
  region?: string | null | undefined;
}

/** Inline tags that sometimes appear in titles; anything else with `<` stays as written. */
const TITLE_TAGS = /<\/?(?:a|abbr|b|big|cite|code|em|font|i|mark|q|s|small|span|strong|sub|sup|u|br)\b[^>]*>/gi;

/**
 * The article for one feed item, or `undefined` when the item has neither a title nor any text
 * to take one from.
 * - headline: the title on one line, entities decoded; without a title, the start of its text;
 * - lead: the first real paragraph of the description (else the content) as plain text, images,
 *   captions and "Read more" scraps gone, cut at a sentence boundary to about 300 characters;
 * - body: the plain text of the fuller of content and description;
 * - publishedAt: the item's date; a missing, impossible or future (beyond clock skew) one is
 *   left out, so the store uses the time the item was first fetched;
 * - regions: the source's region, a category that names a region, then places in headline and lead.
 */
export function articleFromItem(item: FeedItem, source: FeedSource, now: number): ArticleInput | undefined {
  const summary = item.summaryHtml ? htmlToText(item.summaryHtml) : '';
  const content = item.contentHtml ? htmlToText(item.contentHtml) : '';
  const body = content.length >= summary.length ? content : summary;

  let headline = item.title ? titleText(item.title, item.titleIsHtml) : '';
  if (headline === '') headline = headlineFrom(body || summary);
  if (headline === '') return undefined;

  let lead = leadFrom(summary);
  if (lead === '' || lead === headline) lead = leadFrom(content) || lead;
  // A description that only repeats the title says nothing more.
  if (lead === headline) lead = '';

  const published = parseFeedDate(item.published) ?? parseFeedDate(item.updated);
  const publishedAt = published !== undefined && published <= now + CLOCK_SKEW_MS ? published : null;

  const section = item.categories.map((c) => parseRegion(oneLine(c))).find((r) => r !== undefined && r !== 'world');
  const regions = tagRegions({ sourceRegion: source.region ?? null, sectionRegion: section ?? null, text: `${headline}\n${lead}` });

  return {
    source: source.name,
    sourceUrl: source.url,
    url: item.url,
    guid: item.guid ? item.guid.trim().slice(0, 1000) : null,
    headline: headline.slice(0, 500),
    lead,
    body,
    publishedAt,
    regions,
  };
}

function titleText(title: string, isHtml: boolean): string {
  if (!isHtml) return title.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
  // Titles are often escaped twice ("&amp;#8217;", "&lt;b&gt;"): decode once more after the XML
  // parser did, and strip tags both before and after.
  return oneLine(title.replace(TITLE_TAGS, '')).replace(TITLE_TAGS, '').replace(/\s+/g, ' ').trim();
}
