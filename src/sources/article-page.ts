import { repairText, scrubText, type TextFlaws } from '../ingest/encoding/clean-text.js';
import { parseHtmlPage } from '../ingest/import/html-page.js';
import { parsePageText } from '../ingest/import/page-text.js';
import type { IngestSource } from '../ingest/sources-file.js';
import { htmlToText, trimAtSentence } from '../ingest/text.js';
import { tagRegions } from '../regions/tagger.js';
import { type ArticleInput, CLOCK_SKEW_MS } from '../store/articles.js';
import { isNotArticleAddress, sameSite } from './link-rules.js';

/** An article page read: the article, or why it is not one. */
export type ArticleRead = { kind: 'article'; article: ArticleInput } | { kind: 'not-article'; reason: string };

/** Less story text than this (characters, lead and body together) is not an article. */
const MIN_TEXT_CHARS = 120;

/**
 * Reads one article page of a page source with the HTML importer (Readability, og/article metas,
 * JSON-LD, the scraped-text rules): headline, lead, body, dateline, time and section. Where the
 * importer finds no text or no time, the page's visible text is read line by line as scraped page
 * text is. The article keeps the source's name (the page's outlet as listed) and the source's
 * region as its first region, then the page's section and places; its time is the page's own, else
 * none (the store takes the time it was first fetched). The URL is the page's canonical one when
 * that is an article address on the same site, else the address it was fetched from.
 * Not an article: no headline, too little text, a video page.
 * Text is repaired as imported pages' is: double-encoded UTF-8 before parsing, leftover entities,
 * U+FFFD and control characters in headline, lead and body after; each fix is noted in `flaws`.
 */
export function readArticlePage(raw: string, fetchedUrl: string, linkText: string, source: IngestSource, now: number, flaws: TextFlaws = new Set()): ArticleRead {
  const html = repairText(raw, flaws);
  const page = parseHtmlPage(html);
  if (/<meta[^>]+(?:property|name)=["']og:type["'][^>]+content=["']video/i.test(html)) return { kind: 'not-article', reason: 'a video page' };
  let { lead, body, publishedAt, dateline } = page;
  const headline = scrubText((page.headline || linkText).trim(), flaws);
  if (body.length < MIN_TEXT_CHARS || publishedAt === null) {
    const text = parsePageText(htmlToText(withoutHead(html)));
    if (body.length < MIN_TEXT_CHARS && text.body.length > body.length) {
      body = text.body;
      lead ||= text.lead;
      dateline ??= text.dateline;
    }
    publishedAt ??= text.publishedAt;
  }
  if (headline === '') return { kind: 'not-article', reason: 'no headline' };
  lead = scrubText(lead, flaws);
  body = scrubText(body, flaws);
  if (`${lead} ${body}`.trim().length < MIN_TEXT_CHARS) return { kind: 'not-article', reason: 'no article text (a list, media or script-drawn page)' };
  return {
    kind: 'article',
    article: {
      source: source.name,
      sourceUrl: source.url,
      url: articleUrl(page.url, fetchedUrl, source.url),
      guid: null,
      headline: headline.slice(0, 500),
      lead: lead || trimAtSentence(body.split('\n\n')[0] ?? ''),
      body,
      dateline,
      publishedAt: publishedAt !== null && publishedAt <= now + CLOCK_SKEW_MS ? publishedAt : null,
      regions: tagRegions({ sourceRegion: source.region ?? null, sectionRegion: page.sectionRegion, headline, text: lead, dateline }),
    },
  };
}

/** The canonical URL when it names an article on the same site (not the home or section page), else the fetched one. */
function articleUrl(canonical: string | null, fetchedUrl: string, sectionUrl: string): string {
  if (!canonical) return fetchedUrl;
  try {
    const c = new URL(canonical);
    const section = new URL(sectionUrl);
    const samePath = (a: URL, b: URL) => a.host === b.host && a.pathname.replace(/\/+$/, '') === b.pathname.replace(/\/+$/, '');
    if (!sameSite(c, new URL(fetchedUrl)) || isNotArticleAddress(c) || samePath(c, section)) return fetchedUrl;
    return c.href;
  } catch {
    return fetchedUrl;
  }
}

/** The page without its <head> (titles and metas are not story text). */
function withoutHead(html: string): string {
  return html.replace(/<head\b[\s\S]*?<\/head\s*>/i, '');
}
