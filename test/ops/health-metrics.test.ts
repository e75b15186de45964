import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { runActiveCopy } from '../../src/commands/active-copy.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { type Operations, startOperations } from '../../src/ops/operations.js';
import { createChatStore } from '../../src/store/chats.js';
import { createDeliveryStore } from '../../src/store/deliveries.js';
import { createLeaseStore } from '../../src/store/leases.js';
import { type FakeBotApi, startFakeBotApi } from '../helpers/fake-bot-api.js';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.js';
import { NO_SEND_WAITS } from '../helpers/no-send-waits.js';
import { tempDir } from '../helpers/temp-db.js';

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Wire</title><link>https://wire.example/</link>
<item><title>Tokyo harbour reopens after the storm</title><link>https://wire.example/a</link><description>Ships return to Tokyo.</description><pubDate>${new Date().toUTCString()}</pubDate></item>
<item><title>Seoul opens a new metro line</title><link>https://wire.example/b</link><description>The line links the airport.</description><pubDate>${new Date().toUTCString()}</pubDate></item>
</channel></rss>`;

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

/** The settings and the operator's HTTP server (PORT=0), on a fresh database. */
async function operations(env: Record<string, string> = {}) {
  const tmp = tempDir();
  const sourcesFile = path.join(tmp.dir, 'sources.json');
  writeFileSync(sourcesFile, env.SOURCES_JSON ?? '[]');
  const { SOURCES_JSON: _unused, ...rest } = env;
  const config = loadConfig({ DATABASE_PATH: path.join(tmp.dir, 'newsbot.sqlite'), SOURCES_FILE: sourcesFile, PORT: '0', HOST: '127.0.0.1', ...rest });
  const logs: string[] = [];
  const app: App = createApp(config, { log: createLogger('debug', (line) => logs.push(line)), sendWaits: NO_SEND_WAITS });
  const ops: Operations = await startOperations(app, { name: 'bot', holder: 'this-process' });
  cleanups.push(() => tmp.cleanup(), () => app.close(), () => ops.close());
  const base = `http://127.0.0.1:${ops.web?.port ?? 0}`;
  return { app, ops, logs, base, dir: tmp.dir };
}

async function health(base: string) {
  const res = await fetch(`${base}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('GET /healthz', () => {
  it('when the database is writable and no digest is late, then 200 with the figures an operator checks', async () => {
    const { base, app } = await operations();
    createLeaseStore(app.db, app.clock).acquire('bot', 'this-process', 30_000);
    const { status, body } = await health(base);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      version: '0.1.0',
      mode: 'polling',
      role: 'active',
      database: { writable: true },
      lastIngestAgeSeconds: null,
      digestLagSeconds: 0,
      lease: { holder: 'this-process', thisProcess: true },
    });
  });

  it('when a digest is due for longer than HEALTH_MAX_DIGEST_LAG_SECONDS, then 503 and the lag', async () => {
    const { base, app } = await operations({ HEALTH_MAX_DIGEST_LAG_SECONDS: '600' });
    const chats = createChatStore(app.db, app.clock, { digestTime: '08:00', timezone: 'UTC' });
    chats.ensure({ id: 42, type: 'private' });
    const dueAt = app.clock.now() - 2 * 3_600_000;
    createDeliveryStore(app.db, app.clock, chats).createMany([{ chatId: 42, slot: '2026-11-28', dueAt, since: dueAt - 86_400_000, until: dueAt, parts: ['digest'] }]);
    const { status, body } = await health(base);
    expect(status).toBe(503);
    expect(body.status).toBe('unhealthy');
    expect(body.digestLagSeconds).toBeGreaterThanOrEqual(7200);
    expect(String(body.problems)).toContain('digest lag');
  });

  it('when another process holds the database locked for writing, then 503 says the database is not writable', async () => {
    const { base, app } = await operations();
    app.db.pragma('busy_timeout = 50');
    const other = new Database(app.config.DATABASE_PATH);
    cleanups.push(() => {
      if (other.open) other.close();
    });
    other.exec('BEGIN EXCLUSIVE');
    const { status, body } = await health(base);
    other.exec('ROLLBACK');
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: 'unhealthy', database: { writable: false } });
    expect((await health(base)).status).toBe(200);
  });

  it('when HEAD or an unknown path is asked, then HEAD answers like GET without a body and the rest is 404', async () => {
    const { base } = await operations();
    const head = await fetch(`${base}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(`${base}/nothing-here`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
  });
});

describe('GET /metrics with the bot running (polling, PORT set)', () => {
  it('when people talk to the bot and a feed is read, then the Prometheus text counts messages, 429s, chats, subscriptions, sources and items', async () => {
    const feeds: FeedServer = await startFeedServer();
    cleanups.push(() => feeds.close());
    feeds.route('/wire.xml', { body: RSS });
    const fake: FakeBotApi = await startFakeBotApi({ strictChats: false });
    cleanups.push(() => fake.close());
    const { app, ops, base, logs } = await operations({
      BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      SOURCES_JSON: JSON.stringify([{ name: 'Harbour Wire', url: feeds.url('/wire.xml'), region: 'asia' }]),
    });
    const stop = new AbortController();
    const running = runActiveCopy({ app, token: fake.token, io: { out: () => undefined, err: () => undefined }, ops }, stop.signal);
    cleanups.push(async () => {
      stop.abort();
      await running;
    });
    await fake.waitFor(() => fake.polling);
    await fake.waitFor(() => logs.some((l) => l.includes(' ingest pass ')));

    const user = fake.user({ first_name: 'Ana', language_code: 'en' });
    const chat = fake.privateChat(user);
    await fake.say(user, chat, '/start asia');
    // Telegram says "slow down" once (retry_after 0): waited out, then sent.
    fake.failNext({ failure: { kind: 'rate-limited', retryAfter: 0 }, method: 'sendMessage' });
    await fake.say(user, chat, '/help');
    fake.unreachable(chat.id, { kind: 'blocked' });
    await fake.say(user, chat, '/help');

    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    const value = (series: string) => Number(text.split('\n').find((l) => l.startsWith(`${series} `))?.split(' ')[1]);
    expect(value('newsbot_messages_sent_total{kind="reply"}')).toBe(2);
    expect(value('newsbot_messages_failed_total{kind="reply",reason="blocked"}')).toBe(1);
    expect(value('newsbot_telegram_rate_limited_total')).toBe(1);
    expect(value('newsbot_chats{state="inactive"}')).toBe(1);
    expect(value('newsbot_subscriptions{region="asia"}')).toBe(0);
    expect(value('newsbot_sources{state="ok"}')).toBe(1);
    expect(value('newsbot_ingest_items_total{result="new"}')).toBe(2);
    expect(value('newsbot_ingest_pass_duration_seconds_count')).toBe(1);
    expect(value('newsbot_send_queue_length')).toBe(0);
    expect(value('newsbot_digest_lag_seconds')).toBe(0);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_heap_size_used_bytes');
    // Prometheus naming: every counter ends in _total, every name is snake_case with the newsbot_ prefix or a standard one.
    const types = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => ({ name: m[1] ?? '', type: m[2] ?? '' }));
    for (const { name, type } of types) {
      expect(name).toMatch(/^(newsbot|process|nodejs)_[a-z0-9_]+$/);
      if (type === 'counter') expect(name).toMatch(/_total$/);
    }

    const { body } = await health(base);
    expect(body.lastIngestAgeSeconds).toEqual(expect.any(Number));
    expect(body.queueLength).toBe(0);
  });
});
