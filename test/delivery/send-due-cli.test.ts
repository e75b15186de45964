import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { REGIONS } from '../../src/regions/regions.js';
import { createArticleStore } from '../../src/store/articles.js';
import { createChatStore } from '../../src/store/chats.js';
import { openDatabase } from '../../src/store/db.js';
import { type CliRun, spawnCli } from '../helpers/cli.js';
import { runNewsbot } from '../helpers/newsbot-in-process.js';
import { NO_SEND_WAITS } from '../helpers/no-send-waits.js';
import { startFakeBotApi } from '../helpers/fake-bot-api.js';
import { tempDir } from '../helpers/temp-db.js';

const AT = '2026-11-28T08:00:00Z';

/** The fake Bot API, with what it accepted as (chat, HTML text) in order. */
async function startApi() {
  const fake = await startFakeBotApi();
  return {
    fake,
    get received() {
      return fake.callsOf('sendMessage').map((c) => ({ chatId: c.params.chat_id as number, text: String(c.params.text) }));
    },
    root: fake.apiRoot,
    close: () => fake.close(),
  };
}

/** A database with `chats` subscribed chats (08:00 UTC) and enough long stories for a multi-part digest. */
function seed(file: string, chats: number, longDigest: boolean) {
  const db = openDatabase(file);
  const clock = fixedClock('2026-11-28T07:30:00Z');
  const articles = createArticleStore(db, clock);
  const perRegion = longDigest ? 5 : 1;
  articles.upsertMany(
    REGIONS.flatMap((region, r) =>
      Array.from({ length: perRegion }, (_, i) => ({
        source: 'Wire',
        url: `https://w.example/${region}/${i}`,
        headline: `${region} report x${r}y${i} z${r}${i}`,
        lead: longDigest ? 'A long lead sentence about what happened today. '.repeat(5) : 'Short lead.',
        publishedAt: Date.parse('2026-11-28T06:00:00Z') - i * 60_000,
        regions: [region],
      })),
    ),
  );
  clock.set('2026-11-01T00:00:00Z');
  const store = createChatStore(db, clock, { digestTime: '08:00', timezone: 'UTC' });
  for (let id = 1; id <= chats; id++) {
    store.ensure({ id, type: 'private' });
    store.subscribe(id, longDigest ? [...REGIONS] : ['asia']);
  }
  db.close();
}

function run(args: string[], env: Record<string, string>): CliRun {
  return spawnCli(args, { env });
}

async function finished(run: CliRun): Promise<{ code: number | null; out: string; err: string }> {
  const { code } = await run.exited;
  return { code, out: run.stdout(), err: run.stderr() };
}

function perChat(received: readonly { chatId: number; text: string }[]) {
  const map = new Map<number, string[]>();
  for (const m of received) map.set(m.chatId, [...(map.get(m.chatId) ?? []), m.text]);
  return map;
}

let dir: ReturnType<typeof tempDir>;
let api: Awaited<ReturnType<typeof startApi>> | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
  dir?.cleanup();
});
afterAll(() => undefined);

