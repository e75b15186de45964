import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { createArticleStore } from '../../src/store/articles.js';
import { type Db, openDatabase } from '../../src/store/db.js';

/**
 * A fresh directory in this run's temp root (in memory where the machine allows, see
 * global-temp.ts), removed by the returned `cleanup`.
 */
export function tempDir(prefix = 'newsbot-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(inject('tempRoot'), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Puts an empty database with every migration applied at `file` (unless a file is there already):
 * a copy of the one the run migrated at its start, which opens as a new database does, schema and
 * migration records alike. For tests whose subject is not the migrations.
 */
export function newDatabaseFile(file: string): void {
  if (!existsSync(file)) copyFileSync(inject('migratedDatabase'), file);
}

/** A real SQLite file in a temp dir, migrated, with an article store on a fixed clock. */
export function tempStore(start = '2026-11-28T08:00:00Z') {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'newsbot.sqlite');
  newDatabaseFile(file);
  const db: Db = openDatabase(file);
  const clock = fixedClock(start);
  const articles = createArticleStore(db, clock);
  return {
    dir,
    file,
    db,
    clock,
    articles,
    close() {
      if (db.open) db.close();
      cleanup();
    },
  };
}
