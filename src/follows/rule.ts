import { wordKey, wordsOf } from './words.js';

/**
 * What a follow, a mute or a search asks for, read from the words a person wrote (never run as a
 * regular expression):
 * - a word matches that word in any form (`Taiwan`, `taiwan's`; `sanction` and `sanctions`;
 *   `Тайвань`, `Тайваня`, `Тайванем`), whole words only (`Iran` is not in `Ukraine`), any case, any accents;
 * - `word*` matches words that start with it (`sanction*`: sanctioned, sanctioning);
 * - `"two words"` (or «…», “…”) matches them next to each other, in that order; a hyphenated or
 *   dotted word (`Нью-Йорк`, `U.S.`) is such a phrase too;
 * - `-word` (search only) leaves out what matches it.
 * Every part must match (a story that names `Bank`, `of` and `Japan` anywhere matches `Bank of Japan`).
 */
export type Clause =
  | { kind: 'word'; key: string; negated: boolean }
  | { kind: 'prefix'; prefix: string; negated: boolean }
  | { kind: 'phrase'; keys: readonly string[]; negated: boolean };

export interface Rule {
  /** As the person wrote it, spaces tidied: what lists show. */
  text: string;
  /** The same rule written another way ("Sanctions" and "sanction") has the same key. */
  key: string;
  clauses: readonly Clause[];
}

/** A rule's text is at most this long (characters). */
export const RULE_MAX_CHARS = 100;
/** Parts (words, phrases, prefixes) in one rule at most. */
export const RULE_MAX_PARTS = 10;
/** A prefix needs this many letters (`a*` would match half the news). */
export const PREFIX_MIN_CHARS = 3;

export type ParsedRule =
  | { kind: 'ok'; rule: Rule }
  | { kind: 'empty' }
  | { kind: 'too-long'; max: number }
  | { kind: 'too-many-parts'; max: number }
  | { kind: 'short-prefix'; min: number; text: string }
  | { kind: 'only-negated' };

const OPEN_QUOTES = '"“„«';
const CLOSE_OF: Record<string, string> = { '"': '"', '“': '”', '„': '“', '«': '»' };

/** A person's text without control characters and with single spaces. */
export function tidy(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}]/gu, ' ').replace(/\s+/gu, ' ').trim();
}

/**
 * Several rules from one message: separated by commas, semicolons or new lines (outside quotes).
 * `/follow Taiwan, "Bank of Japan"` is two follows.
 */
