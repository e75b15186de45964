import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { ensureDatabaseDir } from '../config.js';

export type Db = Database.Database;

/** `migrations/` at the package root; the same depth from `src/store` and `dist/store`. */
export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

export interface OpenOptions {
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  migrationsDir?: string;
}

/**
 * Opens (creating if needed) the SQLite database at `file`, in WAL mode with foreign keys on, and
 * applies pending migrations. One connection per process.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  ensureDatabaseDir(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  // Two processes on one file (the bot and a CLI command) wait for each other instead of failing.
  db.pragma('busy_timeout = 5000');
  if (options.migrate !== false) migrate(db, options.migrationsDir);
  return db;
}

export interface MigrationResult {
  applied: string[];
  total: number;
}

/**
 * Applies every `NNNN_name.sql` in `dir` not yet recorded in `schema_migrations`, in numeric order,
 * each inside its own transaction. Safe to call on every start.
 */
export function migrate(db: Db, dir: string = MIGRATIONS_DIR): MigrationResult {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const files = readdirSync(dir)
    .filter((f) => /^\d+_.+\.sql$/.test(f))
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
  const done = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: string[] = [];
  for (const file of files) {
    const version = Number.parseInt(file, 10);
    if (done.has(version)) continue;
    const sql = readFileSync(path.join(dir, file), 'utf8');
    // BEGIN IMMEDIATE: a second process migrating at the same moment waits, then sees the record.
    db.transaction(() => {
      const again = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(version);
      if (again) return;
      db.exec(sql);
      record.run(version, file, Date.now());
      applied.push(file);
    }).immediate();
  }
  return { applied, total: files.length };
}
