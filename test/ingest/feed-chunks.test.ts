import { describe, expect, it } from 'vitest';
import { parseFeedInChunks } from '../../src/ingest/feeds/feed-chunks.js';
import { parseFeedBody } from '../../src/ingest/feeds/parse-feed.js';
import { fixture, rss } from './fixtures.js';

// A large feed is parsed a chunk of items at a time (in the worker, so that the store starts
// early): readers must get exactly the items one parse of the whole would give.

const chunked = (body: string | Buffer, perChunk: number, contentType: string | null = 'application/rss+xml') => {
  const feed = parseFeedInChunks(Buffer.from(body), contentType, 'https://example.com/feed.xml', perChunk);
  const chunks = [...feed.chunks];
  return { chunks: chunks.length, items: chunks.flatMap((c) => c.items), formats: [...new Set(chunks.map((c) => c.format))] };
};
const whole = (body: string | Buffer, contentType: string | null = 'application/rss+xml') => parseFeedBody(Buffer.from(body), contentType, 'https://example.com/feed.xml');

describe('a feed parsed in chunks of items', () => {
  it('when an RSS 2.0 feed has more items than a chunk, then each chunk holds the next items and together they are the whole feed', () => {
    const items = Array.from({ length: 7 }, (_, i) => ({
      title: `Story ${i}`,
      link: `/news/${i}`,
      guid: `g-${i}`,
      // CDATA and a comment holding what looks like item tags must not split anything.
      description: i === 3 ? '<![CDATA[<p>An </item><item> inside text</p>]]>' : `<!-- </item> --> Text ${i}`,
      pubDate: 'Sat, 28 Nov 2026 06:00:00 GMT',
    }));
    const body = rss(items);

    const result = chunked(body, 3);

    expect(result.chunks).toBe(3);
    expect(result.formats).toEqual(['rss']);
    expect(result.items).toEqual(whole(body).items);
    expect(result.items[3]?.summaryHtml).toBe('<p>An </item><item> inside text</p>');
    // Relative links still resolve against the channel's site in every chunk.
    expect(result.items[6]?.url).toBe('https://example.com/news/6');
  });

  it('when the feed is not RSS 2.0, is small, or its items are not simply one after another, then it is parsed whole, as one chunk', () => {
    for (const name of ['atom10.xml', 'rss10.rdf', 'rss20.xml']) {
      const body = fixture(name);
      expect(chunked(body, 1)).toEqual({ chunks: name === 'rss20.xml' ? 6 : 1, items: whole(body, null).items, formats: [name === 'atom10.xml' ? 'atom' : name === 'rss10.rdf' ? 'rdf' : 'rss'] });
    }
    const between = rss([{ title: 'A', link: 'https://example.com/a' }, { title: 'B', link: 'https://example.com/b' }]).replace('</item>\n<item>', '</item><ttl>5</ttl><item>');
    expect(chunked(between, 1)).toMatchObject({ chunks: 1, items: whole(between).items });
    const unlinked = rss([{ title: 'A', link: 'https://example.com/a' }, { title: 'B, with no link or guid' }]);
    expect(chunked(unlinked, 1)).toMatchObject({ chunks: 1, items: whole(unlinked).items });
  });

  it('when the feed is cut off, then it is refused before any chunk, as a whole parse refuses it', () => {
    const body = rss(Array.from({ length: 5 }, (_, i) => ({ title: `Story ${i}`, link: `https://example.com/${i}` })));
    const cut = body.slice(0, body.lastIndexOf('</item>'));
    expect(() => whole(cut)).toThrow(/^truncated XML/);
    expect(() => parseFeedInChunks(Buffer.from(cut), 'application/rss+xml', 'https://example.com/feed.xml', 2)).toThrow(/^truncated XML/);
  });
});
