import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createSendQueue, type Transport } from '../../src/delivery/send-queue.js';
import { silentLogger } from '../../src/log.js';
import { createDigestRunner } from '../../src/schedule/digest-job.js';
import { createChatStore } from '../../src/store/chats.js';
import { tempStore } from '../helpers/temp-db.js';

let store: ReturnType<typeof tempStore>;
afterEach(() => store?.close());

/** Chats 1-3 at 08:00 UTC with one Asia story waiting; the runner's passes are at the times given. */
function setup() {
  store = tempStore('2026-11-20T00:00:00Z');
  const chats = createChatStore(store.db, store.clock, { digestTime: '08:00', timezone: 'UTC' });
  const sent: number[] = [];
  const transport: Transport = async (_method, payload) => {
    sent.push(payload.chat_id as number);
    return { message_id: 1 };
  };
  const queue = createSendQueue({ transport, ratePerSecond: 500, perChatIntervalMs: 1, backoffMs: () => 10 });
  const config = loadConfig({ SEND_RATE_PER_SECOND: '200' });
  const runner = createDigestRunner({ config, db: store.db, queue, log: silentLogger, clock: fixedClock('2026-11-28T08:00:00Z'), chats });
  store.clock.set('2026-11-28T07:00:00Z');
  store.articles.upsert({
    source: 'Wire', url: 'https://w.example/1', headline: 'Typhoon nears Okinawa', lead: 'Schools closed.',
    publishedAt: Date.parse('2026-11-28T05:00:00Z'), regions: ['asia'],
  });
  store.clock.set('2026-11-20T00:00:00Z');
  for (const id of [1, 2, 3]) chats.ensure({ id, type: 'private' });
  chats.subscribe(1, ['asia']);
  chats.subscribe(2, ['asia']);
  chats.setPaused(2, true);
  const pass = (at: string) => runner.runPass(Date.parse(at));
  return { chats, sent, pass };
}

describe('the minute passes after a group was served', () => {
  it('when a chat of a served group unpauses or subscribes later that morning, then the next pass sends it today\'s digest, once', async () => {
    const { chats, sent, pass } = setup();
    expect(await pass('2026-11-28T08:00:00Z')).toMatchObject({ due: 1, sent: 1 });
    expect(await pass('2026-11-28T08:01:00Z')).toMatchObject({ due: 0, sent: 0 });
    chats.setPaused(2, false);
    expect(await pass('2026-11-28T08:02:00Z')).toMatchObject({ due: 1, sent: 1 });
    chats.subscribe(3, ['asia']);
    expect(await pass('2026-11-28T08:03:00Z')).toMatchObject({ due: 1, sent: 1 });
    expect(await pass('2026-11-28T08:04:00Z')).toMatchObject({ due: 0, sent: 0 });
    expect(sent).toEqual([1, 2, 3]);
  });

  it('when a chat is forgotten (/stop) after its group was read, then the others still get theirs the next day and it gets nothing', async () => {
    const { chats, sent, pass } = setup();
    chats.setPaused(2, false);
    expect(await pass('2026-11-28T08:00:00Z')).toMatchObject({ due: 2, sent: 2 });
    chats.forget(1);
    expect(await pass('2026-11-29T08:00:00Z')).toMatchObject({ due: 1, sent: 1 });
    expect(sent).toEqual([1, 2, 2]);
  });
});
