import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createSendQueue, type Transport } from '../../src/delivery/send-queue.js';
import { silentLogger } from '../../src/log.js';
import { createDigestRunner, startDigestJob } from '../../src/schedule/digest-job.js';
import { createChatStore } from '../../src/store/chats.js';
import { createLeaseStore } from '../../src/store/leases.js';
import { tempStore } from '../helpers/temp-db.js';

const config = loadConfig({ SEND_RATE_PER_SECOND: '200' });
let store: ReturnType<typeof tempStore>;
afterEach(() => store?.close());

function apiError(code: number, description: string, parameters?: object) {
  return Object.assign(new Error(description), { response: { ok: false, error_code: code, description, parameters } });
}

/** The world: a store with one Asia story, chats created a week before, a recording transport. */
function setup(answer: (chatId: number, text: string) => unknown = () => ({ message_id: 1 }), createdAt = '2026-11-20T00:00:00Z') {
  store = tempStore(createdAt);
  const chats = createChatStore(store.db, store.clock, { digestTime: '08:00', timezone: 'UTC' });
  const sent: { chatId: number; text: string }[] = [];
  let firstSent: () => void = () => undefined;
  /** Resolves when the first message was accepted: an event to wait on. */
  const sentOne = new Promise<void>((resolve) => (firstSent = resolve));
  const transport: Transport = async (_method, payload) => {
    const chatId = payload.chat_id as number;
    const result = answer(chatId, String(payload.text));
    if (result instanceof Error) throw result;
    sent.push({ chatId, text: String(payload.text) });
    firstSent();
    return result;
  };
  const queue = createSendQueue({ transport, ratePerSecond: 500, perChatIntervalMs: 1, backoffMs: () => 10 });
  const clock = fixedClock('2026-11-28T08:00:00Z');
  const runner = createDigestRunner({ config, db: store.db, queue, log: silentLogger, clock, chats });
  store.clock.set('2026-11-28T07:00:00Z'); // so the story's time is not taken for a future one
  store.articles.upsert({
    source: 'Wire', url: 'https://w.example/1', headline: 'Typhoon nears Okinawa', lead: 'Schools closed.',
    publishedAt: Date.parse('2026-11-28T05:00:00Z'), regions: ['asia'],
  });
  store.clock.set(createdAt);
  const chat = (id: number, settings: { time?: string; zone?: string; regions?: ('asia' | 'europe')[] } = {}) => {
    chats.ensure({ id, type: id < 0 ? 'group' : 'private' });
    chats.subscribe(id, settings.regions ?? ['asia']);
    if (settings.time) chats.setDigestTime(id, settings.time);
    if (settings.zone) chats.setTimezone(id, settings.zone);
  };
  return { chats, sent, sentOne, runner, clock, chat, queue };
}

