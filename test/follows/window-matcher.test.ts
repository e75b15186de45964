import { afterEach, describe, expect, it } from 'vitest';
import { matchText, parseRule, type Rule, ruleMatches } from '../../src/follows/rule.js';
import { createWindowMatcher } from '../../src/follows/window-matcher.js';
import { tempStore } from '../helpers/temp-db.js';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-28T08:00:00Z');
let store: ReturnType<typeof tempStore>;
afterEach(() => store?.close());

const WORDS = ['Taiwan', 'taiwan’s', 'Bank', 'of', 'Japan', 'sanctions', 'sanctioned', 'sanction', 'Тайваня', 'Тайвань', 'Москве', 'São', 'Paulo', 'rates', 'chips', 'U.S.', 'Нью-Йорке'];
const RULES = ['Taiwan', '"Bank of Japan"', 'sanction*', 'sanctions', 'Тайвань', 'Москва', 'Sao Paulo', '"Нью-Йорк"', 'U.S.', 'Japan -chips', 'rate', 'bank japan'];

function rule(text: string): Rule {
  const parsed = parseRule(text, { negation: true });
  if (parsed.kind !== 'ok') throw new Error(text);
  return parsed.rule;
}

describe('matching rules against a window of articles', () => {
  it('when random headlines are indexed, then each rule finds exactly the articles that match it one by one, window after window', () => {
    store = tempStore();
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = () => WORDS[Math.floor(random() * WORDS.length)] as string;
    const texts = new Map<number, { headline: string; lead: string; publishedAt: number }>();
    for (let i = 0; i < 300; i++) {
      const headline = Array.from({ length: 3 + Math.floor(random() * 5) }, pick).join(' ');
      const lead = Array.from({ length: 4 + Math.floor(random() * 6) }, pick).join(' ');
      const publishedAt = NOW - Math.floor(random() * 40 * HOUR);
      const outcome = store.articles.upsert({ source: `S${i % 3}`, url: `https://x.example/${i}`, headline, lead, publishedAt, regions: ['asia'] });
      texts.set(outcome.id, { headline, lead, publishedAt });
    }
    const stories = new Map<number, number>();
    for (const row of store.db.prepare('SELECT id, COALESCE(story_id, id) AS story FROM articles').all() as { id: number; story: number }[]) stories.set(row.id, row.story);
    const matcher = createWindowMatcher(store.db);
    // Windows that move forward (the index grows), then one that reaches back (it is rebuilt).
    for (const [since, until] of [[NOW - 30 * HOUR, NOW - 10 * HOUR], [NOW - 25 * HOUR, NOW - 2 * HOUR], [NOW - 24 * HOUR, NOW], [NOW - 40 * HOUR, NOW - 20 * HOUR]] as const) {
      const m = matcher.forWindow(since, until);
      for (const text of RULES) {
        const r = rule(text);
        const expected = new Set<number>();
        for (const [id, a] of texts) if (a.publishedAt > since && a.publishedAt <= until && ruleMatches(r, matchText(a.headline, a.lead))) expected.add(stories.get(id) as number);
        const { stories: numbers, from, to } = m.slice(r);
        const found = new Set<number>();
        for (let i = from; i < to; i++) found.add(m.storyIdOf(numbers[i] as number));
        expect([...found].sort(), `${text} in window ending ${(NOW - until) / HOUR} h ago`).toEqual([...expected].sort());
        // Its handle placed in the window has the same bounds, whichever window it was placed in before.
        const entry = m.entry(r);
        m.place(entry);
        expect([entry.from, entry.to], text).toEqual([from, to]);
      }
    }
  });
});
