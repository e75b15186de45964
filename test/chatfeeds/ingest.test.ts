import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGuardedFetch, type GuardedFetch, type Resolve } from '../../src/chatfeeds/guarded-fetch.js';
import { ingestChatFeeds } from '../../src/chatfeeds/ingest.js';
import { createChatFeedStore } from '../../src/chatfeeds/store.js';
import { fixedClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createSendQueue, type Transport } from '../../src/delivery/send-queue.js';
import { silentLogger } from '../../src/log.js';
import { createDigestRunner } from '../../src/schedule/digest-job.js';
import { startIngestJobs } from '../../src/schedule/ingest-job.js';
import { createChatStore } from '../../src/store/chats.js';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.js';
import { tempStore } from '../helpers/temp-db.js';
import { rss, type RssItemSpec } from '../ingest/fixtures.js';

const LIMITS = { timeoutMs: 20_000, maxBytes: 1_000_000, maxRedirects: 5 };
const PASS = { limits: LIMITS, concurrency: 4, respectBackoff: true };
const FERRY: RssItemSpec = { title: 'Ferry timetable changes on Monday', link: 'https://harbour.example/ferry', pubDate: 'Sat, 28 Nov 2026 06:00:00 GMT' };

let store: ReturnType<typeof tempStore> | undefined;
let server: FeedServer | undefined;
let guarded: GuardedFetch | undefined;
afterEach(async () => {
  await guarded?.close();
  await server?.close();
  store?.close();
  store = undefined;
  server = undefined;
  guarded = undefined;
});

/** A store whose chats were made a week ago, a feed server the guard lets through, and a digest runner sending to a recorder. */
async function world(options: { resolve?: Resolve } = {}) {
  store = tempStore('2026-11-20T00:00:00Z');
  server = await startFeedServer();
  guarded = createGuardedFetch({ testOnlyAllow: [new URL(server.url('/')).host], ...(options.resolve ? { resolve: options.resolve } : {}) });
  const chats = createChatStore(store.db, store.clock, { digestTime: '08:00', timezone: 'UTC' });
  const feeds = createChatFeedStore(store.db, store.clock);
  const sent: { chatId: number; text: string }[] = [];
  const transport: Transport = async (_method, payload) => {
    sent.push({ chatId: payload.chat_id as number, text: String(payload.text) });
    return { message_id: sent.length };
  };
  const queue = createSendQueue({ transport, ratePerSecond: 500, perChatIntervalMs: 1, backoffMs: () => 10 });
  const runner = createDigestRunner({ config: loadConfig({ SEND_RATE_PER_SECOND: '200' }), db: store.db, queue, log: silentLogger, clock: fixedClock('2026-11-28T08:00:00Z'), chats });
  const s = store;
  const pass = () => ingestChatFeeds({ store: feeds, fetch: guarded as GuardedFetch, clock: s.clock, log: silentLogger }, PASS);
  return { store: s, server, chats, feeds, sent, runner, pass, feedUrl: server.url('/feed') };
}

