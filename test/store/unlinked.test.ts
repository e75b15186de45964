import { afterEach, describe, expect, it } from 'vitest';
import type { ArticleInput } from '../../src/store/articles.js';
import { tempStore } from '../helpers/temp-db.js';

let store: ReturnType<typeof tempStore>;
afterEach(() => store?.close());

const item = (headline: string, lead = '', publishedAt: number | null = null): ArticleInput => ({ source: 'Wire', headline, lead, publishedAt, regions: ['asia'] });
const at = (iso: string) => Date.parse(iso);

/** Stores `items` as one feed pass; returns how many were new. */
function pass(items: readonly ArticleInput[]): number {
  return store.articles.upsertMany(items).filter((o) => o.kind === 'inserted').length;
}

describe('articles without a link or guid', () => {
  it('when undated items share a boilerplate description, then each headline stays its own article, pass after pass', () => {
    store = tempStore();
    const items = ['Harbour reopens', 'Budget passes', 'Strike called off', 'Museum returns statues'].map((h) => item(h, 'Read the full story on our website.'));
    expect(pass(items)).toBe(4);
    expect(pass(items)).toBe(0);
    expect(store.articles.count()).toBe(4);
  });

  it('when a feed repeats an item word for word, then it is one article, pass after pass', () => {
    store = tempStore();
    const same = item('Harbour reopens after storm', 'Ships returned.', at('2026-11-28T06:00:00Z'));
    expect(pass([same, { ...same }])).toBe(1);
    expect(pass([same, { ...same }])).toBe(0);
    expect(store.articles.count()).toBe(1);
  });

  it('when an undated item changes its description, then it is another article (a daily briefing under one headline), while one with the same time is updated', () => {
    store = tempStore();
    pass([item('Morning briefing', 'Storm closes the harbour.'), item('Evening news', 'Markets fall.', at('2026-11-28T18:00:00Z'))]);
    expect(pass([item('Morning briefing', 'Harbour reopens.'), item('Evening news', 'Markets fall, then recover.', at('2026-11-28T18:00:00Z'))])).toBe(1);
    expect(store.articles.count()).toBe(3);
  });

  it('when an item was stored without a time and the same comes again, then its first-seen time is kept', () => {
    store = tempStore();
    const first = pass([item('Rail strike called off', 'Unions agreed.')]);
    expect(first).toBe(1);
    const [stored] = store.articles.latest({ limit: 1 });
    store.clock.advance(3_600_000);
    pass([item('Rail strike called off', 'Unions agreed.')]);
    expect(store.articles.latest({ limit: 5 })).toEqual([expect.objectContaining({ id: stored?.id, publishedAt: stored?.publishedAt })]);
  });

  it('when the same page text is imported twice without an address, then it is one article', () => {
    store = tempStore();
    const page = { ...item('Typhoon makes landfall', 'The storm hit the coast at dawn.', at('2026-11-28T05:00:00Z')), source: 'Imported', body: 'Long text.' };
    store.articles.upsert(page);
    expect(store.articles.upsert(page).kind).toBe('updated');
    expect(store.articles.count()).toBe(1);
  });
});

describe('alike items of one pass', () => {
  it('when a feed carries two items at the same minute under one headline with different texts, then both are kept, pass after pass', () => {
    store = tempStore();
    const t = at('2026-11-28T06:00:00Z');
    const items = [item('Live: storm updates', 'Winds reach 150 km/h.', t), item('Live: storm updates', 'Ferries are cancelled.', t)];
    expect(pass(items)).toBe(2);
    expect(pass(items)).toBe(0);
    expect(store.articles.count()).toBe(2);
  });

  it('when two items share a time and all words but a number, then both are kept and each is updated by its own', () => {
    store = tempStore();
    const t = at('2026-11-28T00:00:00Z');
    expect(pass([item('Election results: day 1', '', t), item('Election results: day 2', '', t)])).toBe(2);
    // The next pass carries only day 2, with a description now: it updates day 2, not day 1.
    expect(pass([item('Election results: day 2', 'Counting moved south.', t)])).toBe(0);
    expect(store.articles.latest({ limit: 5, distinctStories: false }).map((a) => [a.headline, a.lead])).toEqual(
      expect.arrayContaining([['Election results: day 1', ''], ['Election results: day 2', 'Counting moved south.']]),
    );
  });
});
