import { afterEach, describe, expect, it } from 'vitest';
import { createDigestSender } from '../../src/delivery/digest-sender.js';
import { createSendQueue, type Transport } from '../../src/delivery/send-queue.js';
import { silentLogger } from '../../src/log.js';
import { createChatStore } from '../../src/store/chats.js';
import { createDeliveryStore } from '../../src/store/deliveries.js';
import { tempStore } from '../helpers/temp-db.js';

let store: ReturnType<typeof tempStore>;
afterEach(() => store?.close());

const SLOT = '2026-11-28';
const DUE = Date.parse('2026-11-28T08:00:00Z');
const MINUTE = 60_000;

function apiError(code: number, description: string) {
  return Object.assign(new Error(description), { response: { ok: false, error_code: code, description } });
}

/** `count` chats, each with a pending one-part digest due a minute after the one before (chat 1 first). */
function setup(count: number, answer: (chatId: number) => unknown = () => ({ message_id: 1 })) {
  store = tempStore('2026-11-28T08:00:00Z');
  const chats = createChatStore(store.db, store.clock, { digestTime: '08:00', timezone: 'UTC' });
  const deliveries = createDeliveryStore(store.db, store.clock, chats);
  const records = [];
  for (let id = 1; id <= count; id++) {
    chats.ensure({ id, type: 'private' });
    records.push({ chatId: id, slot: SLOT, dueAt: DUE + id * MINUTE, since: 0, until: DUE, parts: [`digest for ${id}`] });
  }
  deliveries.createMany(records);
  const sent: number[] = [];
  const transport: Transport = async (_method, payload) => {
    const chatId = payload.chat_id as number;
    const result = answer(chatId);
    if (result instanceof Error) throw result;
    sent.push(chatId);
    return result;
  };
  const queue = createSendQueue({ transport, ratePerSecond: 1_000, perChatIntervalMs: 1, backoffMs: () => 1 });
  const sender = (pageSize: number) =>
    createDigestSender({ deliveries, chats, queue, log: silentLogger, now: () => DUE + count * MINUTE, concurrency: 4, pageSize });
  return { deliveries, sent, sender };
}

describe('the digest fan-out', () => {
  it('when more digests wait than one page of keys, then every one goes out once, earliest first', async () => {
    const { deliveries, sent, sender } = setup(23);
    const report = await sender(5).drain();
    expect(report).toMatchObject({ sent: 23, interrupted: 0, messages: 23 });
    expect([...sent].sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    // Four at a time in due order: nothing starts before every earlier record has started.
    expect(sent.slice(0, 4).sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
    expect(deliveries.pending()).toEqual([]);
  });

  it('when Telegram becomes unreachable part-way through the pages, then the fan-out stops and reports every digest left pending, on later pages too', async () => {
    const { deliveries, sent, sender } = setup(23, (chatId) => (chatId >= 8 ? apiError(502, 'Bad Gateway') : { message_id: 1 }));
    const report = await sender(5).drain();
    expect(report.stopped).toMatchObject({ kind: 'telegram-unreachable' });
    expect(report.sent).toBe(sent.length);
    // Each digest is sent, deferred (tried, retry later) or interrupted (not tried): none lost from the count.
    expect(report.sent + report.deferred + report.interrupted).toBe(23);
    expect(report.interrupted).toBeGreaterThan(10);
    expect(deliveries.pending()).toHaveLength(23 - report.sent);
  });
});
