import { fixedClock } from '../src/clock.js';
import { createDigestBuilder, type Digest } from '../src/digest/build.js';
import { MESSAGE_MAX_CHARS, MESSAGE_MAX_HTML, measureHtml } from '../src/render/split.js';
import { latestDue } from '../src/schedule/due.js';
import { createChatStore } from '../src/store/chats.js';
import { openDatabase } from '../src/store/db.js';
import type { BenchContext, Figures } from './context.js';
import { fixtureStore, STORE_NOW } from './fixture-store.js';
import { rng, SOURCES } from './data.js';
import { followRules, RULES_PER_KIND } from './follow-rules.js';
import { storeSpec } from './sizes.js';
import { check, round } from './stats.js';

/** Telegram's overall bot limit (messages/s) that the build time is compared with. */
const TELEGRAM_RATE = 30;

/**
 * Scenario 3: every digest due in one day (the 24 hours before the store's "now") for the store's
 * 100,000 chats (2,000 with --quick), each at its own local time (the schedule's `latestDue`), built
 * with the real digest builder in the order the minute ticks would reach them. Reports the build
 * time, per digest, and as a share of the time sending the messages takes at 30/s. Then the same
 * digests again with 20 follows and 20 mutes per chat (issue 11; see `followRules`), with a fresh
 * builder: `followsPerDigestUs` beside the plain `perDigestUs` of the same run.
 */
export async function digestScenario(ctx: BenchContext): Promise<Figures> {
  const { file } = fixtureStore(ctx.cacheDir, storeSpec(ctx.quick), ctx.log);
  const db = openDatabase(file);
  try {
    const clock = fixedClock(STORE_NOW);
    const chats = createChatStore(db, clock, { digestTime: '08:00', timezone: 'UTC' });
    let t = performance.now();
    const subscribed = chats.listSubscribed();
    const listSeconds = (performance.now() - t) / 1000;
    const due = subscribed
      .map((chat) => ({ chat, ...latestDue(chat.digestTime, chat.timezone, STORE_NOW - 1) }))
      .sort((a, b) => a.dueAt - b.dueAt);
    check(due.length > 0, 'no subscribed chats in the generated store');
    check(due.every((d) => d.dueAt > STORE_NOW - 86_400_000 - 3_600_000 && d.dueAt < STORE_NOW), 'a digest fell outside the day');

    const builder = createDigestBuilder(db, { itemsPerRegion: 5, defaultLanguage: 'en' });
    // Only counts are kept: holding 100,000 digests' text (~0.5 GB) would make the collector, not
    // the builder, the thing measured.
    let messages = 0;
    let shown = 0;
    let longest = 0;
    let longestHtml = 0;
    let emptyParts = 0;
    let withoutMessage = 0;
    t = performance.now();
    // CPU time beside the wall: on a loaded machine the wall counts the other processes' turns too.
    const cpu = process.cpuUsage();
    for (let i = 0; i < due.length; i++) {
      const d = due[i] as (typeof due)[number];
      const digest: Digest = builder.build(d.chat, d.localDate, d.dueAt);
      messages += digest.parts.length;
      shown += digest.shown;
      if (digest.parts.length === 0) withoutMessage++;
      for (const part of digest.parts) {
        if (part.length > longestHtml) longestHtml = part.length;
        if (part.length === 0) emptyParts++;
        // The text Telegram counts, measured on a sample: measuring every part would be timed too.
        if (i % 64 === 0) longest = Math.max(longest, measureHtml(part).chars);
      }
    }
    const buildSeconds = (performance.now() - t) / 1000;
    const { user, system } = process.cpuUsage(cpu);
    check(longest <= MESSAGE_MAX_CHARS && longestHtml <= MESSAGE_MAX_HTML && emptyParts === 0, `a digest part is empty or over Telegram's limits (longest ${longest} characters of text, ${longestHtml} of HTML)`);
    check(withoutMessage === 0, `${withoutMessage} digests have no message although no chat is quiet`);
    check(shown > 0, 'no digest showed a story');
    const withRules = followsPass(db, due);
    const digests = { length: due.length };
    const windows = new Set(due.map((d) => d.dueAt)).size;
    const sendSeconds = messages / TELEGRAM_RATE;
    return {
      scenario: 'digest',
      chats: digests.length,
      buildSeconds: round(buildSeconds),
      perDigestUs: round((buildSeconds / digests.length) * 1e6),
      // The process's CPU (the collector's helper threads included) per digest.
      perDigestCpuUs: round((user + system) / digests.length),
      shareOfSendTime: round(buildSeconds / sendSeconds),
      sendSeconds: round(sendSeconds),
      messages,
      storiesShownPerDigest: round(shown / digests.length),
      distinctDueMinutes: windows,
      listChatsSeconds: round(listSeconds),
      ...withRules,
      articles: (db.prepare('SELECT COUNT(*) AS n FROM articles').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

/**
 * Every digest of the day again, each chat with {@link RULES_PER_KIND} follows and as many mutes
 * (given to the chats in memory: how they are read from the database is in `listChatsSeconds`'s
 * query either way). Checks, on a sample, that no muted name shows.
 */
function followsPass(db: Parameters<typeof createDigestBuilder>[0], due: readonly { chat: DigestChatOf; localDate: string; dueAt: number }[]) {
  const r = rng(11);
  const chats = due.map((d) => ({ ...d, chat: { ...d.chat, ...followRules(r) } }));
  const builder = createDigestBuilder(db, { itemsPerRegion: 5, defaultLanguage: 'en' });
  let withFollowing = 0;
  let shown = 0;
  const t = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < chats.length; i++) {
    const d = chats[i] as (typeof chats)[number];
    const digest = builder.build(d.chat, d.localDate, d.dueAt);
    shown += digest.shown;
    if (digest.parts.some((part) => part.includes('<u><b>Following</b></u>'))) withFollowing++;
    if (i % 64 === 0) {
      // Outlet names ("Times of Israel") are not the story: a mute of Israel keeps that outlet's other news.
      const text = SOURCES.reduce((t, source) => t.replaceAll(source.name, ''), digest.parts.join('\n'));
      for (const mute of d.chat.mutes) {
        if (/^[A-Za-z]+$/.test(mute)) check(!new RegExp(`\\b${mute}\\b`, 'i').test(text.replace(/<[^>]+>/g, ' ')), `a digest shows a story naming the muted ${mute}`);
      }
    }
  }
  const seconds = (performance.now() - t) / 1000;
  // The sample check above is inside the CPU time, as it is inside the wall time.
  const { user, system } = process.cpuUsage(cpu);
  check(withFollowing > 0, 'no digest had a Following section');
  return {
    followsRulesPerChat: RULES_PER_KIND * 2,
    followsBuildSeconds: round(seconds),
    followsPerDigestUs: round((seconds / chats.length) * 1e6),
    // The process's CPU per digest, beside the plain pass's perDigestCpuUs.
    followsPerDigestCpuUs: round((user + system) / chats.length),
    followsDigestsWithFollowing: withFollowing,
    followsStoriesShownPerDigest: round(shown / chats.length),
  };
}

type DigestChatOf = Parameters<ReturnType<typeof createDigestBuilder>['build']>[0];
