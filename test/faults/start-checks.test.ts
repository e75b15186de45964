import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeBotApi, startFakeBotApi } from '../helpers/fake-bot-api.js';
import { runNewsbot, startNewsbot, stopRunningNewsbots } from '../helpers/newsbot-in-process.js';
import { tempDir } from '../helpers/temp-db.js';

let tmp: ReturnType<typeof tempDir>;
let fake: FakeBotApi;
/** The database in a directory of its own (tmp/data), so a check can see that a refused start created neither. */
let databasePath: string;

beforeEach(async () => {
  tmp = tempDir();
  fake = await startFakeBotApi();
  databasePath = path.join(tmp.dir, 'data', 'newsbot.sqlite');
});
afterEach(async () => {
  await stopRunningNewsbots();
  await fake.close();
  tmp.cleanup();
});

/** `newsbot start` with the fake Bot API, a database in tmp/data, tmp/sources.json and `env`. */
function start(env: Record<string, string>) {
  return runNewsbot(['start'], {
    env: { BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_PATH: databasePath, SOURCES_FILE: path.join(tmp.dir, 'sources.json'), LOG_LEVEL: 'info', ...env },
  });
}

/** Start stopped with exactly `message`, before it created the database or called Telegram. */
function expectStoppedEarly(run: { code: number | null; stderr: string }, message: string | RegExp): void {
  expect(run.code).toBe(1);
  if (typeof message === 'string') expect(run.stderr.trim()).toBe(message);
  else expect(run.stderr.trim()).toMatch(message);
  expect(existsSync(path.join(tmp.dir, 'data'))).toBe(false);
  expect(fake.calls).toHaveLength(0);
}

describe('newsbot start checks before it contacts Telegram', () => {
  it('when BOT_TOKEN is missing, then it stops with one line and creates neither ./data nor the database', async () => {
    writeFileSync(path.join(tmp.dir, 'sources.json'), '[]');
    const run = await runNewsbot(['start'], { env: { DATABASE_PATH: databasePath, SOURCES_FILE: path.join(tmp.dir, 'sources.json'), LOG_LEVEL: 'info' } });
    expectStoppedEarly(run, 'Missing BOT_TOKEN: get a token from @BotFather and set BOT_TOKEN=... in .env or the environment.');
  });

  it('when send-due runs without BOT_TOKEN, then it stops with the same line and creates no database either', async () => {
    const run = await runNewsbot(['send-due'], { env: { DATABASE_PATH: databasePath, LOG_LEVEL: 'info' } });
    expectStoppedEarly(run, 'Missing BOT_TOKEN: get a token from @BotFather and set BOT_TOKEN=... in .env or the environment.');
  });

  it('when SOURCES_FILE does not exist, then it names the file and says to set it', async () => {
    const run = await start({});
    expectStoppedEarly(run, `cannot read sources file ${path.join(tmp.dir, 'sources.json')}: no such file (set SOURCES_FILE to your list of feeds)`);
  });

  it('when SOURCES_FILE is not JSON, then it names the file and where the JSON breaks', async () => {
    const file = path.join(tmp.dir, 'feeds.json');
    writeFileSync(file, '[{ "name": "Wire", "url": "https://wire.example/rss" },\n]');
    const run = await start({ SOURCES_FILE: file });
    expectStoppedEarly(run, new RegExp(`^sources file ${file} is not valid JSON: .+`));
  });

  it('when an entry of SOURCES_FILE is wrong, then it names the file, the entry and the problem', async () => {
    const file = path.join(tmp.dir, 'feeds.json');
    writeFileSync(file, JSON.stringify([{ name: 'Wire', url: 'https://wire.example/rss' }, { name: 'Atlantis Daily', url: 'https://atlantis.example/rss', region: 'Atlantis' }]));
    const run = await start({ SOURCES_FILE: file });
    expectStoppedEarly(run, new RegExp(`^${file} is not a valid list of feeds:\\n  entry 2 \\(Atlantis Daily\\), region: region 'Atlantis' is not a region`));
  });

  it('when a number setting is written in hexadecimal, then it stops naming the setting and its bounds', async () => {
    writeFileSync(path.join(tmp.dir, 'sources.json'), '[]');
    const run = await start({ FETCH_CONCURRENCY: '0x10' });
    expectStoppedEarly(run, /FETCH_CONCURRENCY: must be a whole number from 1 to 64, written in digits \(got "0x10"\)/);
  });

  it('when TELEGRAM_API_ROOT is not an http(s) address, then it stops naming that setting', async () => {
    writeFileSync(path.join(tmp.dir, 'sources.json'), '[]');
    const run = await start({ TELEGRAM_API_ROOT: 'ftp://api.telegram.org' });
    expectStoppedEarly(run, /TELEGRAM_API_ROOT: must be an http:\/\/ or https:\/\/ address .*\(got "ftp:\/\/api\.telegram\.org"\)/);
  });

  it('when a setting is wrong, then other commands refuse it too', async () => {
    const run = await runNewsbot(['latest'], { env: { DATABASE_PATH: databasePath, SEND_RATE_PER_SECOND: 'Infinity' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('SEND_RATE_PER_SECOND: must be a number from 1 to 1000, written in digits (got "Infinity")');
  });

  it('when everything is in order, then it creates the database and connects', async () => {
    writeFileSync(path.join(tmp.dir, 'sources.json'), '[]');
    const running = startNewsbot(['start'], {
      env: { BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_PATH: databasePath, SOURCES_FILE: path.join(tmp.dir, 'sources.json'), LOG_LEVEL: 'info' },
    });
    await fake.waitFor(() => fake.polling, 20_000);
    expect(existsSync(databasePath)).toBe(true);
    expect(await running.stop()).toBe(0);
  });
});
