import {
  type AtomFeed,
  DetectError,
  type JsonFeed,
  parseFeed as feedsmithParse,
  parseJsonFeed,
  type RdfFeed,
  type RssFeed,
} from 'feedsmith';
import { decodeBody } from './charset.js';
import { resolveDoctype } from './doctype.js';
import { FeedError, printable } from './feed-error.js';
import { escapeHtml } from '../../render/html.js';

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

/** One feed item, the same shape whatever the format. Text fields are as the feed gave them. */
export interface FeedItem {
  /** The title; `titleIsHtml` says whether it may hold markup and entities still to decode. */
  title: string | null;
  titleIsHtml: boolean;
  /** The item's web page (RSS link, Atom rel="alternate", JSON Feed url), absolute if resolvable. */
  url: string | null;
  guid: string | null;
  /** The short text: RSS description, Atom summary, JSON Feed summary; HTML. */
  summaryHtml: string | null;
  /** The full text: content:encoded, Atom content, JSON Feed content_html/content_text; HTML. */
  contentHtml: string | null;
  categories: string[];
  /**
   * The outlet an aggregator credits the item to (RSS `<source>`, as Google News writes it), whose
   * name such feeds also append to the title ("Headline - Outlet").
   */
  sourceName: string | null;
  /** Raw date strings as written, first published then last updated. */
  published: string | null;
  updated: string | null;
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  items: FeedItem[];
  /**
   * How the body's bytes were read, when they contradicted the declared charset or declared none
   * and were not UTF-8 (see {@link decodeBody}); undefined for text parsed as given.
   */
  charsetWarning?: string | null;
}

/**
 * Parses a feed body: RSS 0.91/0.92/2.0, RSS 1.0 (RDF), Atom 0.3/1.0 and JSON Feed 1.0/1.1.
 * Decodes the charset (see {@link decodeBody}), refuses entity tricks (see {@link resolveDoctype})
 * and truncated documents. Throws {@link FeedError} with a readable reason.
 */
export function parseFeedBody(body: Uint8Array, contentType: string | null, baseUrl: string): ParsedFeed {
  const { text, warning } = decodeBody(body, contentType);
  return { ...parseFeedText(text, baseUrl, contentType), charsetWarning: warning };
}

/** As {@link parseFeedBody}, for text already decoded. */
export function parseFeedText(text: string, baseUrl: string, contentType: string | null = null): ParsedFeed {
  const xml = feedXml(text, contentType);
  return xml === undefined ? fromJson(text, baseUrl) : parseFeedXml(xml, baseUrl);
}

/**
 * The text as XML ready for the parser (its DOCTYPE resolved, checked to be complete), or
 * undefined when it is JSON. Throws {@link FeedError} for anything that is not a feed.
 */
export function feedXml(text: string, contentType: string | null): string | undefined {
  const start = text.search(/\S/);
  if (start < 0) throw new FeedError('not-a-feed', 'not a feed: the response is empty');
  const first = text[start];
  if (first === '{') return undefined;
  if (looksBinary(text.slice(start, start + 1024))) {
    throw new FeedError('not-a-feed', `not a feed: the response is binary data (an image, an archive or compressed bytes?), not XML or JSON`);
  }
  if (first !== '<') {
    throw new FeedError('not-a-feed', `not a feed: the response is neither XML nor JSON (it starts "${preview(text.slice(start))}")`);
  }
  if (/^\s*(<!--[\s\S]*?-->\s*)*(<!doctype\s+html|<html)/i.test(text.slice(start, start + 4096))) {
    throw new FeedError('not-a-feed', `not a feed: the server sent an HTML page${contentType ? ` (${contentType})` : ''}, not RSS, Atom or JSON Feed`);
  }
  const xml = resolveDoctype(text);
  assertComplete(xml);
  return xml;
}

