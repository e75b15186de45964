/**
 * Story windows: the stories published in a stretch of time, per region in digest order, read
 * once and slid forward in place (`createStoryWindows`), with their public shape (`WindowStory`,
 * `StoryWindow`). The per-region ranked lists are in `ranked-stories.ts`.
 */
import { REGIONS, type Region } from '../regions/regions.js';
import type { Db } from '../store/db.js';
import { byNewest, type LiveStory, RankedStories } from './ranked-stories.js';

/** One story as it stands in a time window: its articles published inside the window. */
export interface WindowStory {
  storyId: number;
  /** Bit i set when some article of the story in the window carries REGIONS[i]. */
  regionMask: number;
  /** Newest publication time among its articles in the window (ms). */
  newest: number;
  /** Article ids in the window, earliest first (the digest shows the best of them: see `bestCopy`). */
  articleIds: readonly number[];
  /** Distinct source ids in order of first publication within the window. */
  sourceIds: readonly number[];
}

/**
 * The stories of one window, per region, each list in digest order. Valid until the next `get()`
 * of the window source (the lists are updated in place as the window slides).
 */
export interface StoryWindow {
  since: number;
  until: number;
  /** Changes whenever the window's stories do (a slide, a reload): what was derived from them is stale. */
  version: number;
  /** The stories carrying the region in digest order: most widely carried first, then newest first. */
  ranked(region: Region): Iterable<WindowStory>;
  /**
   * For a region and a mask of regions listed before it in a chat, how many of the region's stories
   * carry none of those earlier regions (the stories that belong under this region for that chat).
   */
  countFree(region: Region, earlierMask: number): number;
  /** The story with this id, if it has articles in the window. */
  story(storyId: number): WindowStory | undefined;
  /**
   * Whether a walk of `ranked(region)` skipping the stories that carry any of `earlierMask`, made
   * when the window's `version` was `since` and stopped at `last` (undefined: it went to the end),
   * would see the same stories in the same order with the same articles now: none that it saw, or
   * that would now come before `last`, came, left, moved or changed. False when the window cannot
   * tell (reloaded since, or too many changes ago).
   */
  walkUnchanged(since: number, region: Region, earlierMask: number, last: RankKey | undefined): boolean;
}

/** Where a story stands in a region's digest order: outlets, then newest, then story id (see `rankKeyOf`). */
export interface RankKey {
  outlets: number;
  newest: number;
  storyId: number;
}

/** A live story's place in digest order. */
export function rankKeyOf(story: WindowStory): RankKey {
  return { outlets: story.sourceIds.length, newest: story.newest, storyId: story.storyId };
}

/** Whether a story filed under (outlets, newest, id) comes before `last` in digest order, or is it. */
function notAfter(outlets: number, newest: number, id: number, last: RankKey): boolean {
  if (outlets !== last.outlets) return outlets > last.outlets;
  if (newest !== last.newest) return newest > last.newest;
  return id >= last.storyId;
}

export const REGION_BIT: Readonly<Record<Region, number>> = Object.fromEntries(REGIONS.map((r, i) => [r, 1 << i])) as Record<Region, number>;
const ALL_MASKS = 1 << REGIONS.length;
const REGION_INDEX = Object.fromEntries(REGIONS.map((r, i) => [r, i])) as Record<Region, number>;
const NO_COUNTS: readonly number[] = REGIONS.map(() => 0);
/** A new story's article and source lists until `derive` makes its own (never written to). */
const NO_IDS: number[] = [];

/** An article row as read for the window: id, story id, source id, publication time (ms), regions. */
type Row = [id: number, storyId: number | null, sourceId: number, publishedAt: number, regions: string];

/** Articles loaded once per refresh, sorted by (publishedAt, id). */
interface Timeline {
  from: number;
  to: number;
  ids: number[];
  storyIds: number[];
  sourceIds: number[];
  times: number[];
  masks: number[];
}

/**
 * The articles are read this many ms of publication time at a query: an hour's rows (~1,400 in the
 * bench's store) are garbage soon after; six hours' were alive when the collector ran mid-read, and copied.
 */
