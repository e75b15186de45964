/**
 * The window matcher: an index of the articles' words and stories, each rule's matches kept across
 * windows, and the per-window story state (regions, outlets, order and bitsets) that slides with
 * the window. Its public types are in `window-matches.ts`, the list helpers in `sorted-lists.ts`.
 */
import { REGION_BIT } from '../digest/story-window.js';
import { REGIONS, type Region } from '../regions/regions.js';
import type { Db } from '../store/db.js';
import { phraseAt, type Clause, type Rule } from './rule.js';
import { forward, intersect, lowerBound, subtract, union } from './sorted-lists.js';
import type { RuleMatches, WindowMatches } from './window-matches.js';
import { wordKey, wordsOf } from './words.js';

interface Row {
  storyId: number | null;
  id: number;
  sourceId: number;
  publishedAt: number;
  regions: string;
  headline: string;
  lead: string;
}

/** A story carried by two outlets leads a window (see `leadBits`) when its newest article is this recent (ms). */
const LEAD_MS = 3_600_000;

/** The least `order` of a window's leading stories, for a window ending at `until`. */
function leadOrder(until: number): number {
  return 2e13 + until - LEAD_MS;
}

/** How far past a window's end the index reads when it grows (ms). */
const READ_AHEAD_MS = 6 * 3_600_000;

interface RuleEntry extends RuleMatches {
  rule: Rule;
  /** Matching articles (index order = time order) and their story numbers. */
  docs: number[];
  stories: number[];
  /** Articles looked at so far (the index grows forward). */
  upTo: number;
  /** Per prefix of the rule: how many of the words sharing its first letters were looked at, and those that matched. */
  prefixWords: Map<string, { seen: number; words: number[] }>;
  /** The window bounds: `docs[from..to)` are in the window of `placed` (a window serial). */
  from: number;
  to: number;
  placed: number;
  /** For a rule matching many articles: its stories in the window as a bitset by story number (of `bitsEpoch`). */
  bits: Int32Array | undefined;
  bitsEpoch: number;
}

/** A rule matching this many of a window's articles keeps a bitset of its stories in the window (ORing words beats setting bits). */
const DENSE_FROM = 512;

/** Words are bucketed by their first this many characters (a prefix has at least as many: `PREFIX_MIN_CHARS`). */
const BUCKET_CHARS = 3;

/**
 * Matches follows and mutes against digest windows, for many chats at a time. The articles' headlines
 * and leads are read and indexed once per `clear()` (each word once, with the articles it is in); a
 * rule is looked up once (its words' article lists intersected, phrases checked word by word) and its
 * matches kept for every later window. Nothing is worked out again per window: a window that slides
 * forward moves each rule's bounds past the articles that left and came (`place`), and a rule matching
 * many articles (`denseFrom`, default 512) keeps a bitset of its stories in the window up to date the
 * same way; the stories of those articles get their regions, outlets, newest time and digest order
 * recomputed, with the window's bitsets per region, of widely carried and of leading stories. A
 * chat combines bitsets by story number. Articles are read in (published time, id) order, and the
 * covered range grows as windows move forward, as in `createStoryWindows`.
 */
