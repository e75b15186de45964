/**
 * What the window matcher (`createWindowMatcher`) hands a digest's follows selection: a rule's
 * matches in one window, as a reusable slice or a placed handle, and the window's stories by dense
 * story number (their regions, outlets, digest order and the window's bitsets). Types only.
 */

import type { Rule } from './rule.js';

/**
 * A rule's matches in one window: the window's articles that match, as story numbers
 * `stories[from..to)` (a story with several matching articles appears once per article). Valid
 * until the next `slice()`: the object is reused, so a pass over 100k chats allocates none.
 */
export interface RuleSlice {
  stories: readonly number[];
  from: number;
  to: number;
}

/**
 * A rule's matching articles as the index holds them, and where the current window's are:
 * `stories[from..to)` are the story numbers of its articles in the window (a story with several
 * matching articles appears once per article). A handle stays valid until the index is rebuilt
 * (`epoch` changes); `place()` brings `from` and `to` to the current window.
 */
export interface RuleMatches {
  readonly stories: readonly number[];
  readonly from: number;
  readonly to: number;
  /** For a rule matching many of the window's articles: its stories in the window as a bitset by story number (as `regionBits`). */
  readonly bits: Int32Array | undefined;
}

/**
 * What rules match in one digest window. Stories are numbered densely (the same numbers for every
 * window until `clear()`), so a chat combines its rules' matches in typed arrays, without maps.
 */
export interface WindowMatches {
  /** The window's articles that match `rule`, by story number. */
  slice(rule: Rule): RuleSlice;
  /** The rule's handle (see `RuleMatches`); `place()` it before reading it. */
  entry(rule: Rule): RuleMatches;
  /**
   * Brings a handle to this window: the rule is matched against the articles indexed since it last
   * was, and its bounds move forward from where the last window left them (a binary search when
   * the window went back): once per window, whichever chat asks first.
   */
  place(entry: RuleMatches): void;
  /** Changes when the index is rebuilt: handles from an older epoch are stale. */
  readonly epoch: number;
  /** A story's regions in this window (bits as `REGION_BIT`): those of its articles in the window. */
  maskOf(story: number): number;
  /** Its outlets in this window (how widely carried). */
  outletsOf(story: number): number;
  /** Its newest article in this window (ms). */
  newestOf(story: number): number;
  /**
   * Its place in digest order as one number (more outlets, then newer, is larger; equal keys are
   * told apart by story id): outlets × 10^13 + newest (ms), exact in a double.
   */
  orderOf(story: number): number;
  /** The story id (as `WindowStory.storyId`) of a story number. */
  storyIdOf(story: number): number;
  /** The story number of a story id, or -1 if none of its articles are indexed. */
  numberOf(storyId: number): number;
  /** Story numbers are below this. */
  readonly size: number;
  /** Whether story `a` comes before `b` in digest order (see `orderOf`). */
  ahead(a: number, b: number): boolean;
  /** The window's stories are in bitset words [lowWord, highWord) (bit n of word n >>> 5 is story n). */
  readonly lowWord: number;
  readonly highWord: number;
  /** Bitsets are this many words long (the same until the index grows). */
  readonly bitsetWords: number;
  /** The window's stories that carry region `REGIONS[index]` in the window. */
  regionBits(index: number): Int32Array;
  /** The window's stories carried by two outlets or more (ahead of every story carried by one). */
  readonly multiOutletBits: Int32Array;
  /**
   * The window's leading stories: those ahead of a story carried by two outlets an hour before the
   * window's end (`orderOf` at least that's), ahead of every other story: a few hundred of a day's.
   */
  readonly leadBits: Int32Array;
}
