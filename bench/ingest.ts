import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { articleFromItem, type FeedSource } from '../src/ingest/feeds/feed-items.js';
import { createFeedExtractor } from '../src/ingest/feeds/feed-pipeline.js';
import { parseFeedBody } from '../src/ingest/feeds/parse-feed.js';
import { silentLogger } from '../src/log.js';
import { runIngest } from '../src/schedule/ingest-job.js';
import type { BenchContext, Figures } from './context.js';
import { generateRss } from './data.js';
import { check, round } from './stats.js';

const CONTENT_TYPE = 'application/rss+xml; charset=utf-8';

/** The process's CPU time so far (user and system, all its threads), in seconds. */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/**
 * This thread's CPU time so far in seconds (Linux: /proc/thread-self/stat, in clock ticks of 10 ms),
 * or undefined elsewhere: with the feed extracted in a worker thread, the store's thread is the
 * pass's critical path on a machine with a core to spare.
 */
function threadCpuSeconds(): number | undefined {
  try {
    const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** Medians of three timed runs of `fn`, in seconds: wall clock and the process's CPU time. */
function medianSeconds(fn: () => void): { wall: number; cpu: number } {
  const runs = [0, 1, 2].map(() => {
    const t = performance.now();
    const c = cpuSeconds();
    fn();
    return { wall: (performance.now() - t) / 1000, cpu: cpuSeconds() - c };
  });
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[1] as number;
  return { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) };
}

/**
 * Scenario 1: a 10,000-item RSS feed (1,000 with --quick) served over HTTP on 127.0.0.1, ingested
 * end to end by the real ingest pass (`runIngest`: SOURCES_FILE, fetch, parse, extract, tag regions,
 * dedup, insert) into an empty store; beside the feed parser alone on the same bytes. A second
 * pass over the same feed (every item already stored: the dedup/update path) is reported too.
 */
export async function ingestScenario(ctx: BenchContext): Promise<Figures> {
  const count = ctx.quick ? 1_000 : 10_000;
  const bytes = Buffer.from(generateRss(count, 42, Date.parse('2026-11-28T06:00:00Z')), 'utf8');
  const server = createServer((req, res) => {
    if (req.url !== '/feed.xml') {
      res.writeHead(404).end();
      return;
    }
    // A connection per pass, as passes minutes apart get: a kept-alive one that the server times out
    // while the first pass still holds this thread was reset under the second pass's request.
    res.writeHead(200, { 'content-type': CONTENT_TYPE, 'content-length': bytes.length, connection: 'close' });
    res.end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
  const sourcesFile = path.join(ctx.workDir, 'ingest-sources.json');
  writeFileSync(sourcesFile, JSON.stringify([{ name: 'Bench Wire', url }]));
  const config = loadConfig({
    DATABASE_PATH: path.join(ctx.workDir, 'ingest.sqlite'),
    SOURCES_FILE: sourcesFile,
    // A 10,000-item feed with full bodies is ~37 MB: above the 10 MB default cap, which is the point.
    FETCH_MAX_BYTES: String(200_000_000),
    FETCH_TIMEOUT_MS: String(300_000),
    LOG_LEVEL: 'silent',
  });
  const app = createApp(config, { log: silentLogger });
  // As `newsbot ingest` runs a pass: the feed parsed and extracted in a worker thread (started with
  // the pass, here used by both) while the store writes it.
  const extractor = createFeedExtractor();
  try {
    const deps = { config, articles: app.articles, log: silentLogger, clock: app.clock };
    let t = performance.now();
    const c = cpuSeconds();
    const m = threadCpuSeconds();
    const first = await runIngest(deps, { respectBackoff: false, extractor });
    const firstSeconds = (performance.now() - t) / 1000;
    const firstCpuSeconds = cpuSeconds() - c;
    const mainThreadCpuSeconds = m === undefined ? undefined : (threadCpuSeconds() ?? m) - m;
    const failure = first.results.find((r) => r.kind === 'failed');
    check(!failure, `ingest failed: ${failure && 'error' in failure ? failure.error : ''}`);
    check(app.articles.count() === count, `store holds ${app.articles.count()} articles after ingesting ${count} items`);
    check(first.inserted === count, `ingest inserted ${first.inserted} of ${count}`);
    const sample = app.articles.latest({ limit: 50, distinctStories: false });
    check(sample.every((a) => a.headline.length >= 20 && a.lead.length > 50 && a.body.length > 500 && a.regions.length > 0), 'an ingested article lacks headline, lead, body or regions');
    check(!sample.some((a) => /utm_|<p>|Read more/.test(`${a.url} ${a.lead}`)), 'an ingested article kept tracking parameters or HTML');
    const tagged = sample.filter((a) => a.regions[0] !== 'world').length;

    t = performance.now();
    const second = await runIngest(deps, { respectBackoff: false, extractor });
    const secondSeconds = (performance.now() - t) / 1000;
    check(second.updated === count && app.articles.count() === count, `re-ingesting the same feed gave ${second.inserted} new, ${second.updated} updated`);

    const source: FeedSource = { name: 'Bench Wire', url, region: null };
    const parseSeconds = medianSeconds(() => {
      const feed = parseFeedBody(bytes, CONTENT_TYPE, url);
      check(feed.items.length === count, `parser found ${feed.items.length} of ${count} items`);
    });
    const extractSeconds = medianSeconds(() => {
      const now = Date.now();
      for (const item of parseFeedBody(bytes, CONTENT_TYPE, url).items) articleFromItem(item, source, now);
    });
    return {
      scenario: 'ingest',
      items: count,
      feedMb: round(bytes.length / 1e6),
      itemsPerSec: Math.round(count / firstSeconds),
      parserItemsPerSec: Math.round(count / parseSeconds.wall),
      parseAndExtractItemsPerSec: Math.round(count / extractSeconds.wall),
      reingestItemsPerSec: Math.round(count / secondSeconds),
      endToEndSeconds: round(firstSeconds),
      // CPU time (the process's, all threads) beside wall time: on a shared machine the wall figures
      // above also count the time other processes held the cores; these count only this one's work.
      itemsPerCpuSec: Math.round(count / firstCpuSeconds),
      parserItemsPerCpuSec: Math.round(count / parseSeconds.cpu),
      // The first pass per second of the main thread's CPU (the store's; the worker parses and
      // extracts beside it): what the pass would take with a core to itself (Linux only).
      ...(mainThreadCpuSeconds ? { itemsPerMainThreadCpuSec: Math.round(count / mainThreadCpuSeconds) } : {}),
      taggedShareOfSample: round(tagged / sample.length),
    };
  } finally {
    extractor.close();
    app.close();
    await new Promise((resolve) => server.close(resolve));
  }
}
