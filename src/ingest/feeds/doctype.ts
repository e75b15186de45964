import { FeedError } from './feed-error.js';

/** The most characters one declared entity may expand to. */
export const MAX_ENTITY_CHARS = 10_000;
/** The most characters all entity references in one feed may add together. */
export const MAX_EXPANSION_CHARS = 1_000_000;
/** The most entity declarations one DOCTYPE may hold. */
export const MAX_ENTITY_DECLARATIONS = 200;

const NAME = /[A-Za-z_:][\w.:-]*/.source;

/**
 * Takes the DOCTYPE out of an XML feed, so that no parser ever sees entity declarations, and
 * expands the document's references to internal entities it declared, within bounds. The XML
 * parser underneath never expands declared entities itself; doing it here, with limits, keeps
 * feeds that use a harmless `<!ENTITY co "Acme">` readable while refusing:
 * - parameter entities and external entities (`SYSTEM` / `PUBLIC`), never fetched;
 * - an entity that refers to itself, directly or not;
 * - an entity over {@link MAX_ENTITY_CHARS} characters, or references adding more than
 *   {@link MAX_EXPANSION_CHARS} in all (the "billion laughs" attack and its smaller cousins).
 * Everything is measured before anything is expanded, so an attack costs no memory.
 * A DOCTYPE without an internal subset (RSS 0.91's public DTD) is simply dropped.
 */
export function resolveDoctype(xml: string): string {
  const doctype = findDoctype(xml);
  if (!doctype) return xml;
  const before = xml.slice(0, doctype.start);
  const after = xml.slice(doctype.end);
  if (doctype.subset === undefined) return before + after;

  const declared = readDeclarations(doctype.subset);
  if (declared.size === 0) return before + after;

  const lengths = new Map<string, number>();
  const lengthOf = (name: string, path: string[]): number => {
    const known = lengths.get(name);
    if (known !== undefined) return known;
    if (path.includes(name)) {
      throw new FeedError('entities', `the feed's DOCTYPE declares a recursive entity: ${[...path, name].map((n) => `&${n};`).join(' → ')}`);
    }
    const value = declared.get(name) ?? '';
    let total = 0;
    for (const ref of value.matchAll(new RegExp(`&(${NAME});`, 'g'))) {
      const inner = ref[1] as string;
      total += declared.has(inner) ? lengthOf(inner, [...path, name]) - ref[0].length : 0;
      if (total + value.length > MAX_ENTITY_CHARS) break;
    }
    total += value.length;
    if (total > MAX_ENTITY_CHARS) {
      throw new FeedError(
        'entities',
        `the feed's DOCTYPE declares entity &${name}; expanding to more than ${MAX_ENTITY_CHARS} characters (an entity expansion attack such as "billion laughs"); refused`,
      );
    }
    lengths.set(name, total);
    return total;
  };
  for (const name of declared.keys()) lengthOf(name, []);

  // Measure every reference in the document before building anything.
  const refs = new RegExp(`<!\\[CDATA\\[[\\s\\S]*?\\]\\]>|<!--[\\s\\S]*?-->|&(${NAME});`, 'g');
  let added = 0;
  for (const match of after.matchAll(refs)) {
    const name = match[1];
    if (name && declared.has(name)) {
      added += lengths.get(name) as number;
      if (added > MAX_EXPANSION_CHARS) {
        throw new FeedError(
          'entities',
          `the feed's entity references expand to more than ${MAX_EXPANSION_CHARS} characters (an entity expansion attack such as "billion laughs"); refused`,
        );
      }
    }
  }
  const expanded = new Map<string, string>();
  const expand = (name: string): string => {
    const done = expanded.get(name);
    if (done !== undefined) return done;
    const value = (declared.get(name) ?? '').replace(new RegExp(`&(${NAME});`, 'g'), (ref, inner: string) =>
      declared.has(inner) ? expand(inner) : ref,
    );
    expanded.set(name, value);
    return value;
  };
  // Replacement text becomes character data: markup in it is escaped, not parsed.
  const body = after.replace(refs, (match, name: string | undefined) =>
    name && declared.has(name) ? escapeText(expand(name)) : match,
  );
  return before + body;
}

function escapeText(text: string): string {
  return text.replace(/&(?![A-Za-z_:][\w.:-]*;|#\d+;|#x[0-9a-fA-F]+;)/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

interface Doctype {
  start: number;
  end: number;
  subset?: string;
}

/** Finds `<!DOCTYPE ...>` in the prolog, with its internal subset `[...]` if any. */
function findDoctype(xml: string): Doctype | undefined {
  const start = xml.slice(0, 4096).search(/<!DOCTYPE\b/i);
  if (start < 0) return undefined;
  let quote: string | undefined;
  let subsetStart = -1;
  let subsetEnd = -1;
  for (let i = start + 9; i < xml.length; i++) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (subsetStart >= 0 && subsetEnd < 0) {
      if (xml.startsWith('<!--', i)) {
        const close = xml.indexOf('-->', i + 4);
        if (close < 0) break;
        i = close + 2;
        continue;
      }
      if (c === ']') subsetEnd = i;
      else if (c === '"' || c === "'") quote = c;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' && subsetStart < 0) subsetStart = i + 1;
    else if (c === '>') {
      return subsetStart >= 0 ? { start, end: i + 1, subset: xml.slice(subsetStart, subsetEnd) } : { start, end: i + 1 };
    }
  }
  throw new FeedError('malformed', 'malformed XML: the DOCTYPE declaration never ends');
}

/** The internal general entities of a DOCTYPE subset, by name; refuses the dangerous kinds. */
function readDeclarations(subset: string): Map<string, string> {
  const declared = new Map<string, string>();
  const decl = new RegExp(`<!ENTITY\\s+(%\\s+)?(${NAME})\\s+(?:"([^"]*)"|'([^']*)'|(SYSTEM|PUBLIC)\\b[^>]*)\\s*>`, 'g');
  for (const match of subset.matchAll(decl)) {
    const [, percent, name, double, single, external] = match;
    if (percent) throw new FeedError('entities', `the feed's DOCTYPE declares a parameter entity %${name}; (not supported); refused`);
    if (external) throw new FeedError('entities', `the feed's DOCTYPE declares an external entity &${name}; (${external}), which is never fetched; refused`);
    // The first declaration of a name is binding (XML 1.0 §4.2).
    if (!declared.has(name as string)) declared.set(name as string, double ?? single ?? '');
    if (declared.size > MAX_ENTITY_DECLARATIONS) {
      throw new FeedError('entities', `the feed's DOCTYPE declares more than ${MAX_ENTITY_DECLARATIONS} entities; refused`);
    }
  }
  if (declared.size === 0 && /<!ENTITY\b/i.test(subset)) {
    throw new FeedError('malformed', 'malformed XML: an entity declaration in the DOCTYPE could not be read');
  }
  return declared;
}
