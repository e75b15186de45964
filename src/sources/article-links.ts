import { normaliseUrl } from '../store/normalise-url.js';
import { type DomDocument, type DomElement, jsonLdBlocks, jsonLdNodes, ldTypes, textOf } from './dom.js';
import { isHeadlineText, isNotArticleAddress, looksLikeArticleAddress, sameSite } from './link-rules.js';

/** How a link was found: JSON-LD, an <article> or headline element, the address and text alone, or the source's own rules. */
export type LinkMethod = 'json-ld' | 'article' | 'address' | 'selector' | 'pattern';

export interface ArticleLink {
  /** Absolute, normalised (fragment and tracking parameters gone). */
  url: string;
  /** The link's headline as the page shows it ('' when it shows none). */
  text: string;
  method: LinkMethod;
}

export interface LinkScan {
  /** The article links, in the order found (JSON-LD, then articles and headlines, then addresses). */
  links: ArticleLink[];
  byMethod: Record<LinkMethod, number>;
  /** The page looks drawn by scripts (little text, an empty app root, a <noscript> notice). */
  needsJavaScript: boolean;
}

export interface LinkRules {
  /** CSS selector of the article links, or of elements around them. */
  articleSelector?: string | undefined;
  /** A regular expression the article URLs match. */
  linkPattern?: string | undefined;
}

/** The source's articleSelector is not valid CSS. */
export class LinkRuleError extends Error {
  override readonly name = 'LinkRuleError';
}

const HEADING = 'h1, h2, h3, h4';

/** Boxes around links that are not the section's own stories: navigation, sidebars, footers, ads, related and most-read lists. */
const FURNITURE_TAGS = new Set(['NAV', 'ASIDE', 'FORM', 'BUTTON', 'SELECT']);
const FURNITURE_ROLES = /^(navigation|complementary|search|menu|menubar|banner|contentinfo)$/i;
const FURNITURE_NAMES =
  /(?:^|[\s_-])(menu|navbar|nav|navigation|breadcrumbs?|sidebar|widget|footer|masthead|site-header|header-nav|social|share|sharing|newsletter|most-read|mostread|most-popular|popular|trending|newsfeed|related|recommended|advert|ads?|cookie|pagination|pager|tags|topics)(?:$|[\s_-])/i;

/**
 * The article links of a section page, without per-site rules, in this order:
 * 1. JSON-LD: the URLs of an `ItemList` and of `NewsArticle` (any *Article) nodes;
 * 2. links in headline elements (h1-h4, or around one) and in `<article>` elements;
 * 3. other links whose address looks like an article's (dated, an id, a slug: see
 *    {@link looksLikeArticleAddress}) and whose text reads like a headline.
 * Only links on the page's site, never the page itself, and never a tag, author, category, video,
 * gallery, login, pagination or feed page; links inside navigation, sidebars, footers and related
 * or most-read boxes are left out of 2 and 3, and when the page marks its main content (<main>,
 * role=main) only links there are taken by 2 and 3.
 * With `rules` the source's own selector and/or pattern replace the heuristics.
 * Throws {@link LinkRuleError} for an articleSelector that is not valid CSS.
 */
export function findArticleLinks(document: DomDocument, pageUrl: string, rules: LinkRules = {}): LinkScan {
  const page = new URL(pageUrl);
  const base = httpUrl(document.querySelector('base[href]')?.getAttribute('href'), pageUrl) ?? pageUrl;
  const found = new Map<string, ArticleLink>();
  const strengths = new Map<string, number>();
  const byMethod: Record<LinkMethod, number> = { 'json-ld': 0, article: 0, address: 0, selector: 0, pattern: 0 };
  const add = (url: URL, text: LinkText, method: LinkMethod): void => {
    const key = normaliseUrl(url.href);
    if (!key || samePage(url, page)) return;
    const existing = found.get(key);
    if (existing) {
      // The same story linked again (an image, then its headline): the headline's own text wins.
      if (text.text && text.strength > (strengths.get(key) ?? -1)) {
        existing.text = text.text;
        strengths.set(key, text.strength);
      }
      return;
    }
    found.set(key, { url: key, text: text.text, method });
    strengths.set(key, text.text ? text.strength : -1);
    byMethod[method]++;
  };

  if (rules.articleSelector !== undefined || rules.linkPattern !== undefined) {
    byOwnRules(document, base, page, rules, add);
  } else {
    fromJsonLd(document, base, page, add);
    fromMarkup(document, base, page, add);
  }
  const links = [...found.values()];
  return { links, byMethod, needsJavaScript: links.length === 0 && looksScripted(document) };
}

