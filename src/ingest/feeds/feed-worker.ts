// A worker thread's entry (see feed-pipeline.ts): takes feeds one at a time; for each, parses the
// body a chunk of items at a time, posts each chunk's keys, and extracts the items the writer did
// not skip, posting them in batches, at most `maxQueued` ahead of the writer.
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import { gazetteer } from '../../regions/gazetteer.js';
import { TextAudit, type TextFlaw } from '../encoding/clean-text.js';
import { isFeedError } from './feed-error.js';
import { parseFeedInChunks } from './feed-chunks.js';
import { articleFromItem, itemFingerprint } from './feed-items.js';
import { CHUNK_ITEMS, type ExtractedBatch, type Job, type Plan, type WorkerInput, type WorkerMessage } from './feed-pipeline.js';
import type { FeedItem } from './parse-feed.js';

const { port, counters } = workerData as WorkerInput;
/** Batches posted so far (the writer counts those it took in counters[1]). */
let posted = 0;

class Stopped extends Error {}

function post(message: WorkerMessage): void {
  port.postMessage(message);
  Atomics.add(counters, 0, 1);
  Atomics.notify(counters, 0);
}

/** The writer's next message if one came, without waiting. */
function tryReceive<T extends Job | Plan>(): T | undefined {
  return receiveMessageOnPort(port)?.message as T | undefined;
}

/** The writer's next message, waited for; throws {@link Stopped} once the writer closed the worker. */
function receive<T extends Job | Plan>(): T {
  for (;;) {
    const seen = Atomics.load(counters, 3);
    const got = receiveMessageOnPort(port);
    if (got) return got.message as T;
    if (Atomics.load(counters, 2) === 1) throw new Stopped();
    Atomics.wait(counters, 3, seen, 1000);
  }
}

/** A chunk of items parsed, waiting for the writer's plan. */
interface Parsed {
  items: FeedItem[];
  fingerprints: string[];
}

function run(job: Job): void {
  const { source, now } = job;
  const { charsetWarning, chunks } = parseFeedInChunks(job.body, job.contentType, job.url, CHUNK_ITEMS);
  let batch: ExtractedBatch = { articles: [], flaws: [], skipped: 0 };
  let batchItems = Number.MAX_SAFE_INTEGER;
  const flush = () => {
    // Bounded queue: wait while the writer has `maxQueued` batches it has not taken yet.
    for (;;) {
      if (Atomics.load(counters, 2) === 1) throw new Stopped();
      const taken = Atomics.load(counters, 1);
      if (posted - taken < job.maxQueued) break;
      Atomics.wait(counters, 1, taken, 1000);
    }
    post({ kind: 'batch', ...batch });
    posted++;
    batch = { articles: [], flaws: [], skipped: 0 };
  };
  const extract = (chunk: Parsed, plan: Plan) => {
    batchItems = plan.batchItems;
    chunk.items.forEach((item, i) => {
      if (plan.unchanged[i]) return;
      const audit = new TextAudit();
      const article = articleFromItem(item, source, now, audit);
      if (article) {
        // An item whose text needed repair keeps no fingerprint, so it is never skipped (see ingest-sources.ts).
        batch.articles.push({ ...article, fingerprint: audit.flawed === 0 ? (chunk.fingerprints[i] ?? null) : null });
        batch.flaws.push([...audit.counts.keys()] as TextFlaw[]);
      } else batch.skipped++;
      if (batch.articles.length + batch.skipped >= batchItems) flush();
    });
  };
  // Parsed chunks whose plans have not come, oldest first: at most two, parsed while the writer
  // plans and writes the ones before.
  const waiting: Parsed[] = [];
  let parsedAll = false;
  for (;;) {
    for (let plan = tryReceive<Plan>(); plan; plan = tryReceive<Plan>()) extract(waiting.shift() as Parsed, plan);
    if (!parsedAll && waiting.length < 2) {
      const next = chunks.next();
      if (next.done) parsedAll = true;
      else {
        const { format, items } = next.value;
        const fingerprints = items.map((item) => itemFingerprint(item, source, now));
        post({ kind: 'keys', format, charsetWarning, keys: items.map((item, i) => ({ url: item.url, guid: item.guid, fingerprint: fingerprints[i] as string })) });
        waiting.push({ items, fingerprints });
      }
      continue;
    }
    if (waiting.length === 0) break;
    extract(waiting.shift() as Parsed, receive<Plan>());
  }
  if (batch.articles.length + batch.skipped > 0) flush();
  post({ kind: 'done' });
}

try {
  // Compiled while the first feed is fetched, not when its first item is tagged.
  gazetteer();
  for (;;) {
    const job = receive<Job>();
    try {
      run(job);
    } catch (error: unknown) {
      if (error instanceof Stopped) throw error;
      // The feed's failure (not a feed, malformed...): told to the writer; the next feed is taken.
      post({
        kind: 'error',
        feedError: isFeedError(error) ? { kind: error.kind, message: error.message } : null,
        message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
    }
  }
} catch (error: unknown) {
  if (!(error instanceof Stopped)) throw error;
} finally {
  port.close();
}
