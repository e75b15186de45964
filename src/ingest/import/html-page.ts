import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { parseRegion } from '../../regions/regions.js';
import { htmlToText, oneLine, stripScraps, trimAtSentence } from '../text.js';
import { type PageArticle, parseDateline } from './page-article.js';
import { isTitleLike } from './page-text.js';

interface Doc {
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): Iterable<El>;
}
interface El {
  getAttribute(name: string): string | null;
  textContent: string | null;
}

/**
 * Reads a saved HTML news page into an article. The article text comes from Mozilla Readability
 * (on a linkedom document); the rest from the page's metadata:
 * - headline: og:title, twitter:title, the first <h1>, else <title>, without a " | Site" / " - Site"
 *   suffix naming the site;
 * - lead: og:description / description, else the first paragraph, trimmed at a sentence;
 * - url: <link rel=canonical>, else og:url (absolute http(s) only), else null;
 * - source: og:site_name, application-name, JSON-LD publisher, else the title's site suffix;
 * - published: article:published_time, JSON-LD datePublished, <time datetime>, other date metas;
 * - section region: article:section, JSON-LD articleSection or BreadcrumbList, breadcrumb links,
 *   the first of them that names a region;
 * - dateline: from the first paragraphs, as for text pages.
 */
export function parseHtmlPage(html: string): PageArticle {
  // Pages laid out with "<br><br>" between paragraphs (table and <font> layouts): Readability turns
  // such runs into paragraphs but, inside inline elements, drops the break and glues the lines
  // together ("... 09:15 EATKISUMU — ..."). A zero-width character between the breaks keeps them
  // apart; the text keeps one break per paragraph.
  const { document } = parseHTML(html.replace(/<br\s*\/?>(?:\s*<br\s*\/?>)+/gi, '<br>\u200b<br>')) as unknown as { document: Doc };
  const meta = (...names: string[]): string | undefined => {
    for (const name of names) {
      const el = document.querySelector(`meta[property="${name}"]`) ?? document.querySelector(`meta[name="${name}"]`);
      const v = el?.getAttribute('content');
      if (v && v.trim() !== '') return oneLine(v);
    }
    return undefined;
  };
  const ld = jsonLd(document);
  const titleTag = oneLine(document.querySelector('title')?.textContent ?? '');
  const h1 = oneLine(document.querySelector('h1')?.textContent ?? '');
  const siteName = meta('og:site_name', 'application-name', 'twitter:site:name') ?? ld.publisher ?? titleSuffix(titleTag);
  const rawTitle = meta('og:title', 'twitter:title') ?? ld.headline ?? (h1 || titleTag);
  const headline = withoutSectionSuffixes(withoutSiteSuffix(rawTitle, siteName));

  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta('og:url') ?? ld.url ?? ld.mainEntity;
  const url = canonical && /^https?:\/\//i.test(canonical.trim()) ? canonical.trim() : null;

  const published =
    meta('article:published_time', 'og:article:published_time', 'datePublished', 'pubdate', 'date', 'dc.date', 'DC.date.issued', 'sailthru.date') ??
    ld.datePublished ??
    document.querySelector('time[datetime]')?.getAttribute('datetime') ??
    undefined;
  const publishedAt = published ? Date.parse(published) : NaN;

  const sections = [meta('article:section', 'og:article:section', 'section') ?? '', ...ld.sections, ...breadcrumbs(document)].filter((s) => s !== '');
  const sectionRegion = sections.find((s) => parseRegion(s) !== undefined) ?? null;

  const description = meta('og:description', 'description', 'twitter:description') ?? ld.description;
  // Boxes that are never the story: newsletter sign-ups, related links, ads, share bars. Readability
  // keeps some of them when they sit inside the article element.
  for (const el of document.querySelectorAll(FURNITURE_SELECTOR)) (el as unknown as { remove(): void }).remove();
  // Readability rewrites the document it is given; it runs last.
  const article = new Readability(document as never).parse();
  const read = joinSplitSentences(
    htmlToText(String(article?.content ?? ''))
      .split('\n\n')
      .map((p) => stripScraps(p))
      .filter((p) => p !== '' && !BODY_FURNITURE.test(p) && !(p === headline || (isTitleLike(p) && !/[.!?]["'”’»]?$/.test(p) && p.split(' ').length < 15))),
  );
  // A page whose text is drawn by scripts carries it only in JSON-LD articleBody.
  const ldParagraphs = ld.articleBody ? ld.articleBody.split(/\n\s*\n|\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean) : [];
  const paragraphs = read.join(' ').length >= ldParagraphs.join(' ').length ? read : ldParagraphs;
  let dateline: string | null = null;
  for (let i = 0; i < Math.min(paragraphs.length, 3); i++) {
    const found = parseDateline(paragraphs[i] as string);
    if (found) {
      dateline = found.dateline;
      paragraphs[i] = found.rest;
      break;
    }
  }
  const lead = trimAtSentence(description ?? paragraphs[0] ?? '');
  return {
    headline,
    lead,
    body: paragraphs.join('\n\n'),
    url,
    source: siteName ?? (article?.siteName ? oneLine(article.siteName) : null),
    dateline,
    publishedAt: Number.isFinite(publishedAt) ? publishedAt : null,
    section: sectionRegion ?? sections.find((s) => !/^home$/i.test(s)) ?? null,
    sectionRegion,
  };
}

const SUFFIX = /\s+[|–—-]\s+([^|–—-]{2,60})$/;

/** Elements removed before Readability reads the page (class or id naming a box around the story). */
const FURNITURE_SELECTOR = [
  '[class*="newsletter"]', '[id*="newsletter"]', '[class*="related"]', '[class*="more-from"]', '[class*="ad-slot"]',
  '[class*="advert"]', '[class*="promo"]', '[class*="share"]', '[class*="social"]', '[class*="signup"]', '[class*="sign-up"]',
  'aside', 'form', 'amp-sidebar', 'amp-analytics', 'amp-social-share', 'amp-ad',
].join(', ');

/** A paragraph that is page furniture, not story: an ad label, a newsletter or subscription pitch. */
const BODY_FURNITURE =
  /^(?:advertisement|advert|sponsored( content)?|story continues below( advertisement)?|(?:sign up|subscribe)\b.{0,120}\b(?:newsletter|inbox|email|briefing)\b.*)$/i;

/**
 * Paragraphs a page splits mid-sentence (one <div> per line or per clause) joined again: a paragraph
 * that does not end a sentence and is followed by one starting in lower case continues in it.
 */
function joinSplitSentences(paragraphs: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paragraphs) {
    const prev = out.at(-1);
    if (prev !== undefined && !/[.!?…:"”»’)]$/.test(prev) && /^\p{Ll}/u.test(p)) out[out.length - 1] = `${prev} ${p}`;
    else out.push(p);
  }
  return out;
}

/**
 * "Headline | Section" → "Headline": after the site is gone, trailing " | X" parts of at most three
 * words are section names ("Floods kill dozens | Africa | Continental Post").
 */
function withoutSectionSuffixes(title: string): string {
  let out = title;
  for (let m = /\s+\|\s+([^|]{1,40})$/.exec(out); m && (m[1] as string).trim().split(/\s+/).length <= 3; m = /\s+\|\s+([^|]{1,40})$/.exec(out)) {
    out = out.slice(0, m.index).trim();
  }
  return out;
}

function titleSuffix(title: string): string | undefined {
  return SUFFIX.exec(title)?.[1]?.trim();
}

/** "Headline | Site" → "Headline" when the suffix is the site's name (or the title's only suffix and the site is unknown). */
function withoutSiteSuffix(title: string, site: string | undefined): string {
  const m = SUFFIX.exec(title);
  if (!m) return title;
  const suffix = (m[1] as string).trim().toLowerCase();
  const name = site?.toLowerCase();
  if (!name || suffix === name || name.includes(suffix) || suffix.includes(name)) return title.slice(0, m.index).trim();
  return title;
}

interface LdFacts {
  headline?: string;
  url?: string;
  /** mainEntityOfPage: the page's address, as an @id or a plain string. */
  mainEntity?: string;
  description?: string;
  articleBody?: string;
  publisher?: string;
  datePublished?: string;
  sections: string[];
}

/** Facts from the page's JSON-LD blocks (NewsArticle and BreadcrumbList); broken blocks are skipped. */
function jsonLd(document: Doc): LdFacts {
  const out: LdFacts = { sections: [] };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    const type = ([] as unknown[]).concat(o['@type'] ?? []).map(String);
    if (type.some((t) => /Article|Posting|Report/.test(t))) {
      if (typeof o.headline === 'string') out.headline ??= oneLine(o.headline);
      if (typeof o.url === 'string') out.url ??= o.url;
      const main = o.mainEntityOfPage;
      const mainId = typeof main === 'string' ? main : main && typeof main === 'object' ? (main as Record<string, unknown>)['@id'] : undefined;
      if (typeof mainId === 'string') out.mainEntity ??= mainId;
      if (typeof o.description === 'string') out.description ??= oneLine(o.description);
      if (typeof o.articleBody === 'string') out.articleBody ??= o.articleBody;
      if (typeof o.datePublished === 'string') out.datePublished ??= o.datePublished;
      const pub = o.publisher as Record<string, unknown> | undefined;
      if (pub && typeof pub.name === 'string') out.publisher ??= oneLine(pub.name);
      for (const s of ([] as unknown[]).concat(o.articleSection ?? [])) if (typeof s === 'string') out.sections.push(oneLine(s));
    }
    if (type.includes('BreadcrumbList')) {
      for (const item of ([] as unknown[]).concat(o.itemListElement ?? [])) {
        const i = item as Record<string, unknown>;
        const name = i.name ?? (i.item as Record<string, unknown> | undefined)?.name;
        if (typeof name === 'string') out.sections.push(oneLine(name));
      }
    }
    if (o['@graph']) visit(o['@graph']);
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // A broken JSON-LD block says nothing; the meta tags still do.
    }
  }
  return out;
}

function breadcrumbs(document: Doc): string[] {
  const out: string[] = [];
  for (const a of document.querySelectorAll('[class*="breadcrumb"] a, nav[aria-label*="readcrumb"] a, [itemtype*="BreadcrumbList"] [itemprop="name"]')) {
    const text = oneLine(a.textContent ?? '');
    if (text) out.push(text);
  }
  return out;
}
