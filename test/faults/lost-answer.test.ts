import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runNewsbot } from '../helpers/newsbot-in-process.js';
import { DUE_AT, deliveryRows, receivedByChat, seedDigestWorld } from '../helpers/digest-world.js';
import { type FakeBotApi, startFakeBotApi } from '../helpers/fake-bot-api.js';
import { NO_SEND_WAITS } from '../helpers/no-send-waits.js';
import { tempDir } from '../helpers/temp-db.js';

let tmp: ReturnType<typeof tempDir> | undefined;
let fake: FakeBotApi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  tmp?.cleanup();
  tmp = undefined;
});

async function world(chats: number, longDigest = false) {
  tmp = tempDir();
  fake = await startFakeBotApi();
  const file = path.join(tmp.dir, 'newsbot.sqlite');
  seedDigestWorld(file, { chats, longDigest });
  const env = { BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_PATH: file, SEND_RATE_PER_SECOND: '100' };
  // A part sent again goes at once: the fake has no per-chat limit to wait for.
  const sendDue = (iso = DUE_AT) => runNewsbot(['send-due', '--at', iso], { env, sendWaits: NO_SEND_WAITS });
  return { f: fake, file, sendDue };
}

/** Telegram took the message, then the connection broke before its answer came back. */
const lostAnswer = { kind: 'drop', afterProcessing: true } as const;

describe('a lost answer (Telegram accepted the message, the connection reset before the answer)', () => {
  it('when the answer to a part is lost once, then that part is sent once more (the chat sees it twice) and the digest goes on', async () => {
    const { f, file, sendDue } = await world(2, true);
    f.failNext({ failure: lostAnswer, method: 'sendMessage', chatId: 2, times: 1 });
    const run = await sendDue();
    expect(run.code, run.stderr).toBe(0);
    const parts = deliveryRows(file).find((r) => r.chatId === 2)?.parts ?? [];
    expect(parts.length).toBeGreaterThan(1);
    expect(receivedByChat(f).get(2)).toEqual([parts[0], ...parts]);
    expect(receivedByChat(f).get(1)).toEqual(deliveryRows(file).find((r) => r.chatId === 1)?.parts);
    expect(deliveryRows(file).map((r) => r.status)).toEqual(['sent', 'sent']);
  }, 60_000);

  it('when the answers to a part are lost again and again, then it is sent twice at most, and the digest is recorded as missed with the reason', async () => {
    const { f, file, sendDue } = await world(2);
    f.failNext({ failure: lostAnswer, method: 'sendMessage', chatId: 1, times: 10 });
    const run = await sendDue();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/missed 1/);
    expect(receivedByChat(f).get(1)).toHaveLength(2);
    expect(receivedByChat(f).get(2)).toHaveLength(1);
    const row = deliveryRows(file).find((r) => r.chatId === 1);
    expect(row?.status).toBe('missed');
    expect(row?.error).toMatch(/answer was lost/);
    // a later pass does not try a third time
    await sendDue(new Date(Date.parse(DUE_AT) + 60_000).toISOString());
    expect(receivedByChat(f).get(1)).toHaveLength(2);
  }, 60_000);
});
