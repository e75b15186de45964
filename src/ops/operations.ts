import { randomBytes } from 'node:crypto';
import type { App } from '../app.js';
import { ConfigError, webPort } from '../config.js';
import type { SendQueue } from '../delivery/send-queue.js';
import { createTelegramClient } from '../delivery/telegraf-bridge.js';
import { createSourceStore } from '../store/sources.js';
import { createAlertChecks } from './alert-checks.js';
import { type Alerts, createAlerts } from './alerts.js';
import type { OperatorDeps } from './operator-feature.js';
import { createLeaseStore } from '../store/leases.js';
import { createOpsState } from '../store/ops-state.js';
import { startWebServer, type WebServer } from '../web/server.js';
import { createHealthCheck } from './health.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createServiceStats, type ServiceStatsReader } from './service-stats.js';

/** How often the alert conditions are checked (ms). */
const ALERT_CHECK_EVERY_MS = 60_000;

/** The key of the generated webhook secret in `ops_state`. */
const WEBHOOK_SECRET_KEY = 'webhook_secret';

/** What `newsbot start` runs beside the bot for the operator: metrics, and the HTTP server when PORT or WEBHOOK_URL is set. */
export interface Operations {
  metrics: Metrics;
  stats: ServiceStatsReader;
  /** The HTTP server (/healthz, /metrics, the webhook); undefined in polling mode without PORT. */
  web: WebServer | undefined;
  /** The active copy's send queue, for the health and metrics figures (undefined while standing by). */
  setQueue(queue: SendQueue | undefined): void;
  /** Alerts to ADMIN_IDS, one per cause per hour. */
  alerts: Alerts;
  /** What /stats and /sources read. */
  operator: OperatorDeps;
  /** Starts the alert checks (each minute, while this copy is active); returns their stop. */
  startAlertChecks(): () => Promise<void>;
  /** WEBHOOK_SECRET, else the one generated once and kept in the database. */
  webhookSecret(): string;
  close(): Promise<void>;
}

/**
 * Starts the operator's side of `newsbot start`: the metrics and, when PORT or WEBHOOK_URL is set,
 * the HTTP server on HOST:PORT (also while this copy stands by, so a health check sees it ready).
 * `holder` is this process's lease holder id; `leaseName` the lease the active copy holds.
 */
export async function startOperations(app: App, lease: { name: string; holder: string }): Promise<Operations> {
  const { config, db, clock, log } = app;
  const stats = createServiceStats(db, config.DATABASE_PATH);
  const state = createOpsState(db, clock);
  let queue: SendQueue | undefined;
  const queueLength = () => {
    const s = queue?.stats();
    return s === undefined ? undefined : s.queued + s.inFlight;
  };
  const port = webPort(config);
  const metrics = createMetrics({ stats, clock, queueLength: () => queueLength() ?? 0, processMetrics: port !== undefined });
  const health = createHealthCheck({
    stats,
    state,
    leases: createLeaseStore(db, clock),
    lease,
    clock,
    maxDigestLagMs: config.HEALTH_MAX_DIGEST_LAG_SECONDS * 1000,
    mode: config.WEBHOOK_URL ? 'webhook' : 'polling',
    queueLength,
  });
  let web: WebServer | undefined;
  if (port !== undefined) {
    try {
      web = await startWebServer({
        host: config.HOST,
        port,
        log,
        health,
        metrics: () => metrics.render(),
        ...(config.WEBHOOK_URL ? { webhookPath: new URL(config.WEBHOOK_URL).pathname } : {}),
      });
    } catch (error: unknown) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'EADDRINUSE' ? 'another program listens there' : code === 'EACCES' ? 'this user may not listen there' : (error as Error).message;
      throw new ConfigError(`PORT=${port}, HOST=${config.HOST}: cannot listen (${why}); set PORT (and HOST) to a free address`, ['PORT', 'HOST']);
    }
  }
  const telegram = config.BOT_TOKEN ? createTelegramClient(config.BOT_TOKEN, config.TELEGRAM_API_ROOT) : undefined;
  const alerts = createAlerts({
    db,
    clock,
    adminIds: config.ADMIN_IDS,
    send: (userId, text) => (telegram ? telegram.sendMessage(userId, text) : Promise.resolve()),
    log,
  });
  const checks = createAlertChecks({ alerts, stats, clock, log, databasePath: config.DATABASE_PATH, maxDigestLagMs: config.HEALTH_MAX_DIGEST_LAG_SECONDS * 1000 });
  const sources = createSourceStore(db);
  return {
    metrics,
    stats,
    web,
    alerts,
    operator: { adminIds: config.ADMIN_IDS, stats, sources: () => sources.list(), rateLimited: () => metrics.rateLimitedSoFar(), clock },
    startAlertChecks() {
      let running: Promise<void> | undefined;
      const timer = setInterval(() => {
        running ??= checks
          .check()
          .catch((error: unknown) => log.error('alert checks failed', { error }))
          .finally(() => {
            running = undefined;
          });
      }, ALERT_CHECK_EVERY_MS);
      timer.unref();
      return async () => {
        clearInterval(timer);
        await running;
      };
    },
    setQueue(next) {
      queue = next;
    },
    webhookSecret() {
      return config.WEBHOOK_SECRET ?? state.getOrCreate(WEBHOOK_SECRET_KEY, () => randomBytes(32).toString('base64url'));
    },
    async close() {
      await web?.close();
    },
  };
}