describe('newsbot send-due', () => {
  it('when run twice for the same time, then the second run sends nothing', async () => {
    dir = tempDir();
    const file = path.join(dir.dir, 'db.sqlite');
    seed(file, 5, false);
    api = await startApi();
    const env = { DATABASE_PATH: file, TELEGRAM_API_ROOT: api.root, BOT_TOKEN: api.fake.token };
    const first = await runNewsbot(['send-due', '--at', AT], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('due 5, sent 5');
    expect(api.received).toHaveLength(5);
    const second = await runNewsbot(['send-due', '--at', AT], { env });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('due 0, sent 0');
    expect(api.received).toHaveLength(5);
  }, 60_000);

  it('when two send-due processes run at once on one database, then no chat gets two digests', async () => {
    dir = tempDir();
    const file = path.join(dir.dir, 'db.sqlite');
    seed(file, 40, false);
    api = await startApi();
    const env = { DATABASE_PATH: file, TELEGRAM_API_ROOT: api.root, BOT_TOKEN: api.fake.token, SEND_RATE_PER_SECOND: '200' };
    const [a, b] = await Promise.all([finished(run(['send-due', '--at', AT], env)), finished(run(['send-due', '--at', AT], env))]);
    expect(a.code, a.err).toBe(0);
    expect(b.code, b.err).toBe(0);
    const counts = perChat(api.received);
    expect(counts.size).toBe(40);
    expect([...counts.values()].every((texts) => texts.length === 1)).toBe(true);
  }, 60_000);

  it('when the sending process is killed mid fan-out and restarted, then every chat has its whole digest, each part once but for the one in flight', async () => {
    dir = tempDir();
    const file = path.join(dir.dir, 'db.sqlite');
    // 100 chats of two parts or more: enough for a kill mid fan-out (a third of 300 chats' cost).
    const CHATS = 100;
    seed(file, CHATS, true);
    api = await startApi();
    const env = { DATABASE_PATH: file, TELEGRAM_API_ROOT: api.root, BOT_TOKEN: api.fake.token, SEND_RATE_PER_SECOND: '1000' };
    const child = run(['send-due', '--at', AT], env);
    const done = finished(child);
    // SIGKILL as soon as the server has accepted the 80th message: the process dies with sends in flight
    await api.fake.waitFor((calls) => calls.filter((c) => c.method === 'sendMessage').length >= 80, 30_000);
    child.child.kill('SIGKILL');
    const killed = await done;
    expect(killed.code).toBeNull();
    // What the database says was accepted when the process died. Requests it had already written may
    // still reach the server after this (how long they take is the machine's business, not the
    // test's): they can only be each chat's next part, the one in flight.
    const atKill = openDatabase(file);
    const recordedAtKill = new Map(
      (atKill.prepare('SELECT chat_id AS chatId, parts_sent AS partsSent FROM deliveries').all() as { chatId: number; partsSent: number }[]).map(
        (r) => [r.chatId, r.partsSent],
      ),
    );
    atKill.close();
    // The restart in this process: the killed one is the process this test is about. Without the
    // per-chat gap (the fake enforces none), each chat's next part need not wait a second after its last.
    const restart = await runNewsbot(['send-due', '--at', AT], { env, sendWaits: NO_SEND_WAITS });
    expect(restart.code, restart.stderr).toBe(0);
    const db = openDatabase(file);
    const rows = db.prepare('SELECT chat_id AS chatId, parts, parts_sent AS partsSent, status FROM deliveries').all() as {
      chatId: number; parts: string; partsSent: number; status: string;
    }[];
    db.close();
    expect(rows).toHaveLength(CHATS);
    let repeated = 0;
    let total = 0;
    const got = perChat(api.received);
    for (const row of rows) {
      const parts = JSON.parse(row.parts) as string[];
      total += parts.length;
      expect(parts.length).toBeGreaterThan(1);
      expect(row).toMatchObject({ status: 'sent', partsSent: parts.length });
      // every part arrived, in order; the only one that may have arrived twice is the one that was
      // in flight at the kill (the first part not yet recorded); nothing recorded as sent went again
      const inFlight = recordedAtKill.get(row.chatId) ?? 0;
      const texts = got.get(row.chatId) ?? [];
      const allowed = [parts, inFlight < parts.length ? [...parts.slice(0, inFlight + 1), ...parts.slice(inFlight)] : parts];
      expect(allowed.map((a) => JSON.stringify(a))).toContain(JSON.stringify(texts));
      repeated += texts.length - parts.length;
    }
    // the kill came mid-way
    const recorded = [...recordedAtKill.values()].reduce((a, b) => a + b, 0);
    expect(recorded).toBeGreaterThan(0);
    expect(recorded).toBeLessThan(total);
    console.log(`crash test: ${recorded} of ${total} messages recorded at the kill, ${repeated} repeated after the restart`);
  }, 120_000);
});
