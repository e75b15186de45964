import { statfsSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { Alerts } from './alerts.js';
import type { ServiceStatsReader } from './service-stats.js';

/** A feed alerts once it has failed this long (ms). */
export const FEED_FAILING_MS = 6 * 3_600_000;

/** Free and total bytes of the file system holding a path. */
export type DiskSpace = (dir: string) => { free: number; total: number };

const statfsSpace: DiskSpace = (dir) => {
  const s = statfsSync(dir);
  return { free: s.bavail * s.bsize, total: s.blocks * s.bsize };
};

export interface AlertCheckDeps {
  alerts: Alerts;
  stats: ServiceStatsReader;
  clock: Clock;
  log: Logger;
  /** DATABASE_PATH: the disk checked is the one holding it. */
  databasePath: string;
  /** Past this digest lag (ms) the digests count as failing (HEALTH_MAX_DIGEST_LAG_SECONDS). */
  maxDigestLagMs: number;
  disk?: DiskSpace;
}

/**
 * The conditions that alert the admins, checked by `check()` (each minute while the bot is active):
 * - a feed failing for {@link FEED_FAILING_MS}: no good read for 6 hours (or, never read, failing
 *   since this process first saw it fail) and its last read failed;
 * - digests failing: a digest failed or was missed today since the last check, or the oldest due
 *   digest is later than `maxDigestLagMs`;
 * - the database's disk nearly full: less than 10% free, or less free than the database's size.
 * The lease lost is raised where it happens (`newsbot start`). Each cause alerts once an hour at most.
 */
export function createAlertChecks(deps: AlertCheckDeps) {
  const disk = deps.disk ?? statfsSpace;
  const failingSeen = new Map<string, number>();
  let digestFailuresSeen = 0;
  let day = -1;

  return {
    async check(): Promise<void> {
      const now = deps.clock.now();
      const stats = deps.stats.read(now);
      const raises: Promise<boolean>[] = [];

      const failingNow = new Set(stats.sources.failing.map((s) => s.name));
      for (const name of failingSeen.keys()) if (!failingNow.has(name)) failingSeen.delete(name);
      for (const source of stats.sources.failing) {
        if (!failingSeen.has(source.name)) failingSeen.set(source.name, now);
        const since = source.lastSuccessAt ?? (failingSeen.get(source.name) as number);
        if (now - since < FEED_FAILING_MS) continue;
        const hours = Math.floor((now - since) / 3_600_000);
        raises.push(deps.alerts.raise(`feed-failing:${source.name}`, `Feed "${source.name}" has been failing for ${hours} hours: ${source.error}`));
      }

      // Counts are per UTC day: a new day starts from zero.
      const today = Math.floor(now / 86_400_000);
      if (today !== day) {
        day = today;
        digestFailuresSeen = 0;
      }
      const failures = stats.digestsToday.failed + stats.digestsToday.missed;
      if (failures > digestFailuresSeen) {
        digestFailuresSeen = failures;
        raises.push(
          deps.alerts.raise(
            'digests-failing',
            `${failures} digest${failures === 1 ? '' : 's'} failed or missed today (UTC)${stats.lastDigestError ? `; the latest: ${stats.lastDigestError}` : ''}`,
          ),
        );
      }
      if (stats.digestLagMs > deps.maxDigestLagMs) {
        raises.push(
          deps.alerts.raise(
            'digests-late',
            `Digests are late: ${stats.digestsPending} waiting, the oldest ${Math.round(stats.digestLagMs / 60_000)} min after its time (is Telegram reachable?)`,
          ),
        );
      }

      try {
        const { free, total } = disk(path.dirname(path.resolve(deps.databasePath)));
        if (total > 0 && (free < total * 0.1 || free < stats.storeBytes)) {
          const mb = (n: number) => Math.round(n / 1_000_000);
          raises.push(
            deps.alerts.raise(
              'disk-space',
              `The database's disk is nearly full: ${mb(free)} MB free of ${mb(total)} MB (the database is ${mb(stats.storeBytes)} MB). Free space or move DATABASE_PATH: when the disk is full, sending stops.`,
            ),
          );
        }
      } catch (error: unknown) {
        deps.log.debug('could not read the free disk space', { error });
      }
      await Promise.all(raises);
    },
  };
}
