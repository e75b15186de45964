import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type IngestOptions, ingestSources, type SourceResult } from '../../src/ingest/ingest-sources.js';
import type { IngestSource } from '../../src/ingest/sources-file.js';
import { silentLogger } from '../../src/log.js';
import type { Article } from '../../src/store/articles.js';
import { type NewsSite, startNewsSite } from '../helpers/news-site.js';
import { tempStore } from '../helpers/temp-db.js';

const options: IngestOptions = {
  limits: { timeoutMs: 15_000, maxBytes: 1_000_000, maxRedirects: 3 },
  concurrency: 4,
  respectBackoff: false,
  pages: { delayMs: 0, maxArticles: 30 },
};

let store: ReturnType<typeof tempStore>;
const sites: NewsSite[] = [];
beforeEach(() => {
  store = tempStore('2026-11-28T08:00:00Z');
});
afterEach(async () => {
  await Promise.all(sites.splice(0).map((s) => s.close()));
  store.close();
});
async function site(name: string): Promise<NewsSite> {
  const s = await startNewsSite(name);
  sites.push(s);
  return s;
}
const deps = () => ({ articles: store.articles, log: silentLogger, clock: store.clock });
const ofSource = (name: string): Article[] => store.articles.latest({ limit: 100, distinctStories: false }).filter((a) => a.source === name);
const paths = (s: NewsSite) => s.requests.map((r) => r.path);
const stateOf = (name: string) => store.articles.pages.state(store.articles.sources.get(name)?.id ?? -1);
const run = async (sources: IngestSource[]): Promise<SourceResult[]> => (await ingestSources(sources, deps(), options)).results;

describe('sites without a type', () => {
  it('when a site declares its feed with <link rel="alternate">, then the feed is read, remembered, and the page is not fetched again', async () => {
    const wp = await site('wordpress');
    const source: IngestSource = { name: 'Mekong Ledger', url: wp.url('/') };

    const [first] = await run([source]);

    expect(first).toMatchObject({ kind: 'ingested', as: 'feed', feedUrl: wp.url('/feed/'), items: 3, inserted: 3 });
    expect(ofSource('Mekong Ledger').map((a) => a.headline)).toContain('Typhoon Man-yi batters northern Philippines');
    expect(stateOf('Mekong Ledger')).toMatchObject({ kind: 'feed', feedUrl: wp.url('/feed/'), forUrl: wp.url('/') });
    // The comments feed is never taken for the site's feed.
    expect(paths(wp)).not.toContain('/comments/feed/');

    const before = wp.requests.length;
    const [second] = await run([source]);
    expect(second).toMatchObject({ kind: 'ingested', as: 'feed', feedUrl: wp.url('/feed/'), inserted: 0 });
    expect(paths(wp).slice(before)).toEqual(['/feed/']);
  });

  it("when a section page declares the site's feed and its section's feed, then the section's feed is taken", async () => {
    const wp = await site('wordpress');
    const [result] = await run([{ name: 'Mekong Asia', url: wp.url('/category/asia/'), region: 'asia' }]);
    expect(result).toMatchObject({ kind: 'ingested', as: 'feed', feedUrl: wp.url('/category/asia/feed/') });
    expect(paths(wp)).not.toContain('/feed/');
  });

  it("when a section page declares only the whole site's feed and no section feed is at the usual paths, then it is read as a page, not as every section's news", async () => {
    const sputnik = await site('sputnik');
    const [result] = await run([{ name: 'Sputnik Asia', url: sputnik.url('/asia/'), region: 'asia' }]);

    expect(result).toMatchObject({ kind: 'ingested', as: 'page', items: 3 });
    expect(stateOf('Sputnik Asia')).toMatchObject({ kind: 'page', feedUrl: null });
    const seen = paths(sputnik);
    expect(seen).not.toContain('/export/rss2/archive/index.xml');
    // The usual feed paths under the section were tried, one request at a time.
    expect(seen).toEqual(expect.arrayContaining(['/asia/feed', '/asia/rss']));
    expect(sputnik.mostConcurrent()).toBe(1);
  });

  it('when a site has no feed at all, then it becomes a page source and its stories land with their own time', async () => {
    const tribune = await site('feedless');
    const [result] = await run([{ name: 'Lake Region Tribune', url: tribune.url('/') }]);

    expect(result).toMatchObject({ kind: 'ingested', as: 'page', items: 3 });
    if (result?.kind !== 'ingested') throw new Error('not ingested');
    expect(result.page).toMatchObject({ found: 3, stored: 3, byMethod: { address: 3 } });
    const flood = ofSource('Lake Region Tribune').find((a) => a.headline.startsWith('Flood waters'));
    expect(flood).toMatchObject({ dateline: 'KISUMU', url: tribune.url('/read.php?id=45210') });
    expect(new Date(flood?.publishedAt ?? 0).toISOString()).toBe('2026-11-27T06:15:00.000Z');
    expect(paths(tribune)).toEqual(expect.arrayContaining(['/feed', '/rss', '/rss.xml', '/feed.xml', '/atom.xml', '/index.xml']));

    // Remembered: the next pass reads the page without looking for feeds again.
    const before = tribune.requests.length;
    await run([{ name: 'Lake Region Tribune', url: tribune.url('/') }]);
    expect(paths(tribune).slice(before)).toEqual(['/robots.txt', '/']);
  });

  it('when a found feed disappears, then the source fails once and the next pass looks for the feed again', async () => {
    const wp = await site('wordpress');
    const source: IngestSource = { name: 'Mekong Ledger', url: wp.url('/') };
    await run([source]);
    wp.route('/feed/', { kind: 'status', status: 404 });
    wp.route('/', { body: wp.file('/').replaceAll(`${wp.origin}/feed/`, `${wp.origin}/feed-v2/`), contentType: 'text/html' });
    wp.route('/feed-v2/', { body: wp.file('/feed/'), contentType: 'application/rss+xml' });

    const [gone] = await run([source]);
    expect(gone).toMatchObject({ kind: 'failed', error: expect.stringMatching(/^HTTP 404/) });

    const [found] = await run([source]);
    expect(found).toMatchObject({ kind: 'ingested', as: 'feed', feedUrl: wp.url('/feed-v2/') });
  });

  it('when a listed URL is a feed, then it is read as a feed, as before', async () => {
    const wp = await site('wordpress');
    const [result] = await run([{ name: 'Mekong Feed', url: wp.url('/feed/') }]);
    expect(result).toMatchObject({ kind: 'ingested', as: 'feed', items: 3 });
    expect(result).not.toHaveProperty('feedUrl');
    expect(paths(wp)).toEqual(['/feed/']);
  });
});
