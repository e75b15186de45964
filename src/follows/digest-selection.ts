import { REGION_BIT, type StoryWindow, type WindowStory } from '../digest/story-window.js';
import { REGIONS, type Region } from '../regions/regions.js';
import type { Db } from '../store/db.js';
import type { StoryKeys } from '../stories/near-duplicates.js';
import { nearDuplicates } from '../stories/near-duplicates.js';
import { createRuleCache } from './rule-cache.js';
import type { Rule } from './rule.js';
import { createWindowMatcher, popcount, type RuleView, type WindowMatches } from './window-matcher.js';

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

/** A rule matching more of a window's articles than this is read through the window's shared view of it. */
const SHARED_VIEW_FROM = 64;

/**
 * Selects, for one chat and window, the stories its follows bring in and those its mutes leave out.
 * Rules are matched per window for all chats (see `createWindowMatcher`), and each rule's stories in
 * the window are found once for every chat of that window (`WindowMatches.view`). A chat's work is
 * on bitsets over the window's stories: its follows ORed together, its mutes likewise; the followed
 * stories not muted are counted by popcount, the muted ones per section by ANDing with the
 * regions' bitsets. The stories shown under "Following" come from merging the follows' stories in
 * digest order (most outlets, newest, higher story id), skipping muted ones and near-duplicates,
 * until enough are found: a chat reads a rule's first few stories, not all of them. A followed
 * story shown is left out of its region's section; a muted one of every section. Call `clear()`
 * when articles changed.
 */
export function createDigestSelector(db: Db, options: { itemsPerRegion: number }) {
  const matcher = createWindowMatcher(db);
  const ruleCache = createRuleCache();
  // The current chat's follows and mutes as bitsets over the window's stories (bit n - base).
  let followed = new Int32Array(1024);
  let muted = new Int32Array(1024);
  // Stories already taken from the merge, by story number: equal to `serial` means for the current chat.
  let taken = new Int32Array(1024);
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

  /**
   * ORs the rules' stories into `bits` (cleared first, `words` long). A rule matching many of the
   * window's articles goes through its shared view (ORing its bitset when it has one), and with
   * `sources` it is a source for the merge; the stories of rules matching few are set directly and,
   * with `sources`, pooled (each once) into one more source.
   */
  function gather(m: WindowMatches, rules: readonly Rule[], bits: Int32Array, words: number, sources?: RuleView[]): void {
    bits.fill(0, 0, words);
    const base = m.base;
    let pool: number[] | undefined;
    for (const rule of rules) {
      const slice = m.slice(rule);
      if (slice.to - slice.from <= SHARED_VIEW_FROM) {
        const { stories, from, to } = slice;
        for (let i = from; i < to; i++) {
          const n = stories[i] as number;
          const r = n - base;
          const word = bits[r >>> 5] as number;
          const bit = 1 << (r & 31);
          if ((word & bit) !== 0) continue;
          bits[r >>> 5] = word | bit;
          if (sources !== undefined) (pool ??= []).push(n);
        }
        continue;
      }
      const view = m.view(rule);
      sources?.push(view);
      const dense = view.bits;
      if (dense !== undefined) {
        for (let w = 0; w < words; w++) bits[w] = (bits[w] as number) | (dense[w] as number);
        continue;
      }
      const stories = view.stories;
      for (let i = 0; i < stories.length; i++) {
        const r = (stories[i] as number) - base;
        bits[r >>> 5] = (bits[r >>> 5] as number) | (1 << (r & 31));
      }
    }
    if (pool !== undefined) sources?.push(m.ranked(new Int32Array(pool)));
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
      const words = m.words;
      const base = m.base;
      if (followed.length < words) {
        followed = new Int32Array(words * 2);
        muted = new Int32Array(words * 2);
      }
      if (taken.length < m.size) taken = new Int32Array(m.size * 2);
      const s = ++serial;
      const leftOut = new Int32Array(chat.regions.length);
      const sources: RuleView[] = [];
      gather(m, mutes, muted, words);
      gather(m, follows, followed, words, sources);
      let total = 0;
      for (let w = 0; w < words; w++) {
        const f = (followed[w] as number) & ~(muted[w] as number);
        if (f !== 0) total += popcount(f);
      }
      if (mutes.length > 0) {
        // A muted story counts under the first of the chat's regions it carries (none: not listed).
        const sections = chat.regions.map((r) => m.regionBits(REGIONS.indexOf(r)));
        for (let w = 0; w < words; w++) {
          let rest = muted[w] as number;
          for (let i = 0; rest !== 0 && i < sections.length; i++) {
            const inSection = rest & ((sections[i] as Int32Array)[w] as number);
            if (inSection === 0) continue;
            leftOut[i] = (leftOut[i] as number) + popcount(inSection);
            rest &= ~inSection;
          }
        }
      }
      const isMuted = (n: number): boolean => {
        const r = n - base;
        return r >= 0 && r < words * 32 && ((muted[r >>> 5] as number) & (1 << (r & 31))) !== 0;
      };
      // "Following": the follows' stories merged in digest order, each once, muted ones and
      // near-duplicates of one already shown left out, until enough are shown.
      const following: WindowStory[] = [];
      const shown: number[] = [];
      if (total > 0) {
        const table = sectionTable(chat.regions);
        const views = sources;
        const at = new Int32Array(views.length);
        const heads = views.map((v) => v.ranked(0));
        const keptKeys: StoryKeys[] = [];
        for (;;) {
          let best = -1;
          let from = -1;
          for (let j = 0; j < heads.length; j++) {
            const n = heads[j] as number;
            if (n >= 0 && (best < 0 || m.ahead(n, best))) {
              best = n;
              from = j;
            }
          }
          if (best < 0) break;
          const next = (at[from] as number) + 1;
          at[from] = next;
          heads[from] = (views[from] as RuleView).ranked(next);
          if (taken[best] === s || isMuted(best)) continue;
          taken[best] = s;
          const story = window.story(m.storyIdOf(best));
          const k = story && keysOf(story);
          if (!story || k === undefined || keptKeys.some((o) => nearDuplicates(o, k))) continue;
          following.push(story);
          keptKeys.push(k);
          shown.push(best);
          const section = table[m.maskOf(best)] as number;
          if (section >= 0) leftOut[section] = (leftOut[section] as number) + 1;
          if (following.length >= options.itemsPerRegion) break;
        }
      }
      return {
        following,
        followingTotal: total,
        leftOut,
        excluded(story) {
          const n = m.numberOf(story.storyId);
          return n >= 0 && (isMuted(n) || shown.includes(n));
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
