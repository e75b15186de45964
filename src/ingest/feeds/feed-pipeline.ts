import { existsSync } from 'node:fs';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { TextFlaw } from '../encoding/clean-text.js';
import type { ArticleInput } from '../../store/articles.js';
import { FeedError, type FeedErrorKind } from './feed-error.js';
import type { FeedSource } from './feed-items.js';
import type { FeedFormat } from './parse-feed.js';

/**
 * Feeds at least this large (bytes) are parsed and extracted in a worker thread when the caller
 * gives a {@link FeedExtractor}; a smaller one is parsed faster than it is handed over.
 */
export const WORKER_MIN_BYTES = 2_000_000;

/** Items per batch the worker posts: small enough that the writer starts early, large enough to be cheap to post. */
export const BATCH_ITEMS = 250;
/** Items the worker parses at a time (see parseFeedInChunks), so that the writer starts before the whole feed is parsed. */
export const CHUNK_ITEMS = 500;
/** Batches the worker may have posted and the writer not yet taken: the queue's bound, for memory. */
export const MAX_QUEUED_BATCHES = 4;
/** How long the writer waits for the worker's next message before giving up on it (ms). */
const STALL_MS = 120_000;

/** What the store needs of an item before its text is extracted: where it goes and what it was. */
export interface ItemKey {
  url: string | null;
  guid: string | null;
  fingerprint: string;
}

/** One batch of extracted items, in feed order, the unchanged ones left out. */
export interface ExtractedBatch {
  /** The articles, each with its item's fingerprint (null when its text needed repair). */
  articles: ArticleInput[];
  /** Each article's text flaws (see TextAudit), index for index. */
  flaws: TextFlaw[][];
  /** Items that gave no article (no title and no text). */
  skipped: number;
}

/**
 * Messages from the worker: `keys` for each chunk of items parsed (answered with a {@link Plan}),
 * `batch`es of the chunks planned, in feed order, then `done`; or `error` at any point.
 */
export type WorkerMessage =
  | { kind: 'keys'; format: FeedFormat; charsetWarning: string | null; keys: ItemKey[] }
  | ({ kind: 'batch' } & ExtractedBatch)
  | { kind: 'done' }
  | { kind: 'error'; feedError: { kind: FeedErrorKind; message: string } | null; message: string };

/** What the worker is given (workerData). */
export interface WorkerInput {
  port: MessagePort;
  /**
   * [0]: messages posted by the worker; [1]: batches taken by the writer; [2]: 1 once the writer
   * closed it; [3]: messages posted to the worker (jobs, plans). All only grow.
   */
  counters: Int32Array;
}

/** One feed for the worker. */
export interface Job {
  kind: 'job';
  body: Uint8Array;
  contentType: string | null;
  url: string;
  source: FeedSource;
  now: number;
  maxQueued: number;
}

/** The writer's answer to a chunk's `keys`: which of its items are unchanged (skipped), and how many items per batch from now on. */
export interface Plan {
  kind: 'plan';
  unchanged: boolean[];
  batchItems: number;
}

/** A feed being parsed and extracted in a worker thread; see {@link FeedExtractor.extract}. */
export interface WorkerFeed {
  format: FeedFormat;
  charsetWarning: string | null;
  /**
   * Yields the batches as the worker posts them, waiting for each (synchronously: meant to be
   * read inside a store transaction, which must not await); `plan` is asked, for each chunk of
   * items the worker parsed, in feed order, which of them to skip. Throws the worker's error
   * (a chunk may turn out malformed after earlier ones were yielded), or when it stops answering.
   */
  batches(plan: (keys: ItemKey[]) => Omit<Plan, 'kind'>): Generator<ExtractedBatch, void, void>;
  /** Ends the job: the next feed's may start. A worker stopped partway through a feed is replaced. */
  close(): void;
}

/** A worker thread extracting feeds one at a time; see {@link createFeedExtractor}. */
export interface FeedExtractor {
  /**
   * Hands a feed body to the worker, after the feeds handed before it are done (closed). Resolves
   * once its first chunk of items is parsed; rejects with the parser's {@link FeedError}
   * when the body is not a readable feed. {@link WorkerFeed.close} must be called in every case.
   * A body that is a whole ArrayBuffer of its own is moved to the worker: unreadable here afterwards.
   */
  extract(body: Uint8Array, contentType: string | null, url: string, source: FeedSource, now: number): Promise<WorkerFeed>;
  /** Stops the worker; it exits in the background. */
  close(): void;
}

/**
 * The worker's entry: its compiled file beside this one. Running from the TypeScript sources (the
 * bench, the tests), the compiled one in dist/ that `npm run bench` and the tests' setup build first,
 * as `newsbot ingest` runs it (a thread transpiling the sources itself would spend seconds on it).
 */
function workerEntry(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./feed-worker.js', import.meta.url);
  const built = new URL('../../../dist/ingest/feeds/feed-worker.js', import.meta.url);
  return existsSync(built) ? built : new URL('./feed-worker.ts', import.meta.url);
}

/** One worker thread and the writer's end of its port. */
interface Thread {
  worker: Worker;
  port: MessagePort;
  counters: Int32Array;
  exited: Promise<void>;
  /** Why it stopped, once it did. */
  gone: Error | undefined;
}

