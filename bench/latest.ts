import { fixedClock } from '../src/clock.js';
import { REGIONS, type Region } from '../src/regions/regions.js';
import { formatStory } from '../src/render/story.js';
import { splitMessages } from '../src/render/split.js';
import { createArticleStore } from '../src/store/articles.js';
import { openDatabase } from '../src/store/db.js';
import type { BenchContext, Figures } from './context.js';
import { fixtureStore, STORE_NOW } from './fixture-store.js';
import { check, percentile, round, sampleMs } from './stats.js';
import { storeSpec } from './sizes.js';

/** `/latest` with no count shows this many stories (issue 3). */
const DEFAULT_COUNT = 5;

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
    const answer = (region: Region | undefined, count: number): string[] => {
      const list = articles.latest({ regions: region ? [region] : [], limit: count });
      const blocks = list.map((a) => formatStory(a, { language: 'en', now: clock.now() }));
      return splitMessages(blocks);
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
    const messages = answer('asia', DEFAULT_COUNT);
    check(messages.length >= 1 && messages.every((m) => m.length <= 4096), '/latest asia rendered no message or one over 4096');
    check(messages.join('').includes(sample[0]?.headline.slice(0, 20) ?? '\0'), '/latest asia message lacks the newest headline');

    const n = ctx.quick ? 300 : 3000;
    const latest = sampleMs(n, () => answer('asia', DEFAULT_COUNT));
    const select = sampleMs(n, () => bare.all('asia', DEFAULT_COUNT));
    const byRegion: Record<string, number> = {};
    for (const region of REGIONS) byRegion[region] = round(percentile(sampleMs(Math.ceil(n / 5), () => answer(region, DEFAULT_COUNT)), 99));
    const all = sampleMs(Math.ceil(n / 5), () => answer(undefined, DEFAULT_COUNT));
    const twenty = sampleMs(Math.ceil(n / 5), () => answer('asia', 20));
    const twoRegions = sampleMs(Math.ceil(n / 5), () => {
      const list = articles.latest({ regions: ['asia', 'europe'], limit: DEFAULT_COUNT });
      splitMessages(list.map((a) => formatStory(a, { language: 'ru', now: clock.now() })));
    });
    return {
      scenario: 'latest',
      articles: articles.count(),
      p50Ms: round(percentile(latest, 50)),
      p99Ms: round(percentile(latest, 99)),
      selectP50Ms: round(percentile(select, 50)),
      selectP99Ms: round(percentile(select, 99)),
      samples: n,
      p99MsByRegion: byRegion,
      p99MsAllRegions: round(percentile(all, 99)),
      p99MsAsiaEuropeRu: round(percentile(twoRegions, 99)),
      p99MsTwenty: round(percentile(twenty, 99)),
      path: 'store.latest + formatStory + splitMessages',
      selectPlan: plan,
      ...(builtSeconds !== null ? { storeBuiltSeconds: round(builtSeconds) } : {}),
    };
  } finally {
    db.close();
  }
}