const READ_CHUNK_MS = 3_600_000;
/** How far past a window's end the articles are read when the window moves forward (ms). */
const READ_AHEAD_MS = 6 * 3_600_000;
/** Changes `walkUnchanged` looks through at most before it answers false ... */
const WALK_CHECK_MAX = 256;
/** ... and kept for it: past this the older half goes. */
const LOG_MAX = 4 * WALK_CHECK_MAX;

function lowerBound(times: readonly number[], t: number): number {
  // first index with times[i] > t
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The stories published in (since, until], indexed by region. Built for passes and benchmarks that
 * ask for many windows in a row: articles are read from SQLite once per `clear()` (the range grows
 * as needed), and moving from one window to a later, overlapping one only adds the articles that
 * came into it and drops those that left, so a day of minute-by-minute windows costs about as much
 * as one. Call `clear()` when articles may have changed (the schedule does so every pass).
 */
export function createStoryWindows(db: Db) {
  // Named: with ANALYZE's samples (sqlite_stat4) the planner weighs each call's bounds and took the
  // non-covering articles_published for ranges of hours, reading each row's page (3-10x slower).
  // Rows as arrays, a few hours' at once: a day's ~33k rows came a third faster than as objects one
  // by one, and a week's window never sits in memory as rows.
  const inRange = db
    .prepare<[number, number], Row>(
      `SELECT id, story_id, source_id, published_at, regions
       FROM articles INDEXED BY articles_window WHERE published_at > ? AND published_at <= ? ORDER BY published_at, id`,
    )
    .raw(true);
  let timeline: Timeline | undefined;
  // The live window: rows [start, end) of the timeline.
  let start = 0;
  let end = 0;
  let since = 0;
  let until = 0;
  let version = 0;
  let stories = new Map<number, LiveStory>();
  let lists = REGIONS.map(() => new RankedStories());
  let histograms = REGIONS.map(() => new Int32Array(ALL_MASKS));
  // The stories each slide since version `logFrom` changed, with where they were filed before it
  // (`logKeys`: slide version, outlets, newest, region mask per story): what `walkUnchanged` looks at.
  const logStories: LiveStory[] = [];
  const logKeys: number[] = [];
  let logFrom = 0;

  // Region masks by the column's text: a store holds a few dozen distinct lists of regions.
  const masksByText = new Map<string, number>();

  function maskOf(regions: string): number {
    let mask = masksByText.get(regions);
    if (mask === undefined) {
      mask = 0;
      for (const region of regions.split(',')) mask |= REGION_BIT[region as Region] ?? 0;
      if (masksByText.size >= 1_000) masksByText.clear();
      masksByText.set(regions, mask);
    }
    return mask;
  }

  /** Appends the articles published in (from, to] to `t` (a new timeline if none). */
  function load(from: number, to: number, t: Timeline = { from, to, ids: [], storyIds: [], sourceIds: [], times: [], masks: [] }): Timeline {
    for (let after = from; after < to; after += READ_CHUNK_MS) {
      // Indexed, not destructured: destructuring an array walks an iterator, one per row.
      for (const row of inRange.all(after, Math.min(to, after + READ_CHUNK_MS))) {
        t.ids.push(row[0]);
        t.storyIds.push(row[1] ?? row[0]);
        t.sourceIds.push(row[2]);
        t.times.push(row[3]);
        t.masks.push(maskOf(row[4]));
      }
    }
    return t;
  }

  /** Makes the timeline cover (from, to]; returns false if it had to be rebuilt (indices changed). */
  function cover(from: number, to: number): boolean {
    if (timeline && from >= timeline.from && to <= timeline.to) return true;
    if (timeline && from >= timeline.from) {
      // Extend forward only: existing indices stay valid. Hours at once, not the minute asked for:
      // a day of windows a minute apart made 1,440 queries of a few rows each.
      const ahead = to + READ_AHEAD_MS;
      load(timeline.to, ahead, timeline);
      timeline.to = ahead;
      return true;
    }
    // The first read is what was asked: windows mostly come in due order (the bench's day, the
    // schedule's pass, cleared each time), and a day more read the first window's rows twice over.
    // Once an earlier window did come, reach back a day further, so a run of them does not reload.
    const reach = timeline === undefined ? 0 : 86_400_000;
    timeline = load(Math.min(from, timeline?.from ?? from) - reach, Math.max(to, timeline?.to ?? to));
    return false;
  }

  function unfile(story: LiveStory): void {
    for (let i = 0; i < REGIONS.length; i++) {
      if ((story.filedMask & (1 << i)) === 0) continue;
      (lists[i] as RankedStories).remove(story);
      const h = histograms[i] as Int32Array;
      h[story.filedMask] = (h[story.filedMask] as number) - 1;
    }
    story.filedMask = 0;
  }

  function file(story: LiveStory): void {
    story.filedOutlets = story.sourceIds.length;
    story.filedNewest = story.newest;
    story.filedMask = story.regionMask;
    for (let i = 0; i < REGIONS.length; i++) {
      if ((story.regionMask & (1 << i)) === 0) continue;
      (lists[i] as RankedStories).add(story);
      const h = histograms[i] as Int32Array;
      h[story.regionMask] = (h[story.regionMask] as number) + 1;
    }
  }

  /** Recomputes a story's derived fields from its rows. */
  function derive(story: LiveStory, t: Timeline): void {
    if (story.rows.length === 1) {
      const r = story.rows[0] as number;
      story.articleIds = [t.ids[r] as number];
      story.sourceIds = [t.sourceIds[r] as number];
    } else {
      story.articleIds = story.rows.map((r) => t.ids[r] as number);
      const sources: number[] = [];
      for (const r of story.rows) {
        const s = t.sourceIds[r] as number;
        if (!sources.includes(s)) sources.push(s);
      }
      story.sourceIds = sources;
    }
    story.newest = t.times[story.rows[story.rows.length - 1] as number] as number;
    const counts = story.regionCounts;
    if (counts === undefined) story.regionMask = t.masks[story.rows[0] as number] as number;
    else {
      let mask = 0;
      for (let i = 0; i < REGIONS.length; i++) if ((counts[i] as number) > 0) mask |= 1 << i;
      story.regionMask = mask;
    }
  }

  function touch(row: number, t: Timeline, add: boolean, changed: LiveStory[]): void {
    const storyId = t.storyIds[row] as number;
    let story = stories.get(storyId);
    const mask = t.masks[row] as number;
    if (!story) {
      if (!add) return;
      // Most stories have one article: their lists are made to size (an empty array grows to 17
      // slots on its first push), `derive` gives them their own article and source lists, and
      // their regions are their article's until a second one comes. Its fields start as the kinds
      // they keep (times are doubles; NaN: not filed yet), not as small integers widened later.
      story = {
        storyId, regionMask: mask, newest: t.times[row] as number, articleIds: NO_IDS, sourceIds: NO_IDS, rows: [row], regionCounts: undefined,
        filedOutlets: 0, filedNewest: Number.NaN, filedMask: 0, touched: version,
      };
      stories.set(storyId, story);
      changed.push(story);
      return;
    }
    if (story.touched !== version) {
      story.touched = version;
      changed.push(story);
    }
    let counts = story.regionCounts;
    if (counts === undefined) {
      // A story of one article that loses it leaves the window: no counts needed.
      if (!add) {
        story.rows.shift();
        return;
      }
      counts = NO_COUNTS.slice();
      const first = t.masks[story.rows[0] as number] as number;
      for (let i = 0; i < REGIONS.length; i++) if (first & (1 << i)) counts[i] = 1;
      story.regionCounts = counts;
    }
    if (add) story.rows.push(row);
    else story.rows.shift(); // rows leave in time order, so it is the story's oldest
    for (let i = 0; i < REGIONS.length; i++) if (mask & (1 << i)) counts[i] = (counts[i] as number) + (add ? 1 : -1);
  }

  function reset(): void {
    // New story objects: no walk made before can be checked against them.
    logStories.length = 0;
    logKeys.length = 0;
    logFrom = version;
    stories = new Map();
    lists = REGIONS.map(() => new RankedStories());
    histograms = REGIONS.map(() => new Int32Array(ALL_MASKS));
    start = 0;
    end = 0;
  }

  function slide(t: Timeline, newStart: number, newEnd: number): void {
    version++;
    const incremental = newStart >= start && newEnd >= end && newStart <= end && newStart - start + (newEnd - end) < newEnd - newStart;
    if (!incremental) reset();
    const from = incremental ? end : newStart;
    // The stories this slide changed, each once (marked with this slide's version): a Set of the
    // first window's ~29k stories cost more than the marks.
    const changed: LiveStory[] = [];
    for (let r = from; r < newEnd; r++) touch(r, t, true, changed);
    if (incremental) for (let r = start; r < newStart; r++) touch(r, t, false, changed);
    if (incremental) {
      if (logStories.length > LOG_MAX) {
        // The older half goes: walks from before the first slide kept are walked again.
        const drop = logStories.length >> 1;
        logStories.splice(0, drop);
        logKeys.splice(0, drop * 4);
        logFrom = logKeys[0] as number;
      }
      for (const story of changed) {
        logStories.push(story);
        logKeys.push(version, story.filedOutlets, story.filedNewest, story.filedMask);
      }
    }
    let live = 0;
    for (const story of changed) {
      if (story.rows.length === 0) {
        unfile(story);
        stories.delete(story.storyId);
        continue;
      }
      derive(story, t);
      // A story that lost an article and kept its outlets, newest time and regions keeps its place.
      if (story.filedMask === story.regionMask && story.filedOutlets === story.sourceIds.length && story.filedNewest === story.newest) continue;
      unfile(story);
      changed[live++] = story;
    }
    changed.length = live;
    // Filed oldest first, each lands at its run's end: in the order they were first touched, a
    // story of several articles went in with its latest one's time, and every story filed after
    // it was inserted before it (the first window's day of stories moved thousands of others).
    // The runs' order is the key's, whatever the order of filing.
    changed.sort(byNewest);
    for (const story of changed) file(story);
    start = newStart;
    end = newEnd;
  }

  const window: StoryWindow = {
    get since() {
      return since;
    },
    get until() {
      return until;
    },
    get version() {
      return version;
    },
    ranked(region) {
      return (lists[REGION_INDEX[region]] as RankedStories).inOrder();
    },
    countFree(region, earlierMask) {
      const h = histograms[REGION_INDEX[region]] as Int32Array;
      let n = 0;
      for (let m = 1; m < ALL_MASKS; m++) if ((m & earlierMask) === 0) n += h[m] as number;
      return n;
    },
    story(storyId) {
      return stories.get(storyId);
    },
    walkUnchanged(from, region, earlierMask, last) {
      if (from < logFrom || from > version) return false;
      const bit = REGION_BIT[region];
      // A story matters where it was before the slide that first changed it after the walk, and where
      // it is now. Past a few hundred changes (a walk many slides old) walking again costs less.
      const stop = Math.max(0, logStories.length - WALK_CHECK_MAX);
      if (stop > 0 && (logKeys[stop * 4] as number) > from) return false;
      for (let i = logStories.length - 1; i >= stop && (logKeys[i * 4] as number) > from; i--) {
        const mask = logKeys[i * 4 + 3] as number;
        const story = logStories[i] as LiveStory;
        if ((mask & bit) !== 0 && (mask & earlierMask) === 0 && (last === undefined || notAfter(logKeys[i * 4 + 1] as number, logKeys[i * 4 + 2] as number, story.storyId, last))) return false;
        const now = story.filedMask;
        if ((now & bit) !== 0 && (now & earlierMask) === 0 && (last === undefined || notAfter(story.filedOutlets, story.filedNewest, story.storyId, last))) return false;
      }
      return true;
    },
  };

  return {
    /** The stories published after `since` and up to `until` (ms). */
    get(from: number, to: number): StoryWindow {
      if (timeline && from === since && to === until) return window;
      if (!cover(from, to)) reset();
      const t = timeline as Timeline;
      slide(t, lowerBound(t.times, from), lowerBound(t.times, to));
      since = from;
      until = to;
      return window;
    },
    /** Forgets everything loaded (after new articles landed). */
    clear(): void {
      version++;
      timeline = undefined;
      reset();
      since = 0;
      until = 0;
    },
  };
}

export type StoryWindows = ReturnType<typeof createStoryWindows>;
