import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { cadenceFromRow } from '../src/cadence/cadence.js';
import { latestSlot } from '../src/cadence/slots.js';
import { openDatabase } from '../src/store/db.js';
import { startFakeBotApi, type FakeBotApi } from '../test/helpers/fake-bot-api.js';
import { CLI, ROOT, type RunningCli, sampleRss, startCli, waitFor } from './child.js';
import type { BenchContext, Figures } from './context.js';
import { dirtyMarker, fixtureStore, STORE_NOW } from './fixture-store.js';
import { storeSpec } from './sizes.js';
import { check, round } from './stats.js';

/** Preload that starts the bot's clock at a chosen time (see clock-at.mjs). */
const CLOCK_AT = path.join(ROOT, 'bench', 'clock-at.mjs');

/** Fake people's chat ids: far from the generated chats (10,000,000+) so they can be removed after. */
const PERSON_BASE = 900_000_000;

/** What the bench sends the bot, as people would. */
const COMMANDS = ['/start', '/latest asia', '/europe', '/latest americas 20', '/latest', '/subscriptions', '/world', '/latest middle-east 10'];

/** DIGEST_CATCHUP_HOURS the bot runs with (its default): the digests its first pass catches up. */
const CATCHUP_HOURS = 6;
/** Start times tried when looking for the worst hour: every 15 minutes of the store's last day. */
const START_STEP_MS = 15 * 60_000;

/**
 * The time of the store's last day (articles run up to STORE_NOW) at which a bot starting would
 * find the most digests due within the catch-up window: its first pass builds them all, which is
 * the memory peak the target is about ("whatever the hour it starts"). Returns the time and the
 * number of chats due then.
 */
export function worstStart(file: string): { at: number; due: number } {
  const db = openDatabase(file, { migrate: false });
  let groups: { timezone: string; digestTime: string; cadence: string; n: number }[];
  try {
    groups = db
      .prepare<[], { timezone: string; digestTime: string; cadence: string; n: number }>(
        `SELECT timezone, digest_time AS digestTime, cadence, COUNT(*) AS n FROM chats
         WHERE active = 1 AND paused = 0 AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.chat_id = chats.id)
         GROUP BY timezone, digest_time, cadence`,
      )
      .all();
  } finally {
    db.close();
  }
  // Each group's due times over the day (and the catch-up window before it), newest first: a few
  // zone computations per group, not one per group and candidate start.
  const first = STORE_NOW - 86_400_000;
  const dues = groups.map((g) => {
    const cadence = cadenceFromRow(g.digestTime, g.cadence);
    const times: number[] = [];
    for (let slot = latestSlot(cadence, g.timezone, STORE_NOW); slot; slot = latestSlot(cadence, g.timezone, slot.dueAt - 1)) {
      times.push(slot.dueAt);
      if (slot.dueAt < first) break;
    }
    return { n: g.n, times };
  });
  let worst = { at: STORE_NOW, due: -1 };
  for (let at = first + START_STEP_MS; at <= STORE_NOW; at += START_STEP_MS) {
    let due = 0;
    for (const g of dues) {
      const latest = g.times.find((t) => t <= at);
      if (latest !== undefined && at - latest <= CATCHUP_HOURS * 3_600_000) due += g.n;
    }
    if (due > worst.due) worst = { at, due };
  }
  return worst;
}

interface BotRun {
  peakMb: number;
  lastMb: number;
  digestMessages: number;
  replies: number;
}

/**
 * Runs the real bot (`node dist/cli.js start`) on `file` against a fake Bot API, waits until its
 * first digest pass is sending (when `expectDigests`), has a few people send commands, then stops
 * it. Samples the child's RSS throughout (VmHWM from /proc).
 */