export function createWindowMatcher(db: Db, options: { denseFrom?: number | undefined } = {}) {
  const denseFrom = options.denseFrom ?? DENSE_FROM;
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
  // Words by their first letters, for prefixes (`sanction*` reads the words starting "san").
  let buckets = new Map<string, number[]>();
  let postings: number[][] = [];
  // The last article each word was added to a posting list for (once per article).
  let lastDoc = new Int32Array(1 << 14);
  // Stories: numbers, ids, articles.
  let storyNumbers = new Map<number, number>();
  let storyIds: number[] = [];
  let storyDocs: number[][] = [];
  let rules = new Map<string, RuleEntry>();
  // Per window: its article range, and per story (by number) its articles in the window and its
  // stats there, kept for every story of the window: a window that slides forward recomputes only
  // the stories of the articles that entered or left it (a minute's worth), anything else all.
  // Bitsets by story number (bit n of word n >>> 5): the window's stories per region, and those
  // carried by two outlets or more.
  let windowSerial = 1;
  let docLo = 0;
  let docHi = 0;
  let capacity = 0;
  let inWindow = new Int32Array(0);
  let stamp = new Int32Array(0);
  let stampSerial = 0;
  let masks = new Int32Array(0);
  let outlets = new Int32Array(0);
  let newest = new Float64Array(0);
  let order = new Float64Array(0);
  let regionSets: Int32Array[] = REGIONS.map(() => new Int32Array(0));
  let multi = new Int32Array(0);
  let lead = new Int32Array(0);
  // A story leads when its `order` is at least this (see `leadBits`), for the current window.
  let leadFrom = 0;
  let lowStory = 0;
  let highStory = -1;
  // Whether the per-story state must be rebuilt at the next window (the index was rebuilt or grew past `capacity`).
  let stale = true;
  // Bumped with every window that is not a slide of the last one: rules' bitsets of an older one are rebuilt.
  let stateEpoch = 0;
  // Bumped when the index is rebuilt: rule entries of an older epoch are gone.
  let epoch = 0;

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
    buckets = new Map();
    postings = [];
    lastDoc = new Int32Array(1 << 14);
    storyNumbers = new Map();
    storyIds = [];
    storyDocs = [];
    rules = new Map();
    epoch++;
    windowSerial++;
    stale = true;
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
      if (word.length >= BUCKET_CHARS) {
        const head = word.slice(0, BUCKET_CHARS);
        let bucket = buckets.get(head);
        if (bucket === undefined) {
          bucket = [];
          buckets.set(head, bucket);
        }
        bucket.push(id);
      }
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
    if (capacity < storyIds.length) {
      // Room for twice as many stories, a whole number of bitset words.
      capacity = (((storyIds.length * 2) >>> 5) + 1) << 5;
      inWindow = new Int32Array(capacity);
      stamp = new Int32Array(capacity);
      masks = new Int32Array(capacity);
      outlets = new Int32Array(capacity);
      newest = new Float64Array(capacity);
      order = new Float64Array(capacity);
      regionSets = REGIONS.map(() => new Int32Array(capacity >>> 5));
      multi = new Int32Array(capacity >>> 5);
      lead = new Int32Array(capacity >>> 5);
      windowSerial++;
      stale = true;
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
      let seen = entry.prefixWords.get(c.prefix);
      if (seen === undefined) {
        seen = { seen: 0, words: [] };
        entry.prefixWords.set(c.prefix, seen);
      }
      // Only the words sharing its first letters, and of those only the ones added since the last look.
      const bucket = buckets.get(c.prefix.slice(0, BUCKET_CHARS)) ?? [];
      for (let i = seen.seen; i < bucket.length; i++) {
        const w = bucket[i] as number;
        if ((words[w] as string).startsWith(c.prefix)) seen.words.push(w);
      }
      seen.seen = bucket.length;
      return docsOfWords(seen.words, start);
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

  /** A rule's entry (its matches not brought up to date: see `place`). */
  function entryOf(rule: Rule): RuleEntry {
    let entry = rules.get(rule.key);
    if (entry === undefined) {
      entry = { rule, docs: [], stories: [], upTo: 0, prefixWords: new Map(), from: 0, to: 0, placed: 0, bits: undefined, bitsEpoch: -1 };
      rules.set(rule.key, entry);
    }
    return entry;
  }

  /** Brings an entry's matches up to the end of the index and its bounds to the current window. */
  function place(entry: RuleEntry): void {
    if (entry.placed === windowSerial) return;
    const end = docTimes.length;
    if (entry.upTo < end) {
      const rule = entry.rule;
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
      for (const doc of docs ?? []) {
        entry.docs.push(doc);
        entry.stories.push(docStory[doc] as number);
      }
      entry.upTo = end;
    }
    const list = entry.docs;
    let lo = entry.from;
    let hi = entry.to;
    // Windows mostly move forward a minute: the bounds step past the few articles that left or came.
    lo = lo > 0 && (list[lo - 1] as number) >= docLo ? lowerBound(list, docLo) : forward(list, lo, docLo);
    if (hi < lo) hi = lo;
    hi = hi > lo && (list[hi - 1] as number) >= docHi ? lowerBound(list, docHi, lo) : forward(list, hi, docHi);
    const oldFrom = entry.from;
    const oldTo = entry.to;
    entry.from = lo;
    entry.to = hi;
    entry.placed = windowSerial;
    if (entry.bits !== undefined || hi - lo >= denseFrom) placeBits(entry, oldFrom, oldTo);
  }

  /**
   * Brings a dense rule's bitset of stories to its new bounds: the stories of the articles that came
   * are set, those of the articles that left cleared unless another of their articles still matches;
   * rebuilt when the window went back, jumped, or the stories outgrew the bitset.
   */
  function placeBits(entry: RuleEntry, oldFrom: number, oldTo: number): void {
    const { from, to, stories } = entry;
    let bits = entry.bits;
    const words = capacity >>> 5;
    if (bits === undefined || bits.length !== words || entry.bitsEpoch !== stateEpoch || from < oldFrom || to < oldTo || from > oldTo || from - oldFrom + (to - oldTo) >= to - from) {
      if (bits === undefined || bits.length !== words) bits = new Int32Array(words);
      else bits.fill(0);
      for (let i = from; i < to; i++) {
        const n = stories[i] as number;
        bits[n >>> 5] = (bits[n >>> 5] as number) | (1 << (n & 31));
      }
      entry.bits = bits;
      entry.bitsEpoch = stateEpoch;
      return;
    }
    for (let i = oldTo; i < to; i++) {
      const n = stories[i] as number;
      bits[n >>> 5] = (bits[n >>> 5] as number) | (1 << (n & 31));
    }
    for (let i = oldFrom; i < from; i++) {
      const n = stories[i] as number;
      if (stillMatches(entry, n)) continue;
      bits[n >>> 5] = (bits[n >>> 5] as number) & ~(1 << (n & 31));
    }
  }

  /** Whether story `n` has an article among the entry's matches in the window (`docs[from..to)`). */
  function stillMatches(entry: RuleEntry, n: number): boolean {
    for (const doc of storyDocs[n] as number[]) {
      if (doc < docLo || doc >= docHi) continue;
      const at = lowerBound(entry.docs, doc, entry.from);
      if (at < entry.to && entry.docs[at] === doc) return true;
    }
    return false;
  }

  /** A story's regions, outlets and newest time among its articles in the current window, and its bits. */
  function restat(story: number): void {
    let mask = 0;
    let last = 0;
    let count = 0;
    let first = -1;
    let others: number[] | undefined;
    if ((inWindow[story] as number) > 0) {
      for (const doc of storyDocs[story] as number[]) {
        if (doc < docLo || doc >= docHi) continue;
        mask |= docMask[doc] as number;
        last = docTimes[doc] as number;
        const source = docSource[doc] as number;
        if (count === 0) {
          first = source;
          count = 1;
        } else if (source !== first && !(others ??= []).includes(source)) {
          others.push(source);
          count++;
        }
      }
    }
    masks[story] = mask;
    outlets[story] = count;
    newest[story] = last;
    order[story] = count * 1e13 + last;
    const w = story >>> 5;
    const bit = 1 << (story & 31);
    for (let i = 0; i < regionSets.length; i++) {
      const set = regionSets[i] as Int32Array;
      set[w] = (mask & (1 << i)) !== 0 ? (set[w] as number) | bit : (set[w] as number) & ~bit;
    }
    multi[w] = count >= 2 ? (multi[w] as number) | bit : (multi[w] as number) & ~bit;
    lead[w] = count > 0 && count * 1e13 + last >= leadFrom ? (lead[w] as number) | bit : (lead[w] as number) & ~bit;
  }

  /** Recomputes every story of the window (`docLo`, `docHi`). */
  function rebuildWindow(): void {
    inWindow.fill(0);
    for (const set of regionSets) set.fill(0);
    multi.fill(0);
    lead.fill(0);
    leadFrom = leadOrder(until);
    lowStory = Number.MAX_SAFE_INTEGER;
    highStory = -1;
    for (let d = docLo; d < docHi; d++) {
      const n = docStory[d] as number;
      inWindow[n] = (inWindow[n] as number) + 1;
      if (n < lowStory) lowStory = n;
      if (n > highStory) highStory = n;
    }
    if (highStory < 0) lowStory = 0;
    const serial = ++stampSerial;
    for (let d = docLo; d < docHi; d++) {
      const n = docStory[d] as number;
      if (stamp[n] === serial) continue;
      stamp[n] = serial;
      restat(n);
    }
    stale = false;
  }

  /** Moves the window from articles [oldLo, oldHi) forward to [docLo, docHi) (overlapping), recomputing the stories that changed. */
  function slideWindow(oldLo: number, oldHi: number): void {
    for (let d = oldHi; d < docHi; d++) {
      const n = docStory[d] as number;
      inWindow[n] = (inWindow[n] as number) + 1;
      if (n < lowStory) lowStory = n;
      if (n > highStory) highStory = n;
    }
    for (let d = oldLo; d < docLo; d++) {
      const n = docStory[d] as number;
      inWindow[n] = (inWindow[n] as number) - 1;
    }
    const serial = ++stampSerial;
    // Stories whose newest article is no longer within the lead's hour may leave it.
    const oldLeadFrom = leadFrom;
    leadFrom = leadOrder(until);
    const aged = lowerBound(docTimes, oldLeadFrom - 2e13 + 1, docLo);
    const agedEnd = lowerBound(docTimes, leadFrom - 2e13 + 1, aged);
    for (let d = Math.max(aged, docLo); d < Math.min(agedEnd, docHi); d++) {
      const n = docStory[d] as number;
      if (stamp[n] !== serial) {
        stamp[n] = serial;
        restat(n);
      }
    }
    for (let d = oldHi; d < docHi; d++) {
      const n = docStory[d] as number;
      if (stamp[n] !== serial) {
        stamp[n] = serial;
        restat(n);
      }
    }
    for (let d = oldLo; d < docLo; d++) {
      const n = docStory[d] as number;
      if (stamp[n] !== serial) {
        stamp[n] = serial;
        restat(n);
      }
    }
    while (lowStory <= highStory && inWindow[lowStory] === 0) lowStory++;
    while (highStory >= lowStory && inWindow[highStory] === 0) highStory--;
    if (highStory < lowStory) {
      lowStory = 0;
      highStory = -1;
    }
  }

  /** Whether story `a` comes before `b` in digest order (most outlets, newest, higher story id). */
  function ahead(a: number, b: number): boolean {
    const oa = order[a] as number;
    const ob = order[b] as number;
    return oa !== ob ? oa > ob : (storyIds[a] as number) > (storyIds[b] as number);
  }

  const current: { stories: readonly number[]; from: number; to: number } = { stories: [], from: 0, to: 0 };
  const matches: WindowMatches = {
    slice(rule) {
      const entry = entryOf(rule);
      place(entry);
      current.stories = entry.stories;
      current.from = entry.from;
      current.to = entry.to;
      return current;
    },
    entry: entryOf,
    place: place as (entry: RuleMatches) => void,
    get epoch() {
      return epoch;
    },
    maskOf(story) {
      return masks[story] as number;
    },
    outletsOf(story) {
      return outlets[story] as number;
    },
    newestOf(story) {
      return newest[story] as number;
    },
    orderOf(story) {
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
    get lowWord() {
      return lowStory >>> 5;
    },
    get highWord() {
      return highStory < lowStory ? lowStory >>> 5 : (highStory >>> 5) + 1;
    },
    get bitsetWords() {
      return capacity >>> 5;
    },
    regionBits(index) {
      return regionSets[index] as Int32Array;
    },
    get leadBits() {
      return lead;
    },
    get multiOutletBits() {
      return multi;
    },
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
        const oldLo = docLo;
        const oldHi = docHi;
        const oldUntil = until;
        since = windowSince;
        until = windowUntil;
        docLo = lowerBound(docTimes, windowSince + 1);
        docHi = lowerBound(docTimes, windowUntil + 1);
        // Slide when the windows overlap and fewer articles move than the new window holds.
        if (!stale && windowUntil >= oldUntil && docLo >= oldLo && docHi >= oldHi && docLo <= oldHi && docLo - oldLo + (docHi - oldHi) < docHi - docLo) slideWindow(oldLo, oldHi);
        else {
          rebuildWindow();
          stateEpoch++;
        }
        windowSerial++;
      }
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
