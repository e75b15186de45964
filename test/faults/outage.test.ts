import { connect } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runNewsbot, startNewsbot, stopRunningNewsbots } from '../helpers/newsbot-in-process.js';
import { DUE_AT, deliveryRows, receivedByChat, seedDigestWorld } from '../helpers/digest-world.js';
import { type FakeBotApi, startFakeBotApi } from '../helpers/fake-bot-api.js';
import { NO_SEND_WAITS } from '../helpers/no-send-waits.js';
import { tempDir } from '../helpers/temp-db.js';

/**
 * An address where nothing listens: port 9 (discard) on the loopback, below the range the tests'
 * own servers get their ports from, so no other test can start listening there meanwhile.
 */
async function deadApiRoot(): Promise<string> {
  const refused = await new Promise<boolean>((resolve) => {
    const socket = connect(9, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
  if (!refused) throw new Error('something listens on 127.0.0.1:9; these tests need a port that refuses connections');
  return 'http://127.0.0.1:9';
}

/** DUE_AT moved by `minutes`, for `send-due --at`: outages are simulated by clock, not by waiting. */
const at = (minutes: number) => new Date(Date.parse(DUE_AT) + minutes * 60_000).toISOString();

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
  fake = await startFakeBotApi();
  const file = path.join(tmp.dir, 'newsbot.sqlite');
  seedDigestWorld(file, { chats });
  const live = { BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_PATH: file, SEND_RATE_PER_SECOND: '100' };
  const dead = { ...live, TELEGRAM_API_ROOT: await deadApiRoot() };
  // The fake has no per-chat limit, and a dead port's retry within a pass need not wait its second.
  const sendDue = (minutes: number, env: Record<string, string> = live) => runNewsbot(['send-due', '--at', at(minutes)], { env, sendWaits: NO_SEND_WAITS });
  return { f: fake, file, live, dead, sendDue };
}

/** Every chat got exactly one digest message, and every record says sent. */
function expectEachOnce(f: FakeBotApi, file: string, chats: number): void {
  const got = receivedByChat(f);
  expect(got.size).toBe(chats);
  expect([...got.entries()].filter(([, texts]) => texts.length !== 1)).toEqual([]);
  expect(deliveryRows(file).filter((r) => r.status !== 'sent')).toEqual([]);
}

describe('a Telegram outage', () => {
  it('when send-due finds the Bot API on a dead port, then nothing is final, and a pass a minute later delivers each digest once', async () => {
    const { f, file, dead, sendDue } = await world(5);
    const down = await sendDue(0, dead);
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/due 5, sent 0/);
    expect(down.stdout).toMatch(/deferred 5/);
    expect(down.stdout).toMatch(/Telegram unreachable/);
    expect(deliveryRows(file).map((r) => r.status)).toEqual(Array(5).fill('pending'));
    expect(deliveryRows(file)[0]?.error).toMatch(/ECONNREFUSED/);
    const back = await sendDue(1);
    expect(back.code, back.stderr).toBe(0);
    expectEachOnce(f, file, 5);
  }, 60_000);

  it('when the outage lasts an hour, then later passes keep retrying with back-off and the first ones after it deliver each digest once', async () => {
    const { f, file, dead, sendDue } = await world(4);
    for (const minutes of [0, 1, 20, 40]) expect((await sendDue(minutes, dead)).stdout).toMatch(/sent 0/);
    expect(deliveryRows(file).map((r) => r.status)).toEqual(Array(4).fill('pending'));
    // Back-off (1, 2, 4, 8 minutes...): after the try at 08:40 the next is due at 08:48, so Telegram
    // being back at 08:45 changes nothing yet; the pass at 09:00 delivers.
    expect((await sendDue(45)).stdout).toMatch(/due 0, sent 0/);
    expect(f.callsOf('sendMessage')).toHaveLength(0);
    expect((await sendDue(60)).stdout).toMatch(/sent 4/);
    expectEachOnce(f, file, 4);
  }, 90_000);

  it.each([['refused connections', 'refuse' as const], ['502 answers', 502 as const]])(
    'when Telegram goes away in the middle of a fan-out (%s), then the run stops with the rest pending, and the next pass completes it, each chat once',
    async (_name, kind) => {
      const CHATS = 40;
      const { f, file, live } = await world(CHATS);
      const run = startNewsbot(['send-due', '--at', at(0)], { env: live, sendWaits: NO_SEND_WAITS });
      await f.waitFor((calls) => calls.filter((c) => c.method === 'sendMessage' && c.ok).length >= 10, 20_000);
      f.outage(kind);
      expect(await run.exited).toBe(1);
      expect(run.stdout()).toMatch(/deferred [1-9]/);
      const sentDuring = f.callsOf('sendMessage').length;
      expect(sentDuring).toBeLessThan(CHATS);
      await f.restore();
      const next = await runNewsbot(['send-due', '--at', at(1)], { env: live, sendWaits: NO_SEND_WAITS });
      expect(next.code, next.stderr).toBe(0);
      expectEachOnce(f, file, CHATS);
    },
    60_000,
  );

  it('when the outage outlasts the catch-up limit, then the digests are recorded as missed with the reason, counted, and never sent late', async () => {
    const { f, file, dead, live, sendDue } = await world(3);
    await sendDue(0, dead);
    const late = await sendDue(6 * 60 + 1, live);
    expect(late.stdout).toMatch(/missed 3/);
    expect(late.stderr).toMatch(/digest missed/);
    expect(f.callsOf('sendMessage')).toHaveLength(0);
    const rows = deliveryRows(file);
    expect(rows.map((r) => r.status)).toEqual(['missed', 'missed', 'missed']);
    expect(rows[0]?.error).toMatch(/catch-up limit of 6 h/);
    expect(rows[0]?.error).toMatch(/ECONNREFUSED/);
  }, 60_000);
});
