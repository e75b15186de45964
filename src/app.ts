import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import type { SendWaits } from './delivery/send-queue.js';
import { createLogger, type Logger } from './log.js';
import { createRedactor } from './redact.js';
import { createArticleStore, type ArticleStore } from './store/articles.js';
import { type Db, openDatabase } from './store/db.js';
import type { IntegrityCheck } from './store/integrity.js';

/** What every command and the bot share: settings, the one database connection, the store, a log, a clock. */
export interface App {
  config: Config;
  db: Db;
  articles: ArticleStore;
  log: Logger;
  clock: Clock;
  /** The send queue's per-chat gap and retry back-off when not Telegram's (see `SendWaits`); empty: Telegram's. */
  sendWaits: SendWaits;
  close(): void;
}

/**
 * Opens DATABASE_PATH (migrated; checked for damage first when `check` says how) and builds what
 * the commands share. Throws a DatabaseError naming DATABASE_PATH when the file cannot be used.
 */
export function createApp(config: Config, options: { clock?: Clock; log?: Logger; check?: IntegrityCheck; sendWaits?: SendWaits } = {}): App {
  const clock = options.clock ?? systemClock;
  // No log line carries the bot token, whatever put it there (an echoed URL, a stack trace).
  const redactor = createRedactor([config.BOT_TOKEN, config.WEBHOOK_SECRET]);
  const log = options.log ?? createLogger(config.LOG_LEVEL, (line) => process.stderr.write(`${redactor.text(line)}\n`), config.LOG_FORMAT);
  const db = openDatabase(config.DATABASE_PATH, {
    name: `DATABASE_PATH=${config.DATABASE_PATH}`,
    ...(options.check ? { check: options.check } : {}),
  });
  const articles = createArticleStore(db, clock);
  let closed = false;
  return {
    config,
    db,
    articles,
    log,
    clock,
    sendWaits: options.sendWaits ?? {},
    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
