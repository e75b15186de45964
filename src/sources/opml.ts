import { XMLParser } from 'fast-xml-parser';
import { en } from '../i18n/en.js';
import { parseRegion, type Region, REGIONS } from '../regions/regions.js';
import type { RawEntry } from './sources-file-edit.js';

/** An OPML file newsbot cannot read; the message says why. */
export class OpmlError extends Error {
  override readonly name = 'OpmlError';
}

export interface OpmlImport {
  entries: RawEntry[];
  /** Outlines left out, with why ("no xmlUrl"). */
  skipped: { text: string; reason: string }[];
}

type Outline = Record<string, unknown> & { outline?: Outline[] };

/** newsbot's own outline attributes, so an export imports back as it was. */
const OWN = { type: 'newsbotType', enabled: 'newsbotEnabled', articleSelector: 'newsbotArticleSelector', linkPattern: 'newsbotLinkPattern' } as const;

/**
 * The sources of an OPML subscription list (as feed readers export them): every outline with an
 * `xmlUrl` is a feed source; an outline `type="link"` with a `url` is a site (or, exported by
 * newsbot, a page source). The region is the one the outline's `category` names, else the nearest
 * folder (an outline holding others) whose title names one ("Asia", "Middle East", "Latin
 * America"). Names come from `title`, else `text`, else the address's host. Throws OpmlError
 * for a file that is not OPML.
 */
export function parseOpml(text: string): OpmlImport {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new OpmlError('an OPML file with a DOCTYPE or entities is not read (OPML needs neither)');
  let doc: Record<string, unknown>;
  try {
    doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (name) => name === 'outline',
      processEntities: true,
      htmlEntities: false,
    }).parse(text, true) as Record<string, unknown>;
  } catch (error: unknown) {
    throw new OpmlError(`not well-formed XML: ${(error as Error).message.split('\n')[0]}`);
  }
  const opml = doc.opml as Record<string, unknown> | undefined;
  const body = opml?.body as Outline | undefined;
  if (!opml || !body) throw new OpmlError('not an OPML file (no <opml><body>)');
  const out: OpmlImport = { entries: [], skipped: [] };
  walk(body.outline ?? [], null, out);
  return out;
}

function walk(outlines: readonly Outline[], folderRegion: Region | null, out: OpmlImport): void {
  for (const o of outlines) {
    const label = str(o.title) ?? str(o.text) ?? '';
    const children = o.outline ?? [];
    const region = regionOf(str(o.category)) ?? folderRegion;
    const xmlUrl = str(o.xmlUrl);
    const linkUrl = str(o.type)?.toLowerCase() === 'link' ? str(o.url) : undefined;
    const url = xmlUrl ?? linkUrl;
    if (!url) {
      if (children.length > 0) walk(children, parseRegion(label) ?? region, out);
      else out.skipped.push({ text: label || '(untitled)', reason: 'no xmlUrl (not a feed)' });
      continue;
    }
    if (linkUrl && /\.opml(\?|$)/i.test(linkUrl)) {
      out.skipped.push({ text: label || linkUrl, reason: 'a link to another OPML file (import that file itself)' });
      continue;
    }
    const entry: RawEntry = { name: label || hostOf(url), url };
    if (region) entry.region = region;
    const type = str(o[OWN.type]);
    if (type === 'page' || type === 'feed') entry.type = type;
    if (str(o[OWN.enabled]) === 'false') entry.enabled = false;
    const selector = str(o[OWN.articleSelector]);
    if (selector) entry.articleSelector = selector;
    const pattern = str(o[OWN.linkPattern]);
    if (pattern) entry.linkPattern = pattern;
    out.entries.push(entry);
    if (children.length > 0) walk(children, region, out);
  }
}

/** The region a category names: "Asia", "/News/Middle East", "world, asia" (the first part that names one). */
function regionOf(category: string | undefined): Region | null {
  if (!category) return null;
  for (const part of category.split(/[,/]/)) {
    const region = parseRegion(part.trim());
    if (region) return region;
  }
  return null;
}

/**
 * SOURCES_FILE as OPML 2.0: one folder per region (titled as the bot names the region), sources
 * without a region at the top. Feeds and sites are `type="rss"` outlines with their `xmlUrl`; page
 * sources are `type="link"` outlines. newsbot's own settings (type, enabled, selector, pattern)
 * ride along as `newsbot*` attributes, which feed readers ignore and `sources import` reads back.
 */
export function toOpml(entries: readonly RawEntry[], title: string, now: Date): string {
  const byRegion = new Map<Region | null, RawEntry[]>();
  for (const e of entries) {
    const region = typeof e.region === 'string' ? (parseRegion(e.region) ?? null) : null;
    byRegion.set(region, [...(byRegion.get(region) ?? []), e]);
  }
  const lines: string[] = [];
  for (const region of REGIONS) {
    const list = byRegion.get(region);
    if (!list) continue;
    const name = en.regions[region];
    lines.push(`    <outline text="${xml(name)}" title="${xml(name)}">`);
    for (const e of list) lines.push(`      ${outline(e)}`);
    lines.push('    </outline>');
  }
  for (const e of byRegion.get(null) ?? []) lines.push(`    ${outline(e)}`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${xml(title)}</title>`,
    `    <dateCreated>${now.toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...lines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}

function outline(e: RawEntry): string {
  const page = e.type === 'page';
  const attrs: [string, string][] = [
    ['type', page ? 'link' : 'rss'],
    ['text', e.name],
    ['title', e.name],
    ...(page ? ([['url', e.url], ['htmlUrl', e.url]] as [string, string][]) : ([['xmlUrl', e.url]] as [string, string][])),
  ];
  if (e.type === 'page' || e.type === 'feed') attrs.push([OWN.type, e.type]);
  if (e.enabled === false) attrs.push([OWN.enabled, 'false']);
  if (typeof e.articleSelector === 'string') attrs.push([OWN.articleSelector, e.articleSelector]);
  if (typeof e.linkPattern === 'string') attrs.push([OWN.linkPattern, e.linkPattern]);
  return `<outline ${attrs.map(([k, v]) => `${k}="${xml(v)}"`).join(' ')}/>`;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}

function str(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const s = String(value).trim();
  return s === '' ? undefined : s;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}
