import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { FeedSource } from '../../src/ingest/feeds/feed-items.js';
import { type IngestOptions, ingestSources, type SourceResult } from '../../src/ingest/ingest-sources.js';
import { BACKOFF_BASE_MS } from '../../src/store/sources.js';
import { useFeedStore } from '../helpers/feed-world.js';
import { billionLaughs, fixture, rss } from './fixtures.js';

const NOW = '2026-11-28T08:00:00Z';
const options: IngestOptions = {
  // No feed here hangs but the two that must time out, which get a limit of their own: a 1 s
  // limit on a good local feed only measured the machine's load (it failed under a load of 20).
  limits: { timeoutMs: 15_000, maxBytes: 100_000, maxRedirects: 3 },
  concurrency: 4,
  respectBackoff: true,
};

const world = useFeedStore(NOW);

const { deps, all } = world;
const source = (name: string, path: string, region?: string): FeedSource => ({ name, url: world.server.url(path), region: region ?? null });
const byHeadline = (headline: string) => all().find((a) => a.headline === headline);
const ofSource = (name: string) => all().filter((a) => a.source === name);
const resultOf = (results: SourceResult[], name: string) => results.find((r) => r.source === name);

describe('ingesting feeds of every format', () => {
  it('when RSS 2.0, RSS 1.0, Atom 1.0, JSON Feed 1.1, RSS 0.91/0.92 and Atom 0.3 are served, then every item lands readable', async () => {
    const feeds: [string, string, string][] = [
      ['RSS 2.0 Wire', '/rss20.xml', 'application/rss+xml; charset=utf-8'],
      ['RDF Wave', '/rss10.rdf', 'application/rdf+xml'],
      ['Atom Desk', '/atom10.xml', 'application/atom+xml'],
      ['Old Atom', '/atom03.xml', 'application/atom+xml'],
      ['JSON Wire', '/feed11.json', 'application/feed+json'],
      ['Old Portal', '/rss091.xml', 'text/xml'],
      ['Radio', '/rss092.xml', 'text/xml'],
    ];
    for (const [, path, contentType] of feeds) world.server.route(path, { body: fixture(path.slice(1)), contentType });

    const summary = await ingestSources(
      feeds.map(([name, path]) => source(name, path, name === 'RDF Wave' ? 'Europe' : undefined)),
      deps(),
      options,
    );

    expect(summary.failed).toBe(0);
    expect(summary.results.map((r) => [r.source, r.kind === 'ingested' ? r.items : r.kind])).toEqual([
      ['RSS 2.0 Wire', 6],
      ['RDF Wave', 2],
      ['Atom Desk', 2],
      ['Old Atom', 1],
      ['JSON Wire', 2],
      ['Old Portal', 1],
      ['Radio', 2],
    ]);

    const japan = byHeadline('Japan and South Korea agree to restart security talks');
    expect(japan?.lead).toBe(
      'Tokyo and Seoul will resume regular security talks after a five-year pause, officials said on Saturday. The first round is due in January.',
    );
    expect(japan?.url).toBe('https://wire.example.com/news/world-asia-1');
    expect(japan?.regions[0]).toBe('asia'); // from <category>Asia</category>
    expect(new Date(japan?.publishedAt ?? 0).toISOString()).toBe('2026-11-28T06:12:44.000Z');

    const markets = byHeadline('Markets rally as central bank holds rates & signals patience');
    expect(markets?.lead).toMatch(/^Stocks rose across the region on Friday after the central bank left its key rate unchanged — and said/);
    expect(markets?.body).toContain('The currency strengthened against the dollar.');
    expect(markets?.body).not.toContain('Photo: Example/Reuters');

    const rdf = byHeadline('German coalition agrees on budget after all-night talks');
    expect(rdf).toMatchObject({ source: 'RDF Wave', url: 'https://dw.example.com/en/a-101', regions: expect.arrayContaining(['europe']) });
    expect(rdf?.regions[0]).toBe('europe');

    const atom = byHeadline('Brazil & Argentina sign trade pact');
    expect(atom?.url).toBe('https://atom.example.org/2026/11/28/trade-pact'); // rel=alternate, resolved, not the enclosure
    expect(atom?.lead).toBe('The two largest economies in South America signed a pact on Friday that cuts tariffs on cars and grain.');
    expect(atom?.regions[0]).toBe('americas');
    expect(new Date(atom?.publishedAt ?? 0).toISOString()).toBe('2026-11-28T07:00:00.000Z');
    expect(byHeadline('Plain text title with <angle> brackets')?.lead).toBe('A text construct. It carries no markup at all.');

    expect(byHeadline('Cairo opens its new museum to visitors')?.url).toBe('https://old.example.net/2026/11/museum.html');

    const json = byHeadline('Leaders meet in Nairobi for climate summit');
    expect(json).toMatchObject({ url: 'https://json.example.com/2026/11/28/summit', lead: 'Heads of state from across the continent gathered on Saturday.' });
    expect(json?.regions[0]).toBe('africa');
    expect(byHeadline('An item with only plain text and no title')?.url).toBe('https://json.example.com/2026/11/27/plain');

    expect(byHeadline('Café owners in Lisbon protest new tax')?.lead).toBe('Hundreds of café owners marched through the city centre.');
    expect(byHeadline('Floods hit Jakarta after record rainfall')?.url).toBe('http://radio.example.com/bulletin/77');
    expect(byHeadline('Chile elects new president')?.lead).toBe('Voters chose a new leader in a run-off on Sunday.');
  });

  it('when items lack a title or a date, or carry a future or impossible date, then they still land with sane values', async () => {
    world.server.route('/rss20.xml', { body: fixture('rss20.xml') });
    await ingestSources([source('Wire', '/rss20.xml')], deps(), options);
    const now = world.store.clock.now();

    const untitled = all().find((a) => a.url === 'https://wire.example.com/news/world-africa-3');
    expect(untitled?.headline).toBe('Heavy rain has flooded parts of Nairobi, cutting roads and power to thousands of homes');
    for (const headline of ['Clock on the feed server is wrong', 'Impossible date on this item', 'No date at all on this item']) {
      expect(byHeadline(headline)?.publishedAt, headline).toBe(now);
    }
    expect(all().every((a) => Number.isFinite(a.publishedAt))).toBe(true);

    // An hour later the dateless items keep the time they were first seen.
    world.store.clock.advance(3_600_000);
    await ingestSources([source('Wire', '/rss20.xml')], deps(), options);
    expect(byHeadline('No date at all on this item')?.publishedAt).toBe(now);
    expect(byHeadline('Clock on the feed server is wrong')?.publishedAt).toBe(now);
  });
});