async function runBot(ctx: BenchContext, file: string, expectDigests: boolean, startAt: number): Promise<BotRun> {
  const feeds = createServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((resolve) => feeds.listen(0, '127.0.0.1', resolve));
  const sourcesFile = path.join(ctx.workDir, 'memory-sources.json');
  writeFileSync(sourcesFile, JSON.stringify([{ name: 'Bench Memory Feed', url: `http://127.0.0.1:${(feeds.address() as AddressInfo).port}/feed.xml` }]));
  const fake: FakeBotApi = await startFakeBotApi({ limits: true });
  let bot: RunningCli | undefined;
  try {
    bot = startCli(['start'], {
      BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      DATABASE_PATH: file,
      SOURCES_FILE: sourcesFile,
      LOG_LEVEL: 'info',
      DIGEST_CATCHUP_HOURS: String(CATCHUP_HOURS),
      // The daily prune (03:17 UTC) must never thin out the cached store of 30 days of articles.
      RETENTION_DAYS: '3650',
      NEWSBOT_BENCH_NOW: new Date(startAt).toISOString(),
    }, ctx.workDir, ['--import', CLOCK_AT]);
    const pid = bot.child.pid as number;
    const rss = sampleRss(pid, 50);
    const running = bot;
    // Long polls are recorded when they end; the bot's own "is running" line says it is connected.
    await waitFor(() => running.output().includes('newsbot is running') || running.child.exitCode !== null, 120_000, 'the bot to start polling');
    ctx.log(`memory: bot polling (${round(rss.current().peakMb)} MB so far)`);
    check(bot.child.exitCode === null, `newsbot start exited early: ${bot.output().slice(-2000)}`);
    const digestSends = () => fake.calls.filter((c) => c.method === 'sendMessage' && c.ok && Number(c.params.chat_id) < PERSON_BASE).length;
    // The first pass plans every digest due (tens of thousands at full size) before it sends one.
    if (expectDigests) await waitFor(() => digestSends() >= (ctx.quick ? 10 : 50), 900_000, 'the first digest pass to start sending');
    ctx.log(`memory: ${digestSends()} digest messages sent; now people's commands`);
    // Four people at once; each one's commands in turn (the queue sends one chat 1 message/s).
    const perPerson = await Promise.all(
      [0, 1, 2, 3].map(async (i) => {
        const user = fake.user({ id: PERSON_BASE + i, first_name: `Reader ${i}`, language_code: i % 2 ? 'ru' : 'en' });
        const chat = fake.privateChat(user);
        let n = 0;
        for (const text of ctx.quick ? COMMANDS.slice(0, 3) : COMMANDS) {
          const exchange = await fake.say(user, chat, text, { timeoutMs: 30_000 });
          check(exchange.replies.length > 0, `the bot did not answer ${text}`);
          n += exchange.replies.length;
        }
        return n;
      }),
    );
    const replies = perPerson.reduce((a, b) => a + b, 0);
    ctx.log(`memory: ${replies} replies; sampling 2 s more`);
    await new Promise((r) => setTimeout(r, ctx.quick ? 500 : 2000));
    const { peakMb, lastMb } = rss.stop();
    return { peakMb, lastMb, digestMessages: digestSends(), replies };
  } finally {
    if (bot && bot.child.exitCode === null) {
      bot.child.kill('SIGTERM');
      // A digest fan-out in progress can take long to finish; the bench need not wait for it.
      const timer = setTimeout(() => bot?.child.kill('SIGKILL'), ctx.quick ? 2_000 : 10_000);
      await bot.exited;
      clearTimeout(timer);
      ctx.log('memory: bot stopped');
    }
    await fake.close();
    await new Promise((resolve) => feeds.close(resolve));
  }
}

/** Undoes what the bot wrote to the cached store, so later runs start from the generated state. */
function resetStore(file: string): void {
  const db = openDatabase(file);
  try {
    db.transaction(() => {
      for (const table of ['deliveries', 'leases']) {
        if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table)) db.exec(`DELETE FROM ${table}`);
      }
      db.prepare('DELETE FROM chats WHERE id >= ?').run(PERSON_BASE);
      db.exec(`UPDATE chats SET last_digest_until = NULL, active = 1, inactive_reason = NULL
               WHERE last_digest_until IS NOT NULL OR active = 0`);
      db.exec("DELETE FROM sources WHERE url IS NULL OR url NOT LIKE 'https://feeds.bench.example/%'");
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/**
 * Scenario 5: peak RSS of the running bot (`newsbot start`, the built CLI) over the store of
 * scenario 2 (1,000,000 articles) with 100,000 chats, while its first digest pass plans and sends
 * and people ask for /latest; beside the same bot over an empty store (the floor).
 */
export async function memoryScenario(ctx: BenchContext): Promise<Figures> {
  if (!existsSync(CLI)) return { scenario: 'memory', skipped: `${CLI} is missing: npm run build` };
  const { file } = fixtureStore(ctx.cacheDir, storeSpec(ctx.quick), ctx.log);
  const empty = path.join(ctx.workDir, 'memory-empty.sqlite');
  const start = worstStart(file);
  ctx.log(`memory: both bots start at ${new Date(start.at).toISOString()}, when ${start.due} chats' digests are due within ${CATCHUP_HOURS} h (the most of the store's last day)`);
  const idle = await runBot(ctx, empty, false, start.at);
  ctx.log(`memory: empty store peak ${round(idle.peakMb)} MB; now the generated store`);
  const marker = dirtyMarker(file);
  writeFileSync(marker, 'the memory scenario ran the bot on this file and did not finish resetting it\n');
  let full: BotRun;
  try {
    full = await runBot(ctx, file, true, start.at);
  } finally {
    resetStore(file);
    rmSync(marker, { force: true });
  }
  const spec = storeSpec(ctx.quick);
  return {
    scenario: 'memory',
    peakRssMb: round(full.peakMb),
    idleRssMb: round(idle.peakMb),
    rssAtEndMb: round(full.lastMb),
    articles: spec.articles,
    chats: spec.chats,
    startedAt: new Date(start.at).toISOString(),
    digestsDueAtStart: start.due,
    digestMessagesSeen: full.digestMessages,
    commandReplies: full.replies,
  };
}
