import { decodeBody } from './charset.js';
import { feedXml, type FeedItem, fromJson, parseFeedXml, type ParsedFeed } from './parse-feed.js';

/** A feed read a chunk of items at a time; see {@link parseFeedInChunks}. */
export interface FeedChunks {
  /** As {@link ParsedFeed.charsetWarning}. */
  charsetWarning: string | null;
  /** The feed's items in order, a chunk at a time, each parsed when asked for. */
  chunks: Generator<{ format: ParsedFeed['format']; items: FeedItem[] }, void, void>;
}

/** CDATA sections and comments (skipped whole: they may hold anything), and item tags. */
const ITEM_MARKS = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<item[\s>]|<\/item\s*>/g;

/**
 * Reads a feed body as {@link parseFeedBody} does, but an RSS 2.0 document (root `<rss>`) of more
 * than `itemsPerChunk` items is parsed `itemsPerChunk` items at a time: each chunk is the
 * document with only those items (the channel around them kept), so the first items can be used
 * while the rest are parsed. The same items in the same order as one parse of the whole; the
 * whole document's checks (charset, DOCTYPE, completeness) are made before the first chunk. Any
 * other document, or one whose items are not simply one after another in the channel (anything
 * but spaces between them), or one with an item naming neither link nor guid (the store matches
 * such items with all of the feed's others at once), is parsed whole, as one chunk.
 * Throws {@link FeedError} as the parser does, a chunk's when it is parsed.
 */
export function parseFeedInChunks(body: Uint8Array, contentType: string | null, baseUrl: string, itemsPerChunk: number): FeedChunks {
  const { text, warning } = decodeBody(body, contentType);
  const xml = feedXml(text, contentType);
  const whole = function* () {
    const feed = xml === undefined ? fromJson(text, baseUrl) : parseFeedXml(xml, baseUrl);
    yield { format: feed.format, items: feed.items };
  };
  const items = xml === undefined ? undefined : rssItems(xml);
  if (xml === undefined || !items || items.length <= itemsPerChunk) return { charsetWarning: warning, chunks: whole() };
  const prefix = xml.slice(0, (items[0] as ItemSpan).start);
  const suffix = xml.slice((items[items.length - 1] as ItemSpan).end);
  return {
    charsetWarning: warning,
    chunks: (function* () {
      for (let i = 0; i < items.length; i += itemsPerChunk) {
        const first = items[i] as ItemSpan;
        const last = items[Math.min(i + itemsPerChunk, items.length) - 1] as ItemSpan;
        const feed = parseFeedXml(prefix + xml.slice(first.start, last.end) + suffix, baseUrl);
        yield { format: feed.format, items: feed.items };
      }
    })(),
  };
}

interface ItemSpan {
  start: number;
  end: number;
}

/** Where each item of an RSS 2.0 document starts and ends, or undefined if it cannot be split safely. */
function rssItems(xml: string): ItemSpan[] | undefined {
  if (!/^\s*(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*)*<rss[\s>]/.test(xml.slice(0, 65_536))) return undefined;
  const spans: ItemSpan[] = [];
  let open: number | undefined;
  ITEM_MARKS.lastIndex = 0;
  for (let mark = ITEM_MARKS.exec(xml); mark; mark = ITEM_MARKS.exec(xml)) {
    const tag = mark[0];
    if (tag.startsWith('<!')) continue;
    if (tag.startsWith('<item')) {
      if (open !== undefined) return undefined;
      const previous = spans[spans.length - 1];
      if (previous && xml.slice(previous.end, mark.index).trim() !== '') return undefined;
      open = mark.index;
    } else {
      if (open === undefined) return undefined;
      const span = { start: open, end: mark.index + tag.length };
      const inner = xml.slice(span.start, span.end);
      if (!inner.includes('<link') && !inner.includes('<guid')) return undefined;
      spans.push(span);
      open = undefined;
    }
  }
  return open === undefined && spans.length > 0 ? spans : undefined;
}
