import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { DatabaseError } from './database-error.js';
import { damageIn, type IntegrityCheck } from './integrity.js';
import { migrate, UnknownMigrationError } from './migrate.js';

export { migrate, type MigrationResult } from './migrate.js';

export type Db = Database.Database;

/** `migrations/` at the package root; the same depth from `src/store` and `dist/store`. */
export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

export interface OpenOptions {
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  migrationsDir?: string;
  /**
   * Check the file for damage before anything else (default: no check): a damaged file stops the
   * caller here instead of failing at some later query. Either check reads the whole file, so it
   * is for `start` and `migrate`, not for every command.
   */
  check?: IntegrityCheck;
  /** How the file is named in error messages, e.g. `DATABASE_PATH=./data/newsbot.sqlite` (default: the path). */
  name?: string;
}

/**
 * Pages (4 KB) the write-ahead log may hold before a commit copies them back into the file: about
 * 40 MB, where SQLite's default is 1,000 (4 MB). With synchronous = NORMAL a commit does not sync;
 * a checkpoint syncs the log and the file. The catch-up pass over a million chats writes a record
 * per chat in batches of 500, whose index entries fall on pages all over the indexes: each batch
 * filled more than 4 MB of log, so every batch ended in a checkpoint and two syncs, and a page
 * changed by many batches was copied back each time. A larger log copies each page back once per
 * 40 MB and syncs ten times less (300,000 records into the million-chat store: 40.8 -> 17.5 s wall,
 * 12.4 -> 9.3 s of CPU). The log file keeps its largest size on disk until the database is closed.
 */
const WAL_CHECKPOINT_PAGES = 10_000;

/**
 * Opens (creating if needed, with its directory) the SQLite database at `file`, in WAL mode with
 * foreign keys on, and applies pending migrations. One connection per process. Every failure is a
 * {@link DatabaseError} whose message names the file, what is wrong and what to do: a path that
 * cannot be created or written, a directory, a file that is not SQLite, a damaged file (when
 * SQLite notices, and on every page with `check`), a schema from a newer release.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const name = options.name ?? file;
  if (file !== ':memory:' && existsSync(file) && statSync(file).isDirectory()) {
    throw new DatabaseError(`${name}: is a directory, not a database file; give a file in it, such as ${path.join(file, 'newsbot.sqlite')}`, file);
  }
  ensureDatabaseDir(file, name);
  let db: Db | undefined;
  try {
    db = new Database(file);
    // Two processes on one file (the bot and a CLI command) wait for each other instead of failing.
    db.pragma('busy_timeout = 5000');
    // Damage is looked for before WAL mode or a migration writes to the file.
    const damage = options.check ? damageIn(db, options.check) : undefined;
    if (damage) throw new DatabaseError(damaged(name, damage), file);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
    if (options.migrate !== false) migrate(db, options.migrationsDir ?? MIGRATIONS_DIR);
    return db;
  } catch (error: unknown) {
    if (db?.open) db.close();
    throw openFailure(error, file, name);
  }
}

/** Makes sure the database file's directory exists (not needed for ':memory:'). */
function ensureDatabaseDir(file: string, name: string): void {
  if (file === ':memory:') return;
  const dir = path.dirname(path.resolve(file));
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error: unknown) {
    throw new DatabaseError(`${name}: cannot create its directory ${dir} (${(error as Error).message}); set it to a file in a directory newsbot may write`, file, { cause: error });
  }
}

const RESTORE = 'stop newsbot and restore the file from a backup (or move it aside to start with an empty database)';

function damaged(name: string, detail: string): string {
  return `${name}: the database file is damaged (${detail}); ${RESTORE}`;
}

/** The {@link DatabaseError} for whatever went wrong while opening, with the cause diagnosed where SQLite's own words are vague. */
function openFailure(error: unknown, file: string, name: string): DatabaseError {
  if (error instanceof DatabaseError) return error;
  if (error instanceof UnknownMigrationError) return new DatabaseError(`${name}: ${error.message}`, file, { cause: error });
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const say = (text: string) => new DatabaseError(`${name}: ${text}`, file, { cause: error });
  if (typeof code !== 'string') return say(message);
  if (code === 'SQLITE_NOTADB') return say(`is not a SQLite database (${message}); point DATABASE_PATH at newsbot's database, or ${RESTORE}`);
  if (code.startsWith('SQLITE_CORRUPT')) return new DatabaseError(damaged(name, message), file, { cause: error });
  if (code.startsWith('SQLITE_CANTOPEN')) return say(`cannot open the database file (${message}): ${whyNotOpen(file)}`);
  if (code.startsWith('SQLITE_READONLY')) {
    const base = path.basename(file);
    return say(
      `cannot write the database (${message}): newsbot writes the file and creates ${base}-wal and ${base}-shm beside it, ` +
        `so this user needs write permission on the file and on ${path.dirname(path.resolve(file))}`,
    );
  }
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR')) return say(`cannot write the database file (${message}): check the disk has space and works`);
  if (code.startsWith('SQLITE_BUSY')) return say(`the database stayed locked by another process for 5 s (${message})`);
  return say(message);
}

/** A guess at why SQLite could not open `file`, from what the file system says. */
function whyNotOpen(file: string): string {
  const dir = path.dirname(path.resolve(file));
  const can = (target: string, mode: number) => {
    try {
      accessSync(target, mode);
      return true;
    } catch {
      return false;
    }
  };
  if (existsSync(file) && !can(file, constants.R_OK | constants.W_OK)) return 'this user may not read and write the file';
  if (!can(dir, constants.W_OK)) return `this user may not create files in ${dir}`;
  return `newsbot must be able to create and write it, and files beside it, in ${dir}`;
}
