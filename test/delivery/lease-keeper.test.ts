import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { createLeaseKeeper } from '../../src/delivery/lease-keeper.js';
import { silentLogger } from '../../src/log.js';
import { createLeaseStore } from '../../src/store/leases.js';
import { tempStore } from '../helpers/temp-db.js';

let store: ReturnType<typeof tempStore> | undefined;
afterEach(() => store?.close());

function keepers() {
  store = tempStore();
  const clock = fixedClock('2026-11-28T08:00:00Z');
  const leases = createLeaseStore(store.db, clock, { isGone: (holder) => holder === 'dead' });
  const keeper = (holder: string, onLost?: () => void) =>
    createLeaseKeeper({ leases, name: 'bot', holder, ttlMs: 1000, clock, log: silentLogger, ...(onLost ? { onLost } : {}) });
  return { clock, leases, keeper };
}

describe('the lease keeper', () => {
  it('when another live process holds the lease, then waiting ends only once it is released (or the wait is called off)', async () => {
    const { keeper } = keepers();
    const a = keeper('a');
    const b = keeper('b');
    expect(a.acquire()).toBe(true);
    expect(b.acquire()).toBe(false);
    const off = new AbortController();
    const calledOff = b.waitToAcquire(off.signal);
    off.abort();
    expect(await calledOff).toBe(false);
    const waiting = b.waitToAcquire(new AbortController().signal);
    a.release();
    expect(await waiting).toBe(true);
    expect(b.holderNow()).toBe('b');
    b.release();
  });

  it('when the holder is a process on this machine that is gone, then the lease is taken at once', () => {
    const { leases, keeper } = keepers();
    leases.acquire('bot', 'dead', 60_000);
    const b = keeper('b');
    expect(b.acquire()).toBe(true);
    b.release();
  });

  it('when the process stalled past its lease and nobody took it meanwhile, then it still holds it, checked in the database: a busy machine is not a lost lease', () => {
    vi.useFakeTimers();
    try {
      const { clock, leases, keeper } = keepers();
      let lost = 0;
      const a = keeper('a', () => lost++);
      expect(a.acquire()).toBe(true); // until 1000 ms, renewed every 333
      clock.advance(5000); // the event loop was blocked for 5 s: no renewal ran
      // Asked before any renewal ran, it renews there and then: the row still names it.
      expect([a.held(), lost]).toEqual([true, 0]);
      expect(leases.get('bot')?.expiresAt).toBe(clock.now() + 1000);
      vi.advanceTimersByTime(333);
      expect([a.held(), lost]).toEqual([true, 0]);
      a.release();
    } finally {
      vi.useRealTimers();
    }
  });

  it('when the process stalled past its lease and another took it, then the stalled one has lost it', () => {
    vi.useFakeTimers();
    try {
      const { clock, keeper } = keepers();
      let lost = 0;
      const a = keeper('a', () => lost++);
      const b = keeper('b');
      expect(a.acquire()).toBe(true);
      clock.advance(5000);
      expect(b.acquire()).toBe(true);
      // Asked before its renewal ran, the stalled copy finds the row names another: lost, at once.
      expect([a.held(), lost]).toEqual([false, 1]);
      vi.advanceTimersByTime(333);
      expect([a.held(), lost]).toEqual([false, 1]);
      expect(b.held()).toBe(true);
      b.release();
    } finally {
      vi.useRealTimers();
    }
  });

  it('when renewal meets a database error, then the lease is kept until it would expire, and lost (once, with onLost) when it does', () => {
    vi.useFakeTimers();
    try {
      const { clock, leases, keeper } = keepers();
      let lost = 0;
      const a = keeper('a', () => lost++);
      expect(a.acquire()).toBe(true); // until 1000 ms, renewed every 333
      leases.renew = () => {
        throw new Error('database is locked');
      };
      clock.advance(333);
      vi.advanceTimersByTime(333);
      expect([a.held(), lost]).toEqual([true, 0]);
      clock.advance(700);
      vi.advanceTimersByTime(333);
      expect([a.held(), lost]).toEqual([false, 1]);
      vi.advanceTimersByTime(3000);
      expect(lost).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