function startThread(): Thread {
  const { port1, port2 } = new MessageChannel();
  const counters = new Int32Array(new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT));
  const input: WorkerInput = { port: port2, counters };
  const entry = workerEntry();
  // Compiled code gets none of this process's loader flags (the bench's TypeScript hooks would
  // load the compiler into the thread: seconds of start-up); --cpu-prof and the like it keeps.
  const worker = new Worker(entry, { workerData: input, transferList: [port2], ...(entry.href.endsWith('.js') ? { execArgv: withoutLoaders(process.execArgv) } : {}) });
  // Never keeps the process up (it waits for jobs between feeds).
  worker.unref();
  const thread: Thread = { worker, port: port1, counters, exited: undefined as unknown as Promise<void>, gone: undefined };
  thread.exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      thread.gone ??= new Error('the feed worker stopped before it was done');
      resolve();
    }),
  );
  worker.on('error', (error) => {
    thread.gone = error;
  });
  return thread;
}

function stopThread(thread: Thread): void {
  Atomics.store(thread.counters, 2, 1);
  Atomics.notify(thread.counters, 1);
  Atomics.notify(thread.counters, 3);
  thread.port.close();
  // Not waited for: a thread's teardown (its heap) is no part of the pass.
  void thread.worker.terminate();
}

function postTo(thread: Thread, message: Job | Plan): void {
  // A body that is a whole buffer of its own (as a fetched one is) moves to the thread uncopied.
  const body = message.kind === 'job' ? message.body : undefined;
  const whole = body && body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && body.buffer instanceof ArrayBuffer;
  thread.port.postMessage(message, whole ? [body.buffer as ArrayBuffer] : []);
  Atomics.add(thread.counters, 3, 1);
  Atomics.notify(thread.counters, 3);
}

/** The worker's next message, waited for asynchronously (other sources' passes go on meanwhile). */
async function next(thread: Thread): Promise<WorkerMessage> {
  for (;;) {
    const seen = Atomics.load(thread.counters, 0);
    const got = receiveMessageOnPort(thread.port);
    if (got) return got.message as WorkerMessage;
    if (thread.gone) throw thread.gone;
    const wait = waitAsync(thread.counters, 0, seen, 1000);
    // Wakes for a message, or each second to look at the worker's exit.
    await Promise.race([wait.async ? wait.value : Promise.resolve(), thread.exited]);
  }
}

/** The same, blocking: for the store's transaction, which must not await. */
function nextNow(thread: Thread): WorkerMessage {
  let waited = 0;
  for (;;) {
    const seen = Atomics.load(thread.counters, 0);
    const got = receiveMessageOnPort(thread.port);
    if (got) return got.message as WorkerMessage;
    if (Atomics.wait(thread.counters, 0, seen, 1000) === 'timed-out' && (waited += 1000) >= STALL_MS) {
      throw new Error(`the feed worker sent nothing for ${STALL_MS / 1000} s`);
    }
  }
}

/**
 * Starts a worker thread that parses and extracts feed bodies (its own heap: a parsed feed never
 * enters this one), so that the caller can write one batch of a feed's articles while the next
 * is extracted. Started at once, so its start-up (loading the parser, compiling the region
 * gazetteer) overlaps the fetches. Feeds are taken one at a time, in the order handed over.
 */
export function createFeedExtractor(): FeedExtractor {
  let thread: Thread | undefined = startThread();
  let turn: Promise<void> = Promise.resolve();
  let closed = false;

  return {
    async extract(body, contentType, url, source, now) {
      const previous = turn;
      let done!: () => void;
      turn = new Promise<void>((resolve) => (done = resolve));
      await previous;
      if (closed) {
        done();
        throw new Error('the feed extractor is closed');
      }
      const current = (thread ??= startThread());
      let finished = false;
      let ended = false;
      const close = () => {
        if (ended) return;
        ended = true;
        // A job left partway (an error, the store failing) leaves the worker mid-feed: replaced.
        if (!finished) {
          stopThread(current);
          if (thread === current) thread = undefined;
        }
        done();
      };
      try {
        postTo(current, { kind: 'job', body, contentType, url, source: { name: source.name, url: source.url, region: source.region ?? null }, now, maxQueued: MAX_QUEUED_BATCHES });
        const first = await next(current);
        if (first.kind === 'error') {
          finished = true;
          throw errorOf(first);
        }
        if (first.kind !== 'keys') throw new Error(`the feed worker sent ${first.kind} before the items' keys`);
        return {
          format: first.format,
          charsetWarning: first.charsetWarning,
          *batches(plan) {
            postTo(current, { kind: 'plan', ...plan(first.keys) });
            for (;;) {
              const message = nextNow(current);
              if (message.kind === 'keys') {
                postTo(current, { kind: 'plan', ...plan(message.keys) });
                continue;
              }
              if (message.kind === 'done') {
                finished = true;
                return;
              }
              if (message.kind === 'error') {
                finished = true;
                throw errorOf(message);
              }
              Atomics.add(current.counters, 1, 1);
              Atomics.notify(current.counters, 1);
              yield message;
            }
          },
          close,
        };
      } catch (error: unknown) {
        close();
        throw error;
      }
    },
    close() {
      closed = true;
      if (thread) stopThread(thread);
      thread = undefined;
    },
  };
}

/** Node's flags without those that load code first (--import, --loader, --require): --cpu-prof and the like stay. */
function withoutLoaders(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (/^(?:--import|--loader|--experimental-loader|--require|-r)$/.test(arg)) i++;
    else if (!/^(?:--import|--loader|--experimental-loader|--require)=/.test(arg)) out.push(arg);
  }
  return out;
}

/** `Atomics.waitAsync` (Node 16+, ES2024: the project's lib is older). */
const waitAsync = (Atomics as unknown as {
  waitAsync(array: Int32Array, index: number, value: number, timeoutMs: number): { async: false; value: string } | { async: true; value: Promise<string> };
}).waitAsync;

function errorOf(message: Extract<WorkerMessage, { kind: 'error' }>): Error {
  return message.feedError ? new FeedError(message.feedError.kind, message.feedError.message) : new Error(`the feed worker failed: ${message.message}`);
}
