import { createRequire } from 'node:module';

// linkedom is loaded with the first page parsed (synchronously, so callers stay as they are): only
// page sources and feed discovery parse HTML, and the module holds about 5 MB of heap once loaded,
// which a bot reading only feeds need not carry.
const require = createRequire(import.meta.url);
let linkedom: typeof import('linkedom') | undefined;

/** The little of the DOM that page reading needs (linkedom implements it; the project has no DOM types). */
export interface DomElement {
  tagName: string;
  id: string;
  className: string;
  textContent: string | null;
  parentElement: DomElement | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  closest(selector: string): DomElement | null;
  matches(selector: string): boolean;
  remove(): void;
}

export interface DomDocument {
  body: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
}

/** A page's document (linkedom: no scripts run, nothing is fetched). */
export function parseDocument(html: string): DomDocument {
  linkedom ??= require('linkedom') as typeof import('linkedom');
  return (linkedom.parseHTML(html) as unknown as { document: DomDocument }).document;
}

/** An element's text on one line. */
export function textOf(el: DomElement | null | undefined): string {
  return (el?.textContent ?? '').replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

/** The JSON-LD blocks of a page, parsed; broken blocks are skipped. */
export function jsonLdBlocks(document: DomDocument): unknown[] {
  const out: unknown[] = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      out.push(JSON.parse(script.textContent ?? ''));
    } catch {
      // A broken block says nothing.
    }
  }
  return out;
}

/** Every object in a JSON-LD value, depth first (arrays and `@graph` walked). */
export function* jsonLdNodes(value: unknown, depth = 0): Generator<Record<string, unknown>> {
  if (depth > 12) return;
  if (Array.isArray(value)) {
    for (const v of value) yield* jsonLdNodes(v, depth + 1);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const node = value as Record<string, unknown>;
  yield node;
  for (const key of ['@graph', 'mainEntity', 'hasPart', 'itemListElement', 'item']) {
    if (node[key] !== undefined) yield* jsonLdNodes(node[key], depth + 1);
  }
}

/** A JSON-LD node's types. */
export function ldTypes(node: Record<string, unknown>): string[] {
  return ([] as unknown[]).concat(node['@type'] ?? []).map(String);
}
