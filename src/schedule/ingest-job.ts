import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { FetchLike } from '../ingest/feeds/fetch-feed.js';
import { type IngestSummary, ingestSources } from '../ingest/ingest-sources.js';
import { loadSourcesFile } from '../ingest/sources-file.js';
import type { Logger } from '../log.js';
import type { ArticleStore } from '../store/articles.js';

export interface IngestJobDeps {
  config: Pick<
    Config,
    'SOURCES_FILE' | 'INGEST_SCHEDULE' | 'RETENTION_DAYS' | 'FETCH_TIMEOUT_MS' | 'FETCH_MAX_BYTES' | 'FETCH_MAX_REDIRECTS' | 'FETCH_CONCURRENCY'
  >;
  articles: ArticleStore;
  log: Logger;
  clock: Clock;
  fetch?: FetchLike;
}

export interface RunIngestOptions {
  /** Skip sources still backing off after failures. Default true (the schedule); the CLI passes false. */
  respectBackoff?: boolean;
  /** Only the sources with these names (case-insensitive). */
  only?: readonly string[];
}

/** The daily retention prune runs at this time (cron, UTC). */
export const PRUNE_SCHEDULE = '17 3 * * *';

/**
 * One ingest pass: reads SOURCES_FILE afresh (so edits apply without a restart), then fetches
 * and stores every source as {@link ingestSources} does. Throws only when SOURCES_FILE is
 * unreadable or invalid, or `only` names an unknown source.
 */
export async function runIngest(deps: IngestJobDeps, options: RunIngestOptions = {}): Promise<IngestSummary> {
  const { config } = deps;
  let sources = loadSourcesFile(config.SOURCES_FILE);
  if (options.only && options.only.length > 0) {
    const wanted = new Set(options.only.map((n) => n.toLowerCase()));
    const unknown = [...wanted].filter((n) => !sources.some((s) => s.name.toLowerCase() === n));
    if (unknown.length > 0) {
      throw new RangeError(`no source named ${unknown.map((n) => `'${n}'`).join(', ')} in ${config.SOURCES_FILE}; it lists: ${sources.map((s) => s.name).join(', ')}`);
    }
    sources = sources.filter((s) => wanted.has(s.name.toLowerCase()));
  }
  return ingestSources(sources, deps, {
    limits: { timeoutMs: config.FETCH_TIMEOUT_MS, maxBytes: config.FETCH_MAX_BYTES, maxRedirects: config.FETCH_MAX_REDIRECTS },
    concurrency: config.FETCH_CONCURRENCY,
    respectBackoff: options.respectBackoff ?? true,
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
 * starts at once. Errors are logged, never thrown into the timer.
 */
export function startIngestJobs(deps: IngestJobDeps, options: { runAtStart?: boolean; pruneSchedule?: string } = {}): IngestJobs {
  const { log } = deps;
  let running: Promise<IngestSummary | undefined> | undefined;

  const pass = (): Promise<IngestSummary | undefined> => {
    if (running) {
      log.info('ingest pass skipped: the previous one is still running');
      return running;
    }
    running = runIngest(deps, { respectBackoff: true })
      .then((summary) => {
        log.info('ingest pass', {
          sources: summary.results.length,
          attempted: summary.attempted,
          failed: summary.failed,
          inserted: summary.inserted,
          updated: summary.updated,
          ms: summary.ms,
        });
        return summary;
      })
      .catch((error: unknown) => {
        log.error('ingest pass failed', { error });
        return undefined;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const prune = () => {
    try {
      const removed = deps.articles.prune(deps.config.RETENTION_DAYS);
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
      await running;
    },
  };
}
