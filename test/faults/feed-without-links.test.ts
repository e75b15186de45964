import { describe, expect, it } from 'vitest';
import { useFeedCli } from '../helpers/feed-world.js';

/** One feed item with neither a link nor a guid (nor an Atom or JSON Feed id). */
interface Item {
  title: string;
  description?: string;
  /** RFC 3339; left out when undefined. */
  date?: string;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function rss(items: readonly Item[]): string {
  const body = items
    .map(
      (i) =>
        `<item><title>${escapeXml(i.title)}</title>` +
        (i.description !== undefined ? `<description>${escapeXml(i.description)}</description>` : '') +
        (i.date ? `<pubDate>${new Date(i.date).toUTCString()}</pubDate>` : '') +
        '</item>',
    )
    .join('\n');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link><description>d</description>\n${body}\n</channel></rss>`;
}

function atom(items: readonly Item[]): string {
  const body = items
    .map(
      (i) =>
        `<entry><title>${escapeXml(i.title)}</title>` +
        (i.description !== undefined ? `<summary>${escapeXml(i.description)}</summary>` : '') +
        (i.date ? `<updated>${i.date}</updated>` : '') +
        '</entry>',
    )
    .join('\n');
  return `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:wire</id><updated>2026-11-28T00:00:00Z</updated>\n${body}\n</feed>`;
}

function jsonFeed(items: readonly Item[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Wire',
    items: items.map((i) => ({
      title: i.title,
      ...(i.description !== undefined ? { content_text: i.description } : {}),
      ...(i.date ? { date_published: i.date } : {}),
    })),
  });
}

const FORMATS = [
  { name: 'RSS 2.0', file: '/feed.xml', render: rss, contentType: 'application/rss+xml' },
  { name: 'Atom 1.0', file: '/feed.atom', render: atom, contentType: 'application/atom+xml' },
  { name: 'JSON Feed', file: '/feed.json', render: jsonFeed, contentType: 'application/feed+json' },
] as const;

/** A morning's items as a small outlet without links might publish them: dated and undated, some with text, two headlines alike. */
const ITEMS: Item[] = [
  { title: 'Harbour reopens after storm', description: 'Ships returned to the port of Busan on Friday after three days.', date: '2026-11-28T06:00:00Z' },
  { title: 'Parliament passes budget', description: 'The vote was 301 to 240.', date: '2026-11-28T05:00:00Z' },
  { title: 'Election results: day 1', description: 'Counting began in the north.', date: '2026-11-28T00:00:00Z' },
  { title: 'Election results: day 2', description: 'Counting moved to the south.', date: '2026-11-28T00:00:00Z' },
  { title: 'Rail strike called off', description: 'Unions and the operator agreed late on Thursday.' },
  { title: 'Museum returns bronze statues' },
];

const world = useFeedCli();
const { newsbot } = world;

async function ingest(): Promise<{ inserted: number; updated: number }> {
  const run = await newsbot('ingest', '--json');
  expect(run.code, run.stderr).toBe(0);
  const summary = JSON.parse(run.stdout) as { inserted: number; updated: number; failed: number };
  expect(summary.failed).toBe(0);
  return summary;
}

/** Every stored row (`latest` alone lists stories as the bot shows them: each once, near-duplicates folded). */
async function stored(): Promise<{ headline: string; lead: string }[]> {
  const run = await newsbot('latest', '--every-article', '--limit', '100', '--json');
  return JSON.parse(run.stdout) as { headline: string; lead: string }[];
}

async function articleCount(): Promise<number> {
  const run = await newsbot('sources', '--json');
  const sources = JSON.parse(run.stdout) as { name: string; itemCount: number }[];
  return sources.reduce((n, s) => n + s.itemCount, 0);
}

describe.each(FORMATS)('a $name feed whose items have no link and no guid', (format) => {
  const serve = (items: readonly Item[]) => world.server.route(format.file, { body: format.render(items), contentType: format.contentType });

  it('when it is ingested twice, then the second pass updates every item and the store holds one row per item', async () => {
    world.writeSources([{ name: 'Linkless Wire', url: world.server.url(format.file) }]);
    serve(ITEMS);
    expect(await ingest()).toMatchObject({ inserted: ITEMS.length, updated: 0 });
    expect(await ingest()).toMatchObject({ inserted: 0, updated: ITEMS.length });
    expect(await articleCount()).toBe(ITEMS.length);
    // The two election days share a time and most words, and stay two stories.
    expect((await stored()).map((a) => a.headline).filter((h) => h.startsWith('Election'))).toHaveLength(2);
  });

  it('when the outlet fixes a typo in a headline or edits a description, then the item is updated in place, dated or not', async () => {
    world.writeSources([{ name: 'Linkless Wire', url: world.server.url(format.file) }]);
    const typo = ITEMS.map((i) => ({ ...i }));
    typo[0] = { ...ITEMS[0]!, title: 'Harbuor reopens after storm' };
    typo[4] = { ...ITEMS[4]!, title: 'Rail strike caled off' };
    serve(typo);
    await ingest();

    const edited = ITEMS.map((i) => ({ ...i }));
    edited[1] = { ...ITEMS[1]!, description: 'The vote was 301 to 240, after a night of debate.' };
    serve(edited);
    expect(await ingest()).toMatchObject({ inserted: 0, updated: ITEMS.length });
    expect(await articleCount()).toBe(ITEMS.length);
    const headlines = (await stored()).map((a) => a.headline);
    expect(headlines).toEqual(expect.arrayContaining(['Harbour reopens after storm', 'Rail strike called off']));
    expect(headlines).not.toContain('Harbuor reopens after storm');
    expect((await stored()).find((a) => a.headline === 'Parliament passes budget')?.lead).toContain('after a night of debate');
  });
});

describe('linkless items that differ', () => {
  it('when a feed carries a new item with the same headline on another day, then it is a new article, not an update of the old one', async () => {
    world.writeSources([{ name: 'Briefings', url: world.server.url('/feed.xml') }]);
    const monday = { title: 'Morning briefing', description: 'Storm closes the harbour.', date: '2026-11-23T06:00:00Z' };
    const tuesday = { title: 'Morning briefing', description: 'Harbour reopens.', date: '2026-11-24T06:00:00Z' };
    world.server.route('/feed.xml', { body: rss([monday]), contentType: 'application/rss+xml' });
    await ingest();
    world.server.route('/feed.xml', { body: rss([tuesday, monday]), contentType: 'application/rss+xml' });
    expect(await ingest()).toMatchObject({ inserted: 1, updated: 1 });
    expect(await articleCount()).toBe(2);
  });

  it('when two sources carry the same linkless item, then each source keeps its own article', async () => {
    world.writeSources([{ name: 'Wire A', url: world.server.url('/a.xml') }, { name: 'Wire B', url: world.server.url('/b.xml') }]);
    world.server.route('/a.xml', { body: rss(ITEMS.slice(0, 2)), contentType: 'application/rss+xml' });
    world.server.route('/b.xml', { body: rss(ITEMS.slice(0, 2)), contentType: 'application/rss+xml' });
    await ingest();
    await ingest();
    expect(await articleCount()).toBe(4);
  });
});
