import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSendQueue, type Transport } from '../../src/delivery/send-queue.js';
import { classifyTelegramError } from '../../src/delivery/telegram-errors.js';

/** A Telegraf-style API error. */
function apiError(code: number, description: string, parameters?: object) {
  return Object.assign(new Error(`${code}: ${description}`), { response: { ok: false, error_code: code, description, parameters } });
}

/** Records every call with its time; `answer` decides what each call does. */
function recorder(answer: (method: string, payload: Record<string, unknown>, n: number) => unknown = () => ({ ok: true })) {
  const calls: { at: number; chatId: number; text: string; payload: Record<string, unknown> }[] = [];
  const start = performance.now();
  const transport: Transport = async (method, payload) => {
    calls.push({ at: performance.now() - start, chatId: payload.chat_id as number, text: String(payload.text), payload });
    await new Promise((r) => setTimeout(r, 2));
    const result = answer(method, payload, calls.length);
    if (result instanceof Error) throw result;
    return result;
  };
  return { calls, transport };
}

/** Time that only moves when the test moves it: what the queue does at each instant is then exact. */
function fakeTime(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
}

describe('the send queue', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('when 60 chats get a message at 40/s, then a burst of 4 goes at once and the rest one per 25 ms (1.4 s), never over the rate', async () => {
    fakeTime();
    const { calls, transport } = recorder();
    const queue = createSendQueue({ transport, ratePerSecond: 40 });
    const all = Promise.all(Array.from({ length: 60 }, (_, i) => queue.sendMessage(i + 1, `m${i}`, {}, 'digest')));
    await vi.advanceTimersByTimeAsync(2000);
    await all;
    expect(calls.filter((c) => c.at === 0)).toHaveLength(4);
    expect(calls.at(-1)?.at).toBeCloseTo(1400, -1);
    // in any 1 s window at most rate + burst (4) calls
    for (const c of calls) expect(calls.filter((d) => d.at >= c.at && d.at < c.at + 1000).length).toBeLessThanOrEqual(44);
  });

  it('when one chat gets several messages, then they go in order at least the per-chat interval apart, while other chats go meanwhile', async () => {
    fakeTime();
    const { calls, transport } = recorder();
    const queue = createSendQueue({ transport, ratePerSecond: 200, perChatIntervalMs: 100 });
    const all = Promise.all([
      ...[1, 2, 3, 4].map((n) => queue.sendMessage(7, `part ${n}`, {}, 'digest')),
      ...[1, 2, 3].map((n) => queue.sendMessage(8 + n, 'other', {}, 'digest')),
    ]);
    await vi.advanceTimersByTimeAsync(1000);
    await all;
    const mine = calls.filter((c) => c.chatId === 7);
    expect(mine.map((c) => c.text)).toEqual(['part 1', 'part 2', 'part 3', 'part 4']);
    for (let i = 1; i < mine.length; i++) expect((mine[i]?.at ?? 0) - (mine[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(100);
    const others = calls.filter((c) => c.chatId !== 7);
    expect(Math.max(...others.map((c) => c.at))).toBeLessThan(mine[1]?.at ?? 0);
  });

  it('when a group gets many messages, then no more than the group limit go out per minute', async () => {
    fakeTime();
    const { calls, transport } = recorder();
    const queue = createSendQueue({ transport, ratePerSecond: 500, perChatIntervalMs: 1, groupPerMinute: 3 });
    const results = [1, 2, 3, 4].map((n) => queue.sendMessage(-100, `g${n}`, {}, 'digest'));
    // Just short of a minute after the first: three went, the fourth still waits.
    await vi.advanceTimersByTimeAsync(59_000);
    await Promise.all(results.slice(0, 3));
    expect(calls.map((c) => c.text)).toEqual(['g1', 'g2', 'g3']);
    // A minute after the first, it goes.
    await vi.advanceTimersByTimeAsync(2_000);
    expect((await results[3])?.kind).toBe('sent');
    expect(calls.at(-1)?.at).toBeGreaterThanOrEqual(60_000);
    queue.close();
  });

  it('when a fan-out is queued and someone sends a command, then the reply is the very next message, within one token (50 ms at 20/s)', async () => {
    fakeTime();
    const { calls, transport } = recorder();
    const queue = createSendQueue({ transport, ratePerSecond: 20 });
    const digests = Promise.all(Array.from({ length: 30 }, (_, i) => queue.sendMessage(1000 + i, 'digest', {}, 'digest')));
    await vi.advanceTimersByTimeAsync(120);
    const before = calls.length;
    expect(before).toBeGreaterThan(2);
    const reply = queue.sendMessage(5, 'reply to /latest', {}, 'reply'); // at 120 ms
    await vi.advanceTimersByTimeAsync(60);
    await reply;
    expect(calls[before]?.text).toBe('reply to /latest');
    expect(calls[before]?.at).toBeLessThanOrEqual(170);
    await vi.advanceTimersByTimeAsync(5000);
    await digests;
  });

  it('when Telegram answers 429 with retry_after, then the queue waits that long and sends the message once more, nothing twice', async () => {
    let limited = false;
    const { calls, transport } = recorder((_m, payload) => {
      if (payload.text === 'b' && !limited) {
        limited = true;
        return apiError(429, 'Too Many Requests: retry after 1', { retry_after: 1 });
      }
      return { message_id: 1 };
    });
    fakeTime();
    const queue = createSendQueue({ transport, ratePerSecond: 100, perChatIntervalMs: 1 });
    const all = Promise.all(['a', 'b', 'c'].map((text, i) => queue.sendMessage(i + 1, text, {}, 'digest')));
    await vi.advanceTimersByTimeAsync(2000);
    const outcomes = await all;
    expect(outcomes.map((o) => o.kind)).toEqual(['sent', 'sent', 'sent']);
    expect(calls.map((c) => c.text).sort()).toEqual(['a', 'b', 'b', 'c']);
    const [first, second] = calls.filter((c) => c.text === 'b');
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(queue.stats().rateLimited).toBe(1);
  });

  it('when a chat answers 5xx, then it is retried with back-off and fails after the bounded tries; other chats are not held up', async () => {
    fakeTime();
    const { calls, transport } = recorder((_m, payload) => (payload.chat_id === 1 ? apiError(502, 'Bad Gateway') : { message_id: 2 }));
    const queue = createSendQueue({ transport, ratePerSecond: 100, perChatIntervalMs: 1, maxAttempts: 3, backoffMs: () => 150 });
    const bad = queue.sendMessage(1, 'x', {}, 'digest');
    const good = queue.sendMessage(2, 'y', {}, 'digest');
    // Both are on their way long before the first back-off (150 ms) ends.
    await vi.advanceTimersByTimeAsync(100);
    const goodOutcome = await good;
    expect(goodOutcome.kind).toBe('sent');
    expect(calls.filter((c) => c.chatId === 1)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    const outcome = await bad;
    expect(outcome).toMatchObject({ kind: 'failed', attempts: 3, failure: { kind: 'transient', reason: '502: Bad Gateway' } });
    expect(calls.filter((c) => c.chatId === 1)).toHaveLength(3);
  });

  it('when paid broadcast is on, then digest sends carry allow_paid_broadcast and replies do not', async () => {
    const { calls, transport } = recorder();
    const queue = createSendQueue({ transport, ratePerSecond: 100, paidBroadcast: true });
    await Promise.all([queue.sendMessage(1, 'd', {}, 'digest'), queue.sendMessage(2, 'r', {}, 'reply')]);
    expect(calls.find((c) => c.text === 'd')?.payload.allow_paid_broadcast).toBe(true);
    expect(calls.find((c) => c.text === 'r')?.payload.allow_paid_broadcast).toBeUndefined();
  });
});

describe('the send queue under faults', () => {
  const reset = () => Object.assign(new Error('request failed, reason: socket hang up'), { name: 'FetchError', code: 'ECONNRESET' });

  it('when a signal aborts, then calls still queued are dropped unsent, the one on the wire finishes, and nothing is retried', async () => {
    let release: (() => void) | undefined;
    const calls: number[] = [];
    const transport: Transport = (_m, payload) => {
      calls.push(payload.chat_id as number);
      return new Promise((resolve) => (release = () => resolve({ message_id: 1 })));
    };
    const queue = createSendQueue({ transport, ratePerSecond: 1, perChatIntervalMs: 1 });
    const stop = new AbortController();
    const outcomes = [1, 2, 3].map((id) => queue.sendMessage(id, 'd', {}, 'digest', { signal: stop.signal }));
    expect(calls).toEqual([1]);
    stop.abort();
    expect((await Promise.all(outcomes.slice(1))).map((o) => o.kind)).toEqual(['cancelled', 'cancelled']);
    release?.();
    expect((await outcomes[0])?.kind).toBe('sent');
    await queue.idle();
    expect(calls).toEqual([1]);
    queue.close();
  });

  it('when Telegram is slow to answer, then at most maxDigestsInFlight digest messages are on the wire, and a reply still goes at once', async () => {
    const releases: (() => void)[] = [];
    const calls: string[] = [];
    const transport: Transport = (_m, payload) => {
      calls.push(String(payload.text));
      return new Promise((resolve) => releases.push(() => resolve({ message_id: 1 })));
    };
    const queue = createSendQueue({ transport, ratePerSecond: 1000, perChatIntervalMs: 1, maxDigestsInFlight: 3 });
    const digests = Array.from({ length: 6 }, (_, i) => queue.sendMessage(100 + i, 'digest', {}, 'digest'));
    while (calls.length < 3) await new Promise((r) => setImmediate(r));
    const reply = queue.sendMessage(5, 'reply', {}, 'reply');
    while (calls.length < 4) await new Promise((r) => setImmediate(r));
    expect(calls).toEqual(['digest', 'digest', 'digest', 'reply']);
    while (releases.length > 0 || calls.length < 7) {
      releases.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    expect((await Promise.all([reply, ...digests])).every((o) => o.kind === 'sent')).toBe(true);
    expect(calls.filter((c) => c === 'digest')).toHaveLength(6);
  });

  it('when beforeSend throws (the record of the send could not be written), then the call is not sent and ends cancelled with that error', async () => {
    const { calls, transport } = recorder();
    const queue = createSendQueue({ transport, ratePerSecond: 100 });
    const disk = new Error('database or disk is full');
    const outcome = await queue.sendMessage(1, 'd', {}, 'digest', {
      beforeSend: () => {
        throw disk;
      },
    });
    expect(outcome).toEqual({ kind: 'cancelled', error: disk });
    expect(calls).toHaveLength(0);
    expect((await queue.sendMessage(2, 'next', {}, 'digest', { beforeSend: () => undefined })).kind).toBe('sent');
  });

  it('when the answer is lost (the request went out, the connection reset), then a reply is sent once more, never a third time; a digest call leaves it to the caller', async () => {
    const { calls, transport } = recorder(() => reset());
    const queue = createSendQueue({ transport, ratePerSecond: 100, perChatIntervalMs: 1, backoffMs: () => 1 });
    expect(await queue.sendMessage(1, 'reply', {}, 'reply')).toMatchObject({ kind: 'failed', attempts: 2, failure: { kind: 'unknown' } });
    expect(calls.filter((c) => c.chatId === 1)).toHaveLength(2);
    expect(await queue.sendMessage(2, 'digest', {}, 'digest', { retryUnknown: false })).toMatchObject({ kind: 'failed', attempts: 1, failure: { kind: 'unknown' } });
    expect(calls.filter((c) => c.chatId === 2)).toHaveLength(1);
  });

  it('when a call waiting to be retried after a 5xx is dropped by its signal, then it ends failed with that 5xx, not sent again', async () => {
    const { calls, transport } = recorder(() => apiError(502, 'Bad Gateway'));
    const queue = createSendQueue({ transport, ratePerSecond: 100, backoffMs: () => 60_000 });
    const stop = new AbortController();
    const outcome = queue.sendMessage(1, 'd', {}, 'digest', { signal: stop.signal });
    while (queue.stats().retried === 0) await new Promise((r) => setImmediate(r));
    stop.abort();
    expect(await outcome).toMatchObject({ kind: 'failed', failure: { kind: 'transient', reason: '502: Bad Gateway' } });
    expect(calls).toHaveLength(1);
    queue.close();
  });
});

describe('classifying Telegram errors', () => {
  it('when Telegram answers, then each answer maps to what the sender must do', () => {
    expect(classifyTelegramError(apiError(429, 'Too Many Requests', { retry_after: 7 }))).toMatchObject({ kind: 'rate-limited', retryAfterMs: 7000 });
    expect(classifyTelegramError(apiError(403, 'Forbidden: bot was blocked by the user')).kind).toBe('blocked');
    expect(classifyTelegramError(apiError(403, 'Forbidden: bot was kicked from the group chat')).kind).toBe('blocked');
    expect(classifyTelegramError(apiError(400, 'Bad Request: chat not found')).kind).toBe('chat-not-found');
    expect(classifyTelegramError(apiError(400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: -1001 }))).toMatchObject({
      kind: 'migrated',
      toChatId: -1001,
    });
    expect(classifyTelegramError(apiError(500, 'Internal Server Error')).kind).toBe('transient');
    const fetchError = (message: string, code: string) => Object.assign(new Error(message), { name: 'FetchError', code });
    // never connected: not delivered; connected, then no answer: it may have been
    expect(classifyTelegramError(fetchError('request failed, reason: connect ECONNREFUSED', 'ECONNREFUSED')).kind).toBe('transient');
    expect(classifyTelegramError(fetchError('request failed, reason: getaddrinfo ENOTFOUND api.telegram.org', 'ENOTFOUND')).kind).toBe('transient');
    expect(classifyTelegramError(fetchError('request failed, reason: socket hang up', 'ECONNRESET')).kind).toBe('unknown');
    expect(classifyTelegramError(Object.assign(new Error('The operation was aborted'), { name: 'AbortError' })).kind).toBe('unknown');
    expect(classifyTelegramError(apiError(400, "Bad Request: can't parse entities"))).toMatchObject({ kind: 'rejected', code: 400 });
  });
});