describe('reading chats’ feeds and sending them', () => {
  it('when two chats add one feed, then each pass reads it once, and each scheduled digest shows it to those chats only, new items once', async () => {
    const w = await world();
    w.server.route('/feed', { body: rss([FERRY], { title: 'Harbour News' }) });
    for (const id of [1, 2, 3]) w.chats.ensure({ id, type: 'private' });
    w.chats.subscribe(3, ['asia']);
    w.feeds.add(1, { url: w.feedUrl, title: 'Harbour News' });
    w.feeds.add(2, { url: w.feedUrl, title: 'Harbour News' });
    w.store.clock.set('2026-11-28T07:30:00Z');
    expect(await w.pass()).toMatchObject({ feeds: 1, attempted: 1, failed: 0, inserted: 1 });
    expect(w.server.requestsTo('/feed')).toHaveLength(1);
    w.store.articles.upsert({ source: 'Wire', url: 'https://w.example/1', headline: 'Typhoon nears Okinawa', lead: 'Schools closed.', publishedAt: Date.parse('2026-11-28T05:00:00Z'), regions: ['asia'] });

    // Chats 1 and 2 have no regions: their feed alone brings them a digest.
    await w.runner.runPass(Date.parse('2026-11-28T08:00:00Z'));
    const to = (id: number) => w.sent.filter((m) => m.chatId === id).map((m) => m.text).join('\n');
    for (const id of [1, 2]) {
      expect(to(id)).toContain('<u><b>Harbour News</b></u>');
      expect(to(id)).toContain('Ferry timetable changes on Monday');
      expect(to(id)).not.toContain('Typhoon');
    }
    expect(to(3)).toContain('Typhoon nears Okinawa');
    expect(to(3)).not.toContain('Ferry');

    // An item that appears later is news then, even dated three days back; the old one is not repeated.
    w.server.route('/feed', {
      body: rss([FERRY, { title: 'Lighthouse keeper retires', link: 'https://harbour.example/lighthouse', pubDate: 'Wed, 25 Nov 2026 09:00:00 GMT' }], { title: 'Harbour News' }),
    });
    w.store.clock.set('2026-11-28T12:00:00Z');
    expect(await w.pass()).toMatchObject({ attempted: 1, inserted: 1 });
    expect(w.server.requestsTo('/feed')).toHaveLength(2);
    w.sent.length = 0;
    await w.runner.runPass(Date.parse('2026-11-29T08:00:00Z'));
    expect(to(1)).toContain('Lighthouse keeper retires');
    expect(to(1)).not.toContain('Ferry');
    expect(to(3)).not.toContain('Lighthouse');
  });

  it('when a feed fails, then it backs off as sources do and is not fetched again until then', async () => {
    const w = await world();
    w.server.route('/feed', { kind: 'status', status: 503 });
    w.chats.ensure({ id: 1, type: 'private' });
    const { feed } = w.feeds.add(1, { url: w.feedUrl, title: 'Harbour News' });
    w.store.clock.set('2026-11-28T07:30:00Z');
    expect(await w.pass()).toMatchObject({ attempted: 1, failed: 1 });
    expect(w.feeds.get(feed.id)).toMatchObject({ failures: 1, nextAttemptAt: Date.parse('2026-11-28T07:35:00Z') });
    expect(w.feeds.get(feed.id)?.lastError).toContain('HTTP 503');
    w.store.clock.set('2026-11-28T07:34:00Z');
    expect(await w.pass()).toMatchObject({ attempted: 0 });
    expect(w.server.requestsTo('/feed')).toHaveLength(1);
    w.server.route('/feed', { body: rss([FERRY], { title: 'Harbour News' }) });
    w.store.clock.set('2026-11-28T07:36:00Z');
    expect(await w.pass()).toMatchObject({ attempted: 1, failed: 0, inserted: 1 });
    expect(w.feeds.get(feed.id)).toMatchObject({ failures: 0, nextAttemptAt: null, lastError: null });
  });

  it('when a feed’s host starts resolving to an internal address, then the pass refuses to fetch it and records why', async () => {
    const resolve: Resolve = async () => [{ address: '127.0.0.1', family: 4 }];
    const w = await world({ resolve });
    w.server.route('/feed', { body: rss([FERRY]) });
    w.chats.ensure({ id: 1, type: 'private' });
    const { feed } = w.feeds.add(1, { url: `http://feeds.harbour.example:${new URL(w.feedUrl).port}/feed`, title: 'Harbour News' });
    expect(await w.pass()).toMatchObject({ attempted: 1, failed: 1 });
    expect(w.feeds.get(feed.id)?.lastError).toContain('feeds.harbour.example resolves to 127.0.0.1');
    expect(w.server.requests).toEqual([]);
  });

  it('when the ingest schedule runs with a broken SOURCES_FILE, then chats’ feeds are still read', async () => {
    const w = await world();
    w.server.route('/feed', { body: rss([FERRY], { title: 'Harbour News' }) });
    w.chats.ensure({ id: 1, type: 'private' });
    const { feed } = w.feeds.add(1, { url: w.feedUrl, title: 'Harbour News' });
    const sourcesFile = path.join(w.store.dir, 'sources.json');
    writeFileSync(sourcesFile, '[ { "name": "Broken", ');
    const config = loadConfig({ SOURCES_FILE: sourcesFile, DATABASE_PATH: w.store.file });
    const jobs = startIngestJobs(
      { config, articles: w.store.articles, log: silentLogger, clock: w.store.clock, chatFeeds: { store: w.feeds, fetch: guarded as GuardedFetch } },
      { runAtStart: false },
    );
    try {
      expect(await jobs.runNow()).toBeUndefined();
      expect(w.server.requestsTo('/feed')).toHaveLength(1);
      expect(w.feeds.overview().find((f) => f.id === feed.id)?.items).toBe(1);
    } finally {
      await jobs.stop();
    }
  });
});
