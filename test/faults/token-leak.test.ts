import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DUE_AT, seedDigestWorld } from '../helpers/digest-world.js';
import { type FakeBotApi, startFakeBotApi } from '../helpers/fake-bot-api.js';
import { runNewsbot, startNewsbot, stopRunningNewsbots } from '../helpers/newsbot-in-process.js';
import { NO_SEND_WAITS } from '../helpers/no-send-waits.js';
import { tempDir } from '../helpers/temp-db.js';

/** A token with characters that mean something in a regular expression and in a URL. */
const TOKEN = '4242:AAH.x+y*z(q)[w]{e}|r^t$u-Secret_Value';
const SECRET = TOKEN.slice(TOKEN.indexOf(':') + 1);

/**
 * The places in `text` where the token's secret part is written, as is or in any mix of
 * percent-encoding (as clients write it into URLs) and JSON escapes (as logs and rows hold it).
 */
function leaks(text: string): string[] {
  const decoded = text
    .replace(/%([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    .replace(/\\u([0-9a-f]{4})/gi, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    .replace(/\\(["\\/])/g, '$1');
  const found: string[] = [];
  for (let at = decoded.indexOf(SECRET); at >= 0; at = decoded.indexOf(SECRET, at + 1)) found.push(decoded.slice(Math.max(0, at - 40), at + SECRET.length + 20));
  return found;
}

/** The database file and its write-ahead log, as text: every byte SQLite wrote, rows and free pages alike. */
function databaseText(file: string): string {
  return [file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f).toString('latin1')).join('\n');
}

let tmp: ReturnType<typeof tempDir> | undefined;
let fake: FakeBotApi | undefined;
afterEach(async () => {
  await stopRunningNewsbots();
  await fake?.close();
  fake = undefined;
  tmp?.cleanup();
  tmp = undefined;
});

async function world(chats: number) {
  tmp = tempDir();
  fake = await startFakeBotApi({ token: TOKEN });
  const file = path.join(tmp.dir, 'newsbot.sqlite');
  seedDigestWorld(file, { chats });
  const sources = path.join(tmp.dir, 'sources.json');
  writeFileSync(sources, '[]');
  const env = { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_PATH: file, SOURCES_FILE: sources, LOG_LEVEL: 'debug' };
  return { f: fake, file, env };
}

describe('a server that echoes the request path (and so the token) into its errors', () => {
  it('when it refuses getMe, then `newsbot start failed` says what failed without the token', async () => {
    const { f, env } = await world(0);
    f.failNext({ failure: { kind: 'echo-path' }, method: 'getMe' });
    const { code, stdout, stderr } = await runNewsbot(['start'], { env });
    expect(code).toBe(1);
    expect(stderr).toContain('newsbot start failed: 404: Not Found');
    expect(leaks(stdout + stderr)).toEqual([]);
  });

  it('when the bot runs and the server echoes the path on setMyCommands and on replies, then no log line and no database row holds the token', async () => {
    const { f, file, env } = await world(1);
    f.failNext({ failure: { kind: 'echo-path' }, method: 'setMyCommands', times: 2 });
    const running = startNewsbot(['start'], { env, sendWaits: NO_SEND_WAITS });
    await running.waitForOutput(/could not register the command menu/);
    await f.waitFor(() => f.polling, 20_000);
    const person = f.user({ id: 1 });
    const chat = f.privateChat(person);
    // /digest answered 400 and 403 with the path echoed: the 403 marks the chat inactive with the reason
    f.failNext({ failure: { kind: 'echo-path', status: 400 }, method: 'sendMessage' });
    await f.say(person, chat, '/digest', { timeoutMs: 10_000 });
    f.failNext({ failure: { kind: 'echo-path', status: 403 }, method: 'sendMessage', times: 10 });
    await f.say(person, chat, '/digest', { timeoutMs: 10_000 });
    await running.waitForOutput(/chat unreachable: marked inactive/);
    expect(await running.stop()).toBe(0);
    expect(running.stderr()).toMatch(/Not Found/);
    expect(leaks(running.stdout() + running.stderr())).toEqual([]);
    expect(databaseText(file)).toContain('Not Found');
    expect(leaks(databaseText(file))).toEqual([]);
  });

  it('when send-due meets the echo on sends, a lost connection and a 403, then the delivery errors, logs and output hold no token', async () => {
    const { f, file, env } = await world(3);
    f.failNext({ failure: { kind: 'echo-path', status: 400 }, method: 'sendMessage', chatId: 1 });
    f.failNext({ failure: { kind: 'echo-path', status: 403 }, method: 'sendMessage', chatId: 2 });
    f.failNext({ failure: { kind: 'drop' }, method: 'sendMessage', chatId: 3 });
    const run = await runNewsbot(['send-due', '--at', DUE_AT], { env, sendWaits: NO_SEND_WAITS });
    expect(run.stdout).toMatch(/due 3/);
    expect(leaks(run.stdout + run.stderr)).toEqual([]);
    const text = databaseText(file);
    expect(text).toContain('Not Found');
    expect(leaks(text)).toEqual([]);
    // digest prints a chat's digest with the same settings
    const digest = await runNewsbot(['digest', '--chat', '3', '--at', DUE_AT], { env });
    expect(digest.code).toBe(0);
    expect(leaks(digest.stdout + digest.stderr)).toEqual([]);
  });
});
