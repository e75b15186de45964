import { afterEach, describe, expect, it } from 'vitest';
import { tempStore } from '../helpers/temp-db.js';

describe('article store', () => {
  let store: ReturnType<typeof tempStore>;
  afterEach(() => store?.close());

  it('when the same URL comes back with tracking parameters, then it updates the one article', () => {
    store = tempStore();
    const first = store.articles.upsert({
      source: 'Example', url: 'HTTPS://Example.com/a/1?id=5#top', headline: 'Old headline', lead: 'Old lead', regions: ['asia'],
    });
    const again = store.articles.upsert({
      source: 'Example', url: 'https://example.com/a/1?utm_source=rss&id=5&fbclid=x', headline: 'New headline', lead: 'New lead', regions: ['asia', 'world'],
    });
    expect(again).toEqual({ kind: 'updated', id: first.id, storyId: first.id });
    expect(store.articles.count()).toBe(1);
    const [a] = store.articles.latest({ regions: ['world'], limit: 5 });
    expect(a).toMatchObject({ headline: 'New headline', url: 'https://example.com/a/1?id=5', regions: ['asia', 'world'] });
  });

  it('when the same guid comes from the same source, then it is one article', () => {
    store = tempStore();
    store.articles.upsert({ source: 'S', guid: 'g-1', headline: 'One', lead: '', regions: ['europe'] });
    store.articles.upsert({ source: 'S', guid: 'g-1', url: 'https://s.example/x', headline: 'One, updated', lead: '', regions: ['europe'] });
    expect(store.articles.count()).toBe(1);
  });

  it('when two outlets carry a near-identical headline within a day, then both share one story id', () => {
    store = tempStore();
    const t = Date.parse('2026-11-28T06:00:00Z');
    const a = store.articles.upsert({ source: 'Outlet A', url: 'https://a.example/1', headline: 'Japan and Russia agree to boost economic cooperation on Kuril Islands', lead: '', publishedAt: t, regions: ['asia'] });
    const b = store.articles.upsert({ source: 'Outlet B', url: 'https://b.example/9', headline: 'Russia, Japan Agree to Boost Economic Cooperation on the Kuril Islands', lead: '', publishedAt: t + 3_600_000, regions: ['asia'] });
    const c = store.articles.upsert({ source: 'Outlet C', url: 'https://c.example/2', headline: 'Floods hit northern Italy', lead: '', publishedAt: t, regions: ['europe'] });
    expect(b.storyId).toBe(a.id);
    expect(c.storyId).toBe(c.id);
    expect(store.articles.latest({ limit: 10 }).map((x) => x.source)).toEqual(['Outlet B', 'Outlet C']);
  });

  it('when a published time lies in the future, then it is clamped to now', () => {
    store = tempStore('2026-11-28T08:00:00Z');
    const { id } = store.articles.upsert({ source: 'S', headline: 'From the future', lead: '', publishedAt: Date.parse('2030-01-01T00:00:00Z'), regions: ['world'] });
    expect(new Date(store.articles.get(id)?.publishedAt ?? 0).toISOString()).toBe('2026-11-28T08:00:00.000Z');
  });

  it('when articles are older than the retention, then prune removes them and their search entries', () => {
    store = tempStore('2026-11-28T08:00:00Z');
    store.articles.upsert({ source: 'S', headline: 'Ancient news item', lead: '', publishedAt: Date.parse('2026-10-01T00:00:00Z'), regions: ['world'] });
    store.articles.upsert({ source: 'S', headline: 'Fresh news item', lead: '', publishedAt: Date.parse('2026-11-27T00:00:00Z'), regions: ['world'] });
    expect(store.articles.prune(30)).toBe(1);
    expect(store.articles.latest({ limit: 10 }).map((a) => a.headline)).toEqual(['Fresh news item']);
    const hits = store.db.prepare("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'ancient'").all();
    expect(hits).toEqual([]);
  });
});
