import type { Db } from './db.js';

/**
 * A small cache of query answers that stays right while the database changes: every entry is
 * dropped as soon as anything was written, by this connection (SQLite's `total_changes()`) or by
 * another one, such as `newsbot ingest` running beside the bot (`PRAGMA data_version`). Both are
 * read per lookup, a few microseconds. For answers many people ask for between two writes (the
 * newest stories of a region); `capacity` bounds it, least recently used first out.
 */
export function createAnswerCache<T>(db: Db, capacity: number) {
  const changes = db.prepare<[], number>('SELECT total_changes()').pluck();
  const version = db.prepare<[], number>('PRAGMA data_version').pluck();
  const entries = new Map<string, T>();
  let stamp = '';

  return {
    /** The answer for `key`: the one computed since the last write, else `compute()`'s (kept). */
    get(key: string, compute: () => T): T {
      const now = `${changes.get()}:${version.get()}`;
      if (now !== stamp) {
        entries.clear();
        stamp = now;
      }
      const hit = entries.get(key);
      if (hit !== undefined) {
        // Most recently used last, so the oldest is the first the map yields.
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const value = compute();
      if (entries.size >= capacity) entries.delete(entries.keys().next().value as string);
      entries.set(key, value);
      return value;
    },
  };
}
