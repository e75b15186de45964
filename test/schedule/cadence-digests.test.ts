import { afterEach, describe, expect, it } from 'vitest';
import type { Cadence } from '../../src/cadence/cadence.js';
import { fixedClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createSendQueue } from '../../src/delivery/send-queue.js';
import { createTelegramClient, telegramTransport } from '../../src/delivery/telegraf-bridge.js';
import { silentLogger } from '../../src/log.js';
import { createDigestRunner } from '../../src/schedule/digest-job.js';
import { createChatStore } from '../../src/store/chats.js';
import { type FakeBotApi, startFakeBotApi } from '../helpers/fake-bot-api.js';
import { NO_SEND_WAITS } from '../helpers/no-send-waits.js';
import { tempStore } from '../helpers/temp-db.js';

const CHAT = 7;
let store: ReturnType<typeof tempStore> | undefined;
let api: FakeBotApi | undefined;
afterEach(async () => {
  await api?.close();
  store?.close();
  api = undefined;
  store = undefined;
});

/**
 * One chat (created `since`, Asia, in `zone` with `cadence`) on a real SQLite file, stories of Asia
 * published at the given instants (headline "Story <n>"), the real runner sending through the fake
 * Bot API. `passAt` runs one scheduling pass at an instant and says what the chat received in it.
 */
async function world(options: { zone: string; cadence: Cadence; since: string; stories: string[]; quiet?: boolean }) {
  api = await startFakeBotApi({ limits: false });
  store = tempStore('2027-01-01T00:00:00Z');
  store.articles.upsertMany(
    options.stories.map((publishedAt, i) => ({
      source: 'Wire', url: `https://w.example/${i + 1}`, headline: `Story ${i + 1}: ${['typhoon', 'election', 'summit', 'harvest', 'launch', 'verdict'][i % 6]} in Tokyo`,
      lead: `Lead ${i + 1}.`, publishedAt: Date.parse(publishedAt), regions: ['asia' as const],
    })),
  );
  store.clock.set(options.since);
  const chats = createChatStore(store.db, store.clock, { digestTime: '08:00', timezone: 'UTC' });
  chats.ensure({ id: CHAT, type: 'private' });
  chats.subscribe(CHAT, ['asia']);
  chats.setTimezone(CHAT, options.zone);
  chats.setCadence(CHAT, options.cadence);
  if (options.quiet) chats.setQuietWhenEmpty(CHAT, true);
  // Passes hours apart by the clock come milliseconds apart in real time: without the per-chat gap
  // (the fake enforces none), each digest after the first would wait out a second since the last.
  const queue = createSendQueue({ transport: telegramTransport(createTelegramClient(api.token, api.apiRoot)), ratePerSecond: 200, ...NO_SEND_WAITS });
  const config = loadConfig({ SEND_RATE_PER_SECOND: '200' });
  const runner = createDigestRunner({ config, db: store.db, queue, log: silentLogger, clock: fixedClock(options.since), chats });
  const fake = api;
  return {
    runner,
    chats,
    /** One pass at `at`: the texts the chat received in it. */
    async passAt(at: string): Promise<string[]> {
      const before = fake.sentTo(CHAT).length;
      await runner.runPass(Date.parse(at));
      return fake.sentTo(CHAT).slice(before).map((m) => m.text);
    },
  };
}

/** The story numbers a digest text names, in order. */
const storiesIn = (texts: string[]) => texts.flatMap((t) => [...t.matchAll(/Story (\d+)/g)].map((m) => Number(m[1])));

