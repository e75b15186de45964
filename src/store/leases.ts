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
  // Renewal keeps a lease whose row still names us, even past its expiry: nobody took it meanwhile
  // (acquiring rewrites the holder), so no other process acted on it. The keeper's held() is what
  // stops a stalled process from acting while its lease may have lapsed.
  const extend = db.prepare<[number, string, string]>('UPDATE leases SET expires_at = ? WHERE name = ? AND holder = ?');
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
    /** Extends a lease whose row still names us (even if it lapsed unrenewed); false once another took it or it was released. */
    renew(name: string, holder: string, ttlMs: number): boolean {
      return extend.run(clock.now() + ttlMs, name, holder).changes > 0;
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
