import { REGIONS, type Region } from '../regions/regions.js';
import type { Db } from '../store/db.js';

/** One story as it stands in a time window: every article of it published inside the window. */
export interface WindowStory {
  storyId: number;
  /** Bit i set when some article of the story carries REGIONS[i]. */
  regionMask: number;
  /** Newest publication time among its articles (ms). */
  newest: number;
  /** Article ids, earliest first; the first is the one shown. */
  articleIds: number[];
  /** Distinct source ids in order of first publication. */
  sourceIds: number[];
}

/** The stories of one window, per region, each list in digest order. */
export interface StoryWindow {
  since: number;
  until: number;
  /** Stories carrying the region, most widely carried first, then newest first. */
  byRegion: ReadonlyMap<Region, readonly WindowStory[]>;
  /**
   * For a region and a mask of regions listed before it in a chat, how many of the region's stories
   * carry none of those earlier regions (the stories that belong under this region for that chat).
   */
  countFree(region: Region, earlierMask: number): number;
}

export const REGION_BIT: Readonly<Record<Region, number>> = Object.fromEntries(REGIONS.map((r, i) => [r, 1 << i])) as Record<Region, number>;
const ALL_MASKS = 1 << REGIONS.length;

interface Row {
  id: number;
  storyId: number | null;
  sourceId: number;
  publishedAt: number;
  regions: string;
}

/**
 * Loads the stories published in (since, until] and indexes them by region, so that any number of
 * chats due in one pass share one query. Windows are memoised (most recent `keep`, default 8),
 * because chats due in the same minute usually share their window too.
 */
export function createStoryWindows(db: Db, options: { keep?: number } = {}) {
  const keep = options.keep ?? 8;
  const inWindow = db.prepare<[number, number], Row>(
    `SELECT id, story_id AS storyId, source_id AS sourceId, published_at AS publishedAt, regions
     FROM articles WHERE published_at > ? AND published_at <= ? ORDER BY published_at, id`,
  );
  const cache = new Map<string, StoryWindow>();

  function load(since: number, until: number): StoryWindow {
    const stories = new Map<number, WindowStory>();
    for (const row of inWindow.iterate(since, until)) {
      const storyId = row.storyId ?? row.id;
      let story = stories.get(storyId);
      if (!story) {
        story = { storyId, regionMask: 0, newest: row.publishedAt, articleIds: [], sourceIds: [] };
        stories.set(storyId, story);
      }
      for (const region of row.regions.split(',')) story.regionMask |= REGION_BIT[region as Region] ?? 0;
      story.newest = Math.max(story.newest, row.publishedAt);
      story.articleIds.push(row.id);
      if (!story.sourceIds.includes(row.sourceId)) story.sourceIds.push(row.sourceId);
    }
    const byRegion = new Map<Region, WindowStory[]>(REGIONS.map((r) => [r, []]));
    // histogram[region][mask]: stories of that region whose full region set is `mask`.
    const histogram = REGIONS.map(() => new Map<number, number>());
    for (const story of stories.values()) {
      REGIONS.forEach((region, i) => {
        if ((story.regionMask & (1 << i)) === 0) return;
        byRegion.get(region)?.push(story);
        const h = histogram[i] as Map<number, number>;
        h.set(story.regionMask, (h.get(story.regionMask) ?? 0) + 1);
      });
    }
    for (const list of byRegion.values()) {
      list.sort((a, b) => b.sourceIds.length - a.sourceIds.length || b.newest - a.newest || b.storyId - a.storyId);
    }
    const free = REGIONS.map((_, i) => {
      const counts = new Int32Array(ALL_MASKS);
      for (const [storyMask, n] of histogram[i] as Map<number, number>) {
        for (let earlier = 0; earlier < ALL_MASKS; earlier++) if ((storyMask & earlier) === 0) counts[earlier] = (counts[earlier] ?? 0) + n;
      }
      return counts;
    });
    return {
      since,
      until,
      byRegion,
      countFree: (region, earlierMask) => free[REGIONS.indexOf(region)]?.[earlierMask] ?? 0,
    };
  }

  return {
    /** The stories published after `since` and up to `until` (ms). */
    get(since: number, until: number): StoryWindow {
      const key = `${since}:${until}`;
      let window = cache.get(key);
      if (!window) {
        window = load(since, until);
        cache.set(key, window);
        if (cache.size > keep) cache.delete(cache.keys().next().value as string);
      }
      return window;
    },
    /** Forgets memoised windows (after new articles land). */
    clear(): void {
      cache.clear();
    },
  };
}

export type StoryWindows = ReturnType<typeof createStoryWindows>;
