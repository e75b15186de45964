import { describe, expect, it } from 'vitest';
import { articleFromItem } from '../../src/ingest/feeds/feed-items.js';
import type { FeedItem } from '../../src/ingest/feeds/parse-feed.js';
import { parseFeedText } from '../../src/ingest/feeds/parse-feed.js';
import { LEAD_MAX_CHARS } from '../../src/ingest/text.js';
import { rss } from './fixtures.js';

const NOW = Date.parse('2026-11-28T08:00:00Z');
const source = { name: 'Test', url: 'https://example.com/feed', region: null };

function item(fields: Partial<FeedItem>): FeedItem {
  return {
    title: 'A headline',
    titleIsHtml: true,
    url: 'https://example.com/a',
    guid: null,
    summaryHtml: null,
    contentHtml: null,
    categories: [],
    sourceName: null,
    published: null,
    updated: null,
    ...fields,
  };
}

const leadOf = (summaryHtml: string) => articleFromItem(item({ summaryHtml }), source, NOW)?.lead;

describe('leads from real-world descriptions', () => {
  it('when a WordPress description ends with "The post ... appeared first on ...", then the lead is only the story', () => {
    expect(
      leadOf(
        '<p>Protesters gathered outside parliament in Tbilisi for a third night on Friday. Police used water cannon.</p>\n' +
          '<p>The post <a rel="nofollow" href="https://site.example/x/">Protests continue in Tbilisi</a> appeared first on <a rel="nofollow" href="https://site.example">Site News</a>.</p>',
      ),
    ).toBe('Protesters gathered outside parliament in Tbilisi for a third night on Friday. Police used water cannon.');
    expect(
      leadOf('Ministers met in Brussels on Monday to agree the budget. The post Ministers meet in Brussels appeared first on EU Daily.'),
    ).toBe('Ministers met in Brussels on Monday to agree the budget.');
  });

  it('when a description opens with an image and closes with "Read more" or "Continue reading", then neither is in the lead', () => {
    expect(
      leadOf(
        '<a href="https://n.example/1"><img src="https://n.example/1.jpg" alt="A photo of the summit" /></a><br />Leaders agreed a ceasefire on Sunday. <a href="https://n.example/1">Read more &raquo;</a>',
      ),
    ).toBe('Leaders agreed a ceasefire on Sunday.');
    expect(
      leadOf('<p>The river burst its banks overnight, flooding hundreds of homes.</p> <a href="https://g.example/2">Continue reading...</a>'),
    ).toBe('The river burst its banks overnight, flooding hundreds of homes.');
    expect(leadOf('Officials said the count would take a week [&#8230;]')).toBe('Officials said the count would take a week');
    expect(leadOf('<p><img src="x.jpg"/></p><p><em>Photo: AP</em></p>')).not.toMatch(/img|jpg/);
  });

  it('when a description has entities and non-breaking spaces, then the lead is plain decoded text', () => {
    expect(leadOf('&quot;We won&#8217;t back down,&quot; she said&nbsp;&mdash; to cheers &amp; applause.')).toBe(
      '"We won’t back down," she said — to cheers & applause.',
    );
  });

  it('when a description runs long, then the lead stops at a sentence end within about 300 characters', () => {
    const sentences = [
      'The government announced a sweeping package of measures on Tuesday aimed at cutting household energy bills over the winter.',
      'The plan includes a cap on unit prices, direct payments to low-income families and new support for small businesses.',
      'Opposition parties said the measures came too late and would not go far enough to help those struggling most.',
      'The package will cost an estimated 40 billion over two years.',
    ];
    const lead = leadOf(`<p>${sentences.join(' ')}</p>`) ?? '';
    expect(lead.length).toBeLessThanOrEqual(LEAD_MAX_CHARS);
    expect(lead).toBe(`${sentences[0]} ${sentences[1]}`);
  });

  it('when the description only repeats the title, then the lead comes from the content instead', () => {
    const article = articleFromItem(
      item({ title: 'Quake hits Chile', summaryHtml: 'Quake hits Chile', contentHtml: '<p>A magnitude 6.8 quake struck northern Chile on Saturday.</p>' }),
      source,
      NOW,
    );
    expect(article?.lead).toBe('A magnitude 6.8 quake struck northern Chile on Saturday.');
  });
});

describe('headlines, dates and regions', () => {
  it('when a title carries tags or double-escaped entities, then the headline is clean text', () => {
    const feed = parseFeedText(
      rss([
        { title: '&lt;b&gt;Live:&lt;/b&gt; Election results &amp;amp; reaction', link: 'https://x.example/1' },
        { title: 'Prices rise 3% &amp;#8212; the most since 2023', link: 'https://x.example/2' },
      ]),
      'https://x.example/feed',
    );
    const headlines = feed.items.map((i) => articleFromItem(i, source, NOW)?.headline);
    expect(headlines).toEqual(['Live: Election results & reaction', 'Prices rise 3% — the most since 2023']);
  });

  it('when an item has no title and no text, then it is skipped rather than stored blank', () => {
    expect(articleFromItem(item({ title: null, summaryHtml: '<p><img src="a.jpg"/></p>' }), source, NOW)).toBeUndefined();
  });

  it('when dates are in the usual feed shapes, then they are read in the right zone; when impossible, they are missing', () => {
    const at = (published: string) => articleFromItem(item({ published }), source, NOW)?.publishedAt;
    expect(at('Sat, 28 Nov 2026 06:12:44 GMT')).toBe(Date.parse('2026-11-28T06:12:44Z'));
    expect(at('Sat, 28 Nov 2026 09:12:44 +0300')).toBe(Date.parse('2026-11-28T06:12:44Z'));
    expect(at('Fri, 27 Nov 2026 22:00:00 EST')).toBe(Date.parse('2026-11-28T03:00:00Z'));
    expect(at('28 Nov 2026 09:12 MSK')).toBe(Date.parse('2026-11-28T06:12:00Z'));
    expect(at('2026-11-28T06:12:44.500+00:00')).toBe(Date.parse('2026-11-28T06:12:44.500Z'));
    expect(at('2026-11-28 06:12:44')).toBe(Date.parse('2026-11-28T06:12:44Z'));
    for (const bad of ['Mon, 30 Feb 2026 10:00:00 GMT', '2026-02-30T10:00:00Z', '2026-11-28T25:00:00Z', '0000-00-00 00:00:00', '1970-01-01T00:00:00Z', 'yesterday', '']) {
      expect(at(bad), bad).toBeNull();
    }
    // Beyond a few minutes of clock skew in the future: left for the store to stamp with the fetch time.
    expect(at('2026-11-28T08:03:00Z')).toBe(Date.parse('2026-11-28T08:03:00Z'));
    expect(at('2026-11-28T09:00:00Z')).toBeNull();
  });

  it('when the source or a category names a region, then that region comes first; "World" categories do not count', () => {
    const regional = articleFromItem(item({ title: 'Budget passes' }), { ...source, region: 'europe' }, NOW);
    expect(regional?.regions[0]).toBe('europe');
    const categorised = articleFromItem(item({ title: 'Budget passes', categories: ['World', 'Middle East'] }), source, NOW);
    expect(categorised?.regions[0]).toBe('middle-east');
    const world = articleFromItem(item({ title: 'Budget passes', categories: ['World'] }), source, NOW);
    expect(world?.regions).toEqual(['world']);
  });
});
