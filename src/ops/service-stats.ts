import { statSync } from 'node:fs';
import { REGIONS, type Region } from '../regions/regions.js';
import type { Db } from '../store/db.js';

/** A source whose last read failed. */
export interface FailingSource {
  name: string;
  error: string;
  /** Its last successful read (ms), null when it never had one. */
  lastSuccessAt: number | null;
  failures: number;
}

/** What the operator sees: in /stats, /sources, /healthz and /metrics. */
export interface ServiceStats {
  chats: { active: number; paused: number; inactive: number };
  subscriptions: Record<Region, number>;
  /** Digest records finished since 00:00 UTC, by how they ended. */
  digestsToday: { sent: number; failed: number; missed: number; skipped: number };
  /** Why the latest failed or missed digest of today failed, null when none did. */
  lastDigestError: string | null;
  /** Digests due and not yet delivered. */
  digestsPending: number;
  /** How late the oldest due-but-unsent digest is (ms; 0 when none waits). */
  digestLagMs: number;
  /** Sources that are read from an address (feeds, pages, sites): ok and failing. */
  sources: { ok: number; failing: FailingSource[] };
  /** The latest successful read of any source (ms), null before the first. */
  lastIngestAt: number | null;
  /** The database file with its -wal, bytes (0 for an in-memory one). */
  storeBytes: number;
}

/** The start of the UTC day of `now` (ms). */
export function utcDayStart(now: number): number {
  return now - (now % 86_400_000);
}

/**
 * Reads the service's figures from the database, as of `now` (ms). Cheap: a few aggregate
 * queries over indexed columns, fit for a scrape every few seconds.
 */
export function createServiceStats(db: Db, file: string) {
  const chats = db.prepare<[], { active: number; paused: number; inactive: number }>(
    `SELECT COALESCE(SUM(active = 1 AND paused = 0), 0) AS active, COALESCE(SUM(active = 1 AND paused = 1), 0) AS paused,
            COALESCE(SUM(active = 0), 0) AS inactive FROM chats`,
  );
  const subscriptions = db.prepare<[], { region: string; n: number }>(
    `SELECT s.region, COUNT(*) AS n FROM subscriptions s JOIN chats c ON c.id = s.chat_id WHERE c.active = 1 GROUP BY s.region`,
  );
  const finished = db.prepare<[number], { status: string; n: number }>(
    `SELECT status, COUNT(*) AS n FROM deliveries WHERE status IN ('sent', 'failed', 'missed', 'skipped') AND updated_at >= ? GROUP BY status`,
  );
  const pending = db.prepare<[number], { n: number; oldest: number | null }>(
    `SELECT COUNT(*) AS n, MIN(due_at) AS oldest FROM deliveries WHERE status = 'pending' AND due_at <= ?`,
  );
  const sources = db.prepare<[], { name: string; error: string | null; lastSuccessAt: number | null; failures: number }>(
    `SELECT name, last_error AS error, last_success_at AS lastSuccessAt, failures FROM sources WHERE url IS NOT NULL ORDER BY name`,
  );
  const lastError = db.prepare<[number], { error: string | null }>(
    `SELECT error FROM deliveries WHERE status IN ('failed', 'missed') AND updated_at >= ? ORDER BY updated_at DESC LIMIT 1`,
  );
  const lastIngest = db.prepare<[], { at: number | null }>('SELECT MAX(last_success_at) AS at FROM sources');

  return {
    read(now: number): ServiceStats {
      const byRegion = Object.fromEntries(REGIONS.map((r) => [r, 0])) as Record<Region, number>;
      for (const row of subscriptions.all()) if ((REGIONS as readonly string[]).includes(row.region)) byRegion[row.region as Region] = row.n;
      const today = { sent: 0, failed: 0, missed: 0, skipped: 0 };
      for (const row of finished.all(utcDayStart(now))) today[row.status as keyof typeof today] = row.n;
      const waiting = pending.get(now) ?? { n: 0, oldest: null };
      const all = sources.all();
      const failing = all.filter((s) => s.failures > 0).map((s) => ({ name: s.name, error: s.error ?? 'unknown error', lastSuccessAt: s.lastSuccessAt, failures: s.failures }));
      return {
        chats: chats.get() ?? { active: 0, paused: 0, inactive: 0 },
        subscriptions: byRegion,
        digestsToday: today,
        lastDigestError: lastError.get(utcDayStart(now))?.error ?? null,
        digestsPending: waiting.n,
        digestLagMs: waiting.oldest === null ? 0 : Math.max(0, now - waiting.oldest),
        sources: { ok: all.length - failing.length, failing },
        lastIngestAt: lastIngest.get()?.at ?? null,
        storeBytes: fileBytes(file) + fileBytes(`${file}-wal`),
      };
    },
  };
}

export type ServiceStatsReader = ReturnType<typeof createServiceStats>;

function fileBytes(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
