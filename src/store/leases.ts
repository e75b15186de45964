import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Db } from './db.js';

/** A lease as stored: who holds it and until when (ms). */
export interface Lease {
  name: string;
  holder: string;
  expiresAt: number;
}

/** This process's holder id: host, pid and a random tag, e.g. "box:4242:1f3a9c". */
export function localHolderId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * True when `holder` names a process on this host that no longer runs, so its lease can be taken
 * at once instead of waiting for it to expire (a restart after a crash). Holders on other hosts,
 * or in another format, are never presumed gone.
 */
export function holderIsGone(holder: string): boolean {
  const [host, pidText] = holder.split(':');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error: unknown) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Named leases so that only one process at a time does a job (sending digests). Acquiring runs in
 * a BEGIN IMMEDIATE transaction: two processes racing for a free lease are serialised by SQLite's
 * write lock and exactly one wins.
 */
export function createLeaseStore(db: Db, clock: Clock, options: { isGone?: (holder: string) => boolean } = {}) {
  const isGone = options.isGone ?? holderIsGone;
  const get = db.prepare<[string], Lease>('SELECT name, holder, expires_at AS expiresAt FROM leases WHERE name = ?');
  const upsert = db.prepare<[string, string, number]>(
    `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at`,
  );
  const extend = db.prepare<[number, string, string, number]>(
    'UPDATE leases SET expires_at = ? WHERE name = ? AND holder = ? AND expires_at > ?',
  );
  const drop = db.prepare<[string, string]>('DELETE FROM leases WHERE name = ? AND holder = ?');

  const acquireTx = db.transaction((name: string, holder: string, ttlMs: number): boolean => {
    const now = clock.now();
    const current = get.get(name);
    if (current && current.holder !== holder && current.expiresAt > now && !isGone(current.holder)) return false;
    upsert.run(name, holder, now + ttlMs);
    return true;
  });

  return {
    /** Takes the lease for `ttlMs` if it is free, expired, ours, or held by a dead local process. */
    acquire(name: string, holder: string, ttlMs: number): boolean {
      return acquireTx.immediate(name, holder, ttlMs);
    },
    /** Extends a lease we still hold; false if it expired or someone else took it. */
    renew(name: string, holder: string, ttlMs: number): boolean {
      const now = clock.now();
      return extend.run(now + ttlMs, name, holder, now).changes > 0;
    },
    release(name: string, holder: string): void {
      drop.run(name, holder);
    },
    get(name: string): Lease | undefined {
      return get.get(name);
    },
  };
}

export type LeaseStore = ReturnType<typeof createLeaseStore>;