export function splitRules(payload: string): string[] {
  const out: string[] = [];
  let current = '';
  let close: string | undefined;
  for (const ch of payload) {
    if (close !== undefined) {
      if (ch === close || (close === '”' && ch === '"')) close = undefined;
      current += ch;
    } else if (OPEN_QUOTES.includes(ch)) {
      close = CLOSE_OF[ch];
      current += ch;
    } else if (ch === ',' || ch === ';' || ch === '\n') {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out.map(tidy).filter((r) => r !== '');
}

function clauseKey(c: Clause): string {
  const body = c.kind === 'word' ? c.key : c.kind === 'prefix' ? `${c.prefix}*` : `"${c.keys.join(' ')}"`;
  return c.negated ? `-${body}` : body;
}

/** Reads one rule (see `Clause`); `negation` allows `-word` (search). */
export function parseRule(input: string, options: { negation?: boolean } = {}): ParsedRule {
  const text = tidy(input);
  if (text.length > RULE_MAX_CHARS) return { kind: 'too-long', max: RULE_MAX_CHARS };
  const clauses: Clause[] = [];
  let i = 0;
  const chars = [...text];
  while (i < chars.length) {
    const ch = chars[i] as string;
    if (ch === ' ') {
      i++;
      continue;
    }
    let negated = false;
    let start = i;
    if (options.negation && ch === '-' && i + 1 < chars.length && chars[i + 1] !== ' ') {
      negated = true;
      start = i + 1;
    }
    const open = chars[start] as string;
    if (OPEN_QUOTES.includes(open)) {
      const close = CLOSE_OF[open] as string;
      let end = start + 1;
      while (end < chars.length && chars[end] !== close && !(close === '”' && chars[end] === '"')) end++;
      const keys = wordsOf(chars.slice(start + 1, end).join('')).map(wordKey);
      if (keys.length === 1) clauses.push({ kind: 'word', key: keys[0] as string, negated });
      else if (keys.length > 1) clauses.push({ kind: 'phrase', keys, negated });
      i = end + 1;
      continue;
    }
    let end = start;
    while (end < chars.length && chars[end] !== ' ' && !OPEN_QUOTES.includes(chars[end] as string)) end++;
    const token = chars.slice(start, end).join('');
    i = end;
    if (token.endsWith('*') && token.replace(/\*+$/u, '') !== '') {
      const words = wordsOf(token.replace(/\*+$/u, ''));
      const last = words.at(-1);
      if (last === undefined) continue;
      if (last.length < PREFIX_MIN_CHARS) return { kind: 'short-prefix', min: PREFIX_MIN_CHARS, text: token };
      if (words.length > 1) clauses.push({ kind: 'phrase', keys: words.slice(0, -1).map(wordKey), negated });
      clauses.push({ kind: 'prefix', prefix: last, negated });
      continue;
    }
    const keys = wordsOf(token).map(wordKey);
    if (keys.length === 1) clauses.push({ kind: 'word', key: keys[0] as string, negated });
    else if (keys.length > 1) clauses.push({ kind: 'phrase', keys, negated });
  }
  if (clauses.length === 0) return { kind: 'empty' };
  if (clauses.length > RULE_MAX_PARTS) return { kind: 'too-many-parts', max: RULE_MAX_PARTS };
  if (clauses.every((c) => c.negated)) return { kind: 'only-negated' };
  const key = [...new Set(clauses.map(clauseKey))].sort().join(' ');
  return { kind: 'ok', rule: { text, key, clauses } };
}

/** A headline and lead as rules look at them. */
export interface MatchText {
  /** Folded words, in order; '' between headline and lead (no phrase runs across). */
  words: readonly string[];
  /** Their keys (see `wordKey`), same positions. */
  keys: readonly string[];
  keySet: ReadonlySet<string>;
}

/** Reads a headline and lead once, for any number of rules. */
export function matchText(headline: string, lead: string): MatchText {
  const words = [...wordsOf(headline), '', ...wordsOf(lead)];
  const keys = words.map((w) => (w === '' ? '' : wordKey(w)));
  return { words, keys, keySet: new Set(keys) };
}

/** Where the phrase `keys` starts in `text`'s keys at or after `from`, or -1. */
export function phraseAt(textKeys: ArrayLike<string | number>, keys: ArrayLike<string | number>, from = 0): number {
  const n = keys.length;
  outer: for (let i = from; i + n <= textKeys.length; i++) {
    for (let j = 0; j < n; j++) if (textKeys[i + j] !== keys[j]) continue outer;
    return i;
  }
  return -1;
}

function clauseMatches(c: Clause, text: MatchText): boolean {
  if (c.kind === 'word') return text.keySet.has(c.key);
  if (c.kind === 'prefix') return text.words.some((w) => w.startsWith(c.prefix));
  return phraseAt(text.keys, c.keys) >= 0;
}

/** Whether a headline and lead (see `matchText`) match the rule: every part, and no left-out one. */
export function ruleMatches(rule: Rule, text: MatchText): boolean {
  return rule.clauses.every((c) => clauseMatches(c, text) !== c.negated);
}

/** Whether `word` (folded) is what a clause looks for, for highlighting. */
export function clauseHighlights(c: Clause, word: string): boolean {
  if (c.negated) return false;
  if (c.kind === 'prefix') return word.startsWith(c.prefix);
  const key = wordKey(word);
  return c.kind === 'word' ? key === c.key : c.keys.includes(key);
}
