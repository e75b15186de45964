import { REGION_BIT, type StoryWindow, type WindowStory } from '../digest/story-window.js';
import type { Region } from '../regions/regions.js';
import type { Db } from '../store/db.js';
import type { StoryKeys } from '../stories/near-duplicates.js';
import { nearDuplicates } from '../stories/near-duplicates.js';
import { createRuleCache } from './rule-cache.js';
import { createWindowMatcher, type WindowMatches } from './window-matcher.js';

/** What a chat's follows and mutes change in its digest. */
export interface DigestSelection {
  /** The followed stories shown under "Following", in digest order. */
  following: readonly WindowStory[];
  /** Followed stories in the window that are not muted (shown or not). */
  followingTotal: number;
  /** Per region of the chat (same order): its stories that are muted or already shown under "Following". */
  leftOut: Int32Array;
  /** Whether a story is muted or shown under "Following" (so not listed under a region). */
  excluded(story: WindowStory): boolean;
}

/**
 * Selects, for one chat and window, the stories its follows bring in and those its mutes leave out.
 * Rules are matched per window for all chats (see `createWindowMatcher`); a chat's work is one pass
 * over its rules' matches in typed arrays: mutes are marked (and counted under the section they
 * would have been listed in), followed stories not muted are counted and the best few kept in
 * digest order (most outlets, newest, higher story id). A followed story shown is left out of its
 * region's section; a muted one of every section. Call `clear()` when articles changed.
 */
export function createDigestSelector(db: Db, options: { itemsPerRegion: number }) {
  const matcher = createWindowMatcher(db);
  const ruleCache = createRuleCache();
  // Marks by story number: equal to `serial` means set for the current chat.
  let muted = new Int32Array(1024);
  let seen = new Int32Array(1024);
  let shown = new Int32Array(1024);
  let serial = 0;
  // Per list of regions: for each region mask, the index of the chat's region a story is listed under (-1: none).
  const tables = new Map<string, Int8Array>();

  function sectionTable(regions: readonly Region[]): Int8Array {
    const key = regions.join(',');
    let table = tables.get(key);
    if (table === undefined) {
      table = new Int8Array(64).fill(-1);
      for (let mask = 0; mask < 64; mask++) {
        const at = regions.findIndex((r) => (mask & REGION_BIT[r]) !== 0);
        table[mask] = at;
      }
      tables.set(key, table);
    }
    return table;
  }

  /** Whether story `a` comes before `b` in digest order (most outlets, newest, higher story id). */
  function before(m: WindowMatches, a: number, b: number): boolean {
    const ka = m.orderOf(a);
    const kb = m.orderOf(b);
    return ka !== kb ? ka > kb : m.storyIdOf(a) > m.storyIdOf(b);
  }

  return {
    /**
     * The selection for a chat with these follows and mutes (rule texts), or undefined when it has
     * none (its digest is the plain one). `keysOf` gives a story's near-duplicate keys.
     */
    select(
      chat: { regions: readonly Region[]; follows?: readonly string[] | undefined; mutes?: readonly string[] | undefined },
      window: StoryWindow,
      keysOf: (story: WindowStory) => StoryKeys | undefined,
    ): DigestSelection | undefined {
      const follows = ruleCache.rules(chat.follows);
      const mutes = ruleCache.rules(chat.mutes);
      if (follows.length === 0 && mutes.length === 0) return undefined;
      const m = matcher.forWindow(window.since, window.until);
      if (muted.length < m.size) {
        muted = new Int32Array(m.size * 2);
        seen = new Int32Array(m.size * 2);
        shown = new Int32Array(m.size * 2);
      }
      const s = ++serial;
      const table = sectionTable(chat.regions);
      const leftOut = new Int32Array(chat.regions.length);
      for (const rule of mutes) {
        const { stories, from, to } = m.slice(rule);
        for (let i = from; i < to; i++) {
          const n = stories[i] as number;
          if (muted[n] === s) continue;
          muted[n] = s;
          const at = table[m.maskOf(n)] as number;
          if (at >= 0) leftOut[at] = (leftOut[at] as number) + 1;
        }
      }
      // The best few followed stories in digest order (more than shown, for near-duplicates left out).
      const keep = options.itemsPerRegion * 2 + 2;
      const top: number[] = [];
      let total = 0;
      for (const rule of follows) {
        const { stories, from, to } = m.slice(rule);
        for (let i = from; i < to; i++) {
          const n = stories[i] as number;
          if (muted[n] === s || seen[n] === s) continue;
          seen[n] = s;
          total++;
          if (top.length === keep && !before(m, n, top[keep - 1] as number)) continue;
          let at = top.length === keep ? keep - 1 : top.length;
          while (at > 0 && before(m, n, top[at - 1] as number)) at--;
          top.splice(at, 0, n);
          if (top.length > keep) top.pop();
        }
      }
      let candidates = top;
      if (total > keep) {
        // Near-duplicates may use up the few kept: then all of them, in order.
        let distinct = 0;
        const keys: StoryKeys[] = [];
        for (const n of top) {
          const k = keysOf(window.story(m.storyIdOf(n)) as WindowStory);
          if (k !== undefined && !keys.some((o) => nearDuplicates(o, k))) distinct++;
          if (k !== undefined) keys.push(k);
        }
        if (distinct < options.itemsPerRegion) {
          candidates = [];
          for (const rule of follows) {
            const { stories, from, to } = m.slice(rule);
            for (let i = from; i < to; i++) {
              const n = stories[i] as number;
              if (seen[n] === s) {
                seen[n] = 0;
                candidates.push(n);
              }
            }
          }
          candidates.sort((a, b) => (before(m, a, b) ? -1 : 1));
        }
      }
      const following: WindowStory[] = [];
      const keptKeys: StoryKeys[] = [];
      for (const n of candidates) {
        const story = window.story(m.storyIdOf(n));
        const k = story && keysOf(story);
        if (!story || k === undefined || keptKeys.some((o) => nearDuplicates(o, k))) continue;
        following.push(story);
        keptKeys.push(k);
        shown[n] = s;
        const at = table[m.maskOf(n)] as number;
        if (at >= 0) leftOut[at] = (leftOut[at] as number) + 1;
        if (following.length >= options.itemsPerRegion) break;
      }
      return {
        following,
        followingTotal: total,
        leftOut,
        excluded(story) {
          const n = m.numberOf(story.storyId);
          return n >= 0 && (muted[n] === s || shown[n] === s);
        },
      };
    },
    /** Forgets what was indexed (after new articles landed). */
    clear(): void {
      matcher.clear();
    },
  };
}

export type DigestSelector = ReturnType<typeof createDigestSelector>;
