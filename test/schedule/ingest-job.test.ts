import { writeFileSync } from 'node:fs';
import path from 'node:path';
import cron from 'node-cron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { type IngestJobDeps, runIngest, startIngestJobs } from '../../src/schedule/ingest-job.js';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.js';
import { tempStore } from '../helpers/temp-db.js';
import { rss } from '../ingest/fixtures.js';

let server: FeedServer;
let store: ReturnType<typeof tempStore>;
let logs: string[];
let logWatchers: Set<() => void>;

beforeEach(async () => {
  server = await startFeedServer();
  store = tempStore('2026-11-28T08:00:00Z');
  logs = [];
  logWatchers = new Set();
});
afterEach(async () => {
  await server.close();
  store.close();
});

function deps(overrides: Partial<IngestJobDeps['config']> = {}): IngestJobDeps {
  const sourcesFile = path.join(store.dir, 'sources.json');
  writeFileSync(sourcesFile, JSON.stringify([{ name: 'Slow Wire', url: server.url('/slow') }]));
  return {
    config: {
      SOURCES_FILE: sourcesFile,
      INGEST_SCHEDULE: '* * * * * *',
      RETENTION_DAYS: 30,
      FETCH_TIMEOUT_MS: 15_000,
      FETCH_MAX_BYTES: 1_000_000,
      FETCH_MAX_REDIRECTS: 3,
      FETCH_CONCURRENCY: 2,
      ...overrides,
    },
    articles: store.articles,
    log: createLogger('info', (line) => {
      logs.push(line);
      for (const watcher of [...logWatchers]) watcher();
    }),
    clock: store.clock,
  };
}

/** Resolves when a log line matching `pattern` was written (already, or later): an event, not a pause. */
function logged(pattern: RegExp): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!logs.some((l) => pattern.test(l))) return;
      logWatchers.delete(check);
      resolve();
    };
    logWatchers.add(check);
    check();
  });
}

/** Resolves after `n` ticks of the cron schedule `expression`: when a job on that schedule would have run `n` times. */
function ticks(expression: string, n: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const task = cron.schedule(expression, () => {
      if (++seen < n) return;
      void task.destroy();
      resolve();
    }, { timezone: 'Etc/UTC' });
  });
}

/** A feed route that answers only when `release` is called; `arrived` resolves on its first request. */
function heldRoute(body: string) {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let arrive: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  let open = 0;
  let mostOpen = 0;
  server.route('/slow', {
    kind: 'handler',
    handle: (_req, res) => {
      open++;
      mostOpen = Math.max(mostOpen, open);
      arrive();
      void released.then(() => {
        open--;
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
      });
    },
  });
  return { release, arrived, mostOpen: () => mostOpen };
}

describe('the ingest schedule', () => {
  it('when a pass takes longer than the interval, then ticks are skipped rather than overlapped, and stop waits for the pass', async () => {
    const feed = heldRoute(rss([{ title: 'A slow story arrives', link: 'https://slow.example/1' }]));

    const jobs = startIngestJobs(deps(), { runAtStart: true });
    await feed.arrived;
    // The schedule ticks (every second) while the first pass waits for the feed: skipped, not overlapped.
    await logged(/ingest pass skipped: the previous one is still running/);
    expect(server.requestsTo('/slow')).toHaveLength(1);
    let stopped = false;
    const stopping = jobs.stop().then(() => (stopped = true));
    // However long this turn takes, the pass cannot end before the feed answers: stop waits for it.
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    feed.release();
    await stopping;

    expect(feed.mostOpen()).toBe(1);
    expect(server.requestsTo('/slow')).toHaveLength(1);
    expect(store.articles.count()).toBe(1);
    expect(logs.some((l) => /ingest pass \{"sources":1,"attempted":1,"failed":0,"inserted":1/.test(l))).toBe(true);
    // Stopped means stopped: two more ticks of its schedule come and go, and nothing is fetched.
    await ticks('* * * * * *', 2);
    expect(server.requestsTo('/slow')).toHaveLength(1);
  });

  it('when the daily prune runs, then articles older than RETENTION_DAYS are deleted and recent ones stay', async () => {
    const now = store.clock.now();
    store.articles.upsertMany([
      { source: 'Archive', url: 'https://a.example/old', headline: 'Old news from two months ago', lead: '', publishedAt: now - 60 * 86_400_000, regions: ['world'] },
      { source: 'Archive', url: 'https://a.example/new', headline: 'News from yesterday', lead: '', publishedAt: now - 86_400_000, regions: ['world'] },
    ]);
    const jobs = startIngestJobs(deps({ INGEST_SCHEDULE: '0 0 1 1 *' }), { runAtStart: false, pruneSchedule: '* * * * * *' });
    await logged(/retention prune/);
    await jobs.stop();
    expect(store.articles.latest({ limit: 10 }).map((a) => a.headline)).toEqual(['News from yesterday']);
    expect(logs.some((l) => /retention prune \{"removed":1,"olderThanDays":30\}/.test(l))).toBe(true);
  });

  it('when SOURCES_FILE changes between passes, then the next pass uses the new list', async () => {
    server.route('/slow', { body: rss([{ title: 'First source story', link: 'https://one.example/1' }]) });
    server.route('/two', { body: rss([{ title: 'Second source story', link: 'https://two.example/1' }]) });
    const d = deps();
    await runIngest(d);
    writeFileSync(d.config.SOURCES_FILE, JSON.stringify([{ name: 'Two', url: server.url('/two'), region: 'Latin America' }]));
    const summary = await runIngest(d);
    expect(summary.results.map((r) => r.source)).toEqual(['Two']);
    expect(store.articles.latest({ regions: ['americas'], limit: 5 }).map((a) => a.headline)).toEqual(['Second source story']);
  });
});
