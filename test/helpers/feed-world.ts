import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { silentLogger } from '../../src/log.js';
import type { Article } from '../../src/store/articles.js';
import { type FeedServer, startFeedServer } from './feed-server.js';
import { runNewsbot } from './newsbot-in-process.js';
import { tempDir, tempStore } from './temp-db.js';

type TempStore = ReturnType<typeof tempStore>;

function current<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} exists only inside a test (beforeEach starts it)`);
  return value;
}

/**
 * For each test of the file: a local feed server and a fresh migrated article store on a fixed
 * clock at `now`, both closed after the test. What ingestion tests read back: every stored article
 * (`all`) and the dependencies `ingestSources` takes (`deps`).
 */
export function useFeedStore(now?: string) {
  let server: FeedServer | undefined;
  let store: TempStore | undefined;
  beforeEach(async () => {
    server = await startFeedServer();
    store = tempStore(now);
  });
  afterEach(async () => {
    await server?.close();
    store?.close();
  });
  const world = {
    get server(): FeedServer {
      return current(server, 'the feed server');
    },
    get store(): TempStore {
      return current(store, 'the store');
    },
    deps: () => ({ articles: world.store.articles, log: silentLogger, clock: world.store.clock }),
    all: (): Article[] => world.store.articles.latest({ limit: 1000, distinctStories: false }),
  };
  return world;
}

/**
 * For each test of the file: a local feed server and a temp directory, and `newsbot ...args` run
 * in-process with its database (`databasePath`) and sources file (`sourcesFile`) in that directory.
 */
export function useFeedCli(options: { databasePath?: (dir: string) => string } = {}) {
  let server: FeedServer | undefined;
  let tmp: ReturnType<typeof tempDir> | undefined;
  beforeEach(async () => {
    server = await startFeedServer();
    tmp = tempDir();
  });
  afterEach(async () => {
    await server?.close();
    tmp?.cleanup();
  });
  const world = {
    get server(): FeedServer {
      return current(server, 'the feed server');
    },
    get dir(): string {
      return current(tmp, 'the temp directory').dir;
    },
    get databasePath(): string {
      return options.databasePath ? options.databasePath(world.dir) : path.join(world.dir, 'newsbot.sqlite');
    },
    get sourcesFile(): string {
      return path.join(world.dir, 'sources.json');
    },
    /** Writes `list` as the sources file `newsbot` reads. */
    writeSources(list: unknown): void {
      writeFileSync(world.sourcesFile, JSON.stringify(list));
    },
    /** Runs `newsbot ...args` in-process against this test's database and sources file; never throws on exit codes. */
    newsbot: (...args: string[]) =>
      runNewsbot(args, { env: { DATABASE_PATH: world.databasePath, SOURCES_FILE: world.sourcesFile, LOG_LEVEL: 'silent' } }),
  };
  return world;
}
