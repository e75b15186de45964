import { describe, expect, it } from 'vitest';
import { EXTRACTION_VERSION, type FeedSource, itemFingerprint } from '../../src/ingest/feeds/feed-items.js';
import { parseFeedBody } from '../../src/ingest/feeds/parse-feed.js';
import { type IngestOptions, ingestSources } from '../../src/ingest/ingest-sources.js';
import { useFeedStore } from '../helpers/feed-world.js';
import { rss } from './fixtures.js';

const NOW = '2026-11-28T08:00:00Z';
const options: IngestOptions = { limits: { timeoutMs: 15_000, maxBytes: 100_000, maxRedirects: 3 }, concurrency: 2, respectBackoff: false };

const world = useFeedStore(NOW);

const { deps, all } = world;
const wire = (): FeedSource => ({ name: 'Wire', url: world.server.url('/feed'), region: null });
const items = [
  { title: 'Japan and South Korea agree to resume security talks', link: 'https://wire.example.com/a?utm_source=x', guid: 'w-1', description: 'Officials in Tokyo and Seoul said talks resume next month.', pubDate: 'Sat, 28 Nov 2026 06:00:00 GMT' },
  { title: 'Kenya opens new rail line to Uganda border', link: 'https://wire.example.com/b', description: 'The line cuts the journey from Nairobi by half.', pubDate: 'Sat, 28 Nov 2026 06:30:00 GMT' },
  { title: 'Brazil central bank holds rates', guid: 'w-3', description: 'The bank in Brasilia kept its benchmark rate.', pubDate: 'Sat, 28 Nov 2026 07:00:00 GMT' },
];
/** A stored article's lead changed behind the ingest's back, as an older release might have written it. */
const setLead = (url: string, lead: string, fingerprint: string) => {
  const id = world.store.db.prepare<[string], number>('SELECT id FROM articles WHERE url = ?').pluck().get(url);
  world.store.db.prepare('UPDATE articles SET lead = ? WHERE id = ?').run(lead, id);
  world.store.db.prepare('UPDATE article_fingerprints SET fingerprint = ? WHERE article_id = ?').run(fingerprint, id);
};
const fingerprintOf = (index: number, version: number, release?: string) => {
  const feed = parseFeedBody(Buffer.from(rss(items)), 'application/rss+xml', world.server.url('/feed'));
  return itemFingerprint(feed.items[index]!, wire(), world.store.clock.now(), version, release);
};

describe('reading the same feed again', () => {
  it('when nothing in the feed changed, then nothing new is stored and the counts are those of the first re-read', async () => {
    world.server.route('/feed', { body: rss(items) });
    const first = await ingestSources([wire()], deps(), options);
    expect(first.results[0]).toMatchObject({ kind: 'ingested', items: 3, inserted: 3, updated: 0, skipped: 0, warning: null });
    const stored = all();

    for (const minutes of [15, 15]) {
      world.store.clock.advance(minutes * 60_000);
      const again = await ingestSources([wire()], deps(), options);
      expect(again.results[0]).toMatchObject({ kind: 'ingested', items: 3, inserted: 0, updated: 3, skipped: 0, warning: null });
      expect(again).toMatchObject({ inserted: 0, updated: 3 });
      expect(all()).toEqual(stored);
    }
  });

  it('when one item’s description changed, then that article’s lead is updated and the others stay as they were', async () => {
    world.server.route('/feed', { body: rss(items) });
    await ingestSources([wire()], deps(), options);
    await ingestSources([wire()], deps(), options);
    const before = all();

    world.server.route('/feed', { body: rss([items[0]!, { ...items[1]!, description: 'The line now also runs to Kisumu on Lake Victoria.' }, items[2]!]) });
    const again = await ingestSources([wire()], deps(), options);
    expect(again.results[0]).toMatchObject({ kind: 'ingested', items: 3, inserted: 0, updated: 3 });
    const after = all();
    expect(after.find((a) => a.url === 'https://wire.example.com/b')?.lead).toBe('The line now also runs to Kisumu on Lake Victoria.');
    expect(after.filter((a) => a.url !== 'https://wire.example.com/b')).toEqual(before.filter((a) => a.url !== 'https://wire.example.com/b'));
  });

  it('when the extraction version was raised since an article was written, then its item is extracted again and the article updated', async () => {
    world.server.route('/feed', { body: rss(items) });
    await ingestSources([wire()], deps(), options);
    const lead = all().find((a) => a.url === 'https://wire.example.com/a')?.lead;
    expect(lead).toBe('Officials in Tokyo and Seoul said talks resume next month.');

    // Written by this release (same version): the item is unchanged, so the stored lead stands.
    setLead('https://wire.example.com/a', 'An older extraction’s lead.', fingerprintOf(0, EXTRACTION_VERSION));
    await ingestSources([wire()], deps(), options);
    expect(all().find((a) => a.url === 'https://wire.example.com/a')?.lead).toBe('An older extraction’s lead.');

    // Written by the release before: the item is extracted again with today's code.
    setLead('https://wire.example.com/a', 'An older extraction’s lead.', fingerprintOf(0, EXTRACTION_VERSION - 1));
    const again = await ingestSources([wire()], deps(), options);
    expect(again.results[0]).toMatchObject({ kind: 'ingested', items: 3, inserted: 0, updated: 3 });
    expect(all().find((a) => a.url === 'https://wire.example.com/a')?.lead).toBe(lead);

    // Written by another release of newsbot with the same extraction version (a change to the
    // extraction that forgot to raise it): extracted again all the same, once.
    setLead('https://wire.example.com/a', 'An older extraction’s lead.', fingerprintOf(0, EXTRACTION_VERSION, '0.0.1-older'));
    await ingestSources([wire()], deps(), options);
    expect(all().find((a) => a.url === 'https://wire.example.com/a')?.lead).toBe(lead);
  });
});