describe('the digest schedule', () => {
  it('when a chat\'s local digest time comes, then it gets one digest, and later passes that day send nothing', async () => {
    const { sent, runner, chat } = setup();
    chat(1, { time: '09:00', zone: 'Europe/Berlin' });
    // yesterday's digest (never sent, a day late) is recorded as skipped, not sent
    expect(await runner.runPass(Date.parse('2026-11-28T07:59:00Z'))).toMatchObject({ skipped: 1, sent: 0 });
    const pass = await runner.runPass(Date.parse('2026-11-28T08:00:00Z'));
    expect(pass).toMatchObject({ due: 1, sent: 1, skipped: 0, failed: 0 });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toContain('Typhoon nears Okinawa');
    expect(sent[0]?.text).toContain('Saturday, November 28');
    for (const at of ['2026-11-28T08:01:00Z', '2026-11-28T15:00:00Z', '2026-11-28T22:59:00Z']) await runner.runPass(Date.parse(at));
    expect(sent).toHaveLength(1);
  });

  it('when the bot runs on, then a chat that moves its time to the coming minute gets its digest then, and one that joins a time already past the catch-up limit waits for tomorrow', async () => {
    const { sent, runner, chat, chats, clock } = setup();
    chat(1, { time: '07:00' });
    // 14:00: chat 1's 07:00 digest is 7 h late, over the 6 h limit: skipped.
    expect(await runner.runPass(Date.parse('2026-11-28T14:00:00Z'))).toMatchObject({ due: 1, skipped: 1, sent: 0 });
    chat(2, { time: '14:02' });
    chat(3, { time: '07:00' });
    // Only chat 2's digest of yesterday 14:02 (a day late) is recorded, as skipped; chat 3 joined a
    // group whose 07:00 was handled past the limit: nothing is owed to it today.
    expect(await runner.runPass(Date.parse('2026-11-28T14:01:00Z'))).toMatchObject({ due: 1, skipped: 1, sent: 0 });
    expect(await runner.runPass(Date.parse('2026-11-28T14:02:00Z'))).toMatchObject({ due: 1, sent: 1 });
    expect(sent.map((s) => s.chatId)).toEqual([2]);
    chats.setDigestTime(3, '14:03');
    expect(await runner.runPass(Date.parse('2026-11-28T14:03:00Z'))).toMatchObject({ due: 1, sent: 1 });
    chats.setDigestTime(3, '07:00');
    clock.set('2026-11-29T07:00:00Z');
    const tomorrow = await runner.runPass(Date.parse('2026-11-29T07:00:00Z'));
    expect(tomorrow).toMatchObject({ due: 2, sent: 2 });
    expect(sent.map((s) => s.chatId)).toEqual([2, 3, 1, 3]);
  });

  it('when paused, inactive or unsubscribed, then a chat gets nothing', async () => {
    const { sent, runner, chat, chats } = setup();
    chat(1);
    chat(2);
    chat(3);
    chat(4);
    chats.setPaused(2, true);
    chats.markInactive(3, '403: blocked');
    chats.unsubscribe(4, 'all');
    await runner.runPass(Date.parse('2026-11-28T08:00:00Z'));
    expect(sent.map((s) => s.chatId)).toEqual([1]);
  });

  it('when the bot was down, then digests less than the catch-up limit late go out and older ones are skipped, not sent', async () => {
    const { sent, runner, chat } = setup();
    chat(1, { time: '03:00' }); // 5 h late at 08:00
    chat(2, { time: '01:00' }); // 7 h late
    const pass = await runner.runPass(Date.parse('2026-11-28T08:00:00Z'));
    expect(pass).toMatchObject({ due: 2, sent: 1, skipped: 1 });
    expect(sent.map((s) => s.chatId)).toEqual([1]);
    expect(runner.deliveries.get({ chatId: 2, topicId: 0, slot: '2026-11-28' })).toMatchObject({ status: 'skipped' });
    // the skip is recorded once; the next pass does not log or count it again
    expect((await runner.runPass(Date.parse('2026-11-28T08:01:00Z'))).skipped).toBe(0);
  });

  it('when Berlin springs forward, then a 02:30 digest goes once at 03:00 local; on fall-back once at the first 02:30', async () => {
    const { sent, runner, chat } = setup(undefined, '2026-01-01T00:00:00Z');
    chat(1, { time: '02:30', zone: 'Europe/Berlin' });
    const minutes = (from: string, to: string) => {
      const out: number[] = [];
      for (let t = Date.parse(from); t <= Date.parse(to); t += 60_000) out.push(t);
      return out;
    };
    for (const t of minutes('2026-03-29T00:00:00Z', '2026-03-29T01:30:00Z')) {
      await runner.runPass(t);
      if (sent.length > 0) break;
    }
    expect(runner.deliveries.get({ chatId: 1, topicId: 0, slot: '2026-03-29' })?.dueAt).toBe(Date.parse('2026-03-29T01:00:00Z'));
    expect(sent).toHaveLength(1);
    for (const t of minutes('2026-10-25T00:00:00Z', '2026-10-25T02:00:00Z').filter((_, i) => i % 10 === 0)) await runner.runPass(t);
    expect(sent).toHaveLength(2);
    expect(runner.deliveries.get({ chatId: 1, topicId: 0, slot: '2026-10-25' })?.dueAt).toBe(Date.parse('2026-10-25T00:30:00Z'));
  });

  it('when chats in Kolkata, Chatham, Moscow and a fixed offset have 08:00 digests, then each goes at its own UTC instant', async () => {
    const { sent, runner, chat } = setup();
    chat(1, { zone: 'Asia/Kolkata' }); // 02:30Z
    chat(2, { zone: 'Pacific/Chatham' }); // 18:15Z the day before (summer, +13:45)
    chat(3, { zone: 'Europe/Moscow' }); // 05:00Z
    chat(4, { zone: '-03:30' }); // 11:30Z
    const at = (iso: string) => runner.runPass(Date.parse(iso)).then(() => sent.map((s) => s.chatId));
    expect(await at('2026-11-27T18:14:00Z')).toEqual([]);
    expect(await at('2026-11-27T18:15:00Z')).toEqual([2]);
    expect(await at('2026-11-28T02:30:00Z')).toEqual([2, 1]);
    expect(await at('2026-11-28T05:00:00Z')).toEqual([2, 1, 3]);
    expect(await at('2026-11-28T11:29:00Z')).toEqual([2, 1, 3]);
    expect(await at('2026-11-28T11:30:00Z')).toEqual([2, 1, 3, 4]);
  });

  it('when a chat blocked the bot, then it is marked inactive and the others still get theirs', async () => {
    const { sent, runner, chat, chats } = setup((chatId) => (chatId === 2 ? apiError(403, 'Forbidden: bot was blocked by the user') : { message_id: 1 }));
    chat(1);
    chat(2);
    chat(3);
    const pass = await runner.runPass(Date.parse('2026-11-28T08:00:00Z'));
    expect(pass).toMatchObject({ sent: 2, inactive: 1 });
    expect(sent.map((s) => s.chatId).sort()).toEqual([1, 3]);
    expect(chats.get(2)).toMatchObject({ active: false });
    expect(runner.deliveries.get({ chatId: 2, topicId: 0, slot: '2026-11-28' })).toMatchObject({ status: 'failed' });
  });

  it('when a group was upgraded, then the chat moves to the supergroup id and the digest is delivered there', async () => {
    const { sent, runner, chat, chats } = setup((chatId) =>
      chatId === -5 ? apiError(400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: -1005 }) : { message_id: 1 },
    );
    chat(-5);
    const pass = await runner.runPass(Date.parse('2026-11-28T08:00:00Z'));
    expect(pass).toMatchObject({ sent: 1, migrated: 1 });
    expect(sent.map((s) => s.chatId)).toEqual([-1005]);
    expect(chats.get(-5)).toBeUndefined();
    expect(chats.get(-1005)).toMatchObject({ regions: ['asia'], lastDigestUntil: Date.parse('2026-11-28T08:00:00Z') });
    expect(runner.deliveries.get({ chatId: -1005, topicId: 0, slot: '2026-11-28' })).toMatchObject({ status: 'sent' });
  });

  it('when a process died after part 1 of 3, then the next pass sends parts 2 and 3 only', async () => {
    const { sent, runner, chat } = setup();
    chat(1);
    runner.deliveries.createMany([{ chatId: 1, slot: '2026-11-28', dueAt: Date.parse('2026-11-28T08:00:00Z'), since: 0, until: 1, parts: ['p1', 'p2', 'p3'] }]);
    runner.deliveries.markPartSent({ chatId: 1, topicId: 0, slot: '2026-11-28' }, 1);
    await runner.runPass(Date.parse('2026-11-28T08:05:00Z'));
    expect(sent.map((s) => s.text)).toEqual(['p2', 'p3']);
    expect(runner.deliveries.get({ chatId: 1, topicId: 0, slot: '2026-11-28' })).toMatchObject({ status: 'sent', partsSent: 3 });
  });

  it('when another live process holds the sending lease, then this pass sends nothing', async () => {
    const { sent, runner, chat } = setup();
    chat(1);
    createLeaseStore(store.db, { now: () => Date.now() }).acquire('digest-sender', 'elsewhere:1:abc', 60_000);
    const pass = await runner.runPass(Date.parse('2026-11-28T08:00:00Z'));
    expect(pass.leaseHeld).toBe(false);
    expect(sent).toHaveLength(0);
  });
});

describe('starting the digest job', () => {
  it('when the bot starts after a digest fell due, then it is caught up at once and stop() waits for it', async () => {
    const { sent, sentOne, chat, clock, queue, chats } = setup();
    chat(1, { time: '06:30' }); // 1.5 h before the clock's 08:00
    const job = startDigestJob({ config, db: store.db, queue, log: silentLogger, clock, chats });
    await sentOne;
    await job.stop();
    expect(sent.map((s) => s.chatId)).toEqual([1]);
    expect(job.runner.deliveries.get({ chatId: 1, topicId: 0, slot: '2026-11-28' })).toMatchObject({ status: 'sent' });
  });
});
