import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { type IngestJobDeps, startIngestJobs } from '../../src/schedule/ingest-job.js';
import { addEntry } from '../../src/sources/sources-file-edit.js';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.js';
import { tempStore } from '../helpers/temp-db.js';
import { rss } from '../ingest/fixtures.js';
import { type NewsSite, startNewsSite } from '../helpers/news-site.js';

let server: FeedServer;
let store: ReturnType<typeof tempStore>;
let logs: string[];
let waiters: { pattern: RegExp; resolve: (line: string) => void }[];

beforeEach(async () => {
  server = await startFeedServer();
  store = tempStore('2026-11-28T08:00:00Z');
  logs = [];
  waiters = [];
});
afterEach(async () => {
  await server.close();
  store.close();
});

/** Resolves with the first log line (already written or to come) matching `pattern`. */
function logLine(pattern: RegExp): Promise<string> {
  const found = logs.find((l) => pattern.test(l));
  if (found) return Promise.resolve(found);
  return new Promise((resolve) => waiters.push({ pattern, resolve }));
}

function deps(file: string): IngestJobDeps {
  return {
    config: {
      SOURCES_FILE: file,
      INGEST_SCHEDULE: '0 0 1 1 *',
      RETENTION_DAYS: 30,
      FETCH_TIMEOUT_MS: 15_000,
      FETCH_MAX_BYTES: 1_000_000,
      FETCH_MAX_REDIRECTS: 3,
      FETCH_CONCURRENCY: 2,
      PAGE_FETCH_DELAY_MS: 0,
    },
    articles: store.articles,
    clock: store.clock,
    log: createLogger('info', (line) => {
      logs.push(line);
      for (const w of waiters.filter((x) => x.pattern.test(line))) w.resolve(line);
    }),
  };
}

describe('SOURCES_FILE while the bot runs', () => {
  it('when an edit breaks the file, then the reason is logged as the edit is made, passes keep the last good list, and the fixed file is used at the next pass', async () => {
    server.route('/one', { body: rss([{ title: 'A story from the first source', link: 'https://one.example/1' }]) });
    server.route('/two', { body: rss([{ title: 'A story from the second source', link: 'https://two.example/1' }]) });
    const file = path.join(store.dir, 'sources.json');
    writeFileSync(file, JSON.stringify([{ name: 'One', url: server.url('/one') }]));
    const jobs = startIngestJobs(deps(file), { runAtStart: false });
    try {
      expect((await jobs.runNow())?.results.map((r) => r.source)).toEqual(['One']);

      writeFileSync(file, '[{ "name": "One", "url": "' + server.url('/one') + '" }, { "name": "Two", "url": ');
      const warning = await logLine(/sources file edit ignored/);
      expect(warning).toMatch(/warn sources file edit ignored: keeping the last good list .*"sources":1.*"reason":"sources file .*sources\.json is not valid JSON/);

      const during = await jobs.runNow();
      expect(during?.results.map((r) => r.source)).toEqual(['One']);
      expect(logs.filter((l) => /edit ignored/.test(l))).toHaveLength(1);

      // `sources add` refuses to build on a broken file.
      expect(() => addEntry(file, { name: 'Two', url: server.url('/two') })).toThrow(/not valid JSON .*fix it before editing it/);

      writeFileSync(file, JSON.stringify([{ name: 'One', url: server.url('/one') }]));
      addEntry(file, { name: 'Two', url: server.url('/two'), region: 'Latin America' });
      await logLine(/sources file read again \{.*"sources":2/);
      const after = await jobs.runNow();
      expect(after?.results.map((r) => r.source)).toEqual(['One', 'Two']);
      expect(store.articles.latest({ regions: ['americas'], limit: 5 }).map((a) => a.headline)).toEqual(['A story from the second source']);
    } finally {
      await jobs.stop();
    }
  });

  it('when the file is invalid from the start, then each pass fails with the reason until it is fixed', async () => {
    server.route('/one', { body: rss([{ title: 'A story from the first source', link: 'https://one.example/1' }]) });
    const file = path.join(store.dir, 'sources.json');
    writeFileSync(file, '[{ "name": "One" }]');
    const jobs = startIngestJobs(deps(file), { runAtStart: false });
    try {
      expect(await jobs.runNow()).toBeUndefined();
      expect(logs.some((l) => /error ingest pass failed .*entry 1 \(One\), url/.test(l))).toBe(true);
      writeFileSync(file, JSON.stringify([{ name: 'One', url: server.url('/one') }]));
      expect((await jobs.runNow())?.results.map((r) => r.source)).toEqual(['One']);
    } finally {
      await jobs.stop();
    }
  });
});

describe('stopping the bot during a page pass', () => {
  let portal: NewsSite;
  afterEach(async () => {
    await portal.close();
  });

  it('when the bot stops while page sources wait between two requests to their host, then the pass ends at once, leaving the sources not started for the next run', async () => {
    portal = await startNewsSite('portal');
    const file = path.join(store.dir, 'sources.json');
    writeFileSync(
      file,
      JSON.stringify([
        { name: 'Courier Asia', url: portal.url('/world/asia/'), type: 'page' },
        { name: 'Courier Europe', url: portal.url('/world/europe/'), type: 'page' },
        { name: 'Courier Members', url: portal.url('/members/asia/'), type: 'page' },
      ]),
    );
    const d = deps(file);
    // A minute between two requests to the host, one source at a time: the test would time out if stop waited.
    const jobs = startIngestJobs({ ...d, config: { ...d.config, PAGE_FETCH_DELAY_MS: 60_000, FETCH_CONCURRENCY: 1 } }, { runAtStart: false });
    const pass = jobs.runNow();
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (portal.requestsTo('/robots.txt').length > 0) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    await jobs.stop();
    const summary = await pass;
    // The first source reads its page and stops before any article; the others are not started.
    expect(summary?.results).toEqual([expect.objectContaining({ source: 'Courier Asia', kind: 'ingested', page: expect.objectContaining({ found: 5, taken: 0 }) })]);
    expect(portal.requests.map((r) => r.path)).toEqual(['/robots.txt', '/world/asia/']);
  });
});
