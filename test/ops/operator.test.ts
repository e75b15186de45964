import { describe, expect, it } from 'vitest';
import { registerCommandMenu } from '../../src/bot/menu.js';
import { createLogger } from '../../src/log.js';
import { createMetrics } from '../../src/ops/metrics.js';
import type { OperatorDeps } from '../../src/ops/operator-feature.js';
import { registerOperatorMenu } from '../../src/ops/operator-menu.js';
import { createServiceStats } from '../../src/ops/service-stats.js';
import { createSourceStore } from '../../src/store/sources.js';
import { botTests } from '../bot/harness.js';
import type { tempStore } from '../helpers/temp-db.js';

const ADMIN_ID = 777_001;
const bots = botTests();

/** The operator's deps on the harness's store, with one 429 of 3 s counted. */
function operator(store: ReturnType<typeof tempStore>): Partial<{ operator: OperatorDeps }> {
  const stats = createServiceStats(store.db, store.file);
  const metrics = createMetrics({ stats, clock: store.clock, queueLength: () => 0, processMetrics: false });
  metrics.onSend({ type: 'rate-limited', retryAfterMs: 3000 });
  const sources = createSourceStore(store.db);
  // One feed that reads fine, one that has failed since 7 hours before "now".
  const ok = sources.ensure({ name: 'Harbour Wire', url: 'https://wire.example/rss' });
  sources.recordSuccess(ok, { at: store.clock.now() - 600_000, etag: null, lastModified: null });
  const bad = sources.ensure({ name: 'Lake Tribune', url: 'https://tribune.example/feed' });
  sources.recordSuccess(bad, { at: store.clock.now() - 7 * 3_600_000, etag: null, lastModified: null });
  sources.recordFailure(bad, { at: store.clock.now() - 300_000, error: 'HTTP 503 Service Unavailable' });
  return { operator: { adminIds: [ADMIN_ID], stats, sources: () => sources.list(), rateLimited: () => metrics.rateLimitedSoFar(), clock: store.clock } };
}

describe('the operator in Telegram (ADMIN_IDS)', () => {
  it('when an admin sends /stats and /sources in a private chat, then they get the service figures and each feed\'s health', async () => {
    const h = await bots.start({ override: operator });
    const admin = h.fake.user({ id: ADMIN_ID, first_name: 'Op', language_code: 'en' });
    const chat = h.fake.privateChat(admin);
    await h.fake.say(admin, chat, '/start asia');
    const stats = (await h.fake.say(admin, chat, '/stats')).replies.map((m) => m.text).join('\n');
    expect(stats).toContain('Chats: 1 active, 0 paused, 0 inactive');
    expect(stats).toContain('asia 1');
    expect(stats).toContain('Digests today (UTC): 0 sent, 0 failed');
    expect(stats).toContain('Telegram 429s since start: 1 (waited 3 s)');
    expect(stats).toContain('Sources: 1 ok, 1 failing');
    expect(stats).toContain('Lake Tribune: HTTP 503 Service Unavailable (last read 7 h ago)');
    expect(stats).toMatch(/Store: \d+\.\d MB/);
    const sources = (await h.fake.say(admin, chat, '/sources')).replies.map((m) => m.text).join('\n');
    expect(sources.split('\n')).toEqual([
      'Sources: 2',
      '❌ Lake Tribune: HTTP 503 Service Unavailable (1 failure in a row; last read 7 h ago)',
      '✅ Harbour Wire: read 10 min ago, 0 articles',
    ]);
  });

  it('when someone else sends /stats or /sources, or an admin sends it in a group, then it is an unknown command like any other', async () => {
    const h = await bots.start({ override: operator });
    const person = h.fake.user({ first_name: 'Ana', language_code: 'en' });
    const chat = h.fake.privateChat(person);
    expect((await h.fake.say(person, chat, '/stats')).replies[0]?.text).toBe("I don't know /stats. /help lists what I can do.");
    expect((await h.fake.say(person, chat, '/sources')).replies[0]?.text).toBe("I don't know /sources. /help lists what I can do.");
    const admin = h.fake.user({ id: ADMIN_ID, first_name: 'Op', language_code: 'en' });
    const group = h.fake.group();
    const inGroup = await h.fake.say(admin, group, `/stats@${h.fake.botUser.username ?? ''}`);
    expect(inGroup.replies.map((m) => m.text)).toEqual(["I don't know /stats. /help lists what I can do."]);
  });

  it('when the menus are registered, then only each admin\'s own chat menu lists /stats and /sources, in English and Russian', async () => {
    const h = await bots.start();
    await registerCommandMenu(h.bot.telegram);
    await registerOperatorMenu(h.bot.telegram, [ADMIN_ID], createLogger('silent'));
    const mine = h.fake.commands('', `chat:${ADMIN_ID}`)?.map((c) => c.command);
    expect(mine).toEqual(expect.arrayContaining(['latest', 'stats', 'sources']));
    expect(h.fake.commands('ru', `chat:${ADMIN_ID}`)?.find((c) => c.command === 'stats')?.description).toMatch(/Оператору/);
    for (const lang of ['', 'ru']) {
      const everyone = h.fake.commands(lang)?.map((c) => c.command);
      expect(everyone).toContain('latest');
      expect(everyone).not.toContain('stats');
      expect(everyone).not.toContain('sources');
    }
  });
});