/** Parses XML made ready by {@link feedXml}. */
export function parseFeedXml(xml: string, baseUrl: string): ParsedFeed {
  let parsed: ReturnType<typeof feedsmithParse<string>>;
  try {
    parsed = feedsmithParse<string>(xml);
  } catch (error: unknown) {
    if (error instanceof DetectError) {
      const root = xml.match(/<([A-Za-z_][\w:.-]*)[\s>/]/g)?.find((tag) => !/^<[?!]/.test(tag));
      throw new FeedError('not-a-feed', `not a feed: XML${root ? ` with root ${root.replace(/[\s>/]$/, '>')}` : ''}, not RSS, RDF or Atom`);
    }
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
    throw new FeedError('malformed', `malformed XML${cause ? `: ${cause}` : ''}`, { cause: error });
  }
  switch (parsed.format) {
    case 'rss':
      return fromRss(parsed.feed, baseUrl);
    case 'rdf':
      return fromRdf(parsed.feed, baseUrl);
    case 'atom':
      return fromAtom(parsed.feed, baseUrl);
    case 'json':
      return fromJsonFeed(parsed.feed, baseUrl);
  }
}

/**
 * The XML parser accepts a document cut off between two tags as if it had ended there; a
 * truncated download must not pass for a shorter feed, so the root element must close.
 */
function assertComplete(xml: string): void {
  const prolog = /^\s*(?:(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)\s*)*<([A-Za-z_][\w:.-]*)/i.exec(xml.slice(0, 65_536));
  const root = prolog?.[1];
  if (!root) throw new FeedError('malformed', 'malformed XML: no root element');
  const tail = xml.slice(-4096).replace(/(?:\s|<!--[\s\S]*?-->|<\?[\s\S]*?\?>)*$/, '');
  const closed = new RegExp(`</${root.replace(/[.]/g, '\\.')}\\s*>$`).test(tail) || /^<[^>]*\/>$/.test(tail);
  if (!closed) throw new FeedError('malformed', `truncated XML: the document ends before </${root}> (${xml.length} characters received)`);
}

