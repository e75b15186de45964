import { fixedClock } from '../src/clock.js';
import { REGIONS, type Region } from '../src/regions/regions.js';
import { renderLatest } from '../src/bot/latest-stories.js';
import { LATEST_DEFAULT, LATEST_MAX } from '../src/bot/limits.js';
import { regionNames } from '../src/bot/names.js';
import { t } from '../src/i18n/index.js';
import { newestStories } from '../src/stories/newest.js';
import { fits, measureHtml, MESSAGE_LIMITS } from '../src/render/split.js';
import { createArticleStore } from '../src/store/articles.js';
import { type Language, createChatStore } from '../src/store/chats.js';
import { openDatabase } from '../src/store/db.js';
import type { BenchContext, Figures } from './context.js';
import { fixtureStore, STORE_NOW } from './fixture-store.js';
import { check, percentile, round, sampleMs } from './stats.js';
import { storeSpec } from './sizes.js';

const DEFAULT_COUNT = LATEST_DEFAULT;

/**
 * Scenario 2: `/latest asia` over the generated store (1,000,000 articles; 20,000 with --quick):
 * the store query and the story formatting the bot does, p50 and p99, beside the bare indexed
 * SELECT (the store's own statement, rows only).
 */
export async function latestScenario(ctx: BenchContext): Promise<Figures> {
  const spec = storeSpec(ctx.quick);
  const { file, builtSeconds } = fixtureStore(ctx.cacheDir, spec, ctx.log);
  const db = openDatabase(file);
  try {
    const clock = fixedClock(STORE_NOW);
    const articles = createArticleStore(db, clock);
    const chats = createChatStore(db, clock, { digestTime: '08:00', timezone: 'UTC' });
    // A generated subscriber asks (its id is the generator's first private chat).
    const chatId = 10_000_000;
    check(chats.get(chatId) !== undefined, 'the generated store has no chat 10000000');
    /**
     * What the bot's /latest handler does once it has parsed the command (src/bot/features/latest.ts):
     * the chat's own regions when none is named, the store query, then renderLatest's messages.
     */
    const answer = (regions: readonly Region[], count: number, language: Language = 'en'): string[] => {
      const own = chats.get(chatId)?.regions ?? [];
      const scope = regions.length > 0 ? regions : own;
      const texts = t(language);
      const list = newestStories(articles, { ...(scope.length > 0 ? { regions: scope } : {}), limit: count });
      return renderLatest(list, { language, now: clock.now(), title: texts.bot.latestTitle(scope.length > 0 ? regionNames(texts, scope) : texts.bot.allRegions) });
    };
    // What "the bare indexed SELECT" is: the newest rows of the region by the region index, with
    // the columns the store returns, no mapping, no story dedup, no formatting.
    const bare = db.prepare(
      `SELECT a.id, s.name AS source, a.url, a.guid, a.headline, a.lead, a.body, a.dateline,
         a.published_at AS publishedAt, a.fetched_at AS fetchedAt, a.regions, a.story_id AS storyId
       FROM articles a JOIN sources s ON s.id = a.source_id JOIN article_regions r ON r.article_id = a.id
       WHERE r.region = ? ORDER BY r.published_at DESC, r.article_id DESC LIMIT ?`,
    );
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${bare.source}`)
      .all('asia', DEFAULT_COUNT)
      .map((row) => (row as { detail: string }).detail);

    // Wrong results fail the run: five distinct stories of Asia, newest first, rendered.
    const sample = articles.latest({ regions: ['asia'], limit: DEFAULT_COUNT });
    check(sample.length === DEFAULT_COUNT, `/latest asia gave ${sample.length} stories, expected ${DEFAULT_COUNT}`);
    check(sample.every((a) => a.regions.includes('asia')), '/latest asia gave a story without asia');
    check(new Set(sample.map((a) => a.storyId)).size === sample.length, '/latest asia repeated a story');
    check(sample.every((a, i) => i === 0 || (sample[i - 1] as typeof a).publishedAt >= a.publishedAt), '/latest asia is not newest first');
    const messages = answer(['asia'], DEFAULT_COUNT);
    check(messages.length >= 1 && messages.every((m) => fits(measureHtml(m), MESSAGE_LIMITS)), '/latest asia rendered no message, or one over Telegram\'s limits (4096 characters of text)');
    check(messages.join('').includes(sample[0]?.headline.slice(0, 20) ?? '\0'), '/latest asia message lacks the newest headline');

    const n = ctx.quick ? 300 : 3000;
    const latest = sampleMs(n, () => answer(['asia'], DEFAULT_COUNT));
    const select = sampleMs(n, () => bare.all('asia', DEFAULT_COUNT));
    const byRegion: Record<string, number> = {};
    for (const region of REGIONS) byRegion[region] = round(percentile(sampleMs(Math.ceil(n / 5), () => answer([region], DEFAULT_COUNT)), 99));
    const own = sampleMs(Math.ceil(n / 5), () => answer([], DEFAULT_COUNT));
    const twenty = sampleMs(Math.ceil(n / 5), () => answer(['asia'], LATEST_MAX));
    const twoRegions = sampleMs(Math.ceil(n / 5), () => answer(['asia', 'europe'], DEFAULT_COUNT, 'ru'));
    return {
      scenario: 'latest',
      articles: articles.count(),
      p50Ms: round(percentile(latest, 50)),
      p99Ms: round(percentile(latest, 99)),
      selectP50Ms: round(percentile(select, 50)),
      selectP99Ms: round(percentile(select, 99)),
      samples: n,
      p99MsByRegion: byRegion,
      p99MsChatsOwnRegions: round(percentile(own, 99)),
      p99MsAsiaEuropeRu: round(percentile(twoRegions, 99)),
      p99MsTwenty: round(percentile(twenty, 99)),
      path: 'chats.get + articles.latest + renderLatest (the bot handler after parsing)',
      selectPlan: plan,
      ...(builtSeconds !== null ? { storeBuiltSeconds: round(builtSeconds) } : {}),
    };
  } finally {
    db.close();
  }
}