describe('charsets', () => {
  const cyrillic = 'Москва и Токио договорились о переговорах';
  const lead = 'Министры встретятся в декабре. Это первая встреча за пять лет.';
  const item = { title: cyrillic, link: 'https://ru.example.com/1', description: lead };

  it('when a feed is windows-1251 by its Content-Type, by its XML declaration, or mislabelled UTF-8, then the Cyrillic reads right', async () => {
    world.server.route('/header', { body: iconv.encode(rss([item]), 'win1251'), contentType: 'application/rss+xml; charset=windows-1251' });
    world.server.route('/decl', { body: iconv.encode(rss([{ ...item, link: 'https://ru.example.com/2' }], { encoding: 'windows-1251' }), 'win1251'), contentType: 'text/xml' });
    world.server.route('/mislabelled', {
      body: iconv.encode(rss([{ ...item, link: 'https://ru.example.com/3' }], { encoding: 'windows-1251' }), 'win1251'),
      contentType: 'application/rss+xml; charset=utf-8',
    });
    world.server.route('/koi8', { body: iconv.encode(rss([{ ...item, link: 'https://ru.example.com/4' }], { encoding: 'KOI8-R' }), 'koi8-r'), contentType: 'application/xml' });

    const summary = await ingestSources(
      [source('Header', '/header'), source('Decl', '/decl'), source('Mislabelled', '/mislabelled'), source('Koi8', '/koi8')],
      deps(),
      options,
    );

    expect(summary.failed).toBe(0);
    const articles = all();
    expect(articles).toHaveLength(4);
    for (const a of articles) {
      expect(a.headline, a.source).toBe(cyrillic);
      expect(a.lead, a.source).toBe(lead);
    }
  });

  it('when a feed is ISO-8859-1, then accented letters and the curly quotes such feeds really carry read right', async () => {
    const text = 'São Paulo’s mayor says “no” to the café tax — again';
    world.server.route('/latin1', {
      body: iconv.encode(rss([{ title: text, link: 'https://br.example.com/1', description: 'Données: 12 €.' }], { encoding: 'ISO-8859-1' }), 'windows-1252'),
      contentType: 'application/rss+xml; charset=ISO-8859-1',
    });
    await ingestSources([source('Latin', '/latin1')], deps(), options);
    expect(all()[0]).toMatchObject({ headline: text, lead: 'Données: 12 €.' });
  });
});

