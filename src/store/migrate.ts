import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from './db.js';

export interface MigrationResult {
  applied: string[];
  total: number;
}

/**
 * A migration recorded in the database that this release does not have: the file was written by a
 * newer newsbot (or another branch of it), and this code does not know its schema.
 */
export class UnknownMigrationError extends Error {
  override readonly name = 'UnknownMigrationError';
  constructor(readonly migrations: readonly string[]) {
    super(
      `the database was written by a newer newsbot: it records migration${migrations.length > 1 ? 's' : ''} ${migrations.join(', ')}, ` +
        'which this version does not know. Upgrade newsbot to the release that wrote it (or restore a backup made before that upgrade).',
    );
  }
}

/**
 * Applies every `NNNN_name.sql` in `dir` not yet recorded in `schema_migrations`, in numeric order,
 * each inside its own transaction. Safe to call on every start. Throws {@link UnknownMigrationError},
 * before applying anything, when the database records a migration that is not in `dir` (by number
 * and name): running older code on a newer schema would write rows the newer code misreads.
 */
export function migrate(db: Db, dir: string): MigrationResult {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const files = readdirSync(dir)
    .filter((f) => /^\d+_.+\.sql$/.test(f))
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
  const recorded = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number; name: string }[];
  const known = new Set(files);
  const unknown = recorded.filter((r) => !known.has(r.name)).map((r) => r.name);
  if (unknown.length > 0) throw new UnknownMigrationError(unknown);
  const done = new Set(recorded.map((r) => r.version));
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
