import type { Db } from './db.js';
import { similarity } from './headline-key.js';

/** A feed item (or imported page) without a link or guid, as the store is about to write it. */
export interface UnlinkedItem {
  sourceId: number;
  headline: string;
  headlineKey: string;
  lead: string;
  /** The time the feed gives, or null when it gives none (the store then uses the first fetch). */
  publishedAt: number | null;
}

export interface UnlinkedMatch {
  id: number;
  storyId: number | null;
  publishedAt: number;
}

/** What to do with one item: update a stored article, repeat an earlier item of the same pass, or insert. */
export type UnlinkedPlan = { kind: 'update'; match: UnlinkedMatch } | { kind: 'repeat'; of: number } | { kind: 'new' };

interface Candidate extends UnlinkedMatch {
  headline: string;
  lead: string;
}

/** Headlines this similar (Jaccard over all their words) may be one item with a typo fixed. */
const CLOSE_HEADLINE = 0.5;
/** More rows than any one feed carries at one time or under one headline. */
const CANDIDATES = 50;

/**
 * Recognises items without link or guid as new versions of stored articles of the same source.
 * Nothing about such an item is sure to stay the same, so it is recognised by what usually does,
 * and an edit of one thing at a time is followed:
 * - the same published time with the same or a close headline, or the same lead (a typo fixed in
 *   the headline, the description rewritten);
 * - without a time (or with the same one): the same headline unless both leads are there and
 *   differ, or the same lead with a close headline.
 * A different time given by the feed means another item ("Morning briefing" every day).
 */
export function createUnlinkedMatcher(db: Db) {
  // The planner would rather walk the url index for "url IS NULL", every linkless row of every source.
  const select = (index: string, column: string) =>
    `SELECT id, story_id AS storyId, published_at AS publishedAt, headline, lead FROM articles INDEXED BY ${index}
     WHERE source_id = ? AND ${column} = ? AND url IS NULL AND guid IS NULL LIMIT ?`;
  const byTime = db.prepare<[number, number, number], Candidate>(select('articles_unlinked_time', 'published_at'));
  const byHeadline = db.prepare<[number, string, number], Candidate>(select('articles_unlinked_headline', 'headline_key'));
  const byLead = db.prepare<[number, string, number], Candidate>(select('articles_unlinked_lead', 'lead'));

  function candidatesOf(item: UnlinkedItem): Candidate[] {
    const found = new Map<number, Candidate>();
    const add = (rows: Candidate[]) => rows.forEach((row) => found.set(row.id, row));
    if (item.publishedAt !== null) add(byTime.all(item.sourceId, item.publishedAt, CANDIDATES));
    add(byHeadline.all(item.sourceId, item.headlineKey, CANDIDATES));
    if (item.lead !== '') add(byLead.all(item.sourceId, item.lead, CANDIDATES));
    return [...found.values()];
  }

  return {
    /**
     * Plans one pass (the items of one transaction; `undefined` for those with a link or guid). An
     * item that repeats an earlier one of the pass word for word is that one again. The others
     * are paired with stored articles all at once, word-for-word repeats first, then the pairs
     * with the most in common, each article to at most one item: a new item that looks like an
     * old one ("Results: day 2" beside "day 1", same time) never takes the old one's row.
     */
    plan(items: readonly (UnlinkedItem | undefined)[]): UnlinkedPlan[] {
      const plans: UnlinkedPlan[] = items.map(() => ({ kind: 'new' }));
      const pairs: { index: number; row: Candidate; score: number; repeat: boolean }[] = [];
      const firstOf = new Map<string, number>();
      items.forEach((item, index) => {
        if (!item) return;
        const said = JSON.stringify([item.sourceId, item.publishedAt, item.lead, words(item.headline)]);
        const earlier = firstOf.get(said);
        if (earlier !== undefined) {
          plans[index] = { kind: 'repeat', of: earlier };
          return;
        }
        firstOf.set(said, index);
        for (const row of candidatesOf(item)) {
          const { score, repeat } = likeness(item, row);
          if (score > 0) pairs.push({ index, row, score, repeat });
        }
      });
      pairs.sort((a, b) => Number(b.repeat) - Number(a.repeat) || b.score - a.score || a.index - b.index);
      const taken = new Set<number>();
      for (const { index, row } of pairs) {
        if (plans[index]?.kind !== 'new' || taken.has(row.id)) continue;
        taken.add(row.id);
        plans[index] = { kind: 'update', match: { id: row.id, storyId: row.storyId, publishedAt: row.publishedAt } };
      }
      return plans;
    },
  };
}

/**
 * How much `item` and `row` have in common when they are one item (`score` 0 when not), and
 * whether `item` repeats `row` word for word (same headline and lead, the same time or none).
 */
function likeness(item: UnlinkedItem, row: Candidate): { score: number; repeat: boolean } {
  const sameTime = item.publishedAt !== null && item.publishedAt === row.publishedAt;
  const otherTime = item.publishedAt !== null && !sameTime;
  const a = words(item.headline);
  const b = words(row.headline);
  const sameHeadline = a.join(' ') === b.join(' ');
  const headlineLikeness = sameHeadline ? 1 : similarity([...new Set(a)], [...new Set(b)]);
  const closeHeadline = headlineLikeness >= CLOSE_HEADLINE;
  const sameLead = item.lead !== '' && item.lead === row.lead;
  const leadsDiffer = item.lead !== '' && row.lead !== '' && !sameLead;
  const same =
    (sameTime && (closeHeadline || sameLead)) ||
    (!otherTime && sameHeadline && !leadsDiffer) ||
    (!otherTime && sameLead && closeHeadline);
  if (!same) return { score: 0, repeat: false };
  return {
    score: (sameTime ? 4 : 0) + (sameHeadline ? 2 : 0) + (sameLead ? 2 : 0) + headlineLikeness,
    repeat: sameHeadline && item.lead === row.lead && !otherTime,
  };
}

/** Every word of a headline, numbers included ("day 1" and "day 2" differ), in lower case without accents. */
function words(headline: string): string[] {
  return headline
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}
