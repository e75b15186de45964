import { afterEach, describe, expect, it } from 'vitest';
import { createTelegramClient } from '../../src/delivery/telegraf-bridge.js';
import { createLogger } from '../../src/log.js';
import { createAlertChecks, type DiskSpace } from '../../src/ops/alert-checks.js';
import { createAlerts } from '../../src/ops/alerts.js';
import { createServiceStats } from '../../src/ops/service-stats.js';
import { createChatStore } from '../../src/store/chats.js';
import { createDeliveryStore } from '../../src/store/deliveries.js';
import { createSourceStore } from '../../src/store/sources.js';
import { type FakeBotApi, startFakeBotApi } from '../helpers/fake-bot-api.js';
import { tempStore } from '../helpers/temp-db.js';

const HOUR = 3_600_000;
const ADMINS = [5001, 5002];

let fake: FakeBotApi | undefined;
let store: ReturnType<typeof tempStore> | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  store?.close();
  store = undefined;
});

/** Alerts through a real Telegram client to the fake Bot API, on a real database and a clock the test moves. */
async function world(disk: DiskSpace = () => ({ free: 50e9, total: 100e9 })) {
  fake = await startFakeBotApi({ strictChats: false });
  store = tempStore('2026-11-28T12:00:00Z');
  const telegram = createTelegramClient(fake.token, fake.apiRoot);
  const logs: string[] = [];
  const log = createLogger('debug', (l) => logs.push(l));
  const alerts = createAlerts({ db: store.db, clock: store.clock, adminIds: ADMINS, send: (id, text) => telegram.sendMessage(id, text), log });
  const checks = createAlertChecks({
    alerts,
    stats: createServiceStats(store.db, store.file),
    clock: store.clock,
    log,
    databasePath: store.file,
    maxDigestLagMs: 1800_000,
    disk,
  });
  const f = fake;
  const told = (admin: number) => f.sentTo(admin).map((m) => m.text);
  return { store, alerts, checks, told, logs, sources: createSourceStore(store.db) };
}

describe('alerts to the admins', () => {
  it('when a feed has failed for 6 hours, then every admin is told once, and again only after an hour', async () => {
    const { store, checks, told, sources } = await world();
    const id = sources.ensure({ name: 'Lake Tribune', url: 'https://tribune.example/feed' });
    sources.recordSuccess(id, { at: store.clock.now() - 5 * HOUR });
    sources.recordFailure(id, { at: store.clock.now() - 60_000, error: 'HTTP 503 Service Unavailable' });
    await checks.check();
    expect(told(ADMINS[0] as number)).toEqual([]);

    store.clock.advance(HOUR + 60_000);
    await checks.check();
    for (const admin of ADMINS) expect(told(admin)).toEqual(['⚠️ Feed "Lake Tribune" has been failing for 6 hours: HTTP 503 Service Unavailable']);
    store.clock.advance(30 * 60_000);
    await checks.check();
    expect(told(ADMINS[0] as number)).toHaveLength(1);
    store.clock.advance(31 * 60_000);
    await checks.check();
    expect(told(ADMINS[0] as number)).toHaveLength(2);
    expect(told(ADMINS[0] as number)[1]).toContain('failing for 7 hours');
  });

  it('when digests fail, or wait past the lag limit, then the admins hear of each cause', async () => {
    const { store, checks, told } = await world();
    const chats = createChatStore(store.db, store.clock, { digestTime: '08:00', timezone: 'UTC' });
    const deliveries = createDeliveryStore(store.db, store.clock, chats);
    for (const id of [1, 2]) chats.ensure({ id, type: 'private' });
    const dueAt = store.clock.now() - 2 * HOUR;
    deliveries.createMany([1, 2].map((chatId) => ({ chatId, slot: '2026-11-28', dueAt, since: dueAt - 24 * HOUR, until: dueAt, parts: ['digest'] })));
    deliveries.fail({ chatId: 1, topicId: 0, slot: '2026-11-28' }, '400: Bad Request: message is too long');
    await checks.check();
    const texts = told(ADMINS[0] as number);
    expect(texts).toContain('⚠️ 1 digest failed or missed today (UTC); the latest: 400: Bad Request: message is too long');
    expect(texts.some((t) => t.startsWith('⚠️ Digests are late: 1 waiting, the oldest 120 min after its time'))).toBe(true);
  });

  it('when the disk holding the database is nearly full, then the admins are told how much is left', async () => {
    const { checks, told } = await world(() => ({ free: 400e6, total: 10e9 }));
    await checks.check();
    expect(told(ADMINS[1] as number)).toEqual([
      expect.stringMatching(/^⚠️ The database's disk is nearly full: 400 MB free of 10000 MB \(the database is \d+ MB\)/),
    ]);
  });

  it('when an admin never started the bot, then the others are still told and it is logged', async () => {
    const { alerts, told, logs } = await world();
    fake?.failNext({ failure: { kind: 'blocked' }, chatId: ADMINS[0] as number });
    expect(await alerts.raise('lease-lost', 'This newsbot lost its lease')).toBe(true);
    expect(told(ADMINS[1] as number)).toEqual(['⚠️ This newsbot lost its lease']);
    expect(logs.some((l) => l.includes('could not send an alert to an admin'))).toBe(true);
    expect(await alerts.raise('lease-lost', 'This newsbot lost its lease')).toBe(false);
  });
});
