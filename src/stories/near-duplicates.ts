/**
 * Near-duplicate stories: different stories (not copies of one) that tell the same news, such as an
 * outlet's three takes on one mutiny in a day ("Ivory Coast soldiers end mutiny after deal on
 * bonuses", "Ivory Coast mutiny: soldiers fire shots in Bouake", "Ivory Coast president reaches deal
 * with mutinous soldiers"). A digest section or a /latest list shows the first of them only.
 */

/** Stories further apart than this (ms) are never near-duplicates: news a day later is news again. */
export const NEAR_DUPLICATE_WINDOW_MS = 24 * 3_600_000;
/** Headline key words two near-duplicates share at least ... */
const MIN_SHARED = 3;
/** ... and at least this share of the shorter headline's key words ("most of them"). */
const MIN_SHARE = 0.5;
/** Leads with at least this many key words each must share some of them too ... */
const LEAD_MIN_WORDS = 8;
/** ... at least this share of the shorter lead's: two headlines cut from one template tell different news. */
const LEAD_MIN_SHARE = 0.2;
/** Key words taken from a lead (its opening carries the news). */
const LEAD_WORDS = 30;
/** Letters a key word keeps: a crude stem that joins "mutiny"/"mutinous", "soldiers"/"soldier", "военные"/"военных". */
const STEM = 5;

// Words that carry no news by themselves, in English and Russian (single letters are dropped anyway).
const STOPWORDS = new Set(
  (
    'a an the and or but of in on at to for from by with as is are was were be been being has have had it its this that these those ' +
    'over after before into onto says say said will would can could may might must shall should not no nor new than then there their ' +
    'they them he she his her him we our you your who whom whose what which when where why how all any some more most out up down off ' +
    'about amid against among between during under again also just still now here very so such too via per vs ' +
    'в во на по за из от до для не ни что как это эта этот эти при после над под без или но его ее её их был была были было ' +
    'будет будут также уже ещё еще который которая которое которые заявил заявила заявили сообщил сообщила сообщили может могут ' +
    'против между через чтобы если когда где так там тут все всё всех свой своей свои'
  ).split(' '),
);

