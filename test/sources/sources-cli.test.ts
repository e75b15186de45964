import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runNewsbot } from '../helpers/newsbot-in-process.js';
import { type NewsSite, startNewsSite } from '../helpers/news-site.js';
import { tempDir } from '../helpers/temp-db.js';

let tmp: ReturnType<typeof tempDir>;
const sites: NewsSite[] = [];

beforeEach(() => {
  tmp = tempDir();
});
afterEach(async () => {
  await Promise.all(sites.splice(0).map((s) => s.close()));
  tmp.cleanup();
});

async function site(name: string): Promise<NewsSite> {
  const s = await startNewsSite(name);
  sites.push(s);
  return s;
}

const sourcesFile = (name = 'sources.json') => path.join(tmp.dir, name);

/** `newsbot ...args` (in-process) on the temp database and sources file, pages fetched without a pause. */
function newsbot(args: string[], env: Record<string, string> = {}) {
  return runNewsbot(args, {
    env: {
      DATABASE_PATH: path.join(tmp.dir, 'newsbot.sqlite'),
      SOURCES_FILE: sourcesFile(),
      LOG_LEVEL: 'silent',
      PAGE_FETCH_DELAY_MS: '0',
      FETCH_TIMEOUT_MS: '15000',
      ...env,
    },
  });
}

describe('page sources and sites through the CLI', () => {
  it('when a page source, a feed-less site, a site with a feed and a script-drawn page are listed, then `ingest` fills the store from them and `sources` says what each became', async () => {
    const [sputnik, tribune, wp, app] = await Promise.all([site('sputnik'), site('feedless'), site('wordpress'), site('jsapp')]);
    writeFileSync(
      sourcesFile(),
      JSON.stringify([
        { name: 'Sputnik Asia', url: sputnik.url('/asia/'), region: 'Asia & Pacific', type: 'page' },
        { name: 'Lake Region Tribune', url: tribune.url('/'), region: 'africa' },
        { name: 'Mekong Ledger', url: wp.url('/') },
        { name: 'Metro Daily', url: app.url('/news/'), type: 'page' },
      ]),
    );

    const ingest = await newsbot(['ingest', '--json']);
    expect(ingest.code, ingest.stderr).toBe(0);
    const summary = JSON.parse(ingest.stdout) as { results: Record<string, unknown>[]; inserted: number };
    const result = (name: string) => summary.results.find((r) => r.source === name);
    expect(result('Sputnik Asia')).toMatchObject({ kind: 'ingested', as: 'page', inserted: 3, page: { found: 3, new: 3, taken: 3, stored: 3, failed: 0 } });
    expect(result('Lake Region Tribune')).toMatchObject({ kind: 'ingested', as: 'page', inserted: 3, page: { found: 3, taken: 3 } });
    expect(result('Mekong Ledger')).toMatchObject({ kind: 'ingested', as: 'feed', feedUrl: wp.url('/feed/'), inserted: 3 });
    expect(result('Metro Daily')).toMatchObject({ kind: 'ingested', as: 'page', inserted: 0, page: { found: 0, notice: 'no article links found; the page may need JavaScript' } });
    expect(summary.inserted).toBe(9);

    const latest = JSON.parse((await newsbot(['latest', '--limit', '50', '--json'])).stdout) as { headline: string; source: string; regions: string[]; publishedAt: string }[];
    expect(latest.filter((a) => a.source === 'Lake Region Tribune').map((a) => a.headline).sort()).toEqual([
      'County approves new fish market for Dunga beach traders',
      'Flood waters recede in Kisumu as families return home',
      'Kenya Ports Authority to reopen Kisumu port to Ugandan ships',
    ]);
    expect(latest.filter((a) => a.source === 'Lake Region Tribune').every((a) => a.regions[0] === 'africa')).toBe(true);
    expect(latest.find((a) => a.headline.startsWith('Russian Foreign Ministry'))).toMatchObject({ source: 'Sputnik Asia', publishedAt: '2016-12-22T17:20:00.000Z' });

    const sources = await newsbot(['sources']);
    expect(sources.code).toBe(0);
    const block = (name: string) => sources.stdout.split(/\n(?=\S)/).find((b) => b.startsWith(name)) ?? '';
    expect(block('Sputnik Asia')).toMatch(/\[page\]\n  items: 3 .*\n  last pass \(.*\): 3 article links found, 3 new, 3 taken: 3 stored, 0 failed, 0 not articles/);
    expect(block('Lake Region Tribune')).toMatch(/\[site → page \(no feed found\)\]\n  items: 3/);
    expect(block('Mekong Ledger')).toContain(`[site → feed ${wp.url('/feed/')}]`);
    expect(block('Metro Daily')).toMatch(/\[page\][\s\S]*notice: no article links found; the page may need JavaScript/);

    // The text output names the kind of each pass too.
    const again = await newsbot(['ingest']);
    expect(again.stdout).toMatch(/^ok +Sputnik Asia: page, 3 article links found, 0 new, 0 taken/m);
    expect(again.stdout).toMatch(/^ok +Mekong Ledger: 3 items from its feed http:\/\/127\.0\.0\.1:\d+\/feed\/ \(0 new, 3 updated\)/m);
    expect(again.stdout).toMatch(/^ok +Metro Daily: page, 0 article links found.*\(no article links found; the page may need JavaScript\)$/m);
  });
});

