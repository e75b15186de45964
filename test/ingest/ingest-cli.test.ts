import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runNewsbot } from '../helpers/newsbot-in-process.js';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.js';
import { tempDir } from '../helpers/temp-db.js';
import { fixture } from './fixtures.js';

let server: FeedServer;
let tmp: ReturnType<typeof tempDir>;

beforeEach(async () => {
  server = await startFeedServer();
  tmp = tempDir();
});
afterEach(async () => {
  await server.close();
  tmp.cleanup();
});

/** Runs `newsbot ...args` in-process against the temp database and sources file; never throws on exit codes. */
function newsbot(...args: string[]) {
  const env = {
    DATABASE_PATH: path.join(tmp.dir, 'db', 'newsbot.sqlite'),
    SOURCES_FILE: path.join(tmp.dir, 'sources.json'),
    LOG_LEVEL: 'silent',
  };
  return runNewsbot(args, { env });
}

function writeSources(list: unknown): void {
  writeFileSync(path.join(tmp.dir, 'sources.json'), JSON.stringify(list));
}

describe('newsbot ingest', () => {
  it('when one feed works and one is broken, then it prints a line per source, exits 0, and the articles and the error show up', async () => {
    server.route('/world.xml', { body: fixture('rss20.xml') });
    server.route('/broken.xml', { kind: 'status', status: 502 });
    writeSources([
      { name: 'Test Wire', url: server.url('/world.xml') },
      { name: 'Broken Feed', url: server.url('/broken.xml'), region: 'Asia & Pacific' },
    ]);

    const ingest = await newsbot('ingest');
    expect(ingest.code).toBe(0);
    expect(ingest.stdout).toMatch(/^ok +Test Wire: 6 items \(6 new, 0 updated\)/m);
    expect(ingest.stdout).toMatch(/^FAILED +Broken Feed: HTTP 502 Bad Gateway from http:\/\/127\.0\.0\.1:\d+\/broken\.xml \(1 in a row/m);
    expect(ingest.stdout).toMatch(/2 sources: 1 fetched, 1 failed; 6 new articles/);

    const latest = await newsbot('latest', 'asia', '--json');
    const articles = JSON.parse(latest.stdout) as { headline: string; url: string; source: string }[];
    expect(articles.map((a) => a.headline)).toContain('Japan and South Korea agree to restart security talks');

    const sources = await newsbot('sources');
    expect(sources.stdout).toMatch(/Broken Feed[\s\S]*last error .*HTTP 502 Bad Gateway/);
    expect(sources.stdout).toMatch(/Test Wire[\s\S]*items: 6/);

    // A second run ignores the broken feed's back-off and tries it again.
    const again = await newsbot('ingest', '--source', 'broken feed');
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/^FAILED +Broken Feed: .*\(2 in a row/m);
    expect(server.requestsTo('/broken.xml')).toHaveLength(2);

    // With --due it respects the back-off and fetches nothing.
    const due = await newsbot('ingest', '--due', '--source', 'Broken Feed');
    expect(due.code).toBe(0);
    expect(due.stdout).toMatch(/^waiting +Broken Feed: backing off until/m);
    expect(server.requestsTo('/broken.xml')).toHaveLength(2);
  });

  it('when every source fails, then the exit code is 1', async () => {
    server.route('/a', { body: 'not a feed', contentType: 'text/plain' });
    writeSources([{ name: 'A', url: server.url('/a') }, { name: 'B', url: server.url('/missing') }]);
    const result = await newsbot('ingest');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/2 sources: 0 fetched, 2 failed/);
  });

  it('when SOURCES_FILE is invalid or a --source is unknown, then the error says what to fix', async () => {
    writeSources([{ name: 'Bad', url: 'ftp://example.com/feed', region: 'asai' }]);
    const invalid = await newsbot('ingest');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/sources\.json is not a valid list of feeds/);
    expect(invalid.stderr).toMatch(/entry 1 \(Bad\), url: url must be an http/);
    expect(invalid.stderr).toMatch(/entry 1 \(Bad\), region: region 'asai' is not a region \(did you mean asia\?\)/);

    writeSources([{ name: 'Good', url: server.url('/x') }]);
    const unknown = await newsbot('ingest', '--source', 'Nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no source named 'nope'.*it lists: Good/);
  });
});

describe('newsbot prune', () => {
  it('when articles are older than the retention, then prune deletes them and says how many', async () => {
    server.route('/old.xml', {
      body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Old</title><link>https://o.example/</link><description>d</description>
        <item><title>An old story from last year</title><link>https://o.example/1</link><pubDate>Mon, 03 Nov 2025 10:00:00 GMT</pubDate></item>
        <item><title>A story from today</title><link>https://o.example/2</link></item></channel></rss>`,
    });
    writeSources([{ name: 'Old', url: server.url('/old.xml') }]);
    expect((await newsbot('ingest')).code).toBe(0);
    const prune = await newsbot('prune', '--days', '30');
    expect(prune).toMatchObject({ code: 0 });
    expect(prune.stdout).toMatch(/^Deleted 1 article published more than 30 days ago; 1 remain\./);
  });
});
