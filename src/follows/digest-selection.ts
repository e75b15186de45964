import { REGION_BIT, type StoryWindow, type WindowStory } from '../digest/story-window.js';
import { REGIONS, type Region } from '../regions/regions.js';
import type { Db } from '../store/db.js';
import type { StoryKeys } from '../stories/near-duplicates.js';
import { nearDuplicates } from '../stories/near-duplicates.js';
import { parseRule, type Rule } from './rule.js';
import { popcount } from './sorted-lists.js';
import { createWindowMatcher } from './window-matcher.js';
import type { RuleMatches, WindowMatches } from './window-matches.js';

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

/** A chat's dense rules of a kind (follows, mutes) that its pass over the window's words reads; more are ORed in first. */
const DENSE_READ = 4;

/** Distinct rule texts kept; past this the cache starts over (100k chats share far fewer). */
const MAX_SLOTS = 50_000;

/**
 * Selects, for one chat and window, the stories its follows bring in and those its mutes leave out.
 * Rules are matched once for all chats (see `createWindowMatcher`): each distinct rule keeps its
 * matching articles in time order and where the current window's start and end (moved forward a
 * step as the window slides, once per window whichever chat asks). A chat's rule texts are looked
 * up once each (text → parsed rule → its entry), and its work is proportional to its rules'
 * matches in the window, not to the window's size: its mutes' stories are stamped with the chat's
 * serial (each counted once, under the first of the chat's regions it carries), then its follows'
 * (each counted once unless muted), keeping the first few in digest order as they pass; "Following"
 * shows those, near-duplicates of one already shown left out, and only when too many of them are
 * near-duplicates is every followed story ranked. A followed story shown is left out of its region's
 * section; a muted one of every section. Call `clear()` when articles changed.
 */