export function fromJson(text: string, baseUrl: string): ParsedFeed {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error: unknown) {
    throw new FeedError('malformed', `malformed or truncated JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return fromJsonFeed(parseJsonFeed<string>(json), baseUrl);
  } catch (error: unknown) {
    if (error instanceof FeedError) throw error;
    throw new FeedError('not-a-feed', 'not a feed: JSON, but not a JSON Feed (no "version": "https://jsonfeed.org/version/1.1" and "items")');
  }
}

/**
 * The address relative item links are resolved against: the site the channel links to (where a
 * relative `<link>` points on every reader's screen), else the feed's own URL. Feeds served from a
 * CDN or a feed host ("feeds.example.net") still link relative to the site.
 */
function siteBase(channelLink: string | undefined, feedUrl: string): string {
  return absolute(channelLink, feedUrl) ?? feedUrl;
}

function fromRss(feed: RssFeed.Feed<string>, feedUrl: string): ParsedFeed {
  const base = siteBase(feed.link, feedUrl);
  return {
    format: 'rss',
    title: feed.title ?? null,
    items: (feed.items ?? []).map((item) => {
      const guid = item.guid?.value ?? null;
      // A guid is the page's address when it says so (isPermaLink="true", relative or not) or, by
      // the RSS default, when it looks like one.
      const permaLink = item.guid?.isPermaLink;
      const guidUrl = guid && (permaLink === true || (permaLink !== false && /^https?:\/\//i.test(guid))) ? guid : null;
      const atomLink = alternate(item.atom?.links);
      return {
        title: item.title ?? null,
        // RSS titles are text by the spec, yet feeds put entities and tags in them.
        titleIsHtml: true,
        url: absolute(item.link ?? atomLink ?? guidUrl, base),
        guid,
        summaryHtml: item.description ?? null,
        contentHtml: item.content?.encoded ?? null,
        categories: [...(item.categories ?? []).map((c) => c.name ?? ''), ...(item.dc?.subjects ?? [])].filter(Boolean),
        sourceName: item.source?.title?.trim() || null,
        published: item.pubDate ?? item.dc?.dates?.[0] ?? item.dcterms?.created?.[0] ?? item.dcterms?.issued?.[0] ?? null,
        updated: item.atom?.updated ?? item.dcterms?.modified?.[0] ?? null,
      };
    }),
  };
}

function fromRdf(feed: RdfFeed.Feed<string>, feedUrl: string): ParsedFeed {
  const base = siteBase(feed.link, feedUrl);
  return {
    format: 'rdf',
    title: feed.title ?? null,
    items: (feed.items ?? []).map((item) => ({
      title: item.title ?? null,
      titleIsHtml: true,
      url: absolute(item.link ?? item.rdf?.about ?? null, base),
      guid: item.rdf?.about ?? item.link ?? null,
      summaryHtml: item.description ?? null,
      contentHtml: item.content?.encoded ?? null,
      categories: item.dc?.subjects ?? [],
      sourceName: null,
      published: item.dc?.dates?.[0] ?? item.dcterms?.created?.[0] ?? item.dcterms?.issued?.[0] ?? null,
      updated: item.dcterms?.modified?.[0] ?? null,
    })),
  };
}

function fromAtom(feed: AtomFeed.Feed<string>, base: string): ParsedFeed {
  const feedBase = alternate(feed.links) ?? base;
  return {
    format: 'atom',
    title: feed.title?.value ?? null,
    items: (feed.entries ?? []).map((entry) => ({
      title: entry.title?.value ?? null,
      titleIsHtml: isHtmlType(entry.title?.type),
      url: absolute(alternate(entry.links) ?? null, feedBase),
      guid: entry.id ?? null,
      summaryHtml: atomHtml(entry.summary),
      contentHtml: entry.content?.src ? null : atomHtml(entry.content),
      categories: (entry.categories ?? []).map((c) => c.label ?? c.term ?? '').filter(Boolean),
      sourceName: null,
      published: entry.published ?? entry.dc?.dates?.[0] ?? null,
      updated: entry.updated ?? null,
    })),
  };
}

function fromJsonFeed(feed: JsonFeed.Feed<string>, base: string): ParsedFeed {
  const feedBase = feed.home_page_url ?? base;
  return {
    format: 'json',
    title: feed.title ?? null,
    items: (feed.items ?? []).map((item) => ({
      title: item.title ?? null,
      // JSON Feed titles are plain text by the spec, yet feeds made from a CMS (WordPress's among
      // them) leave its entities in: "Fiji&#8217;s". Only then is the title decoded.
      titleIsHtml: item.title != null && ENTITY.test(item.title),
      url: absolute(item.url ?? item.external_url ?? null, feedBase),
      guid: item.id != null ? String(item.id) : null,
      summaryHtml: item.summary != null ? escapeHtml(item.summary) : null,
      contentHtml: item.content_html ?? (item.content_text != null ? textToHtml(item.content_text) : null),
      categories: item.tags ?? [],
      sourceName: null,
      published: item.date_published ?? null,
      updated: item.date_modified ?? null,
    })),
  };
}

/** An HTML entity reference: "&amp;", "&#8217;", "&#x2019;". */
const ENTITY = /&(?:#\d{2,7}|#x[\da-f]{2,6}|[a-z][a-z\d]{1,9});/i;

/** Atom text constructs: `html` and `xhtml` carry markup, `text` (the default) carries none. */
function atomHtml(text: { value?: string; type?: string } | undefined): string | null {
  if (text?.value == null) return null;
  return isHtmlType(text.type) ? text.value : escapeHtml(text.value);
}

function isHtmlType(type: string | undefined): boolean {
  // Atom 0.3 used MIME types ("text/html", "application/xhtml+xml").
  return type !== undefined && /html/i.test(type);
}

function alternate(links: ReadonlyArray<{ href?: string; rel?: string }> | undefined): string | undefined {
  if (!links) return undefined;
  return (links.find((l) => l.href && (l.rel === undefined || l.rel === 'alternate')) ?? links.find((l) => l.href && l.rel !== 'self' && l.rel !== 'enclosure'))?.href;
}

/** `href` resolved against `base`, if it makes an http(s) URL. */
function absolute(href: string | null | undefined, base: string): string | null {
  const trimmed = href?.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(trimmed, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function textToHtml(text: string): string {
  return escapeHtml(text)
    .split(/\n\s*\n/)
    .map((p) => `<p>${p}</p>`)
    .join('');
}

function preview(text: string): string {
  return printable(text.slice(0, 40), 40);
}

/** Text decoded from bytes that are not text: a NUL, or many controls and unreadable characters. */
function looksBinary(head: string): boolean {
  if (head.includes('\u0000')) return true;
  const odd = head.match(/[\u0001-\u0008\u000E-\u001F\u007F-\u009F\uFFFD]/g)?.length ?? 0;
  return odd > head.length * 0.05;
}
