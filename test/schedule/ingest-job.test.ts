import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { type IngestJobDeps, runIngest, startIngestJobs } from '../../src/schedule/ingest-job.js';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.js';
import { tempStore } from '../helpers/temp-db.js';
import { rss } from '../ingest/fixtures.js';

let server: FeedServer;
let store: ReturnType<typeof tempStore>;
let logs: string[];

beforeEach(async () => {
  server = await startFeedServer();
  store = tempStore('2026-11-28T08:00:00Z');
  logs = [];
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
      FETCH_TIMEOUT_MS: 5000,
      FETCH_MAX_BYTES: 1_000_000,
      FETCH_MAX_REDIRECTS: 3,
      FETCH_CONCURRENCY: 2,
      ...overrides,
    },
    articles: store.articles,
    log: createLogger('info', (line) => logs.push(line)),
    clock: store.clock,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the ingest schedule', () => {
  it('when a pass takes longer than the interval, then ticks are skipped rather than overlapped, and stop waits for the pass', async () => {
    server.route('/slow', { kind: 'slow', delayMs: 1500, body: rss([{ title: 'A slow story arrives', link: 'https://slow.example/1' }]) });

    const jobs = startIngestJobs(deps(), { runAtStart: true });
    await sleep(2600);
    await jobs.stop();
    expect(server.inFlight()).toBe(0);

    expect(server.mostInFlight()).toBe(1);
    expect(server.requestsTo('/slow').length).toBeLessThanOrEqual(2);
    expect(store.articles.count()).toBe(1);
    expect(logs.some((l) => /ingest pass \{"sources":1,"attempted":1,"failed":0,"inserted":1/.test(l))).toBe(true);
    const requests = server.requestsTo('/slow').length;
    await sleep(1200);
    expect(server.requestsTo('/slow')).toHaveLength(requests); // stopped means stopped
  });

  it('when the daily prune runs, then articles older than RETENTION_DAYS are deleted and recent ones stay', async () => {
    const now = store.clock.now();
    store.articles.upsertMany([
      { source: 'Archive', url: 'https://a.example/old', headline: 'Old news from two months ago', lead: '', publishedAt: now - 60 * 86_400_000, regions: ['world'] },
      { source: 'Archive', url: 'https://a.example/new', headline: 'News from yesterday', lead: '', publishedAt: now - 86_400_000, regions: ['world'] },
    ]);
    const jobs = startIngestJobs(deps({ INGEST_SCHEDULE: '0 0 1 1 *' }), { runAtStart: false, pruneSchedule: '* * * * * *' });
    await sleep(1500);
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
