import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSendQueue } from '../../src/delivery/send-queue.js';
import { createTelegramClient, routeThroughQueue, telegramTransport } from '../../src/delivery/telegraf-bridge.js';

let close: (() => void) | undefined;
afterEach(() => close?.());

/** A Bot API stand-in: sendMessage to chat 403 is refused as blocked, everything else succeeds. */
async function api() {
  const calls: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const method = req.url?.split('/').pop() ?? '';
      const payload = JSON.parse(body || '{}') as { chat_id?: number };
      calls.push(`${method}:${payload.chat_id ?? ''}`);
      res.setHeader('content-type', 'application/json');
      if (payload.chat_id === 403) {
        res.statusCode = 403;
        res.end(JSON.stringify({ ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }));
        return;
      }
      const result = method === 'getMe' ? { id: 1, is_bot: true, first_name: 'News', username: 'newsbot' } : { message_id: 9, date: 0, chat: { id: payload.chat_id, type: 'private' } };
      res.end(JSON.stringify({ ok: true, result }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => {
    server.closeAllConnections();
    server.close();
  };
  return { calls, root: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('routing a Telegraf client through the queue', () => {
  it('when a handler sends with a routed client, then the message goes through the queue and other calls go straight out', async () => {
    const { calls, root } = await api();
    const queue = createSendQueue({ transport: telegramTransport(createTelegramClient('1:T', root)), ratePerSecond: 50 });
    const botClient = createTelegramClient('1:T', root);
    routeThroughQueue(botClient, queue);
    const message = await botClient.sendMessage(7, 'hello');
    expect(message.message_id).toBe(9);
    expect((await botClient.getMe()).username).toBe('newsbot');
    expect(queue.stats().sent).toBe(1);
    expect(calls).toEqual(['sendMessage:7', 'getMe:']);
  });

  it('when Telegram refuses a routed reply with 403, then the handler gets the usual TelegramError', async () => {
    const { root } = await api();
    const queue = createSendQueue({ transport: telegramTransport(createTelegramClient('1:T', root)), ratePerSecond: 50 });
    const botClient = createTelegramClient('1:T', root);
    routeThroughQueue(botClient, queue);
    await expect(botClient.sendMessage(403, 'hello')).rejects.toMatchObject({ code: 403, description: 'Forbidden: bot was blocked by the user' });
  });
});
