import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BATCH_ITEMS, createFeedExtractor, type FeedExtractor, MAX_QUEUED_BATCHES } from '../../src/ingest/feeds/feed-pipeline.js';
import { type IngestOptions, ingestSources, type SourceResult } from '../../src/ingest/ingest-sources.js';
import { type Logger, silentLogger } from '../../src/log.js';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.js';
import { tempStore } from '../helpers/temp-db.js';
import { rss, type RssItemSpec } from './fixtures.js';

// `newsbot ingest` parses and extracts a large feed in a worker thread while the store writes it
// (src/ingest/feeds/feed-pipeline.ts). What a reader sees must not depend on which way it ran.

const NOW = '2026-11-28T08:00:00Z';
const options: IngestOptions = { limits: { timeoutMs: 30_000, maxBytes: 50_000_000, maxRedirects: 3 }, concurrency: 2, respectBackoff: false };
let extractor: FeedExtractor;
// Any feed goes to the worker here, so that a feed of several batches stays quick to test.
const inWorker = (): IngestOptions => ({ ...options, extractor, workerMinBytes: 0 });

const PLACES = ['Nairobi', 'Tokyo', 'Lima', 'Warsaw', 'Tehran', 'Canberra'];
const paragraph = (i: number) =>
  `&lt;p&gt;Officials in ${PLACES[i % PLACES.length]} said on Friday that talks number ${i} would go on into the weekend, with a statement expected later. ` +
  `Delegates met again behind closed doors and said little to reporters waiting outside.&lt;/p&gt;`;

/** A feed of `count` items, some with mojibake, one without title or text, two sharing an address. */
function bigFeed(count: number, host = 'wire.example.com'): string {
  const items: RssItemSpec[] = [];
  for (let i = 0; i < count; i++) {
    items.push({
      title: i % 50 === 7 ? `CafÃ© owners in ${PLACES[i % PLACES.length]} protest new rules, round ${i}` : `Talks in ${PLACES[i % PLACES.length]} enter day ${i} as delegates stay on`,
      // Two items for one article in the same chunk of 500, and two in different chunks.
      link: `https://${host}/news/${i === 301 ? 300 : i === 601 ? 100 : i}?utm_source=rss`,
      guid: `wire-${i}`,
      description: paragraph(i),
      pubDate: new Date(Date.parse(NOW) - (i + 1) * 60_000).toUTCString(),
      category: i % 3 === 0 ? 'Africa' : 'World',
    });
  }
  items.push({ link: `https://${host}/news/empty`, guid: 'wire-empty' });
  return rss(items);
}

let server: FeedServer;
const stores: ReturnType<typeof tempStore>[] = [];
const newStore = () => {
  const store = tempStore(NOW);
  stores.push(store);
  return store;
};
beforeEach(async () => {
  server = await startFeedServer();
  extractor = createFeedExtractor();
});
afterEach(async () => {
  extractor.close();
  await server.close();
  for (const store of stores.splice(0)) store.close();
});

const deps = (store: ReturnType<typeof tempStore>) => ({ articles: store.articles, log: silentLogger, clock: store.clock });
const wire = () => ({ name: 'Big Wire', url: server.url('/big.xml'), region: null });
const withoutTimings = (results: SourceResult[]) => results.map((r) => ({ ...r, ms: 0 }));

