import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { LeaseStore } from '../store/leases.js';

export interface LeaseKeeperOptions {
  leases: LeaseStore;
  /** Lease name, e.g. 'digest-sender'. */
  name: string;
  /** This process's holder id (see `localHolderId`). */
  holder: string;
  /** How long a lease lasts without renewal (ms, default 30 s); renewed every third of that. */
  ttlMs?: number;
  /** Wall clock for expiry times (not the scheduling clock, which `send-due --at` may move). */
  clock: Clock;
  log: Logger;
  /** Called once when a held lease is lost (another process took it, or renewal kept failing until it expired). */
  onLost?: () => void;
}

/**
 * Holds a lease while work is going on: acquire, renewed in the background, released when done.
 * `held()` checks the database again when the lease could be about to expire unrenewed, so a
 * process that stalled never acts on a lease another copy may have taken. A renewal that fails with an error (the database
 * busy or failing) is retried at the next beat; the lease is lost only when another process took it,
 * or when renewal keeps failing until it expires. A stall that ran no renewal at all (a busy
 * machine) keeps the lease if nobody took it meanwhile.
 */
export function createLeaseKeeper(options: LeaseKeeperOptions) {
  const ttl = options.ttlMs ?? 30_000;
  let expiresAt = 0;
  let timer: NodeJS.Timeout | undefined;

  function stopTimer(): void {
    if (timer) clearInterval(timer);
    timer = undefined;
  }

  function renew(): void {
    let ok = false;
    try {
      ok = options.leases.renew(options.name, options.holder, ttl);
    } catch (error: unknown) {
      options.log.warn('lease renewal failed', { lease: options.name, error });
      if (options.clock.now() < expiresAt) return;
    }
    if (ok) {
      expiresAt = options.clock.now() + ttl;
      return;
    }
    expiresAt = 0;
    stopTimer();
    options.log.warn('lease lost; its work stops until it is ours again', { lease: options.name });
    options.onLost?.();
  }

  function acquire(): boolean {
    if (!options.leases.acquire(options.name, options.holder, ttl)) return false;
    expiresAt = options.clock.now() + ttl;
    if (!timer) {
      timer = setInterval(renew, Math.max(50, Math.floor(ttl / 3)));
      timer.unref();
    }
    return true;
  }

  return {
    /** The lease period (ms). */
    ttlMs: ttl,
    /** Takes (or keeps) the lease; false if another live process holds it. */
    acquire,
    /**
     * Waits until the lease is ours, trying every tenth of the lease period: a holder that releases
     * it or dies on this machine is followed within that, one that vanished elsewhere once its lease
     * expires. Resolves true when acquired, false when `signal` aborts first. Database errors while
     * waiting are logged and tried again.
     */
    waitToAcquire(signal: AbortSignal): Promise<boolean> {
      return new Promise((resolve) => {
        let wait: NodeJS.Timeout | undefined;
        const onAbort = () => {
          clearTimeout(wait);
          resolve(false);
        };
        const attempt = () => {
          if (signal.aborted) return;
          let got = false;
          try {
            got = acquire();
          } catch (error: unknown) {
            options.log.debug('lease: could not check the holder; trying again', { lease: options.name, error });
          }
          if (!got) {
            wait = setTimeout(attempt, Math.max(50, Math.floor(ttl / 10)));
            return;
          }
          signal.removeEventListener('abort', onAbort);
          resolve(true);
        };
        if (signal.aborted) return resolve(false);
        signal.addEventListener('abort', onAbort, { once: true });
        attempt();
      });
    },
    /**
     * True while the lease is safely ours. Past the point where it might lapse unrenewed (the event
     * loop was blocked: a long ingest pass, a busy machine), it asks the database there and then:
     * a row still naming us is renewed and the work goes on, as no other copy can have acted
     * meanwhile; one naming another copy means the lease is lost (`onLost`).
     */
    held(): boolean {
      if (options.clock.now() < expiresAt - ttl / 6) return true;
      if (timer === undefined) return false;
      renew();
      return options.clock.now() < expiresAt - ttl / 6;
    },
    release(): void {
      stopTimer();
      expiresAt = 0;
      try {
        options.leases.release(options.name, options.holder);
      } catch (error: unknown) {
        options.log.warn('lease release failed', { lease: options.name, error });
      }
    },
    /** Who holds the lease now, for messages. */
    holderNow(): string | undefined {
      return options.leases.get(options.name)?.holder;
    },
  };
}

export type LeaseKeeper = ReturnType<typeof createLeaseKeeper>;
