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
  const { document } = parseHTML(html) as unknown as { document: Doc };
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
  const headline = withoutSiteSuffix(rawTitle, siteName);

  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta('og:url') ?? ld.url;
  const url = canonical && /^https?:\/\//i.test(canonical.trim()) ? canonical.trim() : null;

  const published =
    meta('article:published_time', 'og:article:published_time', 'datePublished', 'pubdate', 'date', 'dc.date', 'DC.date.issued', 'sailthru.date') ??
    ld.datePublished ??
    document.querySelector('time[datetime]')?.getAttribute('datetime') ??
    undefined;
  const publishedAt = published ? Date.parse(published) : NaN;

  const sections = [meta('article:section', 'og:article:section', 'section') ?? '', ...ld.sections, ...breadcrumbs(document)].filter((s) => s !== '');
  const sectionRegion = sections.find((s) => parseRegion(s) !== undefined) ?? null;

  const description = meta('og:description', 'description', 'twitter:description');
  // Readability rewrites the document it is given; it runs last.
  const article = new Readability(document as never).parse();
  const paragraphs = htmlToText(String(article?.content ?? ''))
    .split('\n\n')
    .map((p) => stripScraps(p))
    .filter((p) => p !== '' && !(p === headline || (isTitleLike(p) && !/[.!?]["'”’»]?$/.test(p) && p.split(' ').length < 15)));
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