export function createDigestSelector(db: Db, options: { itemsPerRegion: number; denseFrom?: number }) {
  // `denseFrom`: see `createWindowMatcher` (tests lower it to reach both ways of reading a rule).
  const matcher = createWindowMatcher(db, { denseFrom: options.denseFrom });
  // Rule texts as chats store them, each parsed once and numbered (-1: does not parse); by number,
  // the rule and its entry in the matcher's index (of that epoch). Numbers, not an object per text:
  // a chat's 40 texts are then one map read each, and its rules' state sits in a few dense arrays.
  let slots = new Map<string, number>();
  let slotRules: Rule[] = [];
  let slotEntries: (RuleMatches | undefined)[] = [];
  let slotEpochs: number[] = [];
  // The current chat's rules' numbers and placed entries (scratch, reused from chat to chat).
  const followSlots: number[] = [];
  const muteSlots: number[] = [];
  // The current chat's dense rules' bitsets (scratch).
  const denseFollows: Int32Array[] = [];
  const denseMutes: Int32Array[] = [];
  // The current chat's follows and mutes as bitsets by story number (see `WindowMatches.regionBits`).
  let followed = new Int32Array(0);
  let muted = new Int32Array(0);
  // All clear: read in place of a dense rule a chat does not have.
  let none = new Int32Array(0);
  // Scratch: the words of the window holding followed stories carried widely, and leading ones.
  let widelyWords = new Int32Array(0);
  let leadingWords = new Int32Array(0);
  // The current chat's regions' bitsets, in its order.
  const sections: Int32Array[] = [];
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

  /** The numbers of the rule texts that parse, into `out` (cleared first); how many. */
  function slotsOf(texts: readonly string[] | undefined, out: number[]): number {
    out.length = 0;
    if (texts === undefined) return 0;
    for (const text of texts) {
      let slot = slots.get(text);
      if (slot === undefined) {
        const parsed = parseRule(text);
        if (slots.size >= MAX_SLOTS) {
          slots = new Map();
          slotRules = [];
          slotEntries = [];
          slotEpochs = [];
        }
        slot = -1;
        if (parsed.kind === 'ok') {
          slot = slotRules.length;
          slotRules.push(parsed.rule);
          slotEntries.push(undefined);
          slotEpochs.push(-1);
        }
        slots.set(text, slot);
      }
      if (slot >= 0) out.push(slot);
    }
    return out.length;
  }

  /** A rule's entry (by its number), placed in the current window. */
  function entryOf(m: WindowMatches, slot: number): RuleMatches {
    let entry = slotEntries[slot];
    if (entry === undefined || slotEpochs[slot] !== m.epoch) {
      entry = m.entry(slotRules[slot] as Rule);
      slotEntries[slot] = entry;
      slotEpochs[slot] = m.epoch;
    }
    m.place(entry);
    return entry;
  }

  /**
   * Places `count` slots' rules in the window and sets the stories of the sparse ones in `bits`
   * (cleared first over words [lo, hi)); the dense ones' bitsets go to `dense` (cleared first), for
   * the caller's pass over the words to OR.
   */
  function gather(m: WindowMatches, list: readonly number[], count: number, bits: Int32Array, lo: number, hi: number, dense: Int32Array[]): void {
    bits.fill(0, lo, hi);
    dense.length = 0;
    for (let j = 0; j < count; j++) {
      const entry = entryOf(m, list[j] as number);
      if (entry.bits !== undefined) {
        dense.push(entry.bits);
        continue;
      }
      const { stories, from, to } = entry;
      for (let i = from; i < to; i++) {
        const n = stories[i] as number;
        bits[n >>> 5] = (bits[n >>> 5] as number) | (1 << (n & 31));
      }
    }
    // Past the four the words pass reads, the others are ORed in here.
    for (let j = DENSE_READ; j < dense.length; j++) {
      const d = dense[j] as Int32Array;
      for (let w = lo; w < hi; w++) bits[w] = (bits[w] as number) | (d[w] as number);
    }
  }

  /**
   * The stories followed and not muted (among `among` too, if given), each once; at most the first
   * `keep` in digest order. With `among`, only its `count` words listed in `at` hold any.
   */
  function firstFollowed(m: WindowMatches, lo: number, hi: number, keep: number, among?: { bits: Int32Array; at: Int32Array; count: number }): number[] {
    const out: number[] = [];
    // Asked for all of them (or more): a sort, not a running selection.
    const all = keep >= hi * 32;
    let floor = -1;
    let floorId = 0;
    const end = among === undefined ? hi : among.count;
    for (let i = among === undefined ? lo : 0; i < end; i++) {
      const w = among === undefined ? i : (among.at[i] as number);
      let x = (followed[w] as number) & ~(muted[w] as number);
      if (among !== undefined) x &= among.bits[w] as number;
      while (x !== 0) {
        const low = x & -x;
        x ^= low;
        const n = (w << 5) | (31 - Math.clz32(low));
        if (all) {
          out.push(n);
          continue;
        }
        if (out.length === keep) {
          const o = m.orderOf(n);
          if (o < floor || (o === floor && m.storyIdOf(n) < floorId)) continue;
        }
        let at = out.length === keep ? keep - 1 : out.length;
        while (at > 0 && m.ahead(n, out[at - 1] as number)) at--;
        out.splice(at, 0, n);
        if (out.length > keep) out.pop();
        if (out.length === keep) {
          const last = out[keep - 1] as number;
          floor = m.orderOf(last);
          floorId = m.storyIdOf(last);
        }
      }
    }
    return all ? out.sort((a, b) => (a === b ? 0 : m.ahead(a, b) ? -1 : 1)) : out;
  }

  /**
   * Adds to `leftOut[i]` the muted stories (bits of `mw` in words [lo, hi)) that `sections[i]`
   * carries and no earlier section does: each counted under the first of the chat's regions.
   */
  function countMuted(mw: Int32Array, lo: number, hi: number, leftOut: Int32Array): void {
    const k = sections.length;
    if (k > 3) {
      for (let w = lo; w < hi; w++) {
        let rest = mw[w] as number;
        for (let i = 0; rest !== 0 && i < k; i++) {
          const inSection = rest & ((sections[i] as Int32Array)[w] as number);
          if (inSection === 0) continue;
          leftOut[i] = (leftOut[i] as number) + popcount(inSection);
          rest &= ~inSection;
        }
      }
      return;
    }
    // One, two or three sections: the same counts without the inner loop (a missing section is empty).
    const s0 = sections[0] as Int32Array;
    const s1 = k > 1 ? (sections[1] as Int32Array) : s0;
    const s2 = k > 2 ? (sections[2] as Int32Array) : s1;
    let c0 = 0;
    let c1 = 0;
    let c2 = 0;
    for (let w = lo; w < hi; w++) {
      const mute = mw[w] as number;
      if (mute === 0) continue;
      const a = mute & (s0[w] as number);
      if (a !== 0) c0 += popcount(a);
      const restA = mute & ~a;
      const b = restA & (s1[w] as number);
      if (b !== 0) c1 += popcount(b);
      const c = restA & ~b & (s2[w] as number);
      if (c !== 0) c2 += popcount(c);
    }
    leftOut[0] = (leftOut[0] as number) + c0;
    if (k > 1) leftOut[1] = (leftOut[1] as number) + c1;
    if (k > 2) leftOut[2] = (leftOut[2] as number) + c2;
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
      const followCount = slotsOf(chat.follows, followSlots);
      const muteCount = slotsOf(chat.mutes, muteSlots);
      if (followCount === 0 && muteCount === 0) return undefined;
      const m = matcher.forWindow(window.since, window.until);
      if (followed.length !== m.bitsetWords) {
        followed = new Int32Array(m.bitsetWords);
        muted = new Int32Array(m.bitsetWords);
        none = new Int32Array(m.bitsetWords);
      }
      const lo = m.lowWord;
      const hi = m.highWord;
      gather(m, muteSlots, muteCount, muted, lo, hi, denseMutes);
      gather(m, followSlots, followCount, followed, lo, hi, denseFollows);
      const multi = m.multiOutletBits;
      const leads = m.leadBits;
      sections.length = 0;
      if (muteCount > 0) for (const region of chat.regions) sections.push(m.regionBits(REGIONS.indexOf(region)));
      const leftOut = new Int32Array(chat.regions.length);
      // One pass over the window's words: the chat's follows and mutes (its sparse rules' stories
      // and up to four dense rules' bitsets of each, ORed), followed stories not muted, those
      // carried widely and those leading (which come first in digest order, in that order). Then
      // each muted story counted under the first of the chat's regions it carries (none: not listed).
      const fw = followed;
      const mw = muted;
      const d0 = denseFollows[0] ?? none;
      const d1 = denseFollows[1] ?? none;
      const d2 = denseFollows[2] ?? none;
      const d3 = denseFollows[3] ?? none;
      const e0 = denseMutes[0] ?? none;
      const e1 = denseMutes[1] ?? none;
      const e2 = denseMutes[2] ?? none;
      const e3 = denseMutes[3] ?? none;
      if (widelyWords.length < hi - lo) {
        widelyWords = new Int32Array(m.bitsetWords);
        leadingWords = new Int32Array(m.bitsetWords);
      }
      const keep = options.itemsPerRegion * 2;
      const wide = widelyWords;
      const lead = leadingWords;
      let total = 0;
      let widely = 0;
      let leading = 0;
      // The words holding any of either kind, for the pick below.
      let wideCount = 0;
      let leadCount = 0;
      for (let w = lo; w < hi; w++) {
        const mute = (mw[w] as number) | (e0[w] as number) | (e1[w] as number) | (e2[w] as number) | (e3[w] as number);
        mw[w] = mute;
        const follow = (fw[w] as number) | (d0[w] as number) | (d1[w] as number) | (d2[w] as number) | (d3[w] as number);
        fw[w] = follow;
        const f = follow & ~mute;
        if (f === 0) continue;
        total += popcount(f);
        const g = f & (multi[w] as number);
        if (g === 0) continue;
        // Only whether there are `keep` of them counts: past that, no more counting.
        if (widely < keep) widely += popcount(g);
        wide[wideCount++] = w;
        const h = g & (leads[w] as number);
        if (h === 0) continue;
        if (leading < keep) leading += popcount(h);
        lead[leadCount++] = w;
      }
      if (sections.length > 0) countMuted(mw, lo, hi, leftOut);
      // "Following": the first followed stories in digest order (among the widely carried ones when
      // there are enough of those), near-duplicates of one already shown left out; only when too
      // many were near-duplicates are all of them ranked.
      const table = sectionTable(chat.regions);
      const following: WindowStory[] = [];
      const shown: number[] = [];
      const keptKeys: StoryKeys[] = [];
      const among = leading >= keep ? { bits: leads, at: lead, count: leadCount } : widely >= keep ? { bits: multi, at: wide, count: wideCount } : undefined;
      let candidates = total === 0 ? [] : firstFollowed(m, lo, hi, keep, among);
      for (let c = 0; c < candidates.length && following.length < options.itemsPerRegion; c++) {
        const n = candidates[c] as number;
        const story = window.story(m.storyIdOf(n));
        const k = story && keysOf(story);
        if (story !== undefined && k !== undefined && !keptKeys.some((o) => nearDuplicates(o, k))) {
          following.push(story);
          keptKeys.push(k);
          shown.push(n);
          const section = table[m.maskOf(n)] as number;
          if (section >= 0) leftOut[section] = (leftOut[section] as number) + 1;
        }
        if (c === candidates.length - 1 && candidates.length === keep && total > keep) candidates = firstFollowed(m, lo, hi, Number.MAX_SAFE_INTEGER);
      }
      const mutedNow = muted;
      return {
        following,
        followingTotal: total,
        leftOut,
        excluded(story) {
          const n = m.numberOf(story.storyId);
          return n >= 0 && (((mutedNow[n >>> 5] as number) & (1 << (n & 31))) !== 0 || shown.includes(n));
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