describe('conditional GET', () => {
  it('when the feed has not changed, then the second run sends its ETag and Last-Modified, gets 304 and stores nothing new', async () => {
    const lastModified = 'Sat, 28 Nov 2026 07:00:00 GMT';
    world.server.route('/feed', { body: fixture('rss20.xml'), etag: '"v1"', lastModified });

    const first = await ingestSources([source('Wire', '/feed')], deps(), options);
    expect(first.results[0]).toMatchObject({ kind: 'ingested', inserted: 6 });
    expect(world.server.requestsTo('/feed')[0]?.headers['if-none-match']).toBeUndefined();

    world.store.clock.advance(15 * 60_000);
    const second = await ingestSources([source('Wire', '/feed')], deps(), options);

    expect(second.results[0]?.kind).toBe('not-modified');
    const request = world.server.requestsTo('/feed')[1];
    expect(request?.headers['if-none-match']).toBe('"v1"');
    expect(request?.headers['if-modified-since']).toBe(lastModified);
    expect(request?.headers['user-agent']).toMatch(/^newsbot\//);
    expect(world.store.articles.count()).toBe(6);
    const row = world.store.articles.sources.get('Wire');
    expect(row?.lastSuccessAt).toBe(world.store.clock.now());
    expect(row?.etag).toBe('"v1"');

    // A new version: full fetch again, validators replaced.
    world.server.route('/feed', { body: rss([{ title: 'Fresh story from the wire', link: 'https://wire.example.com/fresh' }]), etag: '"v2"' });
    const third = await ingestSources([source('Wire', '/feed')], deps(), options);
    expect(third.results[0]).toMatchObject({ kind: 'ingested', inserted: 1 });
    expect(world.store.articles.sources.get('Wire')).toMatchObject({ etag: '"v2"', lastModified: null });
  });
});

describe('bad feeds', () => {
  it('when feeds are broken in every usual way, then each is marked failing with a readable reason and the good one still lands', async () => {
    world.server.route('/good', { body: fixture('rss10.rdf'), contentType: 'application/rdf+xml' });
    world.server.route('/text', { body: 'Service temporarily unavailable, try later', contentType: 'text/plain' });
    world.server.route('/html', { body: '<!DOCTYPE html><html><head><title>News</title></head><body>Hi</body></html>', contentType: 'text/html' });
    const full = rss([
      { title: 'First complete item', link: 'https://t.example.com/1' },
      { title: 'Second complete item', link: 'https://t.example.com/2' },
      { title: 'Third item', link: 'https://t.example.com/3' },
    ]);
    world.server.route('/truncated', { body: full.slice(0, full.indexOf('<item><title>Third')) });
    world.server.route('/truncated-json', { body: '{"version":"https://jsonfeed.org/version/1.1","title":"x","items":[{"id":"1","title":"A"', contentType: 'application/feed+json' });
    world.server.route('/laughs', { body: billionLaughs() });
    world.server.route('/huge', { kind: 'endless', chunk: `<!-- ${'x'.repeat(16_000)} -->` });
    world.server.route('/hangs', { kind: 'hang-body', prefix: '<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title>' });
    world.server.route('/silent', { kind: 'hang-headers' });
    world.server.route('/loop-a', { kind: 'redirect', to: '/loop-b' });
    world.server.route('/loop-b', { kind: 'redirect', to: world.server.url('/loop-a') });
    for (let i = 0; i < 5; i++) world.server.route(`/hop${i}`, { kind: 'redirect', to: `/hop${i + 1}`, status: 301 });
    world.server.route('/error', { kind: 'status', status: 503, body: 'down' });
    world.server.route('/reset', { kind: 'reset', prefix: '<?xml version="1.0"?><rss version="2.0"><channel>' });
    world.server.route('/announced', { body: rss([]), headers: { 'content-length': '999999999' } });
    const bomb = gzipSync(Buffer.alloc(20_000_000, ' '));
    world.server.route('/gzip-bomb', {
      kind: 'handler',
      handle: (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }).end(bomb),
    });
    const badJson = { body: '{"hello": "world"}', contentType: 'application/json' };
    world.server.route('/json', badJson);

    const cases: [string, string, RegExp][] = [
      ['Plain text', '/text', /^not a feed: the response is neither XML nor JSON \(it starts "Service temporarily/],
      ['HTML page', '/html', /^not a feed: the server sent an HTML page \(text\/html\)/],
      ['Truncated', '/truncated', /^truncated XML: the document ends before <\/rss>/],
      ['Truncated JSON', '/truncated-json', /^malformed or truncated JSON/],
      ['Laughs', '/laughs', /entity expansion attack such as "billion laughs"/],
      ['Huge', '/huge', /^feed too large: the limit is 100000 bytes \(FETCH_MAX_BYTES\)/],
      ['Announced', '/announced', /^feed too large: .* the server announces 999999999 bytes$/],
      ['Gzip bomb', '/gzip-bomb', /^feed too large: the limit is 100000 bytes/],
      ['Hangs', '/hangs', /^timed out after 1000 ms \(FETCH_TIMEOUT_MS\)/],
      ['Silent', '/silent', /^timed out after 1000 ms/],
      ['Loop', '/loop-a', /^redirect loop: .*\/loop-b redirects back to .*\/loop-a$/],
      ['Hops', '/hop0', /^too many redirects \(more than 3, FETCH_MAX_REDIRECTS\)/],
      ['Error', '/error', /^HTTP 503 Service Unavailable from http:\/\/127\.0\.0\.1:\d+\/error$/],
      ['Missing', '/nothing-here', /^HTTP 404 Not Found/],
      ['Reset', '/reset', /network error|terminated|other side closed/i],
      ['Not JSON Feed', '/json', /^not a feed: JSON, but not a JSON Feed/],
    ];
    // Listed as a feed: without a type, an HTML page is a site whose feed is looked for (test/sources).
    const sources = [source('Good', '/good'), ...cases.map(([name, path]) => ({ ...source(name, path), ...(name === 'HTML page' ? { type: 'feed' as const } : {}) }))];

    // The two that never answer are read at the same time with the shortest FETCH_TIMEOUT_MS (1 s),
    // which they wait out whatever the machine's load; the others keep the generous limit.
    const hanging = new Set(['Hangs', 'Silent']);
    const [answering, silent] = await Promise.all([
      ingestSources(sources.filter((s) => !hanging.has(s.name)), deps(), { ...options, concurrency: 6 }),
      ingestSources(sources.filter((s) => hanging.has(s.name)), deps(), { ...options, limits: { ...options.limits, timeoutMs: 1000 } }),
    ]);
    const summary = { results: [...answering.results, ...silent.results], failed: answering.failed + silent.failed };

    expect(resultOf(summary.results, 'Good')).toMatchObject({ kind: 'ingested', items: 2 });
    expect(ofSource('Good').map((a) => a.headline).sort()).toEqual([
      'German coalition agrees on budget after all-night talks',
      'Storm cuts power across the Baltic coast',
    ]);
    expect(summary.failed).toBe(cases.length);
    const now = world.store.clock.now();
    for (const [name, , reason] of cases) {
      const row = world.store.articles.sources.get(name);
      expect(row?.lastError, name).toMatch(reason);
      expect(row, name).toMatchObject({ failures: 1, lastErrorAt: now, nextAttemptAt: now + BACKOFF_BASE_MS, lastSuccessAt: null });
      expect(ofSource(name), `${name} stored nothing`).toEqual([]);
    }
    // The endless body was cut off near the cap, not read to the end.
    expect(world.server.bytesSent()).toBeLessThan(50_000_000);
    // The `sources` command shows the reasons.
    const listed = world.store.articles.sources.list().find((s) => s.name === 'Laughs');
    expect(listed).toMatchObject({ itemCount: 0, failures: 1 });
  });

  it('when the connection is dropped before any answer (a kept-alive connection the server just closed), then the feed is asked once more and lands; a server that always drops it fails after two tries', async () => {
    let asked = 0;
    world.server.route('/flaky', {
      kind: 'handler',
      handle: (req, res) => {
        asked++;
        if (asked === 1) req.socket.destroy();
        else res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss([{ title: 'Harbour reopens', link: 'https://wire.example.com/harbour' }]));
      },
    });
    world.server.route('/dead', { kind: 'handler', handle: (req) => req.socket.destroy() });

    const summary = await ingestSources([source('Flaky', '/flaky'), source('Dead', '/dead')], deps(), options);

    expect(resultOf(summary.results, 'Flaky')).toMatchObject({ kind: 'ingested', inserted: 1 });
    expect(byHeadline('Harbour reopens')?.source).toBe('Flaky');
    expect(asked).toBe(2);
    expect(resultOf(summary.results, 'Dead')).toMatchObject({ kind: 'failed', error: expect.stringMatching(/^network error fetching/) });
    expect(world.server.requestsTo('/dead')).toHaveLength(2);
  });

  it('when a source keeps failing, then it backs off exponentially, is skipped meanwhile, and recovers when the feed is fixed', async () => {
    world.server.route('/flaky', { kind: 'status', status: 500 });
    const flaky = source('Flaky', '/flaky');
    const t0 = world.store.clock.now();

    const first = await ingestSources([flaky], deps(), options);
    expect(first.results[0]).toMatchObject({ kind: 'failed', failures: 1, nextAttemptAt: t0 + BACKOFF_BASE_MS });

    world.store.clock.advance(BACKOFF_BASE_MS - 1000);
    const skipped = await ingestSources([flaky], deps(), options);
    expect(skipped.results[0]).toMatchObject({ kind: 'backing-off', lastError: expect.stringMatching(/^HTTP 500/) });
    expect(skipped.attempted).toBe(0);
    expect(world.server.requestsTo('/flaky')).toHaveLength(1);

    world.store.clock.advance(1000);
    const second = await ingestSources([flaky], deps(), options);
    expect(second.results[0]).toMatchObject({ kind: 'failed', failures: 2, nextAttemptAt: world.store.clock.now() + 2 * BACKOFF_BASE_MS });
    world.store.clock.advance(2 * BACKOFF_BASE_MS);
    const third = await ingestSources([flaky], deps(), options);
    expect(third.results[0]).toMatchObject({ kind: 'failed', failures: 3, nextAttemptAt: world.store.clock.now() + 4 * BACKOFF_BASE_MS });

    // Ignoring back-off (as `newsbot ingest` does) still fetches.
    const forced = await ingestSources([flaky], deps(), { ...options, respectBackoff: false });
    expect(forced.results[0]).toMatchObject({ kind: 'failed', failures: 4 });

    world.server.route('/flaky', { body: rss([{ title: 'Back online at last', link: 'https://flaky.example.com/1' }]) });
    const fixed = await ingestSources([flaky], deps(), { ...options, respectBackoff: false });
    expect(fixed.results[0]).toMatchObject({ kind: 'ingested', inserted: 1 });
    expect(world.store.articles.sources.get('Flaky')).toMatchObject({ failures: 0, nextAttemptAt: null, lastSuccessAt: world.store.clock.now() });
  });

  it('when a feed has a DOCTYPE with a harmless internal entity, then the entity is expanded and the feed lands', async () => {
    world.server.route('/entity', {
      body: rss([{ title: 'Shares in &co; jump', link: 'https://e.example.com/1', description: '&co; said profits doubled.' }], {
        doctype: '<!DOCTYPE rss [<!ENTITY co "Acme &amp; Sons">]>',
      }),
    });
    await ingestSources([source('Entity', '/entity')], deps(), options);
    expect(all()[0]).toMatchObject({ headline: 'Shares in Acme & Sons jump', lead: 'Acme & Sons said profits doubled.' });
  });
});

describe('dedup and concurrency', () => {
  it('when the same items come again, with tracking parameters or a changed headline, then they update in place instead of doubling', async () => {
    world.server.route('/feed', { body: fixture('rss20.xml') });
    await ingestSources([source('Wire', '/feed')], deps(), options);
    const before = all();

    world.store.clock.advance(15 * 60_000);
    const again = await ingestSources([source('Wire', '/feed')], deps(), options);
    expect(again.results[0]).toMatchObject({ kind: 'ingested', inserted: 0, updated: 6 });
    expect(all().map((a) => a.id).sort()).toEqual(before.map((a) => a.id).sort());

    world.server.route('/feed', {
      body: rss([
        { title: 'Japan and South Korea agree to resume security talks', link: 'https://wire.example.com/news/world-asia-1?utm_campaign=x#top', guid: 'other' },
        { title: 'Renamed item keeps its guid', guid: 'wire-3', description: 'Same guid, new words.' },
      ]),
    });
    await ingestSources([source('Wire', '/feed')], deps(), options);
    expect(world.store.articles.count()).toBe(6);
    expect(all().find((a) => a.url === 'https://wire.example.com/news/world-asia-1')?.headline).toBe(
      'Japan and South Korea agree to resume security talks',
    );
    expect(all().find((a) => a.guid === 'wire-3')?.headline).toBe('Renamed item keeps its guid');
  });

  it('when there are more sources than FETCH_CONCURRENCY, then exactly that many are fetched at once', async () => {
    for (let i = 0; i < 7; i++) {
      world.server.route(`/slow${i}`, { kind: 'slow', delayMs: 150, body: rss([{ title: `Story number ${i} of seven`, link: `https://s.example.com/${i}` }]) });
    }
    const summary = await ingestSources(
      Array.from({ length: 7 }, (_, i) => source(`Slow ${i}`, `/slow${i}`)),
      deps(),
      { ...options, concurrency: 3 },
    );
    expect(summary.failed).toBe(0);
    expect(world.store.articles.count()).toBe(7);
    expect(world.server.mostInFlight()).toBe(3);
  });
});
