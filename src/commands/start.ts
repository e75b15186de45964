import { systemClock } from '../clock.js';
import { requireBotToken } from '../config.js';
import { createLeaseKeeper } from '../delivery/lease-keeper.js';
import { startOperations } from '../ops/operations.js';
import { createLeaseStore, localHolderId } from '../store/leases.js';
import { runActiveCopy } from './active-copy.js';
import type { Command } from './command.js';
import { CATALOGUE } from './catalogue.js';

/** The lease the active copy of the bot holds on its database. */
export const BOT_LEASE = 'bot';

/**
 * SQLite's page cache for the running bot (KiB; better-sqlite3's default is 16 MB). The bot's
 * reads are a day's window of articles and small indexed lookups; pages it misses come from the
 * operating system's file cache, which is not counted in the bot's memory (issue 14's target).
 */
export const BOT_PAGE_CACHE_KB = 4096;

/** Signals that stop the bot cleanly. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * `newsbot start`: the bot (see `runActiveCopy`), one copy per database. The copy that holds the
 * database's lease (LEASE_SECONDS, renewed every third of it) runs; a second one started on the same
 * database says so in one log line and stands by, polling nothing and sending nothing, and takes
 * over within a lease period once the first stops or dies (at once when the first ran on this
 * machine and is gone). A copy that loses its lease (it stalled, another took over) stops and stands
 * by again. SIGINT/SIGTERM stop it cleanly and it resolves 0; the caller closes the database.
 * Without BOT_TOKEN it throws the ConfigError that says how to set it.
 */
export const startCommand: Command = {
  ...CATALOGUE.start,
  // Everything that can be wrong locally stops the bot before it contacts Telegram.
  // The page check: quick_check would add half a minute on a store of a million articles.
  preflight: { botToken: true, sourcesFile: true, database: 'pages' },
  async run(_args, app, io, stopWhen) {
    const { config, log } = app;
    app.db.pragma(`cache_size = -${BOT_PAGE_CACHE_KB}`);
    const token = requireBotToken(config);
    const holder = localHolderId();
    // Health, metrics and the webhook's server: up while standing by too, so a check sees a ready copy.
    const ops = await startOperations(app, { name: BOT_LEASE, holder });
    const stop = new AbortController();
    const onSignal = (signal: NodeJS.Signals | string) => {
      if (stop.signal.aborted) return;
      log.info('stopping', { signal });
      stop.abort(signal);
    };
    // Run in-process (tests), the caller says when to stop; the process's signals are not this copy's.
    const signals = stopWhen ? [] : STOP_SIGNALS;
    stopWhen?.addEventListener('abort', () => onSignal(String(stopWhen.reason)), { once: true });
    if (stopWhen?.aborted) onSignal(String(stopWhen.reason));
    for (const signal of signals) process.on(signal, onSignal);
    let lost: AbortController | undefined;
    const lease = createLeaseKeeper({
      leases: createLeaseStore(app.db, systemClock),
      name: BOT_LEASE,
      holder,
      ttlMs: config.LEASE_SECONDS * 1000,
      clock: systemClock,
      log,
      onLost: () => {
        lost?.abort('lease lost');
        void ops.alerts.raise('lease-lost', 'This newsbot lost its lease on the database (it stalled, or another copy took over): it stopped polling and sending, and stands by.');
      },
    });
    try {
      while (!stop.signal.aborted) {
        if (!lease.acquire()) {
          log.warn('standing by: another newsbot runs on this database; this one takes over when it stops', {
            holder: lease.holderNow(),
            leaseSeconds: config.LEASE_SECONDS,
          });
          if (!(await lease.waitToAcquire(stop.signal))) break;
          log.info('taking over: the other newsbot on this database stopped');
        }
        lost = new AbortController();
        await runActiveCopy({ app, token, io, ops }, AbortSignal.any([stop.signal, lost.signal]));
        if (!lost.signal.aborted) break;
      }
      return 0;
    } finally {
      for (const signal of signals) process.off(signal, onSignal);
      lease.release();
      await ops.close();
    }
  },
};
