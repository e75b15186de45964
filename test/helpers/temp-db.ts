import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixedClock } from '../../src/clock.js';
import { createArticleStore } from '../../src/store/articles.js';
import { type Db, openDatabase } from '../../src/store/db.js';

/** A fresh directory under the OS temp dir, removed by the returned `cleanup`. */
export function tempDir(prefix = 'newsbot-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A real SQLite file in a temp dir, migrated, with an article store on a fixed clock. */
export function tempStore(start = '2026-11-28T08:00:00Z') {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'newsbot.sqlite');
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