/** A link's text and how much it is the headline: a heading in the link 3, its text 2, its title 1, an image's alt text 0. */
interface LinkText {
  text: string;
  strength: number;
}

type Add = (url: URL, text: LinkText, method: LinkMethod) => void;

function byOwnRules(document: DomDocument, base: string, page: URL, rules: LinkRules, add: Add): void {
  const pattern = rules.linkPattern !== undefined ? new RegExp(rules.linkPattern, 'i') : undefined;
  const matches = (url: URL) => !pattern || pattern.test(url.href) || pattern.test(url.pathname + url.search);
  let anchors: DomElement[];
  if (rules.articleSelector !== undefined) {
    let picked: Iterable<DomElement>;
    try {
      picked = document.querySelectorAll(rules.articleSelector);
    } catch (error: unknown) {
      throw new LinkRuleError(`articleSelector "${rules.articleSelector}" is not a valid CSS selector (${(error as Error).message})`);
    }
    anchors = [];
    for (const el of picked) {
      if (el.tagName === 'A' && el.getAttribute('href')) anchors.push(el);
      else anchors.push(...el.querySelectorAll('a[href]'));
    }
  } else {
    anchors = [...document.querySelectorAll('a[href]')];
  }
  const method: LinkMethod = rules.articleSelector !== undefined ? 'selector' : 'pattern';
  for (const a of anchors) {
    const url = httpUrl(a.getAttribute('href'), base);
    if (!url) continue;
    const u = new URL(url);
    // The source's own rules are trusted for which site the articles are on; a selector still skips list pages.
    if (pattern ? !matches(u) : !sameSite(u, page) || isNotArticleAddress(u)) continue;
    add(u, linkText(a), method);
  }
}

function fromJsonLd(document: DomDocument, base: string, page: URL, add: Add): void {
  for (const block of jsonLdBlocks(document)) {
    for (const node of jsonLdNodes(block)) {
      const types = ldTypes(node);
      if (types.includes('ItemList')) {
        for (const element of ([] as unknown[]).concat(node.itemListElement ?? [])) {
          const entry = listEntry(element);
          if (!entry) continue;
          const url = httpUrl(entry.url, base);
          if (!url) continue;
          const u = new URL(url);
          if (!sameSite(u, page) || isNotArticleAddress(u)) continue;
          if (entry.article || looksLikeArticleAddress(u, 3) || isHeadlineText(entry.name)) add(u, { text: entry.name, strength: 3 }, 'json-ld');
        }
      } else if (types.some((t) => /Article|Posting|Report/.test(t))) {
        const url = httpUrl(idOf(node.url) ?? idOf(node.mainEntityOfPage) ?? idOf(node['@id']), base);
        if (!url) continue;
        const u = new URL(url);
        if (!sameSite(u, page) || isNotArticleAddress(u)) continue;
        const name = typeof node.headline === 'string' ? oneLine(node.headline) : typeof node.name === 'string' ? oneLine(node.name) : '';
        add(u, { text: name, strength: 3 }, 'json-ld');
      }
    }
  }
}

/** The URL and name of one ItemList element: a URL, a ListItem with `url` or `item`, or an article node. */
function listEntry(element: unknown): { url: string; name: string; article: boolean } | undefined {
  if (typeof element === 'string') return { url: element, name: '', article: false };
  if (!element || typeof element !== 'object') return undefined;
  const e = element as Record<string, unknown>;
  const item = e.item && typeof e.item === 'object' ? (e.item as Record<string, unknown>) : undefined;
  const url = idOf(e.url) ?? (typeof e.item === 'string' ? e.item : undefined) ?? idOf(item?.url) ?? idOf(item?.['@id']) ?? idOf(e['@id']);
  if (!url) return undefined;
  const named = [e.name, e.headline, item?.headline, item?.name].find((v): v is string => typeof v === 'string');
  const article = [...ldTypes(e), ...(item ? ldTypes(item) : [])].some((t) => /Article|Posting|Report/.test(t));
  return { url, name: named ? oneLine(named) : '', article };
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const id = (value as Record<string, unknown>)['@id'] ?? (value as Record<string, unknown>).url;
    if (typeof id === 'string') return id;
  }
  return undefined;
}

function fromMarkup(document: DomDocument, base: string, page: URL, add: Add): void {
  if (fromMarkupOnce(document, base, page, add, true) === 0) {
    // A page whose stories all sit in boxes that look like furniture (a layout that calls its
    // story list a "widget" or a "menu"): better those than nothing.
    fromMarkupOnce(document, base, page, add, false);
  }
}

