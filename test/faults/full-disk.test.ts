import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { runNewsbot, startNewsbot, stopRunningNewsbots } from '../helpers/newsbot-in-process.js';
import { DUE_AT, deliveryRows, receivedByChat, seedDigestWorld } from '../helpers/digest-world.js';
import { type FakeBotApi, startFakeBotApi } from '../helpers/fake-bot-api.js';
import { tempDir } from '../helpers/temp-db.js';

const CHATS = 60;
/** About how many messages go out before the disk fills (or writes start failing). */
const FAIL_AFTER = 20;

let tmp: ReturnType<typeof tempDir> | undefined;
let fake: FakeBotApi | undefined;
let mounted: string | undefined;
afterEach(async () => {
  await stopRunningNewsbots();
  await fake?.close();
  fake = undefined;
  if (mounted) execFileSync('umount', ['-l', mounted]);
  mounted = undefined;
  tmp?.cleanup();
  tmp = undefined;
});

/** Mounts a small tmpfs at `dir` (root only); false when this machine does not allow it. */
function mountTmpfs(dir: string, size: string): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    mounted = dir;
    return true;
  } catch {
    return false;
  }
}

/** Writes zeros into `file` until the filesystem is full. */
function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

/**
 * Every delivery write fails after `writes` more of them, as on a full disk (SQLite's own words),
 * until the trigger is dropped: a store that breaks in the middle of a fan-out, on any machine.
 */
function failWritesAfter(file: string, writes: number): void {
  const db = new Database(file);
  db.exec(`CREATE TABLE fault_budget (writes INTEGER NOT NULL);
    INSERT INTO fault_budget VALUES (${writes});
    CREATE TRIGGER fault_deliveries BEFORE UPDATE ON deliveries BEGIN
      SELECT RAISE(ABORT, 'database or disk is full') WHERE (SELECT writes FROM fault_budget) <= 0;
      UPDATE fault_budget SET writes = writes - 1;
    END;`);
  db.close();
}

function healWrites(file: string): void {
  const db = new Database(file);
  db.exec('DROP TRIGGER fault_deliveries; DROP TABLE fault_budget;');
  db.close();
}

/**
 * Runs send-due on a store that `before` sets to fail, or that `during` breaks once FAIL_AFTER
 * messages went out; then `fix`, and send-due again (in this process). Checks what the failure may
 * cost. With `ownProcess` the first send-due runs as a process of its own, else in this one.
 */
async function fanOutThroughBrokenStore(
  dir: string,
  faults: { before?: (file: string) => void; during?: (file: string) => void; fix: (file: string) => void },
  ownProcess = false,
) {
  fake = await startFakeBotApi();
  const f = fake;
  const file = path.join(dir, 'newsbot.sqlite');
  seedDigestWorld(file, { chats: CHATS });
  faults.before?.(file);
  const live = { BOT_TOKEN: f.token, TELEGRAM_API_ROOT: f.apiRoot, DATABASE_PATH: file, SEND_RATE_PER_SECOND: '20' };
  const sendDue = () => (ownProcess ? spawnCli(['send-due', '--at', DUE_AT], { env: live, cwd: dir }) : startNewsbot(['send-due', '--at', DUE_AT], { env: live }));
  const run = sendDue();
  if (faults.during) {
    await f.waitFor((calls) => calls.filter((c) => c.method === 'sendMessage' && c.ok).length >= FAIL_AFTER, 30_000);
    faults.during(file);
  }
  const exited = await run.exited;
  expect(typeof exited === 'number' ? exited : exited.code).toBe(1);
  expect(run.stdout()).toMatch(/Sending stopped: a database write failed \(.*(full|disk).*\)/);
  const received = f.callsOf('sendMessage').length;
  expect(received).toBeLessThan(CHATS);
  faults.fix(file);

  // What the database knows: messages recorded as accepted, and the ones marked as on the wire.
  const db = new Database(file, { readonly: true });
  const rows = db.prepare('SELECT chat_id AS chatId, parts_sent AS partsSent, part_tries AS partTries FROM deliveries').all() as {
    chatId: number; partsSent: number; partTries: number;
  }[];
  db.close();
  const recorded = rows.reduce((n, r) => n + r.partsSent, 0);
  const onTheWire = new Set(rows.filter((r) => r.partsSent === 0 && r.partTries > 0).map((r) => r.chatId));
  // Nothing was sent that the database had not recorded as going out before the first failed write:
  // every message Telegram got but the database does not record as accepted was marked on the wire.
  const got = receivedByChat(f);
  const unrecorded = [...got.keys()].filter((id) => (rows.find((r) => r.chatId === id)?.partsSent ?? 0) === 0);
  expect(unrecorded.filter((id) => !onTheWire.has(id))).toEqual([]);
  expect(received - recorded).toBe(unrecorded.length);

  // The next run only has to complete the rest, with what is recorded: at 20 a second its 40-odd
  // messages took 2 s; what may be repeated was bounded by the first run's window, not this one's.
  const next = await runNewsbot(['send-due', '--at', DUE_AT], { env: { ...live, SEND_RATE_PER_SECOND: '1000' } });
  expect(next.code, next.stderr).toBe(0);
  const after = receivedByChat(f);
  expect(after.size).toBe(CHATS);
  const repeats = [...after.entries()].filter(([, texts]) => texts.length > 1);
  // Only the messages on the wire when the store failed went twice, each once more at most.
  expect(repeats.every(([id, texts]) => texts.length === 2 && onTheWire.has(id))).toBe(true);
  expect(repeats.length).toBe(unrecorded.length);
  // ... and the send queue keeps at most a quarter second's worth of digests on the wire (5 at 20/s)
  expect(repeats.length).toBeLessThanOrEqual(5);
  expect(deliveryRows(file).filter((r) => r.status !== 'sent')).toEqual([]);
  console.log(`full disk: ${received} of ${CHATS} sent before sending stopped, ${recorded} recorded, ${repeats.length} chat(s) got a repeat`);
  return { received, recorded, repeats: repeats.length };
}

describe('a full disk (any failing database write) in the middle of a fan-out', () => {
  it('when delivery writes fail after N of them, then sending stops at once, and the next run repeats at most the messages that were on the wire', async () => {
    tmp = tempDir();
    // Each one-message digest takes four writes (on its way, accepted, the record completed in two):
    // the first write to fail records the message after FAIL_AFTER as accepted, when it is on the wire.
    await fanOutThroughBrokenStore(tmp.dir, { before: (file) => failWritesAfter(file, FAIL_AFTER * 4 + 1), fix: healWrites });
  }, 60_000);

  it('when the database is on a real filesystem that fills up, then sending stops at once, and once space is freed the next run completes with no second copies', async (ctx) => {
    tmp = tempDir();
    const disk = path.join(tmp.dir, 'disk');
    mkdirSync(disk);
    // Room for the store and a WAL of up to SQLite's auto-checkpoint size (1000 pages, ~4 MB): on a
    // tighter disk, space freed after the fault could still be too little for the next run, and
    // whether it was depended on how far the WAL had grown, that is on the machine's load.
    if (!mountTmpfs(disk, '16m')) ctx.skip();
    const filler = path.join(disk, 'filler');
    // The first send-due in a process of its own, as an operator runs it: the full disk also keeps
    // it from releasing its sending lease, which the next takes over at once only from a process
    // that has ended (one in the same process is a live holder, waited out for LEASE_SECONDS).
    await fanOutThroughBrokenStore(disk, { during: () => fillDisk(filler), fix: () => rmSync(filler) }, true);
  }, 60_000);
});
