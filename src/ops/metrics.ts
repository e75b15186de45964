import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Clock } from '../clock.js';
import type { SendEvent } from '../delivery/send-queue.js';
import type { IngestSummary } from '../ingest/ingest-sources.js';
import type { WebhookOutcome } from '../web/webhook.js';
import type { ServiceStatsReader } from './service-stats.js';

export interface MetricsDeps {
  stats: ServiceStatsReader;
  clock: Clock;
  /** Messages waiting in the send queue (0 while this copy stands by). */
  queueLength(): number;
  /** Node's process metrics too (default true; tests that make many registries turn it off). */
  processMetrics?: boolean;
}

/**
 * The Prometheus metrics (`GET /metrics`), in a registry of their own. Counters are fed by the send
 * queue, the ingest schedule and the webhook; gauges are read from the database at each scrape.
 * Names follow Prometheus conventions: `newsbot_` prefix, `_total` for counters, base units.
 */
export function createMetrics(deps: MetricsDeps) {
  const registry = new Registry();
  if (deps.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const sent = new Counter({ name: 'newsbot_messages_sent_total', help: 'Messages Telegram accepted, by kind (reply, digest).', labelNames: ['kind'], registers });
  const failed = new Counter({
    name: 'newsbot_messages_failed_total',
    help: 'Messages that finally failed, by kind (reply, digest) and reason (blocked, chat-not-found, migrated, transient, unknown, rejected).',
    labelNames: ['kind', 'reason'],
    registers,
  });
  const rateLimited = new Counter({ name: 'newsbot_telegram_rate_limited_total', help: '429 Too Many Requests answers received from Telegram.', registers });
  const rateLimitWait = new Counter({ name: 'newsbot_telegram_rate_limit_wait_seconds_total', help: 'Seconds Telegram asked to wait (retry_after), summed over 429 answers.', registers });
  const itemsIngested = new Counter({ name: 'newsbot_ingest_items_total', help: 'Feed and page items stored by ingest passes, by result (new, updated).', labelNames: ['result'], registers });
  const ingestPass = new Histogram({
    name: 'newsbot_ingest_pass_duration_seconds',
    help: 'Duration of scheduled ingest passes.',
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800],
    registers,
  });
  const ingestFailed = new Counter({ name: 'newsbot_ingest_source_failures_total', help: 'Source reads that failed in ingest passes.', registers });
  const webhook = new Counter({ name: 'newsbot_webhook_requests_total', help: 'Webhook requests by outcome (accepted, duplicate, unauthorized, refused, failed).', labelNames: ['outcome'], registers });
  for (const kind of ['reply', 'digest']) sent.inc({ kind }, 0);

  // Gauges from the database: one read per scrape, shared by all of them.
  let snapshot: { at: number; stats: ReturnType<ServiceStatsReader['read']> } | undefined;
  const read = () => {
    const now = deps.clock.now();
    if (!snapshot || snapshot.at !== now) snapshot = { at: now, stats: deps.stats.read(now) };
    return snapshot.stats;
  };
  new Gauge({
    name: 'newsbot_send_queue_length',
    help: 'Messages waiting in the send queue or on the wire.',
    registers,
    collect() {
      this.set(deps.queueLength());
    },
  });
  new Gauge({
    name: 'newsbot_digest_lag_seconds',
    help: 'How late the oldest due but undelivered digest is (0 when none waits).',
    registers,
    collect() {
      this.set(read().digestLagMs / 1000);
    },
  });
  new Gauge({
    name: 'newsbot_digests_today',
    help: 'Digests finished since 00:00 UTC, by status (sent, failed, missed, skipped).',
    labelNames: ['status'],
    registers,
    collect() {
      for (const [status, n] of Object.entries(read().digestsToday)) this.set({ status }, n);
    },
  });
  new Gauge({
    name: 'newsbot_chats',
    help: 'Chats by state (active, paused, inactive).',
    labelNames: ['state'],
    registers,
    collect() {
      for (const [state, n] of Object.entries(read().chats)) this.set({ state }, n);
    },
  });
  new Gauge({
    name: 'newsbot_subscriptions',
    help: 'Region subscriptions of active chats, by region.',
    labelNames: ['region'],
    registers,
    collect() {
      for (const [region, n] of Object.entries(read().subscriptions)) this.set({ region }, n);
    },
  });
  new Gauge({
    name: 'newsbot_sources',
    help: 'Sources read from an address, by state (ok, failing).',
    labelNames: ['state'],
    registers,
    collect() {
      const { sources } = read();
      this.set({ state: 'ok' }, sources.ok);
      this.set({ state: 'failing' }, sources.failing.length);
    },
  });
  new Gauge({
    name: 'newsbot_last_ingest_age_seconds',
    help: 'Seconds since a source was last read successfully (absent before the first).',
    registers,
    collect() {
      const at = read().lastIngestAt;
      this.reset();
      if (at !== null) this.set((deps.clock.now() - at) / 1000);
    },
  });
  new Gauge({
    name: 'newsbot_store_bytes',
    help: 'Size of the database file and its write-ahead log.',
    registers,
    collect() {
      this.set(read().storeBytes);
    },
  });

  return {
    registry,
    /** The send queue's observer. */
    onSend(event: SendEvent): void {
      if (event.type === 'sent') sent.inc({ kind: event.priority });
      else if (event.type === 'failed') failed.inc({ kind: event.priority, reason: event.reason });
      else {
        rateLimited.inc();
        rateLimitWait.inc(event.retryAfterMs / 1000);
      }
    },
    /** The ingest schedule's observer, after each pass. */
    onIngestPass(summary: Pick<IngestSummary, 'inserted' | 'updated' | 'failed' | 'ms'>): void {
      itemsIngested.inc({ result: 'new' }, summary.inserted);
      itemsIngested.inc({ result: 'updated' }, summary.updated);
      ingestFailed.inc(summary.failed);
      ingestPass.observe(summary.ms / 1000);
    },
    onWebhook(outcome: WebhookOutcome): void {
      webhook.inc({ outcome });
    },
    /** 429s received since start (for /stats). */
    async rateLimitedSoFar(): Promise<{ count: number; waitSeconds: number }> {
      const count = (await rateLimited.get()).values[0]?.value ?? 0;
      const waitSeconds = (await rateLimitWait.get()).values[0]?.value ?? 0;
      return { count, waitSeconds };
    },
    /** The Prometheus text format. */
    async render(): Promise<{ contentType: string; body: string }> {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