describe('newsbot sources add, remove, enable, disable', () => {
  it('when a section page is added, then its first headlines are shown and the file gets one readable line for it', async () => {
    const portal = await site('portal');
    writeFileSync(sourcesFile(), '[\n  { "name": "Old Feed", "url": "https://old.example/rss.xml", "region": "europe" }\n]\n');

    const add = await newsbot(['sources', 'add', portal.url('/world/asia/'), '--type', 'page', '--region', 'Asia & Pacific', '--name', 'Courier Asia']);

    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toMatch(/^Added 'Courier Asia' to .*sources\.json: a page, region asia\.$/m);
    expect(add.stdout).toContain('First headlines (5 article links on the page):\n  China lifts ban on Japanese seafood imports after two years\n  South Korea opposition moves to impeach defence minister\n');
    expect(readFileSync(sourcesFile(), 'utf8')).toBe(
      '[\n' +
        '  { "name": "Old Feed", "url": "https://old.example/rss.xml", "region": "europe" },\n' +
        `  { "name": "Courier Asia", "url": "${portal.url('/world/asia/')}", "region": "asia", "type": "page" }\n` +
        ']\n',
    );
    // Only the section page (and robots.txt) was fetched: no article yet.
    expect(portal.requests.map((r) => r.path)).toEqual(['/robots.txt', '/world/asia/']);

    const twice = await newsbot(['sources', 'add', portal.url('/world/asia/')]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/is already listed, as 'Courier Asia'/);
  });

  it('when a site with a feed is added, then the feed found is shown and remembered, so the next ingest reads only the feed', async () => {
    const wp = await site('wordpress');

    const add = await newsbot(['sources', 'add', wp.url('/')]);

    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toContain(`Added 'The Mekong Ledger' to ${sourcesFile()}: a site; its feed is ${wp.url('/feed/')}.`);
    expect(add.stdout).toMatch(/First headlines \(3 in the feed\):\n  Typhoon Man-yi batters northern Philippines\n/);
    expect(JSON.parse(readFileSync(sourcesFile(), 'utf8'))).toEqual([{ name: 'The Mekong Ledger', url: wp.url('/') }]);

    const before = wp.requests.length;
    const ingest = await newsbot(['ingest']);
    expect(ingest.stdout).toMatch(/^ok +The Mekong Ledger: 3 items from its feed/m);
    expect(wp.requests.slice(before).map((r) => r.path)).toEqual(['/feed/']);
  });

  it('when the URL cannot be read, or the file is broken, then nothing is added and the reason is given', async () => {
    const portal = await site('portal');
    writeFileSync(sourcesFile(), '[]\n');
    const missing = await newsbot(['sources', 'add', portal.url('/nothing-here/'), '--type', 'page']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^Not added: .*\/nothing-here\/ could not be read as a page: HTTP 404 Not Found/m);
    const disallowed = await newsbot(['sources', 'add', portal.url('/members/asia/'), '--type', 'page']);
    expect(disallowed.stderr).toMatch(/Not added: .* robots\.txt of .* disallows \/members\/asia\/ for newsbot/);
    expect(readFileSync(sourcesFile(), 'utf8')).toBe('[]\n');

    writeFileSync(sourcesFile(), '[{ "name": "Typo", "url": "https://t.example/rss", "regoin": "asia" }]');
    const broken = await newsbot(['sources', 'add', portal.url('/world/asia/'), '--type', 'page']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/not a valid list of feeds:\n.*entry 1 \(Typo\).*regoin[\s\S]*Fix it before editing it/);
    expect(portal.requestsTo('/world/asia/')).toHaveLength(0);
  });

  it('when a source is disabled, enabled and removed, then the file says so and ingest skips it while disabled', async () => {
    const wp = await site('wordpress');
    writeFileSync(sourcesFile(), JSON.stringify([{ name: 'Mekong Feed', url: wp.url('/feed/'), type: 'feed' }, { name: 'Other', url: wp.url('/category/asia/feed/') }]));

    expect((await newsbot(['sources', 'disable', 'mekong feed'])).stdout).toMatch(/'Mekong Feed' is no longer fetched/);
    expect(readFileSync(sourcesFile(), 'utf8')).toContain(`{ "name": "Mekong Feed", "url": "${wp.url('/feed/')}", "type": "feed", "enabled": false }`);
    const ingest = await newsbot(['ingest']);
    expect(ingest.stdout).toMatch(/^1 sources: 1 fetched/m);
    expect(wp.requestsTo('/feed/')).toHaveLength(0);
    expect((await newsbot(['sources'])).stdout).toMatch(/^Mekong Feed .*\[feed, disabled\]/m);

    expect((await newsbot(['sources', 'enable', 'Mekong Feed'])).stdout).toMatch(/'Mekong Feed' is fetched again/);
    expect(readFileSync(sourcesFile(), 'utf8')).not.toContain('enabled');
    await newsbot(['ingest']);
    expect(wp.requestsTo('/feed/')).toHaveLength(1);

    const removed = await newsbot(['sources', 'remove', 'Mekong Feed']);
    expect(removed.stdout).toMatch(/^Removed 'Mekong Feed'/);
    expect(JSON.parse(readFileSync(sourcesFile(), 'utf8'))).toEqual([{ name: 'Other', url: wp.url('/category/asia/feed/') }]);
    const unknown = await newsbot(['sources', 'remove', 'Nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no source named 'Nope'; the sources are: Other/);
  });
});

describe('OPML', () => {
  it('when sources are exported as OPML and imported into an empty list, then the list comes back the same', async () => {
    const list = [
      { name: 'BBC News Asia', url: 'https://feeds.bbci.co.uk/news/world/asia/rss.xml', region: 'asia' },
      { name: 'Al Jazeera & Co <English>', url: 'https://www.aljazeera.com/xml/rss/all.xml' },
      { name: 'Sputnik Asia', url: 'https://sputnik.example/asia/', region: 'asia', type: 'page', articleSelector: '.list__item a.list__title' },
      { name: 'Lake Region Tribune', url: 'https://tribune.example/', region: 'africa', enabled: false },
      { name: 'Pattern Page', url: 'https://p.example/news/', region: 'middle-east', type: 'page', linkPattern: '/news/\\d{4}/' },
    ];
    writeFileSync(sourcesFile(), JSON.stringify(list));

    const exported = await newsbot(['sources', 'export', '--opml']);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<opml version="2.0">/);
    expect(exported.stdout).toContain('<outline text="Asia &amp; Pacific" title="Asia &amp; Pacific">');
    expect(exported.stdout).toContain('<outline type="rss" text="BBC News Asia" title="BBC News Asia" xmlUrl="https://feeds.bbci.co.uk/news/world/asia/rss.xml"/>');
    expect(exported.stdout).toContain('title="Al Jazeera &amp; Co &lt;English&gt;"');
    const opml = path.join(tmp.dir, 'feeds.opml');
    writeFileSync(opml, exported.stdout);

    const other = sourcesFile('other.json');
    const imported = await newsbot(['sources', 'import', opml], { SOURCES_FILE: other });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/^Imported 5 sources into .*other\.json\.$/m);
    const back = JSON.parse(readFileSync(other, 'utf8')) as Record<string, unknown>[];
    const byName = (l: Record<string, unknown>[]) => [...l].sort((a, b) => String(a.name).localeCompare(String(b.name)));
    expect(byName(back)).toEqual(byName(list));

    // Importing again adds nothing.
    const again = await newsbot(['sources', 'import', opml], { SOURCES_FILE: other });
    expect(again.stdout).toMatch(/Imported 0 sources .*; 5 already listed/);
  });

  it("when a feed reader's OPML is imported, then folders and categories naming a region set it, and outlines that are not feeds are skipped", async () => {
    writeFileSync(sourcesFile(), JSON.stringify([{ name: 'BBC News World', url: 'https://feeds.bbci.co.uk/news/world/rss.xml' }]));
    const opml = path.join(tmp.dir, 'reader.opml');
    writeFileSync(
      opml,
      `<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>Feedly subscriptions</title></head>
  <body>
    <outline text="News" title="News">
      <outline text="Middle East" title="Middle East">
        <outline type="rss" text="Al-Monitor" title="Al-Monitor" xmlUrl="https://www.al-monitor.com/rss" htmlUrl="https://www.al-monitor.com"/>
        <outline type="rss" text="Times of India" xmlUrl="https://timesofindia.indiatimes.com/rssfeedstopstories.cms" category="/News/Asia"/>
      </outline>
      <outline type="rss" text="BBC World" xmlUrl="https://feeds.bbci.co.uk/news/world/rss.xml"/>
      <outline type="rss" title="BBC News World" xmlUrl="https://feeds.bbci.co.uk/news/world/africa/rss.xml"/>
    </outline>
    <outline text="Latin America">
      <outline type="rss" text="MercoPress" xmlUrl="https://en.mercopress.com/rss"/>
    </outline>
    <outline text="A bookmark without a feed" htmlUrl="https://example.com/"/>
  </body>
</opml>`,
    );

    const result = await newsbot(['sources', 'import', opml]);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('skipped "A bookmark without a feed": no xmlUrl');
    expect(result.stdout).toMatch(/Imported 4 sources into .*; 1 already listed; 1 outlines skipped\./);
    expect(JSON.parse(readFileSync(sourcesFile(), 'utf8'))).toEqual([
      { name: 'BBC News World', url: 'https://feeds.bbci.co.uk/news/world/rss.xml' },
      { name: 'Al-Monitor', url: 'https://www.al-monitor.com/rss', region: 'middle-east' },
      { name: 'Times of India', url: 'https://timesofindia.indiatimes.com/rssfeedstopstories.cms', region: 'asia' },
      { name: 'BBC News World (feeds.bbci.co.uk)', url: 'https://feeds.bbci.co.uk/news/world/africa/rss.xml' },
      { name: 'MercoPress', url: 'https://en.mercopress.com/rss', region: 'americas' },
    ]);
  });
});
