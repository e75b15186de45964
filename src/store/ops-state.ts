import type { Clock } from '../clock.js';
import type { Db } from './db.js';

/** Small named values of the running service (the generated webhook secret, the health probe). */
export function createOpsState(db: Db, clock: Clock) {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM ops_state WHERE key = ?');
  const set = db.prepare<[string, string, number]>(
    `INSERT INTO ops_state (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  const setIfMissing = db.prepare<[string, string, number]>(
    'INSERT INTO ops_state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO NOTHING',
  );
  return {
    get(key: string): string | undefined {
      return get.get(key)?.value;
    },
    set(key: string, value: string): void {
      set.run(key, value, clock.now());
    },
    /** The stored value of `key`; `make()` stored first when there is none (two processes agree on one). */
    getOrCreate(key: string, make: () => string): string {
      setIfMissing.run(key, make(), clock.now());
      return (get.get(key) as { value: string }).value;
    },
  };
}

export type OpsState = ReturnType<typeof createOpsState>;
