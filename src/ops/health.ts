import type { Clock } from '../clock.js';
import type { LeaseStore } from '../store/leases.js';
import type { OpsState } from '../store/ops-state.js';
import { VERSION } from '../version.js';
import type { HealthAnswer } from '../web/server.js';
import type { ServiceStatsReader } from './service-stats.js';

export interface HealthDeps {
  stats: ServiceStatsReader;
  state: OpsState;
  leases: LeaseStore;
  /** The lease the active copy holds ('bot'), and this process's holder id. */
  lease: { name: string; holder: string };
  clock: Clock;
  /** Past this digest lag (ms) the service is unhealthy (HEALTH_MAX_DIGEST_LAG_SECONDS). */
  maxDigestLagMs: number;
  mode: 'webhook' | 'polling';
  /** Messages waiting in the send queue; undefined while this copy stands by. */
  queueLength(): number | undefined;
}

/**
 * The /healthz answer: 200 with the figures, 503 when the database cannot be written (a probe row
 * is written each time) or the oldest due digest is later than `maxDigestLagMs`. A copy standing by
 * is healthy: it is ready to take over.
 */
export function createHealthCheck(deps: HealthDeps) {
  return (): HealthAnswer => {
    const now = deps.clock.now();
    const problems: string[] = [];
    let writable = true;
    let databaseError: string | undefined;
    try {
      deps.state.set('health_probe', new Date(now).toISOString());
    } catch (error: unknown) {
      writable = false;
      databaseError = error instanceof Error ? error.message : String(error);
      problems.push(`database not writable: ${databaseError}`);
    }
    let stats: ReturnType<ServiceStatsReader['read']> | undefined;
    let lease: ReturnType<LeaseStore['get']>;
    try {
      stats = deps.stats.read(now);
      lease = deps.leases.get(deps.lease.name);
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      if (writable) problems.push(`database not readable: ${message}`);
      writable = false;
      databaseError ??= message;
    }
    const lagSeconds = stats ? Math.round(stats.digestLagMs / 1000) : null;
    if (lagSeconds !== null && stats && stats.digestLagMs > deps.maxDigestLagMs) {
      problems.push(`digest lag ${lagSeconds} s is past ${Math.round(deps.maxDigestLagMs / 1000)} s`);
    }
    const active = lease !== undefined && lease.holder === deps.lease.holder && lease.expiresAt > now;
    const body = {
      status: problems.length === 0 ? 'ok' : 'unhealthy',
      problems,
      version: VERSION,
      mode: deps.mode,
      role: active ? 'active' : 'standby',
      database: { writable, ...(databaseError ? { error: databaseError } : {}), bytes: stats?.storeBytes ?? null },
      lastIngestAgeSeconds: stats?.lastIngestAt != null ? Math.round((now - stats.lastIngestAt) / 1000) : null,
      digestLagSeconds: lagSeconds,
      digestsPending: stats?.digestsPending ?? null,
      lease: lease ? { holder: lease.holder, expiresAt: new Date(lease.expiresAt).toISOString(), thisProcess: active } : null,
      queueLength: deps.queueLength() ?? null,
    };
    return { healthy: problems.length === 0, body };
  };
}