/** Words of a text as written (case kept), possessive "'s" dropped. */
function wordsOf(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/['’`]s\b/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/** A word's key: lower case, endings past {@link STEM} letters cut; undefined for stop words and single letters. */
function keyOf(word: string): string | undefined {
  const w = word.toLowerCase();
  if (w.length < 2 || STOPWORDS.has(w)) return undefined;
  return w.length > STEM ? w.slice(0, STEM) : w.length === STEM && w.endsWith('s') ? w.slice(0, -1) : w;
}

/** The key words of a text: lower case, without diacritics, stop words and endings past {@link STEM} letters. */
export function keyWords(text: string, max = Number.POSITIVE_INFINITY): string[] {
  const out = new Set<string>();
  for (const word of wordsOf(text)) {
    const key = keyOf(word);
    if (key === undefined) continue;
    out.add(key);
    if (out.size >= max) break;
  }
  return [...out];
}

const capitalised = (word: string) => /^\p{Lu}/u.test(word);

/**
 * Keys of the names (people, places, bodies) a headline carries: its words written with a capital
 * where a capital is not the rule (not first in the headline or a sentence), in the headline when it
 * is written in sentence case, or in the lead (which is, even under a Title Case headline).
 */
function namesIn(headline: string, lead: string): Set<string> {
  const seen = new Set<string>();
  const headWords = wordsOf(headline);
  // Title Case capitalises every word but short function words; one lower-case word that is neither
  // ("meets", "провёл") shows a headline in sentence case, where capitals mark names.
  const sentenceCase = headWords.some((w, i) => i > 0 && w.length >= 4 && !capitalised(w) && !STOPWORDS.has(w.toLowerCase()) && /\p{L}/u.test(w));
  if (sentenceCase) {
    headWords.forEach((w, i) => {
      if (i > 0 && capitalised(w)) seen.add(w.toLowerCase());
    });
  }
  for (const sentence of lead.split(/[.!?…]\s+/u)) {
    wordsOf(sentence).forEach((w, i) => {
      if (i > 0 && capitalised(w)) seen.add(w.toLowerCase());
    });
  }
  const names = new Set<string>();
  for (const w of headWords) {
    const key = keyOf(w);
    if (key !== undefined && seen.has(w.toLowerCase())) names.add(key);
  }
  return names;
}

/** What near-duplicate detection looks at in a story, computed once per story. */
export interface StoryKeys {
  headline: readonly string[];
  /**
   * One bit per headline key word (a 31-bit hash), so that two headlines that cannot share
   * {@link MIN_SHARED} words are told apart with one AND (digests compare many pairs).
   */
  mask: number;
  /** ms */
  publishedAt: number;
  /** The keys of names (people, places, bodies) among the headline's, and the lead's key words: looked at only when headlines match, so found then. */
  detail(): { names: ReadonlySet<string>; lead: readonly string[] };
}

/** The keys of a story from its headline, lead and time. */
export function storyKeys(story: { headline: string; lead: string; publishedAt: number }): StoryKeys {
  const headline = keyWords(story.headline);
  let detail: { names: ReadonlySet<string>; lead: readonly string[] } | undefined;
  return {
    headline,
    mask: headline.reduce((m, word) => m | (1 << (hash(word) % 31)), 0),
    publishedAt: story.publishedAt,
    detail() {
      detail ??= { names: namesIn(story.headline, story.lead), lead: keyWords(story.lead, LEAD_WORDS) };
      return detail;
    },
  };
}

function hash(word: string): number {
  let h = 0;
  for (let i = 0; i < word.length; i++) h = (h * 31 + word.charCodeAt(i)) >>> 0;
  return h;
}

function bits(n: number): number {
  let count = 0;
  for (let v = n; v !== 0; v &= v - 1) count++;
  return count;
}

function shared(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  for (const word of a) if (b.includes(word)) n++;
  return n;
}

/** Whether `names` hold someone or somewhere whose key is not in `headline`. */
function namesOther(names: ReadonlySet<string>, headline: readonly string[]): boolean {
  for (const name of names) if (!headline.includes(name)) return true;
  return false;
}

/**
 * Whether two stories tell the same news: published within a day of each other, their headlines
 * share most of their key words (at least three, and half of the shorter headline's), not each
 * naming someone or somewhere the other does not ("Bomb kills 10 in Kabul market" is not "Bomb
 * kills 12 in Baghdad market"; "... shots in Bouake" may be one more detail of the same mutiny),
 * and, when both leads say enough to tell, the leads share some key words too.
 */
export function nearDuplicates(a: StoryKeys, b: StoryKeys): boolean {
  if (Math.abs(a.publishedAt - b.publishedAt) > NEAR_DUPLICATE_WINDOW_MS) return false;
  // Shared words set shared bits: fewer than MIN_SHARED common bits, fewer shared words.
  if (bits(a.mask & b.mask) < MIN_SHARED) return false;
  const inHeadlines = shared(a.headline, b.headline);
  if (inHeadlines < MIN_SHARED || inHeadlines < MIN_SHARE * Math.min(a.headline.length, b.headline.length)) return false;
  const da = a.detail();
  const db = b.detail();
  if (namesOther(da.names, b.headline) && namesOther(db.names, a.headline)) return false;
  if (da.lead.length < LEAD_MIN_WORDS || db.lead.length < LEAD_MIN_WORDS) return true;
  return shared(da.lead, db.lead) >= LEAD_MIN_SHARE * Math.min(da.lead.length, db.lead.length);
}

/**
 * The first `limit` of `items` (in the caller's order of importance) that are not near-duplicates
 * of an earlier one kept.
 */
export function withoutNearDuplicates<T>(items: Iterable<T>, keysOf: (item: T) => StoryKeys | undefined, limit: number): T[] {
  const kept: T[] = [];
  const keptKeys: StoryKeys[] = [];
  for (const item of items) {
    if (kept.length >= limit) break;
    const keys = keysOf(item);
    if (keys && keptKeys.some((k) => nearDuplicates(k, keys))) continue;
    kept.push(item);
    if (keys) keptKeys.push(keys);
  }
  return kept;
}
