import cron, { type ScheduledTask } from 'node-cron';
import { ingestChatFeeds } from '../chatfeeds/ingest.js';
import type { ChatFeedStore } from '../chatfeeds/store.js';
import type { Clock } from '../clock.js';
import { type Config, PAGE_DEFAULTS } from '../config.js';
import type { FeedExtractor } from '../ingest/feeds/feed-pipeline.js';
import { type FetchLike, fetchLimitsOf } from '../ingest/feeds/fetch-feed.js';
import { type IngestSummary, ingestSources } from '../ingest/ingest-sources.js';
import { isEnabled, loadSourcesFile, type SourceEntry } from '../ingest/sources-file.js';
import type { Logger } from '../log.js';
import { type SourcesWatch, watchSourcesFile } from '../sources/sources-watch.js';
import type { ArticleStore } from '../store/articles.js';

export interface IngestJobDeps {
  config: Pick<
    Config,
    'SOURCES_FILE' | 'INGEST_SCHEDULE' | 'RETENTION_DAYS' | 'FETCH_TIMEOUT_MS' | 'FETCH_MAX_BYTES' | 'FETCH_MAX_REDIRECTS' | 'FETCH_CONCURRENCY'
  > &
    Partial<Pick<Config, 'PAGE_FETCH_DELAY_MS' | 'PAGE_MAX_ARTICLES'>>;
  articles: ArticleStore;
  log: Logger;
  clock: Clock;
  fetch?: FetchLike;
  /** The running bot's watched SOURCES_FILE (keeps the last good list); without it the file is read afresh. */
  sources?: SourcesWatch;
  /** Stops a pass in progress (between article pages of page sources) when the bot stops. */
  signal?: AbortSignal;
  /** Told of each scheduled pass's summary (the metrics, the alerts). */
  onPass?: (summary: IngestSummary) => void;
  /**
   * Chats' own feeds (/addfeed), read in every pass after the listed sources, with the guarded
   * fetch; left out when ALLOW_CHAT_FEEDS=false.
   */
  chatFeeds?: { store: ChatFeedStore; fetch: FetchLike };
}

export interface RunIngestOptions {
  /** Skip sources still backing off after failures. Default true (the schedule); the CLI passes false. */
  respectBackoff?: boolean;
  /** Only the sources with these names (case-insensitive). */
  only?: readonly string[];
  /** A worker thread to parse and extract large feeds in while they are written (see IngestOptions); none by default. */
  extractor?: FeedExtractor;
}

/** The daily retention prune runs at this time (cron, UTC). */
export const PRUNE_SCHEDULE = '17 3 * * *';

/**
 * One ingest pass over the enabled sources of SOURCES_FILE (the watched list when given, which
 * keeps the last good list through a broken edit; else the file read afresh, so edits apply
 * without a restart), fetched and stored as {@link ingestSources} does. `only` may name disabled
 * sources: asked for by name, they are fetched. Throws only when SOURCES_FILE is unreadable or
 * invalid (and no good list is in hand), or `only` names an unknown source.
 */
export async function runIngest(deps: IngestJobDeps, options: RunIngestOptions = {}): Promise<IngestSummary> {
  const { config } = deps;
  const listed: SourceEntry[] = deps.sources ? deps.sources.current() : loadSourcesFile(config.SOURCES_FILE);
  let sources = listed.filter(isEnabled);
  if (options.only && options.only.length > 0) {
    const wanted = new Set(options.only.map((n) => n.toLowerCase()));
    const unknown = [...wanted].filter((n) => !listed.some((s) => s.name.toLowerCase() === n));
    if (unknown.length > 0) {
      throw new RangeError(`no source named ${unknown.map((n) => `'${n}'`).join(', ')} in ${config.SOURCES_FILE}; it lists: ${listed.map((s) => s.name).join(', ')}`);
    }
    sources = listed.filter((s) => wanted.has(s.name.toLowerCase()));
  }
  return ingestSources(sources, deps, {
    limits: fetchLimitsOf(config),
    concurrency: config.FETCH_CONCURRENCY,
    respectBackoff: options.respectBackoff ?? true,
    ...(options.extractor ? { extractor: options.extractor } : {}),
    pages: {
      delayMs: config.PAGE_FETCH_DELAY_MS ?? PAGE_DEFAULTS.PAGE_FETCH_DELAY_MS,
      maxArticles: config.PAGE_MAX_ARTICLES ?? PAGE_DEFAULTS.PAGE_MAX_ARTICLES,
    },
  });
}

