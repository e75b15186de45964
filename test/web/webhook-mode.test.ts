import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { runActiveCopy } from '../../src/commands/active-copy.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { type Operations, startOperations } from '../../src/ops/operations.js';
import { createChatStore } from '../../src/store/chats.js';
import { SECRET_HEADER } from '../../src/web/webhook.js';
import { type FakeBotApi, startFakeBotApi, type Update } from '../helpers/fake-bot-api.js';
import { NO_SEND_WAITS } from '../helpers/no-send-waits.js';
import { tempDir } from '../helpers/temp-db.js';

const WEBHOOK_URL = 'https://bot.example.test/hooks/newsbot';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** `newsbot start` in webhook mode, in this process: the real bot, the real HTTP server, the fake Bot API. */
async function startWebhookBot(env: Record<string, string> = {}) {
  const tmp = tempDir();
  const fake: FakeBotApi = await startFakeBotApi({ strictChats: false });
  const sourcesFile = path.join(tmp.dir, 'sources.json');
  writeFileSync(sourcesFile, '[]');
  const config = loadConfig({
    BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    DATABASE_PATH: path.join(tmp.dir, 'newsbot.sqlite'),
    SOURCES_FILE: sourcesFile,
    WEBHOOK_URL,
    PORT: '0',
    HOST: '127.0.0.1',
    ...env,
  });
  const logs: string[] = [];
  const app: App = createApp(config, { log: createLogger('debug', (line) => logs.push(line)), sendWaits: NO_SEND_WAITS });
  const ops: Operations = await startOperations(app, { name: 'bot', holder: 'test-holder' });
  const stop = new AbortController();
  const out: string[] = [];
  const running = runActiveCopy({ app, token: fake.token, io: { out: (t) => out.push(t), err: (t) => out.push(t) }, ops }, stop.signal);
  running.catch(() => undefined);
  await fake.waitFor(() => fake.webhook !== undefined && fake.callsOf('setMyCommands').length >= 2);
  const web = ops.web;
  if (!web) throw new Error('no web server');
  const url = `http://127.0.0.1:${web.port}${new URL(WEBHOOK_URL).pathname}`;
  const secret = fake.webhook?.secret_token ?? '';
  const post = (update: Update, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', body: JSON.stringify(update), headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret, ...headers } });
  cleanup = async () => {
    stop.abort('test over');
    await running.catch(() => undefined);
    await ops.close();
    app.close();
    await fake.close();
    tmp.cleanup();
  };
  return { fake, app, ops, logs, out, url, secret, post, stop, running };
}

describe('webhook mode (WEBHOOK_URL)', () => {
  it('when WEBHOOK_URL is set, then the bot registers it with a generated secret and the update types it handles, polls nothing, and answers people through it', async () => {
    const { fake, app, post, secret, out } = await startWebhookBot();
    const hook = fake.webhook;
    expect(hook?.url).toBe(WEBHOOK_URL);
    expect(hook?.url).not.toContain(fake.token.split(':')[1]);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(hook?.allowed_updates).toEqual(expect.arrayContaining(['message', 'callback_query', 'my_chat_member']));
    expect(fake.callsOf('getUpdates')).toEqual([]);
    // The generated secret is kept: the next start registers the same one.
    expect(app.db.prepare("SELECT value FROM ops_state WHERE key = 'webhook_secret'").get()).toEqual({ value: secret });
    expect(out.join('\n')).toContain(`running as @${fake.botUser.username ?? ''}`);

    const user = fake.user({ first_name: 'Dana', language_code: 'en' });
    const chat = fake.privateChat(user);
    const res = await post(fake.pushText(user, chat, '/start asia'));
    expect(res.status).toBe(200);
    await fake.waitFor(() => fake.sentTo(chat.id).length >= 1);
    expect(fake.sentTo(chat.id)[0]?.text).toContain('Hello, Dana!');
    const chats = createChatStore(app.db, app.clock, { digestTime: '08:00', timezone: 'UTC' });
    expect(chats.get(user.id)?.regions).toEqual(['asia']);
  });

  it('when the same update is posted twice, or with a forged secret, then people get one answer and the forgery none', async () => {
    const { fake, post, logs, app } = await startWebhookBot();
    const user = fake.user({ first_name: 'Ola', language_code: 'en' });
    const chat = fake.privateChat(user);
    const update = fake.pushText(user, chat, '/help');
    expect((await post(update)).status).toBe(200);
    expect((await post(update)).status).toBe(200);
    const forged = fake.pushText(user, chat, '/stop');
    expect((await post(forged, { [SECRET_HEADER]: 'not-the-secret-at-all-1234' })).status).toBe(401);
    // /subscriptions after them: once its answer is there, the earlier updates of the chat were handled.
    expect((await post(fake.pushText(user, chat, '/subscriptions'))).status).toBe(200);
    await fake.waitFor(() => fake.sentTo(chat.id).some((m) => m.text.includes('Your subscriptions')));
    const texts = fake.sentTo(chat.id).map((m) => m.text);
    // /help once, then /subscriptions: not /help twice, and the forged /stop never ran.
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain('/latest');
    expect(texts[1]).toContain('Your subscriptions');
    expect(logs.some((l) => l.includes('webhook request refused'))).toBe(true);
    expect(app.db.prepare('SELECT update_id FROM webhook_updates WHERE update_id = ?').get(forged.update_id)).toBeUndefined();
  });

  it('when WEBHOOK_SECRET is set, then that secret is registered and never written to the log', async () => {
    const secret = 'operator-chosen-secret_0123456789';
    const { fake, logs, post } = await startWebhookBot({ WEBHOOK_SECRET: secret, LOG_LEVEL: 'debug' });
    expect(fake.webhook?.secret_token).toBe(secret);
    const user = fake.user({ first_name: 'Kim', language_code: 'en' });
    const chat = fake.privateChat(user);
    expect((await post(fake.pushText(user, chat, '/help'))).status).toBe(200);
    await fake.waitFor(() => fake.sentTo(chat.id).length >= 1);
    expect(logs.join('\n')).not.toContain(secret);
  });
});
