import { REGION_BIT } from '../digest/story-window.js';
import { REGIONS, type Region } from '../regions/regions.js';
import type { Db } from '../store/db.js';
import { phraseAt, type Clause, type Rule } from './rule.js';
import { wordKey, wordsOf } from './words.js';

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
 * What rules match in one digest window. Stories are numbered densely (the same numbers for every
 * window until `clear()`), so a chat combines its rules' matches in typed arrays, without maps.
 */
export interface WindowMatches {
  /** The window's articles that match `rule`, by story number. */
  slice(rule: Rule): RuleSlice;
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
  /** The lowest story number with an article in the window: bit `n - base` of a bitset is story `n`. */
  readonly base: number;
  /** Length of the window's bitsets (32-bit words): every story in the window has a bit. */
  readonly words: number;
  /** A rule's stories in the window, each once (shared by every chat of the window that has the rule). */
  view(rule: Rule): RuleView;
  /** Stories of the window (each once), ranked as a view's (for a chat's rules that match few, not worth a shared view). */
  ranked(stories: Int32Array): RuleView;
  /** Bitset (as `view`'s) of the window's stories that carry region `REGIONS[index]` in the window. */
  regionBits(index: number): Int32Array;
}

/**
 * A rule's stories in one window, each once. Built on first use in a window and kept for the
 * window's other chats, so a rule many chats share (a place, a topic) is looked at once per window.
 */
export interface RuleView {
  /** Its story numbers, in no particular order. */
  readonly stories: Int32Array;
  /** The same stories as a bitset (bit `n - base`), for a rule matching enough of the window that ORing words beats setting bits; else undefined. */
  readonly bits: Int32Array | undefined;
  /** Its `i`-th story in digest order, or -1 past the last. */
  ranked(i: number): number;
}

interface Row {
  storyId: number | null;
  id: number;
  sourceId: number;
  publishedAt: number;
  regions: string;
  headline: string;
  lead: string;
}

/** A view ranks its first this many stories when first asked; a chat needing more (most of them muted) ranks them all. */
const RANKED_FIRST = 32;
/** A view has a bitset when its stories are more than the window's words divided by this. */
const BITS_WHEN_DENSER = 4;

/** Set bits of a 32-bit word. */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** How far past a window's end the index reads when it grows (ms). */
const READ_AHEAD_MS = 6 * 3_600_000;

