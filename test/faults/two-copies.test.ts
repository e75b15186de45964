import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Telegram } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { createChatStore } from '../../src/store/chats.js';
import { openDatabase } from '../../src/store/db.js';
import { type CliRun, spawnCli } from '../helpers/cli.js';
import { receivedByChat, seedDigestWorld } from '../helpers/digest-world.js';
import { type FakeBotApi, startFakeBotApi } from '../helpers/fake-bot-api.js';
import { startNewsbot, stopRunningNewsbots } from '../helpers/newsbot-in-process.js';
import { tempDir } from '../helpers/temp-db.js';

let tmp: ReturnType<typeof tempDir> | undefined;
let fake: FakeBotApi | undefined;
const running: CliRun[] = [];
afterEach(async () => {
  await stopRunningNewsbots();
  for (const run of running.splice(0)) if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
  await fake?.close();
  fake = undefined;
  tmp?.cleanup();
  tmp = undefined;
});

/**
 * Subscribed chats `ids` whose 08:00 digest is due now: the zone is chosen so that 08:00 local
 * was a minute ago (an offset zone, so any time of day works).
 */
function addDueChats(file: string, ids: number[]): void {
  const now = new Date();
  const minutesSinceEight = (now.getUTCHours() * 60 + now.getUTCMinutes() - 8 * 60 - 1 + 24 * 60) % (24 * 60);
  const offset = -minutesSinceEight; // local = UTC + offset, so local is 08:01 now
  const sign = offset < 0 ? '-' : '+';
  const zone = `${sign}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
  const db = openDatabase(file);
  const chats = createChatStore(db, fixedClock(Date.now() - 30 * 86_400_000), { digestTime: '08:00', timezone: 'UTC' });
  for (const id of ids) {
    chats.ensure({ id, type: 'private' });
    chats.subscribe(id, ['asia']);
    chats.setTimezone(id, zone);
  }
  db.close();
}

async function world() {
  tmp = tempDir();
  fake = await startFakeBotApi();
  const file = path.join(tmp.dir, 'newsbot.sqlite');
  seedDigestWorld(file, { chats: 0 });
  const sources = path.join(tmp.dir, 'sources.json');
  writeFileSync(sources, '[]');
  const env = { BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_PATH: file, SOURCES_FILE: sources, LOG_LEVEL: 'info', LEASE_SECONDS: '2' };
  /** A copy in a process of its own: these tests kill, freeze and stop processes. */
  const start = () => {
    const run = spawnCli(['start'], { env, cwd: tmp?.dir ?? '.' });
    running.push(run);
    return run;
  };
  /** A copy in this process, where the process boundary is not the point. */
  const startInProcess = () => startNewsbot(['start'], { env });
  return { f: fake, file, env, start, startInProcess };
}

describe('two copies of newsbot start on one database', () => {
  it('when a second copy starts, then it stands by (polling and sending nothing); after kill -9 of the first it answers /help and delivers the due digests, each once', async () => {
    const { f, file, start } = await world();
    addDueChats(file, [1, 2, 3]);
    const a = start();
    await a.waitForOutput(/newsbot is running as/);
    await a.waitForOutput(/digest pass .*"sent":3/);
    const b = start();
    await b.waitForOutput(/standing by: another newsbot runs on this database/);
    // B has not said a word to Telegram: only A ever asked who it is
    expect(f.calls.filter((c) => c.method === 'getMe')).toHaveLength(1);
    expect(b.stdout()).not.toMatch(/running as/);

    // Freeze B, kill A, and let three more digests fall due while no copy runs.
    b.child.kill('SIGSTOP');
    a.child.kill('SIGKILL');
    await a.exited;
    addDueChats(file, [4, 5, 6]);
    const killedAt = performance.now();
    b.child.kill('SIGCONT');
    await b.waitForOutput(/taking over/);
    const takeoverMs = performance.now() - killedAt;
    await b.waitForOutput(/newsbot is running as/);
    await f.waitFor(() => f.polling, 20_000);
    const person = f.user({ id: 7 });
    const help = await f.say(person, f.privateChat(person), '/help', { timeoutMs: 10_000 });
    expect(help.replies[0]?.text).toMatch(/\/latest/);
    await b.waitForOutput(/digest pass .*"sent":3/);
    const got = receivedByChat(f);
    for (const id of [1, 2, 3, 4, 5, 6]) expect(got.get(id), `chat ${id}`).toHaveLength(1);
    expect(b.stderr().match(/standing by/g)).toHaveLength(1);
    console.log(`two copies: B took over ${Math.round(takeoverMs)} ms after it could (lease period 2000 ms)`);
    b.child.kill('SIGTERM');
    expect((await b.exited).code).toBe(0);
  }, 90_000);

  it('when the first copy stops cleanly, then the standby takes over and answers', async () => {
    const { f, start, startInProcess } = await world();
    // A stops as SIGTERM stops it (start-cli.test.ts sends the signal to a process); B is a process
    // of its own, so the two copies are two processes on one database, as in operation.
    const a = startInProcess();
    await a.waitForOutput(/newsbot is running as/);
    const b = start();
    await b.waitForOutput(/standing by/);
    const stoppedAt = performance.now();
    const aStopped = a.stop();
    await b.waitForOutput(/taking over/);
    console.log(`two copies: B took over ${Math.round(performance.now() - stoppedAt)} ms after A was told to stop (lease period 2000 ms)`);
    expect(await aStopped).toBe(0);
    await b.waitForOutput(/newsbot is running as/);
    await f.waitFor(() => f.polling, 20_000);
    const person = f.user({ id: 8 });
    expect((await f.say(person, f.privateChat(person), '/help', { timeoutMs: 10_000 })).replies).toHaveLength(1);
  }, 60_000);
});

describe('a copy that loses its lease while running', () => {
  it('when another copy takes the lease from a running bot, then the admins are told once, it stops polling and stands by, and takes over again when the lease is free', async () => {
    const { f, file, env } = await world();
    const admin = 777_002;
    const bot = startNewsbot(['start'], { env: { ...env, ADMIN_IDS: String(admin) } });
    await bot.waitForOutput(/newsbot is running as/, 60_000);
    await f.waitFor(() => f.polling, 20_000);
    // Another copy (elsewhere: a holder this host cannot presume dead) writes itself into the lease.
    const db = openDatabase(file);
    try {
      db.prepare("UPDATE leases SET holder = 'elsewhere:1:abcdef', expires_at = ? WHERE name = (SELECT name FROM leases LIMIT 1)").run(Date.now() + 3_600_000);
      await bot.waitForOutput(/standing by/, 60_000);
      const told = () => f.calls.filter((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === admin).map((c) => String(c.params.text));
      await f.waitFor(() => told().length > 0, 20_000);
      expect(told()).toEqual([expect.stringMatching(/^⚠️ This newsbot lost its lease on the database .*stands by\.$/)]);
      db.prepare('DELETE FROM leases').run();
      await bot.waitForOutput(/taking over/, 60_000);
      await bot.waitForOutput(/newsbot is running as[\s\S]*newsbot is running as/, 60_000);
      await f.waitFor(() => f.polling, 20_000);
      const person = f.user({ id: 10 });
      expect((await f.say(person, f.privateChat(person), '/help', { timeoutMs: 10_000 })).replies).toHaveLength(1);
      // Told once: the alert is not repeated for the same cause within the hour.
      expect(told()).toHaveLength(1);
    } finally {
      db.close();
    }
  }, 180_000);
});

describe('another copy with the same token elsewhere (409 Conflict)', () => {
  it('when Telegram answers 409, then the bot says so, polls again after a growing pause, and keeps answering; it never exits', async () => {
    const { f, startInProcess } = await world();
    const bot = startInProcess();
    let returned = false;
    void bot.exited.then(() => (returned = true));
    await bot.waitForOutput(/newsbot is running as/);
    const elsewhere = new Telegram(f.token, { apiRoot: f.apiRoot });
    for (const pause of [1, 2]) {
      await f.waitFor(() => f.polling, 20_000);
      // the other copy's long poll ends ours; ours, polling again after the pause, ends the other's
      const other = elsewhere.getUpdates(30, 100, 0, undefined).catch((error: unknown) => error);
      await bot.waitForOutput(new RegExp(`409 Conflict.*"retryInSeconds":${pause}\\b`));
      expect(await other).toMatchObject({ response: { error_code: 409 } });
    }
    await f.waitFor(() => f.polling, 20_000);
    const person = f.user({ id: 9 });
    expect((await f.say(person, f.privateChat(person), '/help', { timeoutMs: 10_000 })).replies).toHaveLength(1);
    expect(returned).toBe(false);
  }, 60_000);
});