describe('digests at the chat\'s cadence, through the fake Bot API', () => {
  it('when a Berlin chat gets digests twice a day across the spring-forward night, then each comes at 08:00 and 18:00 local and covers the stories since the one before', async () => {
    const w = await world({
      zone: 'Europe/Berlin',
      cadence: { kind: 'twice', times: ['08:00', '18:00'] },
      since: '2026-03-20T00:00:00Z',
      stories: ['2026-03-28T05:00:00Z', '2026-03-28T12:00:00Z', '2026-03-29T03:00:00Z', '2026-03-29T15:59:00Z'],
    });
    // The minutes around each digest in UTC: CET is UTC+1 until 01:00 UTC on the 29th, then CEST, UTC+2.
    const passes = [
      '2026-03-28T06:59:00Z', '2026-03-28T07:00:00Z', '2026-03-28T07:30:00Z', '2026-03-28T16:59:00Z', '2026-03-28T17:00:00Z',
      '2026-03-29T05:59:00Z', '2026-03-29T06:00:00Z', '2026-03-29T07:00:00Z', '2026-03-29T15:59:00Z', '2026-03-29T16:00:00Z', '2026-03-29T17:00:00Z',
    ];
    const got: Record<string, number[]> = {};
    const headers: string[] = [];
    for (const at of passes) {
      const texts = await w.passAt(at);
      if (texts.length > 0) got[at] = storiesIn(texts);
      if (texts[0]) headers.push(texts[0].split('\n')[0] ?? '');
    }
    expect(got).toEqual({
      '2026-03-28T07:00:00Z': [1],
      '2026-03-28T17:00:00Z': [2],
      '2026-03-29T06:00:00Z': [3],
      '2026-03-29T16:00:00Z': [4],
    });
    // Two digests a day: each header says which.
    expect(headers).toEqual([
      'Your news digest · Saturday, March 28, 08:00',
      'Your news digest · Saturday, March 28, 18:00',
      'Your news digest · Sunday, March 29, 08:00',
      'Your news digest · Sunday, March 29, 18:00',
    ]);
  });

  it('when a chat switches from daily to twice a day after its morning digest and back, then no digest comes twice and none is lost', async () => {
    const w = await world({
      zone: 'UTC',
      cadence: { kind: 'daily', time: '08:00' },
      since: '2026-11-20T00:00:00Z',
      stories: ['2026-11-28T07:00:00Z', '2026-11-28T12:00:00Z', '2026-11-28T20:00:00Z'],
    });
    expect(storiesIn(await w.passAt('2026-11-28T08:00:00Z'))).toEqual([1]);
    w.chats.setCadence(CHAT, { kind: 'twice', times: ['08:00', '18:00'] });
    // Today's 08:00 digest already went, as the daily one: it is not sent again under its new slot.
    expect(await w.passAt('2026-11-28T09:00:00Z')).toEqual([]);
    expect(storiesIn(await w.passAt('2026-11-28T18:00:00Z'))).toEqual([2]);
    w.chats.setCadence(CHAT, { kind: 'daily', time: '08:00' });
    expect(await w.passAt('2026-11-28T19:00:00Z')).toEqual([]);
    expect(storiesIn(await w.passAt('2026-11-29T08:00:00Z'))).toEqual([3]);
  });

  it('when the bot was down through a twice-daily chat\'s morning digest, then the evening one, caught up late, holds everything since the day before', async () => {
    const w = await world({
      zone: 'UTC',
      cadence: { kind: 'twice', times: ['08:00', '18:00'] },
      since: '2026-11-20T00:00:00Z',
      stories: ['2026-11-27T17:00:00Z', '2026-11-28T06:00:00Z', '2026-11-28T15:00:00Z'],
    });
    expect(storiesIn(await w.passAt('2026-11-27T18:00:00Z'))).toEqual([1]);
    // Down from 07:00 to 19:30 (DIGEST_CATCHUP_HOURS is 6): at start the 18:00 digest goes, 1.5 h late.
    const texts = await w.passAt('2026-11-28T19:30:00Z');
    expect(texts[0]?.split('\n')[0]).toBe('Your news digest · Saturday, November 28, 18:00');
    expect(storiesIn(texts)).toEqual([3, 2]);
    expect(await w.passAt('2026-11-28T19:31:00Z')).toEqual([]);
  });

  it('when the cadence is weekdays, then Saturday and Sunday bring nothing and Monday\'s digest holds the weekend\'s stories', async () => {
    const w = await world({
      zone: 'UTC',
      cadence: { kind: 'weekdays', time: '08:00' },
      since: '2026-11-20T00:00:00Z',
      // Friday morning, Saturday, Sunday, Monday morning
      stories: ['2026-11-27T06:00:00Z', '2026-11-28T12:00:00Z', '2026-11-29T12:00:00Z', '2026-11-30T07:00:00Z'],
    });
    const got: Record<string, number[]> = {};
    for (const day of ['27', '28', '29', '30']) {
      const at = `2026-11-${day}T08:00:00Z`;
      const texts = await w.passAt(at);
      got[at] = storiesIn(texts);
    }
    expect(got).toEqual({
      '2026-11-27T08:00:00Z': [1],
      '2026-11-28T08:00:00Z': [],
      '2026-11-29T08:00:00Z': [],
      '2026-11-30T08:00:00Z': [4, 3, 2],
    });
  });

  it('when the cadence is weekly on Monday in Tokyo, then it comes once a week at 09:00 there, the first covering the week before', async () => {
    const w = await world({
      zone: 'Asia/Tokyo',
      cadence: { kind: 'weekly', day: 'mon', time: '09:00' },
      since: '2026-11-01T00:00:00Z',
      // eight days before the first Monday (not news any more), five days before, and in the week after
      stories: ['2026-11-22T00:00:00Z', '2026-11-25T00:00:00Z', '2026-12-02T00:00:00Z'],
    });
    const sentOn: string[] = [];
    // 00:00 UTC is 09:00 in Tokyo: a pass every day for two weeks, and one a minute before Monday's.
    for (let day = 24; day <= 37; day++) {
      const date = new Date(Date.UTC(2026, 10, day)).toISOString();
      if (day === 30) expect(await w.passAt(new Date(Date.UTC(2026, 10, day) - 60_000).toISOString())).toEqual([]);
      const texts = await w.passAt(date);
      if (texts.length > 0) sentOn.push(`${date.slice(0, 10)}: ${storiesIn(texts).join(',')}`);
    }
    // 2026-11-30 and 2026-12-07 are Mondays in Tokyo (and in UTC at 00:00).
    expect(sentOn).toEqual(['2026-11-30: 2', '2026-12-07: 3']);
  });

  it('when a quiet chat has nothing new, then nothing is sent, and the next digest still covers everything since the last one sent', async () => {
    const w = await world({
      zone: 'UTC',
      cadence: { kind: 'twice', times: ['08:00', '20:00'] },
      since: '2026-11-20T00:00:00Z',
      stories: ['2026-11-28T07:00:00Z', '2026-11-28T21:00:00Z'],
      quiet: true,
    });
    expect(storiesIn(await w.passAt('2026-11-28T08:00:00Z'))).toEqual([1]);
    expect(await w.passAt('2026-11-28T20:00:00Z')).toEqual([]);
    expect(storiesIn(await w.passAt('2026-11-29T08:00:00Z'))).toEqual([2]);
    w.chats.setQuietWhenEmpty(CHAT, false);
    expect(await w.passAt('2026-11-29T20:00:00Z')).toEqual([expect.stringMatching(/nothing new in Asia & Pacific since your last digest/)]);
  });
});
