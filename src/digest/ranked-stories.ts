/**
 * A story window's live stories (`LiveStory`: a story with the bookkeeping the window keeps to
 * update it in place) and one region's list of them in digest order (`RankedStories`, walked by
 * `RankedIterator`), kept as runs per outlet count so a sliding window adds and drops cheaply.
 */
import type { WindowStory } from './story-window.js';

export interface LiveStory extends WindowStory {
  articleIds: number[];
  sourceIds: number[];
  /** Row indices into the timeline, ascending. */
  rows: number[];
  /**
   * Articles per region bit, to know when a region leaves the story (a plain array: a typed one
   * costs more to make); undefined while the story has had one article only (most never get a second).
   */
  regionCounts: number[] | undefined;
  /** The rank key the story is filed under in the region lists. */
  filedOutlets: number;
  filedNewest: number;
  filedMask: number;
  /** The window version of the slide that last changed the story (so each is listed once per slide). */
  touched: number;
}

/** Ascending by (newest, story id), as the runs are. */
export function byNewest(a: LiveStory, b: LiveStory): number {
  return a.newest - b.newest || a.storyId - b.storyId;
}

/** Whether (newest, id) comes before story `b` in a run of equal outlets, ascending. */
function earlierThan(newest: number, id: number, b: LiveStory): boolean {
  return newest !== b.filedNewest ? newest < b.filedNewest : id < b.storyId;
}

/**
 * One region's stories in digest order (most outlets, then newest, then the higher story id), kept
 * as one run per outlet count, each ascending from a head index. A window moving forward adds
 * stories at their newest, so near a run's end, and drops its oldest, at a run's head: both cost
 * little, where one array in digest order moved most of its elements on each of them.
 */
export class RankedStories {
  /** runs[n]: the stories with n outlets, ascending by (newest, story id), live from heads[n]. */
  private runs: LiveStory[][] = [];
  private heads: number[] = [];

  /** Index in run `n` of the first story that (newest, id) comes before (its place when added). */
  private place(n: number, newest: number, id: number): number {
    const run = this.runs[n] as LiveStory[];
    let lo = this.heads[n] as number;
    let hi = run.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (earlierThan(newest, id, run[mid] as LiveStory)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  add(story: LiveStory): void {
    const n = story.filedOutlets;
    while (this.runs.length <= n) {
      this.runs.push([]);
      this.heads.push(0);
    }
    const run = this.runs[n] as LiveStory[];
    // Most stories come in as the newest of their run: no search among the others for them.
    const last = run.length > (this.heads[n] as number) ? run[run.length - 1] : undefined;
    if (last === undefined || !earlierThan(story.filedNewest, story.storyId, last)) {
      run.push(story);
      return;
    }
    const at = this.place(n, story.filedNewest, story.storyId);
    if (at === run.length) run.push(story);
    else run.splice(at, 0, story);
  }

  remove(story: LiveStory): void {
    const n = story.filedOutlets;
    const run = this.runs[n] as LiveStory[];
    const head = this.heads[n] as number;
    // Most stories leave as the oldest of their run, at its head; the others are found by their key
    // (the last one not after it: keys are unique per story id).
    const at = run[head] === story ? head : this.place(n, story.filedNewest, story.storyId) - 1;
    if (at < head || run[at] !== story) return;
    if (at === head) {
      // The oldest leaves: move the head instead of the others, and drop the dead slots now and then.
      this.heads[n] = head + 1;
      if (head + 1 >= 1_024 && (head + 1) * 2 >= run.length) {
        run.splice(0, head + 1);
        this.heads[n] = 0;
      }
    } else run.splice(at, 1);
  }

  inOrder(): Iterable<LiveStory> {
    return new RankedIterator(this.runs, this.heads);
  }
}

/**
 * Walks the runs from the most outlets down, each from its newest: what a generator would do, without
 * a generator's frame and a result object per story (a day of digests walks these lists often).
 */
class RankedIterator implements Iterator<LiveStory>, Iterable<LiveStory> {
  private n: number;
  private i: number;
  // One result object, updated in place: for-of reads it before asking for the next.
  private readonly result: IteratorResult<LiveStory, undefined> = { done: false, value: undefined as unknown as LiveStory };

  constructor(
    private readonly runs: readonly LiveStory[][],
    private readonly heads: readonly number[],
  ) {
    this.n = runs.length - 1;
    this.i = this.n > 0 ? (runs[this.n] as LiveStory[]).length - 1 : -1;
  }

  next(): IteratorResult<LiveStory, undefined> {
    while (this.n > 0) {
      if (this.i >= (this.heads[this.n] as number)) {
        this.result.value = (this.runs[this.n] as LiveStory[])[this.i--] as LiveStory;
        return this.result;
      }
      this.n--;
      if (this.n > 0) this.i = (this.runs[this.n] as LiveStory[]).length - 1;
    }
    this.result.done = true;
    this.result.value = undefined;
    return this.result;
  }

  [Symbol.iterator](): this {
    return this;
  }
}