/** Index of the first element of sorted `list` that is >= `value`. */
function lowerBound(list: ArrayLike<number>, value: number, lo = 0): number {
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sorted union of sorted lists. */
function union(lists: readonly number[][]): number[] {
  if (lists.length === 0) return [];
  if (lists.length === 1) return lists[0] as number[];
  const all: number[] = [];
  for (const l of lists) for (const x of l) all.push(x);
  all.sort((a, b) => a - b);
  let w = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[w++] = all[i] as number;
  all.length = w;
  return all;
}

/** Sorted intersection of two sorted lists. */
function intersect(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      out.push(x);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out;
}

/** Sorted `a` without the elements of sorted `b`. */
function subtract(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let j = 0;
  for (const x of a) {
    while (j < b.length && (b[j] as number) < x) j++;
    if (j >= b.length || b[j] !== x) out.push(x);
  }
  return out;
}

interface RuleEntry {
  /** Matching articles (index order = time order) and their story numbers. */
  docs: number[];
  stories: number[];
  /** Articles looked at so far (the index grows forward). */
  upTo: number;
  /** Words of the vocabulary looked at for prefixes so far, and those that matched. */
  vocabulary: number;
  prefixWords: Map<string, number[]>;
}

/**
 * Matches follows and mutes against digest windows, for many chats at a time. The articles' headlines
 * and leads are read and indexed once per `clear()` (each word once, with the articles it is in); a
 * rule is looked up once (its words' article lists intersected, phrases checked word by word) and its
 * matches kept for every later window. A window then takes a rule's matches by two binary searches,
 * and a story's regions, outlets and newest time in the window are worked out once per window from
 * its articles. Articles are read in (published time, id) order, and the covered range grows as
 * windows move forward, as in `createStoryWindows`.
 */
export function createWindowMatcher(db: Db) {
  const inRange = db.prepare<[number, number], Row>(
    `SELECT id, story_id AS storyId, source_id AS sourceId, published_at AS publishedAt, regions, headline, lead
     FROM articles WHERE published_at > ? AND published_at <= ? ORDER BY published_at, id`,
  );

  let from = 0;
  let to = 0;
  let covered = false;
  // Articles ("docs") in time order.
  let docTimes: number[] = [];
  let docStory: number[] = [];
  let docSource: number[] = [];
  let docMask: number[] = [];
  let docStart: number[] = [0];
  // Their words (vocabulary ids; -1 between headline and lead).
  let tokens = new Int32Array(1 << 16);
  let tokenCount = 0;
  let wordIds = new Map<string, number>();
  let words: string[] = [];
  let wordKeys: number[] = [];
  let keyIds = new Map<string, number>();
  let keyWords: number[][] = [];
  let postings: number[][] = [];
  // The last article each word was added to a posting list for (once per article).
  let lastDoc = new Int32Array(1 << 14);
  // Stories: numbers, ids, articles.
  let storyNumbers = new Map<number, number>();
  let storyIds: number[] = [];
  let storyDocs: number[][] = [];
  let rules = new Map<string, RuleEntry>();
  // Per window: its article range. Per story its stats in the window, valid while their stamp equals
  // `statsSerial`: a window that slides forward only unstamps the stories of the articles that
  // entered or left it (a minute's worth), anything else starts over (a new serial).
  let windowSerial = 1;
  let statsSerial = 1;
  let docLo = 0;
  let docHi = 0;
  let stamp = new Int32Array(1024);
  let masks = new Int32Array(1024);
  let outlets = new Int32Array(1024);
  let newest = new Float64Array(1024);
  let order = new Float64Array(1024);
  // What is derived from the current window (for `derivedSerial`): its story-number range, the
  // rules' views and the regions' bitsets; marks for finding a rule's stories once each.
  let derivedSerial = 0;
  let base = 0;
  let wordCount = 0;
  let views = new Map<string, RuleView>();
  let regionSets: Int32Array[] | undefined;
  let viewMarks = new Int32Array(1024);
  let viewMark = 0;

  function reset(): void {
    covered = false;
    docTimes = [];
    docStory = [];
    docSource = [];
    docMask = [];
    docStart = [0];
    tokens = new Int32Array(1 << 16);
    tokenCount = 0;
    wordIds = new Map();
    words = [];
    wordKeys = [];
    keyIds = new Map();
    keyWords = [];
    postings = [];
    lastDoc = new Int32Array(1 << 14);
    storyNumbers = new Map();
    storyIds = [];
    storyDocs = [];
    rules = new Map();
    windowSerial++;
    statsSerial++;
  }

  function wordId(word: string): number {
    let id = wordIds.get(word);
    if (id === undefined) {
      id = words.length;
      wordIds.set(word, id);
      words.push(word);
      const key = wordKey(word);
      let k = keyIds.get(key);
      if (k === undefined) {
        k = keyWords.length;
        keyIds.set(key, k);
        keyWords.push([]);
      }
      wordKeys.push(k);
      (keyWords[k] as number[]).push(id);
      postings.push([]);
      if (id >= lastDoc.length) {
        const bigger = new Int32Array(lastDoc.length * 2);
        bigger.set(lastDoc);
        lastDoc = bigger;
      }
      lastDoc[id] = -1;
    }
    return id;
  }

  function pushToken(id: number): void {
    if (tokenCount === tokens.length) {
      const bigger = new Int32Array(tokens.length * 2);
      bigger.set(tokens);
      tokens = bigger;
    }
    tokens[tokenCount++] = id;
  }

  function addWord(word: string, doc: number): void {
    const id = wordId(word);
    pushToken(id);
    if (lastDoc[id] !== doc) {
      lastDoc[id] = doc;
      (postings[id] as number[]).push(doc);
    }
  }

  function addRange(a: number, b: number): void {
    for (const row of inRange.iterate(a, b)) {
      const doc = docTimes.length;
      const storyId = row.storyId ?? row.id;
      let story = storyNumbers.get(storyId);
      if (story === undefined) {
        story = storyIds.length;
        storyNumbers.set(storyId, story);
        storyIds.push(storyId);
        storyDocs.push([]);
      }
      (storyDocs[story] as number[]).push(doc);
      let mask = 0;
      for (const region of row.regions.split(',')) mask |= REGION_BIT[region as Region] ?? 0;
      docTimes.push(row.publishedAt);
      docStory.push(story);
      docSource.push(row.sourceId);
      docMask.push(mask);
      for (const w of wordsOf(row.headline)) addWord(w, doc);
      pushToken(-1);
      for (const w of wordsOf(row.lead)) addWord(w, doc);
      docStart.push(tokenCount);
    }
    if (stamp.length < storyIds.length) {
      const size = storyIds.length * 2;
      stamp = new Int32Array(size);
      masks = new Int32Array(size);
      outlets = new Int32Array(size);
      newest = new Float64Array(size);
      order = new Float64Array(size);
      windowSerial++;
      statsSerial++;
    }
  }

  /**
   * Makes the index cover (a, b]. It reads ahead of `b` by {@link READ_AHEAD_MS} (articles published
   * later than a window are never in it), so a day of minute-by-minute windows grows the index a
   * few times, not every minute. In the running bot `b` is now and nothing is published later.
   */
  function cover(a: number, b: number): void {
    if (covered && a >= from && b <= to) return;
    if (covered && a >= from) {
      addRange(to, b + READ_AHEAD_MS);
      to = b + READ_AHEAD_MS;
      return;
    }
    // Passes ask for later and later windows; when one asks for an earlier one, reach back a day
    // further than asked, as the story window does, so the next earlier ones do not reload.
    const newFrom = covered ? Math.min(a, from) - 86_400_000 : a;
    const newTo = Math.max(b + READ_AHEAD_MS, covered ? to : 0);
    reset();
    addRange(newFrom, newTo);
    from = newFrom;
    to = newTo;
    covered = true;
  }

  /** Articles >= `start` with any of these words. */
  function docsOfWords(ids: readonly number[], start: number): number[] {
    return union(
      ids.map((id) => {
        const p = postings[id] as number[];
        const at = lowerBound(p, start);
        return at === 0 ? p : p.slice(at);
      }),
    );
  }

  function docsOfKey(key: string, start: number): number[] {
    const k = keyIds.get(key);
    return k === undefined ? [] : docsOfWords(keyWords[k] as number[], start);
  }

  function docsOfClause(c: Clause, start: number, entry: RuleEntry): number[] {
    if (c.kind === 'word') return docsOfKey(c.key, start);
    if (c.kind === 'prefix') {
      let list = entry.prefixWords.get(c.prefix);
      if (list === undefined) {
        list = [];
        entry.prefixWords.set(c.prefix, list);
      }
      // Only words added to the vocabulary since the last look are new candidates.
      for (let w = entry.vocabulary; w < words.length; w++) if ((words[w] as string).startsWith(c.prefix)) list.push(w);
      return docsOfWords(list, start);
    }
    let docs: number[] | undefined;
    for (const key of c.keys) {
      const d = docsOfKey(key, start);
      docs = docs === undefined ? d : intersect(docs, d);
      if (docs.length === 0) return docs;
    }
    const keys = c.keys.map((key) => keyIds.get(key) ?? -2);
    return (docs ?? []).filter((doc) => {
      const text: number[] = [];
      for (let t = docStart[doc] as number; t < (docStart[doc + 1] as number); t++) {
        const id = tokens[t] as number;
        text.push(id < 0 ? -1 : (wordKeys[id] as number));
      }
      return phraseAt(text, keys) >= 0;
    });
  }

  /** A rule's matching articles, brought up to the end of the index. */
  function entryOf(rule: Rule): RuleEntry {
    let entry = rules.get(rule.key);
    if (entry === undefined) {
      entry = { docs: [], stories: [], upTo: 0, vocabulary: 0, prefixWords: new Map() };
      rules.set(rule.key, entry);
    }
    const end = docTimes.length;
    if (entry.upTo < end) {
      const start = entry.upTo;
      let docs: number[] | undefined;
      for (const c of rule.clauses) {
        if (c.negated) continue;
        const d = docsOfClause(c, start, entry);
        docs = docs === undefined ? d : intersect(docs, d);
        if (docs.length === 0) break;
      }
      for (const c of rule.clauses) {
        if (!c.negated || docs === undefined || docs.length === 0) continue;
        docs = subtract(docs, docsOfClause(c, start, entry));
      }
      entry.vocabulary = words.length;
      for (const doc of docs ?? []) {
        entry.docs.push(doc);
        entry.stories.push(docStory[doc] as number);
      }
      entry.upTo = end;
    }
    return entry;
  }

  /** A story's regions, outlets and newest time among its articles in the current window. */
  function stats(story: number): void {
    if (stamp[story] === statsSerial) return;
    stamp[story] = statsSerial;
    let mask = 0;
    let last = 0;
    const sources: number[] = [];
    for (const doc of storyDocs[story] as number[]) {
      if (doc < docLo || doc >= docHi) continue;
      mask |= docMask[doc] as number;
      last = docTimes[doc] as number;
      const source = docSource[doc] as number;
      if (!sources.includes(source)) sources.push(source);
    }
    masks[story] = mask;
    outlets[story] = sources.length;
    newest[story] = last;
    order[story] = sources.length * 1e13 + last;
  }

  /** Whether story `a` comes before `b` in digest order (most outlets, newest, higher story id). */
  function ahead(a: number, b: number): boolean {
    stats(a);
    stats(b);
    const oa = order[a] as number;
    const ob = order[b] as number;
    return oa !== ob ? oa > ob : (storyIds[a] as number) > (storyIds[b] as number);
  }

  function compare(a: number, b: number): number {
    return a === b ? 0 : ahead(a, b) ? -1 : 1;
  }

  /** The first `k` of `stories` in digest order. */
  function firstRanked(stories: Int32Array, k: number): number[] {
    const top: number[] = [];
    // Once `k` are kept, most stories are behind the last of them: one comparison with its key.
    let floor = -1;
    let floorId = 0;
    for (let i = 0; i < stories.length; i++) {
      const n = stories[i] as number;
      if (stamp[n] !== statsSerial) stats(n);
      if (top.length === k) {
        const o = order[n] as number;
        if (o < floor || (o === floor && (storyIds[n] as number) < floorId)) continue;
      }
      let at = top.length === k ? k - 1 : top.length;
      while (at > 0 && ahead(n, top[at - 1] as number)) at--;
      top.splice(at, 0, n);
      if (top.length > k) top.pop();
      if (top.length === k) {
        const last = top[k - 1] as number;
        floor = order[last] as number;
        floorId = storyIds[last] as number;
      }
    }
    return top;
  }

  /** The window's story-number range (`base`, `wordCount`); what was derived from the last window is dropped. */
  function derive(): void {
    derivedSerial = windowSerial;
    views = new Map();
    regionSets = undefined;
    let lo = Number.MAX_SAFE_INTEGER;
    let hi = -1;
    for (let d = docLo; d < docHi; d++) {
      const n = docStory[d] as number;
      if (n < lo) lo = n;
      if (n > hi) hi = n;
    }
    base = hi < 0 ? 0 : lo;
    wordCount = hi < 0 ? 0 : ((hi - lo) >>> 5) + 1;
  }

  /** Stories (each once) ranked lazily: mutes never need an order, and most chats read only the first few. */
  function rankedView(stories: Int32Array, bits?: Int32Array): RuleView {
    let ranked: number[] | undefined;
    let complete = false;
    return {
      stories,
      bits,
      ranked(i) {
        if (ranked === undefined) {
          ranked = firstRanked(stories, RANKED_FIRST);
          complete = ranked.length === stories.length;
        }
        if (i < ranked.length) return ranked[i] as number;
        if (complete) return -1;
        ranked = Array.from(stories).sort(compare);
        complete = true;
        return i < ranked.length ? (ranked[i] as number) : -1;
      },
    };
  }

  function viewOf(rule: Rule): RuleView {
    const cached = views.get(rule.key);
    if (cached !== undefined) return cached;
    const entry = entryOf(rule);
    const lo = lowerBound(entry.docs, docLo);
    const hi = Math.max(lo, lowerBound(entry.docs, docHi, lo));
    if (viewMarks.length < storyIds.length) viewMarks = new Int32Array(storyIds.length * 2);
    const mark = ++viewMark;
    const found: number[] = [];
    for (let i = lo; i < hi; i++) {
      const n = entry.stories[i] as number;
      if (viewMarks[n] === mark) continue;
      viewMarks[n] = mark;
      found.push(n);
    }
    const stories = new Int32Array(found);
    let bits: Int32Array | undefined;
    if (stories.length * BITS_WHEN_DENSER > wordCount) {
      bits = new Int32Array(wordCount);
      for (let i = 0; i < stories.length; i++) {
        const r = (stories[i] as number) - base;
        bits[r >>> 5] = (bits[r >>> 5] as number) | (1 << (r & 31));
      }
    }
    const view = rankedView(stories, bits);
    views.set(rule.key, view);
    return view;
  }

  function regionBitsOf(index: number): Int32Array {
    if (regionSets === undefined) {
      const sets = REGIONS.map(() => new Int32Array(wordCount));
      for (let d = docLo; d < docHi; d++) {
        const r = (docStory[d] as number) - base;
        const word = r >>> 5;
        const bit = 1 << (r & 31);
        let mask = docMask[d] as number;
        for (let i = 0; mask !== 0; i++, mask >>>= 1) {
          if ((mask & 1) !== 0) (sets[i] as Int32Array)[word] = ((sets[i] as Int32Array)[word] as number) | bit;
        }
      }
      regionSets = sets;
    }
    return regionSets[index] as Int32Array;
  }

  const current: { stories: readonly number[]; from: number; to: number } = { stories: [], from: 0, to: 0 };
  const matches: WindowMatches = {
    slice(rule) {
      const entry = entryOf(rule);
      const lo = lowerBound(entry.docs, docLo);
      current.stories = entry.stories;
      current.from = lo;
      current.to = Math.max(lo, lowerBound(entry.docs, docHi, lo));
      return current;
    },
    maskOf(story) {
      stats(story);
      return masks[story] as number;
    },
    outletsOf(story) {
      stats(story);
      return outlets[story] as number;
    },
    newestOf(story) {
      stats(story);
      return newest[story] as number;
    },
    orderOf(story) {
      stats(story);
      return order[story] as number;
    },
    storyIdOf(story) {
      return storyIds[story] as number;
    },
    numberOf(storyId) {
      return storyNumbers.get(storyId) ?? -1;
    },
    get size() {
      return storyIds.length;
    },
    ahead,
    get base() {
      return base;
    },
    get words() {
      return wordCount;
    },
    view: viewOf,
    ranked: (stories) => rankedView(stories),
    regionBits: regionBitsOf,
  };

  let since = Number.NaN;
  let until = Number.NaN;

  return {
    /** Matches in the window of stories published in (from, to] (valid until the next call). */
    forWindow(windowSince: number, windowUntil: number): WindowMatches {
      const before = docTimes.length;
      const serial = windowSerial;
      cover(windowSince, windowUntil);
      // A rebuilt index (`reset`) may hold as many articles as before: its serial tells.
      if (windowSince !== since || windowUntil !== until || docTimes.length !== before || windowSerial !== serial) {
        const rebuilt = windowSerial !== serial;
        const oldLo = docLo;
        const oldHi = docHi;
        since = windowSince;
        until = windowUntil;
        docLo = lowerBound(docTimes, windowSince + 1);
        docHi = lowerBound(docTimes, windowUntil + 1);
        if (!rebuilt && docLo >= oldLo && docHi >= oldHi && docLo <= oldHi) {
          for (let d = oldLo; d < docLo; d++) stamp[docStory[d] as number] = 0;
          for (let d = oldHi; d < docHi; d++) stamp[docStory[d] as number] = 0;
        } else statsSerial++;
        windowSerial++;
      }
      if (derivedSerial !== windowSerial) derive();
      return matches;
    },
    /** Forgets the index (after new articles landed). */
    clear(): void {
      reset();
      from = 0;
      to = 0;
      since = Number.NaN;
      until = Number.NaN;
    },
  };
}

export type WindowMatcher = ReturnType<typeof createWindowMatcher>;