describe('a feed extracted in a worker thread', () => {
  it('when it is ingested in a worker and inline, then both stores hold the same articles and the reports say the same', async () => {
    // Three batches.
    server.route('/big.xml', { body: bigFeed(700), contentType: 'application/rss+xml; charset=utf-8' });
    const inline = newStore();
    const threaded = newStore();

    const a = await ingestSources([wire()], deps(inline), options);
    const logged: unknown[] = [];
    const log: Logger = { ...silentLogger, info: (msg, fields) => logged.push({ msg, ...fields }) };
    const b = await ingestSources([wire()], { ...deps(threaded), log }, inWorker());
    expect(logged).toContainEqual(expect.objectContaining({ msg: 'feed ingested', worker: true }));

    expect(withoutTimings(b.results)).toEqual(withoutTimings(a.results));
    const result = b.results[0];
    expect(result).toMatchObject({ kind: 'ingested', items: 700, inserted: 698, updated: 2, skipped: 1 });
    expect(result?.kind === 'ingested' && result.warning).toMatch(/double-encoded UTF-8 repaired in 14 of 700 items/);
    const read = (store: ReturnType<typeof tempStore>) => store.articles.latest({ limit: 2000, distinctStories: false });
    expect(read(threaded)).toEqual(read(inline));
    expect(read(threaded).find((x) => x.url === 'https://wire.example.com/news/7')?.headline).toBe('Café owners in Tokyo protest new rules, round 7');
    // Found by full-text search like any other article.
    const hits = threaded.db.prepare("SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH 'delegates'").get() as { n: number };
    expect(hits.n).toBe(698);

    // The same feed again: every item counted as updated, nothing written twice; the repaired ones
    // are extracted again (they keep no fingerprint), so the report still names them.
    const again = await ingestSources([wire()], deps(threaded), inWorker());
    expect(again.results[0]).toMatchObject({ kind: 'ingested', items: 700, inserted: 0, updated: 700 });
    // An article two items map to stays as the later one made it, as in the first pass.
    expect(read(threaded).find((x) => x.url === 'https://wire.example.com/news/100')?.headline).toBe('Talks in Tokyo enter day 601 as delegates stay on');
    expect(again.results[0]?.kind === 'ingested' && again.results[0].warning).toMatch(/double-encoded UTF-8 repaired in 14 of 700 items/);
    expect(threaded.articles.count()).toBe(698);
  });

  it('when the large feed is cut off, then the source fails with the parser’s reason and nothing is stored', async () => {
    const text = bigFeed(700);
    server.route('/big.xml', { body: text.slice(0, text.lastIndexOf('</item>')), contentType: 'application/rss+xml' });
    const store = newStore();

    const summary = await ingestSources([wire()], deps(store), inWorker());

    expect(summary.results[0]).toMatchObject({ kind: 'failed', error: expect.stringMatching(/^truncated XML: the document ends before <\/rss>/) });
    expect(store.articles.count()).toBe(0);
  });

  it('when the store fails partway through the feed, then none of its articles are stored and the source is marked failing', async () => {
    const items = 1300;
    expect(items).toBeGreaterThan(BATCH_ITEMS * (MAX_QUEUED_BATCHES + 1));
    server.route('/big.xml', { body: bigFeed(items), contentType: 'application/rss+xml; charset=utf-8' });
    const store = newStore();
    // The 300th article cannot be written (as a full disk would refuse it): the worker is then
    // most likely waiting for room in the queue (its bound is below the feed's batches), and is stopped.
    store.db.exec(`CREATE TRIGGER fail_late BEFORE INSERT ON articles WHEN NEW.headline LIKE '% day 300 %' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);

    const summary = await ingestSources([wire()], deps(store), inWorker());

    expect(summary.results[0]).toMatchObject({ kind: 'failed', error: 'database or disk is full' });
    expect(store.articles.count()).toBe(0);
    // The next pass, with the disk fine again, stores the feed.
    store.db.exec('DROP TRIGGER fail_late');
    const next = await ingestSources([wire()], deps(store), inWorker());
    expect(next.results[0]).toMatchObject({ kind: 'ingested', inserted: 1298 });
  });

  it('when three feeds for the worker are read at once, one of them broken, then it takes them in turn and the good two land whole', async () => {
    server.route('/a.xml', { body: bigFeed(400, 'a.example.com'), contentType: 'application/rss+xml' });
    server.route('/b.xml', { body: bigFeed(400, 'b.example.com'), contentType: 'application/rss+xml' });
    server.route('/broken.xml', { body: '<rss version="2.0"><channel><title>Broken</title><item><title>Cut', contentType: 'application/rss+xml' });
    const store = newStore();
    const feeds = ['a', 'broken', 'b'].map((name) => ({ name: `Wire ${name}`, url: server.url(`/${name}.xml`), region: null }));

    const summary = await ingestSources(feeds, deps(store), { ...inWorker(), concurrency: 3 });

    expect(summary.results.map((r) => [r.source, r.kind, r.kind === 'ingested' ? r.inserted : null])).toEqual([
      ['Wire a', 'ingested', 399],
      ['Wire broken', 'failed', null],
      ['Wire b', 'ingested', 399],
    ]);
    expect(store.articles.count()).toBe(798);
  });
});
