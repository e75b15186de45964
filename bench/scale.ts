import { copyFileSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { digestWhenLine } from '../src/bot/cadence-text.js';
import { regionNames } from '../src/bot/names.js';
import { nextDigestLine } from '../src/bot/next-digest.js';
import { fixedClock } from '../src/clock.js';
import { createDigestBuilder } from '../src/digest/build.js';
import { t } from '../src/i18n/index.js';
import { silentLogger } from '../src/log.js';
import { createPlanMemo, planDueDigests } from '../src/schedule/plan-digests.js';
import { createChatStore } from '../src/store/chats.js';
import { openDatabase } from '../src/store/db.js';
import { createDeliveryStore } from '../src/store/deliveries.js';
import type { BenchContext, Figures } from './context.js';
import { fixtureStore, STORE_NOW } from './fixture-store.js';
import { check, percentile, round, sampleMs } from './stats.js';

/** Articles in each scale store (2,000 with --quick): the news is not what grows here. */
const articlesFor = (quick: boolean) => (quick ? 2_000 : 10_000);
/** DIGEST_CATCHUP_HOURS' default. */
const CATCHUP_MS = 6 * 3_600_000;
/** Minute ticks timed after the catch-up pass. */
const TICKS = 10;

/**
 * Scenario 6: the scale a large deployment meets, one line per size (10k, 100k and 1M chats; 1k
 * and 10k with --quick), each over a store of the same 10,000 articles (2,000):
 * - catch-up: the first scheduling pass at start (`planDueDigests` at the store's "now"): every
 *   chat whose digest time came in the last day gets its record, built (within
 *   DIGEST_CATCHUP_HOURS) or skipped (later);
 * - planner: the minute ticks after it (median of ten), each finding the few chats due that minute;
 *   and a pass at the catch-up's own minute again, when nothing is due (`plannerIdleTickMs`);
 * - /subscriptions: what the handler does after parsing (chats.get, the regions, the digest time
 *   and the next digest line), p50 and p99 over random chats.
 * Floors from the same run: reading every chat once (`scanMs`) and `chats.get` alone.
 */
export async function scaleScenario(ctx: BenchContext): Promise<Figures[]> {
  const sizes = ctx.scaleSizes ?? (ctx.quick ? [1_000, 10_000] : [10_000, 100_000, 1_000_000]);
  const lines: Figures[] = [];
  for (const chats of sizes) {
    const { file, builtSeconds } = fixtureStore(ctx.cacheDir, { articles: articlesFor(ctx.quick), chats }, ctx.log);
    // The passes write delivery records: on a copy, so the cached store stays as generated.
    const copy = path.join(ctx.workDir, `scale-${chats}.sqlite`);
    copyFileSync(file, copy);
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
    try {
      lines.push({ scenario: 'scale', chats, ...(await measure(ctx, copy, chats)), ...(builtSeconds !== null ? { storeBuiltSeconds: round(builtSeconds) } : {}) });
    } finally {
      for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) rmSync(f, { force: true });
    }
    // The larger sizes take long: each size's line is on stderr as soon as it is measured.
    ctx.log(`scale: ${JSON.stringify(lines.at(-1))}`);
  }
  return lines;
}

async function measure(ctx: BenchContext, file: string, size: number): Promise<Record<string, unknown>> {
  const db = openDatabase(file);
  try {
    const clock = fixedClock(STORE_NOW);
    const chats = createChatStore(db, clock, { digestTime: '08:00', timezone: 'UTC' });
    const deliveries = createDeliveryStore(db, clock, chats);
    const builder = createDigestBuilder(db, { itemsPerRegion: 5, defaultLanguage: 'en' });
    const deps = { chats, deliveries, builder, log: silentLogger, catchupMs: CATCHUP_MS, memo: createPlanMemo() };

    let t0 = performance.now();
    const scanned = (db.prepare('SELECT COUNT(*) AS n, SUM(length(timezone) + length(digest_time)) AS bytes FROM chats WHERE active = 1 AND paused = 0').get() as { n: number }).n;
    const scanMs = performance.now() - t0;
    check(scanned === size, `the store holds ${scanned} active chats, expected ${size}`);

    const heapBefore = process.memoryUsage().heapUsed;
    t0 = performance.now();
    const catchup = await planDueDigests(deps, clock.now());
    const catchupSeconds = (performance.now() - t0) / 1000;
    const heapAfter = process.memoryUsage().heapUsed;
    check(catchup.due > 0 && catchup.planned > 0 && catchup.planned + catchup.skipped === catchup.due, `catch-up pass: ${JSON.stringify(catchup)}`);
    // The same minute again: nothing is due, so this is what a pass costs before any digest.
    t0 = performance.now();
    const again = await planDueDigests(deps, clock.now());
    const idleTickMs = performance.now() - t0;
    check(again.due === 0, `a second pass at the same minute found ${again.due} digests due again`);

    const ticks: number[] = [];
    let dueInTicks = 0;
    for (let i = 1; i <= TICKS; i++) {
      clock.set(STORE_NOW + i * 60_000);
      t0 = performance.now();
      const tick = await planDueDigests(deps, clock.now());
      ticks.push(performance.now() - t0);
      dueInTicks += tick.due;
    }

    const ids = (db.prepare('SELECT id FROM chats ORDER BY random() LIMIT 2000').all() as { id: number }[]).map((r) => r.id);
    const now = clock.now();
    const answer = (id: number): string[] => {
      const chat = chats.get(id);
      check(chat, `chat ${id} is missing`);
      const texts = t(chat.language ?? 'en');
      const b = texts.bot;
      return [
        b.subscriptionsTitle,
        chat.regions.length === 0 ? b.subscriptionsNone : b.subscriptionsRegions(regionNames(texts, chat.regions)),
        digestWhenLine(texts, chat.cadence, chat.timezone),
        chat.paused ? b.subscriptionsPaused : nextDigestLine(texts, chat.language ?? 'en', chat.cadence, chat.timezone, now),
      ];
    };
    const n = ctx.quick ? 500 : 2000;
    const subs = sampleMs(n, (i) => answer(ids[i % ids.length] as number));
    const get = sampleMs(n, (i) => chats.get(ids[i % ids.length] as number));
    return {
      catchupSeconds: round(catchupSeconds),
      catchupUsPerChat: round((catchupSeconds * 1e6) / size),
      catchupDue: catchup.due,
      catchupPlanned: catchup.planned,
      catchupSkipped: catchup.skipped,
      catchupHeapGrowthMb: round((heapAfter - heapBefore) / 2 ** 20),
      plannerTickMs: round(percentile(ticks, 50)),
      plannerTickMaxMs: round(Math.max(...ticks)),
      plannerIdleTickMs: round(idleTickMs),
      plannerDuePerTick: round(dueInTicks / TICKS),
      subscriptionsP50Ms: round(percentile(subs, 50)),
      subscriptionsP99Ms: round(percentile(subs, 99)),
      scanMs: round(scanMs),
      chatsGetP99Ms: round(percentile(get, 99)),
    };
  } finally {
    db.close();
  }
}
