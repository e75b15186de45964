import { decode } from 'html-entities';

/** A file that is a news feed rather than an article page or list. */
export interface FeedFile {
  kind: 'RSS' | 'Atom' | 'JSON';
  /** The feed's title, when it gives one. */
  title: string | undefined;
  /** The feed's own address (Atom/RSS `rel="self"` link, JSON Feed `feed_url`), when it gives one. */
  url: string | undefined;
}

// What may come before the root element of an XML document: declarations, processing
// instructions (stylesheets), comments, a DOCTYPE, whitespace.
const PROLOG = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>)*/i;

/**
 * Whether `content` is an RSS (2.0, 0.9x, 1.0/RDF), Atom or JSON Feed document, judged by its root
 * element (or, for JSON, its `version` and `items`), with its title and own address when it
 * names them. Undefined for anything else.
 */
export function detectFeedFile(content: string): FeedFile | undefined {
  const text = content.replace(/^\ufeff/, '');
  const head = text.trimStart();
  if (head.startsWith('{')) return jsonFeed(head);
  if (!head.startsWith('<')) return undefined;
  const rest = head.slice(PROLOG.exec(head)?.[0].length ?? 0);
  const root = /^<([\w.-]+:)?([\w.-]+)[\s>/]/.exec(rest);
  if (!root) return undefined;
  const name = (root[2] as string).toLowerCase();
  const kind = name === 'rss' || name === 'rdf' ? 'RSS' : name === 'feed' && /xmlns\s*=\s*["']http:\/\/(www\.w3\.org\/2005\/Atom|purl\.org\/atom\/ns#)/i.test(rest.slice(0, 2000)) ? 'Atom' : undefined;
  if (!kind) return undefined;
  const body = rest.slice(0, 200_000);
  const title = /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(body)?.[1];
  return { kind, title: title === undefined ? undefined : clean(title), url: selfLink(body) };
}

function jsonFeed(text: string): FeedFile | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const feed = parsed as { version?: unknown; items?: unknown; title?: unknown; feed_url?: unknown };
  if (typeof feed.version !== 'string' || !/jsonfeed\.org\/version\//i.test(feed.version) || !Array.isArray(feed.items)) return undefined;
  return {
    kind: 'JSON',
    title: typeof feed.title === 'string' ? feed.title.trim() || undefined : undefined,
    url: typeof feed.feed_url === 'string' && /^https?:\/\//i.test(feed.feed_url) ? feed.feed_url : undefined,
  };
}

/** The href of the first `<link rel="self">` (or `<atom:link rel="self">`), attributes in any order. */
function selfLink(xml: string): string | undefined {
  for (const tag of xml.match(/<([\w.-]+:)?link\b[^>]*>/gi) ?? []) {
    if (!/\brel\s*=\s*["']self["']/i.test(tag)) continue;
    const href = /\bhref\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    if (href && /^https?:\/\//i.test(href)) return decode(href);
  }
  return undefined;
}

function clean(title: string): string | undefined {
  const text = decode(title.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')).replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

/** What to tell someone who tried to import a feed: it is one, and how to add it as a source. */
export function feedAdvice(feed: FeedFile): string {
  const url = feed.url ?? "<the feed's address>";
  const name = feed.title ? ` --name ${JSON.stringify(feed.title)}` : '';
  const example = `{ "name": ${JSON.stringify(feed.title ?? 'Outlet name')}, "url": ${JSON.stringify(url)} }`;
  return (
    `looks like ${feed.kind === 'Atom' ? 'an' : 'a'} ${feed.kind} feed, not an article page: feeds are polled, not imported. ` +
    `Add it as a source with newsbot sources add ${url}${name} (or put ${example} in the sources file, SOURCES_FILE, ` +
    'default ./sources.json), then newsbot ingest reads it (newsbot sources shows how it went).'
  );
}
