import type { Clock } from '../clock.js';
import { type Clause, clauseHighlights, matchText, parseRule, type Rule, ruleMatches } from '../follows/rule.js';
import { wordsOf } from '../follows/words.js';
import { isRegion, type Region } from '../regions/regions.js';
import type { Db } from '../store/db.js';

/** One story found. */
export interface SearchHit {
  id: number;
  storyId: number;
  headline: string;
  lead: string;
  /** The body, when the words are in it and not in the headline or lead (else empty). */
  body: string;
  url: string | null;
  source: string;
  regions: Region[];
  publishedAt: number;
  /** Lower is better: BM25 (headline weighs most) divided by a freshness factor. */
  score: number;
}

export type SearchOutcome =
  | { kind: 'results'; hits: SearchHit[]; /** Stories found in all (counting stops at {@link MAX_CANDIDATES}). */ total: number; capped: boolean; rule: Rule }
  | { kind: 'empty' }
  | { kind: 'invalid'; reason: 'too-long' | 'too-many-parts' | 'short-prefix' | 'only-negated'; detail: string }
  | { kind: 'too-common'; words: string[] }
  | { kind: 'none'; rule: Rule; /** Stories that matched but the reader muted (0 without mutes). */ muted: number };

/** The newest matching articles a search ranks at most: a broad word still answers fast, from recent news. */
export const MAX_CANDIDATES = 1000;
/** A story a day old weighs 1/(1 + 1/2): freshness halves a match's weight every two days. */
const FRESHNESS_MS = 2 * 86_400_000;
/** Headline, lead and body weights for BM25. */
const WEIGHTS = '10.0, 4.0, 1.0';

/**
 * Words too common to search for on their own (English and Russian): a query of nothing else is
 * answered with a hint, not a dump of the newest news.
 */
const TOO_COMMON = new Set(
  (
    'a an the and or but of in on at to for from by with as is are was were be been has have had it its this that these those ' +
    'news new says said will would can could not no than then there their they he she his her we our you your who what which when where how all any some more most ' +
    'в во на по за из от до для не ни что как это и а но или с со к у о об же ли бы был была были было быть он она они его ее её их'
  ).split(' '),
);

interface Row {
  id: number;
  storyId: number | null;
  headline: string;
  lead: string;
  body: string;
  url: string | null;
  source: string;
  regions: string;
  publishedAt: number;
  rank: number;
}

function quoteTerm(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/**
 * The FTS5 expression that finds a clause's candidates: each word by its key as a prefix (so
 * "sanction" finds "sanctions", "тайван" finds "Тайваня"; short keys exactly, with the written
 * form), a phrase by its words side by side. It may find more than the clause means: every
 * candidate is checked by the rule itself afterwards.
 */
function ftsOf(c: Clause): string {
  const term = (key: string) => (key.length >= 4 ? `${quoteTerm(key)}*` : quoteTerm(key));
  if (c.kind === 'word') return term(c.key);
  if (c.kind === 'prefix') return `${quoteTerm(c.prefix)}*`;
  return `NEAR(${c.keys.map(term).join(' ')}, ${c.keys.length})`;
}

/**
 * Full-text search over every stored article (headline, lead and body): the words as follows read
 * them (see `parseRule`: any form, accents ignored, "phrases", prefix*, and -word to leave out), the
 * candidates from the FTS5 index (the newest {@link MAX_CANDIDATES} that match), each checked word
 * by word, ranked by BM25 (headline over lead over body) with a freshness boost, one article per
 * story.
 */
export function createSearch(db: Db, clock: Clock) {
  // Newest first by rowid, which FTS5 walks without ranking every match of a broad word.
  const candidates = db.prepare<[string, number], Row>(
    `SELECT a.id, a.story_id AS storyId, a.headline, a.lead, a.body, a.url, s.name AS source, a.regions, a.published_at AS publishedAt, c.rank
     FROM (SELECT rowid, bm25(articles_fts, ${WEIGHTS}) AS rank FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?) c
     JOIN articles a ON a.id = c.rowid JOIN sources s ON s.id = a.source_id`,
  );

  return {
    /**
     * Stories matching `query`, best first: `limit` of them after `offset`. `leaveOut` is the
     * reader's mutes (see `mutedBy`): a story any of whose matching copies it holds is left out,
     * as the digest leaves it out, and is not counted in the total.
     */
    search(query: string, page: { offset?: number; limit: number; leaveOut?: ((story: { headline: string; lead: string }) => boolean) | undefined }): SearchOutcome {
      const parsed = parseRule(query, { negation: true });
      if (parsed.kind === 'empty') return { kind: 'empty' };
      if (parsed.kind !== 'ok') return { kind: 'invalid', reason: parsed.kind, detail: parsed.kind === 'short-prefix' ? parsed.text : query };
      const rule = parsed.rule;
      const wanted = rule.clauses.filter((c) => !c.negated);
      if (wanted.every((c) => c.kind === 'word' && TOO_COMMON.has(c.key))) return { kind: 'too-common', words: wanted.map((c) => (c.kind === 'word' ? c.key : '')) };
      // A left-out phrase is not passed to FTS (NOT NEAR is not FTS5 syntax): the rule's own check drops those.
      const expression = [
        `(${wanted.map(ftsOf).join(' AND ')})`,
        ...rule.clauses.filter((c) => c.negated && c.kind !== 'phrase').map((c) => `NOT ${ftsOf(c)}`),
      ].join(' ');
      const rows = candidates.all(expression, MAX_CANDIDATES + 1);
      const capped = rows.length > MAX_CANDIDATES;
      const now = clock.now();
      const best = new Map<number, SearchHit>();
      const muted = new Set<number>();
      for (const row of rows.slice(0, MAX_CANDIDATES)) {
        const text = matchText(row.headline, row.lead);
        let body = '';
        if (!ruleMatches(rule, text)) {
          // The words may be in the body: check it with the headline and lead (a phrase stays within one of them).
          const all = matchText(row.headline, `${row.lead} ${row.body}`);
          if (!ruleMatches(rule, all)) continue;
          body = row.body;
        }
        const storyId = row.storyId ?? row.id;
        if (page.leaveOut?.(row)) {
          muted.add(storyId);
          continue;
        }
        const score = row.rank / (1 + Math.max(0, now - row.publishedAt) / FRESHNESS_MS);
        const seen = best.get(storyId);
        if (seen && seen.score <= score) continue;
        best.set(storyId, {
          id: row.id,
          storyId,
          headline: row.headline,
          lead: row.lead,
          body,
          url: row.url,
          source: row.source,
          regions: row.regions.split(',').filter(isRegion),
          publishedAt: row.publishedAt,
          score,
        });
      }
      const ranked = [...best.values()].filter((hit) => !muted.has(hit.storyId)).sort((a, b) => a.score - b.score || b.publishedAt - a.publishedAt);
      if (ranked.length === 0) return { kind: 'none', rule, muted: muted.size };
      const offset = page.offset ?? 0;
      return { kind: 'results', hits: ranked.slice(offset, offset + page.limit), total: ranked.length, capped, rule };
    },
  };
}

export type Search = ReturnType<typeof createSearch>;

/** The words of `text` a search's rule looks for (for highlighting), as [start, end) character ranges. */
export function highlights(rule: Rule, text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const folded = wordsOf(m[0])[0];
    if (folded !== undefined && rule.clauses.some((c) => clauseHighlights(c, folded))) out.push([m.index, m.index + m[0].length]);
  }
  return out;
}
