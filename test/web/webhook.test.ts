import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { createLogger } from '../../src/log.js';
import { createWebhookUpdateStore } from '../../src/store/webhook-updates.js';
import { createWebhook, SECRET_HEADER, type Update } from '../../src/web/webhook.js';
import { startWebServer, type WebServer } from '../../src/web/server.js';
import { tempStore } from '../helpers/temp-db.js';

const SECRET = 'test-secret-0123456789abcdef';
const PATH = '/hooks/newsbot';

/** A deferred: a handler that finishes only when the test says so. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

let store: ReturnType<typeof tempStore> | undefined;
let server: WebServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
  store?.close();
  store = undefined;
});

/** The webhook on a real HTTP server; `handle` decides what handling an update does. */
async function serve(handle: (update: Update) => Promise<void>, options: { maxBodyBytes?: number } = {}) {
  store = tempStore();
  const logs: string[] = [];
  const log = createLogger('debug', (line) => logs.push(line));
  const updates = createWebhookUpdateStore(store.db, fixedClock('2026-11-28T08:00:00Z'));
  const webhook = createWebhook({ path: PATH, secret: SECRET, updates, handle, log, ...options });
  server = await startWebServer({
    host: '127.0.0.1',
    port: 0,
    log,
    health: () => ({ healthy: true, body: {} }),
    metrics: async () => ({ contentType: 'text/plain', body: '' }),
    webhookPath: PATH,
  });
  server.mountWebhook(webhook);
  const url = `http://127.0.0.1:${server.port}${PATH}`;
  const post = (body: string | Uint8Array, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', [SECRET_HEADER]: SECRET, ...headers } });
  return { webhook, updates, logs, url, post, db: store.db };
}

const message = (updateId: number, chatId: number, text: string) => ({
  update_id: updateId,
  message: { message_id: updateId, date: 1_764_316_800, chat: { id: chatId, type: 'private' }, from: { id: chatId, is_bot: false, first_name: 'A' }, text },
});

describe('webhook endpoint', () => {
  it('when an update is posted with the secret, then 200 comes back before it is handled, and it is handled once', async () => {
    const handling = gate();
    const handled: number[] = [];
    const { post, webhook } = await serve(async (update) => {
      await handling.opened;
      handled.push(update.update_id);
    });
    const res = await post(JSON.stringify(message(1, 10, '/start')));
    expect(res.status).toBe(200);
    // Answered while the handler is still held: Telegram's request does not wait for the bot's work.
    expect(handled).toEqual([]);
    handling.open();
    await webhook.idle();
    expect(handled).toEqual([1]);
  });

  it('when Telegram posts an update again (no 2xx seen), then it gets 200 and is not handled a second time', async () => {
    const handled: number[] = [];
    const { post, webhook } = await serve(async (update) => {
      handled.push(update.update_id);
    });
    const body = JSON.stringify(message(7, 10, '/latest'));
    expect((await post(body)).status).toBe(200);
    await webhook.idle();
    expect((await post(body)).status).toBe(200);
    await webhook.idle();
    expect(handled).toEqual([7]);
  });

  it('when the secret header is missing or wrong, then 401, a log line, and nothing is handled or stored', async () => {
    const handled: number[] = [];
    const { url, post, logs, db } = await serve(async (update) => {
      handled.push(update.update_id);
    });
    const forged = await post(JSON.stringify(message(3, 10, '/stop')), { [SECRET_HEADER]: 'guessed-secret-0123456789abcd' });
    expect(forged.status).toBe(401);
    const bare = await fetch(url, { method: 'POST', body: JSON.stringify(message(4, 10, '/stop')), headers: { 'content-type': 'application/json' } });
    expect(bare.status).toBe(401);
    expect(logs.filter((l) => l.includes('webhook request refused: wrong or missing secret token'))).toHaveLength(2);
    expect(logs.join('\n')).not.toContain('guessed-secret');
    expect(db.prepare('SELECT COUNT(*) AS n FROM webhook_updates').get()).toEqual({ n: 0 });
    expect(handled).toEqual([]);
  });

  it('when a body is too big, not JSON, not an update, or not a POST, then it is refused with the status that says so', async () => {
    const handled: number[] = [];
    const { url, post, webhook } = await serve(
      async (update) => {
        handled.push(update.update_id);
      },
      { maxBodyBytes: 10_000 },
    );
    const big = JSON.stringify({ ...message(5, 10, 'x'.repeat(20_000)) });
    expect((await post(big)).status).toBe(413);
    expect((await post('{"update_id": 6', {})).status).toBe(400);
    expect((await post(JSON.stringify({ hello: 'world' }))).status).toBe(400);
    expect((await post(JSON.stringify(message(8, 10, 'hi')), { 'content-type': 'text/plain' })).status).toBe(415);
    const get = await fetch(url, { headers: { [SECRET_HEADER]: SECRET } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    // The server still serves after all that.
    expect((await post(JSON.stringify(message(9, 10, 'hi')))).status).toBe(200);
    await webhook.idle();
    expect(handled).toContain(9);
    expect(handled).not.toContain(5);
  });

  it('when updates of one chat come while its first is still being handled, then they are handled in order, and other chats do not wait', async () => {
    const first = gate();
    const order: string[] = [];
    const { post, webhook } = await serve(async (update) => {
      const m = update.message as { chat: { id: number }; text: string };
      if (m.text === 'one') await first.opened;
      order.push(`${m.chat.id}:${m.text}`);
    });
    for (const [id, chat, text] of [
      [1, 10, 'one'],
      [2, 10, 'two'],
      [3, 20, 'other chat'],
      [4, 10, 'three'],
    ] as const) {
      expect((await post(JSON.stringify(message(id, chat, text)))).status).toBe(200);
    }
    // Chat 20 was handled while chat 10's first update is held; chat 10's others wait behind it.
    await waitUntil(() => order.includes('20:other chat'));
    expect(order).toEqual(['20:other chat']);
    first.open();
    await webhook.idle();
    expect(order).toEqual(['20:other chat', '10:one', '10:two', '10:three']);
  });

  it('when this copy stands by (no webhook mounted), then updates get 503 so that Telegram posts them again to the active copy', async () => {
    const handled: number[] = [];
    const { post } = await serve(async (update) => {
      handled.push(update.update_id);
    });
    server?.mountWebhook(undefined);
    const res = await post(JSON.stringify(message(12, 10, '/latest')));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(handled).toEqual([]);
  });

  it('when the process stopped after accepting an update but before handling it, then the next start handles it', async () => {
    const handled: number[] = [];
    const { updates, webhook } = await serve(async (update) => {
      handled.push(update.update_id);
    });
    // Accepted (recorded) by an earlier process that died before handling it.
    updates.accept(11, JSON.stringify(message(11, 10, '/latest')));
    expect(webhook.replayUnhandled()).toBe(1);
    await webhook.idle();
    expect(handled).toEqual([11]);
    expect(webhook.replayUnhandled()).toBe(0);
  });
});

/** Resolves once `done()` holds, checking after each turn of the event loop (no fixed sleep). */
async function waitUntil(done: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !done(); i++) await new Promise<void>((resolve) => setImmediate(resolve));
  expect(done()).toBe(true);
}