/** Adds the links of `<article>`s, headlines and article-like addresses; returns how many it found. */
function fromMarkupOnce(document: DomDocument, base: string, page: URL, add: Add, skipFurniture: boolean): number {
  const main = document.querySelector('main, [role="main"]');
  const candidates: { url: URL; text: LinkText; method: 'article' | 'address'; inMain: boolean }[] = [];
  for (const a of document.querySelectorAll('a[href]')) {
    const url = httpUrl(a.getAttribute('href'), base);
    if (!url) continue;
    const u = new URL(url);
    if (!sameSite(u, page) || isNotArticleAddress(u) || (skipFurniture && isFurniture(a))) continue;
    const rel = (a.getAttribute('rel') ?? '').toLowerCase();
    if (/\b(tag|category|author|prev|next)\b/.test(rel)) continue;
    const heading = a.closest(HEADING) ?? a.querySelector(HEADING);
    const text = linkText(a);
    const headlineLike = isHeadlineText(text.text);
    let method: 'article' | 'address' | undefined;
    if (heading && (headlineLike || looksLikeArticleAddress(u, 3))) method = 'article';
    else if (a.closest('article') && (rel.includes('bookmark') || headlineLike) && looksLikeArticleAddress(u, 3)) method = 'article';
    else if (headlineLike && looksLikeArticleAddress(u)) method = 'address';
    if (method) candidates.push({ url: u, text, method, inMain: main !== null && isInside(a, main) });
  }
  // A page that marks its main content keeps its own stories there; the rest is the site around it.
  const scoped = candidates.some((c) => c.inMain) ? candidates.filter((c) => c.inMain) : candidates;
  for (const c of scoped) if (c.method === 'article') add(c.url, c.text, 'article');
  for (const c of scoped) if (c.method === 'address') add(c.url, c.text, 'address');
  return scoped.length;
}

function isInside(el: DomElement, container: DomElement): boolean {
  for (let p: DomElement | null = el; p; p = p.parentElement) if (p === container) return true;
  return false;
}

/**
 * Whether a link sits in page furniture: navigation, an aside, a sidebar or footer, a related,
 * most-read or newsletter box. A <header> or <footer> counts only outside an <article> (an
 * article's own header holds its headline).
 */
function isFurniture(a: DomElement): boolean {
  for (let el = a.parentElement; el && el.tagName !== 'BODY'; el = el.parentElement) {
    if (FURNITURE_TAGS.has(el.tagName)) return true;
    if ((el.tagName === 'HEADER' || el.tagName === 'FOOTER') && !el.closest('article')) return true;
    const role = el.getAttribute('role');
    if (role && FURNITURE_ROLES.test(role)) return true;
    if (FURNITURE_NAMES.test(`${el.className} ${el.id}`) && !/(^|\s)(post|entry|article|story)(\s|$)/i.test(el.className)) return true;
  }
  return false;
}

/** A link's headline: a heading inside it, else its text (or aria-label, for card links laid over a card), else its title or its image's alt text. */
function linkText(a: DomElement): LinkText {
  const pick = (text: string, strength: number): LinkText => ({ text: text.slice(0, 500), strength });
  const heading = textOf(a.querySelector(HEADING));
  if (heading) return pick(heading, 3);
  const own = textOf(a) || oneLine(a.getAttribute('aria-label') ?? '');
  if (own) return pick(own, 2);
  const title = oneLine(a.getAttribute('title') ?? '');
  if (title) return pick(title, 1);
  return pick(oneLine(a.querySelector('img[alt]')?.getAttribute('alt') ?? ''), 0);
}

/**
 * Whether a page without links looks drawn by scripts: an app root left empty, a <noscript> notice
 * asking for JavaScript, or scripts and almost no text.
 */
function looksScripted(document: DomDocument): boolean {
  const body = document.body;
  if (!body) return false;
  const scripts = [...document.querySelectorAll('script')].length;
  for (const el of document.querySelectorAll('noscript')) if (/javascript|enable js/i.test(textOf(el))) return true;
  for (const root of document.querySelectorAll('#root, #app, #__next, #__nuxt, [data-reactroot], app-root, [ng-app], [data-server-rendered]')) {
    if (textOf(root).length < 200) return true;
  }
  let hidden = 0;
  for (const el of body.querySelectorAll('script, style, noscript, template')) hidden += textOf(el).length;
  return scripts > 0 && textOf(body).length - hidden < 500;
}

function samePage(url: URL, page: URL): boolean {
  const strip = (u: URL) => `${u.host}${u.pathname.replace(/\/+$/, '')}${u.search}`.toLowerCase();
  return strip(url) === strip(page);
}

function httpUrl(raw: string | null | undefined, base: string): string | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
