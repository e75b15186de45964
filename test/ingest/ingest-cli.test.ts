import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createGuardedFetch } from '../../src/chatfeeds/guarded-fetch.js';
import { createChatFeedStore } from '../../src/chatfeeds/store.js';
import { createIngestCommand } from '../../src/commands/ingest.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { createChatStore } from '../../src/store/chats.js';
import { useFeedCli } from '../helpers/feed-world.js';
import { fixture, rss } from './fixtures.js';

const world = useFeedCli({ databasePath: (dir) => path.join(dir, 'db', 'newsbot.sqlite') });
const { newsbot } = world;

describe('newsbot ingest', () => {
  it('when one feed works and one is broken, then it prints a line per source, exits 0, and the articles and the error show up', async () => {
    world.server.route('/world.xml', { body: fixture('rss20.xml') });
    world.server.route('/broken.xml', { kind: 'status', status: 502 });
    world.writeSources([
      { name: 'Test Wire', url: world.server.url('/world.xml') },
      { name: 'Broken Feed', url: world.server.url('/broken.xml'), region: 'Asia & Pacific' },
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
    expect(world.server.requestsTo('/broken.xml')).toHaveLength(2);

    // With --due it respects the back-off and fetches nothing.
    const due = await newsbot('ingest', '--due', '--source', 'Broken Feed');
    expect(due.code).toBe(0);
    expect(due.stdout).toMatch(/^waiting +Broken Feed: backing off until/m);
    expect(world.server.requestsTo('/broken.xml')).toHaveLength(2);
  });

  it('when every source fails, then the exit code is 1', async () => {
    world.server.route('/a', { body: 'not a feed', contentType: 'text/plain' });
    world.writeSources([{ name: 'A', url: world.server.url('/a') }, { name: 'B', url: world.server.url('/missing') }]);
    const result = await newsbot('ingest');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/2 sources: 0 fetched, 2 failed/);
  });

  it('when SOURCES_FILE is invalid or a --source is unknown, then the error says what to fix', async () => {
    world.writeSources([{ name: 'Bad', url: 'ftp://example.com/feed', region: 'asai' }]);
    const invalid = await newsbot('ingest');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/sources\.json is not a valid list of feeds/);
    expect(invalid.stderr).toMatch(/entry 1 \(Bad\), url: url must be an http/);
    expect(invalid.stderr).toMatch(/entry 1 \(Bad\), region: region 'asai' is not a region \(did you mean asia\?\)/);

    world.writeSources([{ name: 'Good', url: world.server.url('/x') }]);
    const unknown = await newsbot('ingest', '--source', 'Nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no source named 'nope'.*it lists: Good/);
  });
});

describe('newsbot ingest and the chats’ own feeds', () => {
  /** `newsbot ingest ...args` on the temp store, its chats' feeds fetched through a guard that lets the test's loopback server through. */
  async function ingest(args: string[], env: Record<string, string> = {}) {
    const app = createApp(loadConfig({ DATABASE_PATH: world.databasePath, SOURCES_FILE: world.sourcesFile, ...env }), { log: silentLogger });
    const out: string[] = [];
    const err: string[] = [];
    try {
      const command = createIngestCommand({ guardedFetch: () => createGuardedFetch({ testOnlyAllow: [new URL(world.server.url('/')).host] }) });
      const code = await command.run(args, app, { out: (t) => out.push(t), err: (t) => err.push(t) });
      const items = createChatFeedStore(app.db, app.clock).itemsOfChat(42, 0, Date.now() + 86_400_000).map((i) => i.headline);
      return { code, stdout: out.join('\n'), stderr: err.join('\n'), items };
    } finally {
      app.close();
    }
  }

  it('when a chat added its own feed, then a manual ingest reads it after the listed sources, as the schedule does, and says so; --source and ALLOW_CHAT_FEEDS=false leave it out', async () => {
    world.server.route('/world.xml', { body: fixture('rss20.xml') });
    world.server.route('/harbour.xml', { body: rss([{ title: 'Ferry timetable changes on Monday', link: 'https://harbour.example/ferry' }], { title: 'Harbour News' }) });
    world.server.route('/gone.xml', { kind: 'status', status: 502 });
    world.writeSources([{ name: 'Test Wire', url: world.server.url('/world.xml') }]);
    const setup = createApp(loadConfig({ DATABASE_PATH: world.databasePath }), { log: silentLogger });
    createChatStore(setup.db, setup.clock, { digestTime: '08:00', timezone: 'UTC' }).ensure({ id: 42, type: 'private' });
    const feeds = createChatFeedStore(setup.db, setup.clock);
    feeds.add(42, { url: world.server.url('/harbour.xml'), title: 'Harbour News' });
    feeds.add(42, { url: world.server.url('/gone.xml'), title: 'Gone' });
    setup.close();

    const first = await ingest([]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^ok +Test Wire: 6 items/m);
    expect(first.stdout.split('\n').slice(-2)).toEqual([
      expect.stringMatching(/^1 sources: 1 fetched, 0 failed; 6 new articles/),
      'chat feeds (/addfeed): 2 feeds: 1 fetched, 1 failed; 1 new items, 0 updated.',
    ]);
    expect(first.items).toEqual(['Ferry timetable changes on Monday']);

    const named = await ingest(['--source', 'Test Wire']);
    expect(named.stdout.split('\n').at(-1)).toBe('chat feeds: not read (--source reads the named sources only).');
    const off = await ingest([], { ALLOW_CHAT_FEEDS: 'false' });
    expect(off.stdout.split('\n').at(-1)).toBe('chat feeds: not read (ALLOW_CHAT_FEEDS=false).');
    expect(world.server.requestsTo('/harbour.xml')).toHaveLength(1);
    // --due: the failed feed is backing off, the good one is read again.
    const due = await ingest(['--due', '--json']);
    expect(JSON.parse(due.stdout).chatFeeds).toMatchObject({ feeds: 2, attempted: 1, failed: 0, inserted: 0 });
    expect(world.server.requestsTo('/gone.xml')).toHaveLength(1);
  });
});

describe('newsbot prune', () => {
  it('when articles are older than the retention, then prune deletes them and says how many', async () => {
    world.server.route('/old.xml', {
      body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Old</title><link>https://o.example/</link><description>d</description>
        <item><title>An old story from last year</title><link>https://o.example/1</link><pubDate>Mon, 03 Nov 2025 10:00:00 GMT</pubDate></item>
        <item><title>A story from today</title><link>https://o.example/2</link></item></channel></rss>`,
    });
    world.writeSources([{ name: 'Old', url: world.server.url('/old.xml') }]);
    expect((await newsbot('ingest')).code).toBe(0);
    const prune = await newsbot('prune', '--days', '30');
    expect(prune).toMatchObject({ code: 0 });
    expect(prune.stdout).toMatch(/^Deleted 1 article published more than 30 days ago; 1 remain\./);
  });
});
