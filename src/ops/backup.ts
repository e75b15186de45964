import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from '../store/db.js';

/** What a finished backup says. */
export interface BackupReport {
  file: string;
  bytes: number;
  pages: number;
  /** `PRAGMA quick_check` on the copy: 'ok'. */
  check: string;
}

/** The backup could not be made or did not check out; the message says which and why. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

/**
 * Copies the open database `db` to `file` with SQLite's online backup API: a consistent snapshot
 * while the bot keeps reading and writing (the copy restarts on its own when a write lands
 * mid-way). The copy goes to `<file>.partial` first and is checked with `PRAGMA quick_check`; only
 * a copy that checks out replaces `file` (an older backup there is kept until then).
 */
export async function backupDatabase(db: Db, file: string): Promise<BackupReport> {
  const target = path.resolve(file);
  if (existsSync(target) && statSync(target).isDirectory()) throw new BackupError(`${file}: is a directory; give a file name, such as ${path.join(file, 'newsbot-backup.sqlite')}`);
  if (path.resolve(db.name) === target) throw new BackupError(`${file}: is the database itself; give another file`);
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  let pages = 0;
  try {
    const result = await db.backup(partial);
    pages = result.totalPages;
  } catch (error: unknown) {
    rmSync(partial, { force: true });
    throw new BackupError(`${file}: could not write the backup (${(error as Error).message}); check the directory exists, this user may write there and the disk has space`, { cause: error });
  }
  let check: string;
  const copy = new Database(partial, { fileMustExist: true });
  try {
    // One self-contained file (no -wal beside it) to copy off the machine; newsbot turns WAL on again when it opens a restored copy.
    copy.pragma('journal_mode = DELETE');
    const rows = copy.pragma('quick_check') as { quick_check: string }[];
    check = rows.map((r) => r.quick_check).join('; ');
  } finally {
    copy.close();
  }
  if (check !== 'ok') {
    rmSync(partial, { force: true });
    throw new BackupError(`${file}: the copy failed its check (quick_check: ${check}); the database itself may be damaged: run newsbot migrate`);
  }
  renameSync(partial, target);
  return { file: target, bytes: statSync(target).size, pages, check };
}
