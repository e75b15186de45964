import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { createArticleStore } from '../../src/store/articles.js';
import { createChatStore } from '../../src/store/chats.js';
import { openDatabase } from '../../src/store/db.js';
import { type CliRun, spawnCli } from '../helpers/cli.js';
import { runNewsbot, stopRunningNewsbots } from '../helpers/newsbot-in-process.js';
import { type FakeBotApi, startFakeBotApi } from '../helpers/fake-bot-api.js';
import { tempDir } from '../helpers/temp-db.js';


function newsbot(args: string[], env: Record<string, string>, cwd: string): CliRun {
  return spawnCli(args, { env: { LOG_LEVEL: 'info', ...env }, cwd });
}

let tmp: ReturnType<typeof tempDir>;
let fake: FakeBotApi | undefined;
let running: CliRun | undefined;

afterEach(async () => {
  await stopRunningNewsbots();
  if (running && running.child.exitCode === null) running.child.kill('SIGKILL');
  running = undefined;
  await fake?.close();
  fake = undefined;
  tmp?.cleanup();
});

describe('newsbot start', () => {
  it('when started with BOT_TOKEN and TELEGRAM_API_ROOT, then it registers its menu, answers people, and SIGTERM stops it with 0', async () => {
    tmp = tempDir();
    fake = await startFakeBotApi();
    const databasePath = path.join(tmp.dir, 'newsbot.sqlite');
    const sourcesFile = path.join(tmp.dir, 'sources.json');
    writeFileSync(sourcesFile, '[]');
    // A story in the store before the bot starts.
    const db = openDatabase(databasePath);
    createArticleStore(db, fixedClock(Date.now())).upsert({
      source: 'Test Wire',
      url: 'https://news.example/harbour',
      headline: 'Harbour reopens & ships return',
      lead: 'The port is open again.',
      publishedAt: Date.now() - 2 * 3_600_000,
      regions: ['asia'],
    });
    db.close();

    // PORT=0: the operator's HTTP server on a free port, named in the log.
    running = newsbot(
      ['start'],
      { BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_PATH: databasePath, SOURCES_FILE: sourcesFile, PORT: '0', HOST: '127.0.0.1' },
      tmp.dir,
    );
    const f = fake;
    await f.waitFor(() => f.polling, 20_000);
    await f.waitFor(() => f.callsOf('setMyCommands').length >= 2, 10_000);
    expect(f.commands('')?.map((c) => c.command)).toContain('latest');
    expect(f.commands('ru')?.find((c) => c.command === 'latest')?.description).toMatch(/Свежие новости/);

    const user = f.user({ first_name: 'Dana', language_code: 'en' });
    const chat = f.privateChat(user);
    const hello = await f.say(user, chat, '/start asia', { timeoutMs: 10_000 });
    expect(hello.replies[0]?.text).toContain('Hello, Dana!');
    const latest = await f.say(user, chat, '/asia', { timeoutMs: 10_000 });
    expect(latest.replies[0]?.links).toEqual([{ text: 'Harbour reopens & ships return', url: 'https://news.example/harbour' }]);

    // The running process answers /healthz as the active copy (what Docker's HEALTHCHECK asks).
    const port = Number(/http server listening \{"host":"127\.0\.0\.1","port":(\d+)/.exec(running.stderr())?.[1]);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', mode: 'polling', role: 'active', database: { writable: true } });

    running.child.kill('SIGTERM');
    const { code } = await running.exited;
    expect(code).toBe(0);
    expect(running.stdout()).toContain(`running as @${f.botUser.username ?? ''}`);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    // Everything the bot stored is in the database after it closed.
    const after = openDatabase(databasePath);
    const chats = createChatStore(after, fixedClock(Date.now()), { digestTime: '08:00', timezone: 'UTC' });
    expect(chats.get(user.id)?.regions).toEqual(['asia']);
    after.close();
  });

  it('when BOT_TOKEN is missing, then one clear line says how to set it and the exit code is not 0', async () => {
    tmp = tempDir();
    const { code, stderr } = await runNewsbot(['start'], { env: { LOG_LEVEL: 'info', DATABASE_PATH: path.join(tmp.dir, 'db.sqlite') } });
    expect(code).not.toBe(0);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('BOT_TOKEN');
    expect(lines[0]).toContain('@BotFather');
  });
});

describe('newsbot start with a token Telegram refuses', () => {
  it('when Telegram answers 401, then one line says the token is wrong and the exit code is 1', async () => {
    tmp = tempDir();
    fake = await startFakeBotApi();
    // start checks SOURCES_FILE before it contacts Telegram.
    const sourcesFile = path.join(tmp.dir, 'sources.json');
    writeFileSync(sourcesFile, '[]');
    const env = { LOG_LEVEL: 'info', BOT_TOKEN: '999:not-this-bot', TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_PATH: path.join(tmp.dir, 'db.sqlite'), SOURCES_FILE: sourcesFile };
    const { code, stderr } = await runNewsbot(['start'], { env });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('Telegram refused BOT_TOKEN (401 Unauthorized): copy the token from @BotFather into BOT_TOKEN.');
  });
});