export interface IngestJobs {
  /** Runs an ingest pass now, unless one is running (then waits for that one and returns its summary). */
  runNow(): Promise<IngestSummary | undefined>;
  /** Stops both schedules and waits for a pass in progress to finish, so nothing is left half-written. */
  stop(): Promise<void>;
}

/**
 * Starts the ingest schedule (INGEST_SCHEDULE, UTC; a tick that comes while a pass is still
 * running is skipped, never overlapped) and a daily retention prune ({@link PRUNE_SCHEDULE},
 * deleting articles older than RETENTION_DAYS). With `runAtStart` (default true) a first pass
 * starts at once. SOURCES_FILE is watched: each pass takes the list as it is then, and a broken
 * edit is logged when made and leaves the last good list in use. Errors are logged, never thrown
 * into the timer. `stop` ends page sources' passes between two article pages.
 */
export function startIngestJobs(deps: IngestJobDeps, options: { runAtStart?: boolean; pruneSchedule?: string } = {}): IngestJobs {
  const { log } = deps;
  let running: Promise<IngestSummary | undefined> | undefined;
  const stopping = new AbortController();
  let sources: SourcesWatch | undefined = deps.sources;
  const passDeps = (): IngestJobDeps => {
    // The first valid read starts the watch; until then each pass reports the file's problem.
    sources ??= startWatch();
    return { ...deps, sources, signal: stopping.signal };
  };
  const startWatch = (): SourcesWatch => {
    const watch = watchSourcesFile(deps.config.SOURCES_FILE, log);
    try {
      watch.current();
      return watch;
    } catch (error: unknown) {
      watch.close();
      throw error;
    }
  };

  const pass = (): Promise<IngestSummary | undefined> => {
    if (running) {
      log.info('ingest pass skipped: the previous one is still running');
      return running;
    }
    running = Promise.resolve()
      .then(() => runIngest(passDeps(), { respectBackoff: true }))
      .then((summary) => {
        log.info('ingest pass', {
          sources: summary.results.length,
          attempted: summary.attempted,
          failed: summary.failed,
          inserted: summary.inserted,
          updated: summary.updated,
          ms: summary.ms,
        });
        deps.onPass?.(summary);
        return summary;
      })
      .catch((error: unknown) => {
        log.error('ingest pass failed', { error });
        return undefined;
      })
      // Chats' own feeds are read even when SOURCES_FILE could not be (they do not depend on it).
      .then(async (summary) => {
        await readChatFeeds();
        return summary;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const readChatFeeds = async (): Promise<void> => {
    if (!deps.chatFeeds) return;
    const { config } = deps;
    try {
      const feeds = await ingestChatFeeds(
        { ...deps.chatFeeds, clock: deps.clock, log, signal: stopping.signal },
        {
          limits: fetchLimitsOf(config),
          concurrency: config.FETCH_CONCURRENCY,
          respectBackoff: true,
        },
      );
      if (feeds.feeds > 0) log.info('chat feeds pass', { ...feeds });
    } catch (error: unknown) {
      log.error('chat feeds pass failed', { error });
    }
  };

  const prune = () => {
    try {
      const removed = deps.articles.prune(deps.config.RETENTION_DAYS) + (deps.chatFeeds?.store.prune(deps.config.RETENTION_DAYS) ?? 0);
      log.info('retention prune', { removed, olderThanDays: deps.config.RETENTION_DAYS });
    } catch (error: unknown) {
      log.error('retention prune failed', { error });
    }
  };

  const tasks: ScheduledTask[] = [
    cron.schedule(deps.config.INGEST_SCHEDULE, () => pass(), { name: 'ingest', timezone: 'Etc/UTC', noOverlap: true }),
    cron.schedule(options.pruneSchedule ?? PRUNE_SCHEDULE, prune, { name: 'retention-prune', timezone: 'Etc/UTC', noOverlap: true }),
  ];
  if (options.runAtStart !== false) void pass();

  return {
    runNow: pass,
    async stop() {
      await Promise.all(tasks.map(async (task) => task.destroy()));
      stopping.abort();
      await running;
      if (sources !== deps.sources) sources?.close();
    },
  };
}
