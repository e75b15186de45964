import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import { createLogger, type Logger } from './log.js';
import { createArticleStore, type ArticleStore } from './store/articles.js';
import { type Db, openDatabase } from './store/db.js';

/** What every command and the bot share: settings, the one database connection, the store, a log, a clock. */
export interface App {
  config: Config;
  db: Db;
  articles: ArticleStore;
  log: Logger;
  clock: Clock;
  close(): void;
}

export function createApp(config: Config, options: { clock?: Clock; log?: Logger } = {}): App {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const db = openDatabase(config.DATABASE_PATH);
  const articles = createArticleStore(db, clock);
  let closed = false;
  return {
    config,
    db,
    articles,
    log,
    clock,
    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
