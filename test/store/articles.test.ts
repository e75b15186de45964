import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { createArticleStore } from '../../src/store/articles.js';
import { openDatabase } from '../../src/store/db.js';
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
    // Nor is anything kept for story matching: the store shrinks back.
    expect(store.db.prepare("SELECT word FROM headline_words WHERE word = 'ancient'").all()).toEqual([]);
  });

  it('when a headline differs from an earlier one by short words, then it joins that story; once the earlier headline was rewritten, only its new words match', () => {
    store = tempStore();
    const t = Date.parse('2026-11-28T06:00:00Z');
    const a = store.articles.upsert({ source: 'Outlet A', url: 'https://a.example/1', headline: 'Typhoon Haikui makes landfall in southern Taiwan, thousands evacuated', lead: '', publishedAt: t, regions: ['asia'] });
    const b = store.articles.upsert({ source: 'Outlet B', url: 'https://b.example/1', headline: 'Typhoon Haikui makes landfall in southern Taiwan, thousands are evacuated by army', lead: '', publishedAt: t + 3_600_000, regions: ['asia'] });
    expect(b.storyId).toBe(a.id);

    const c = store.articles.upsert({ source: 'Outlet C', url: 'https://c.example/1', headline: 'Parliament approves budget for coastal flood defences', lead: '', publishedAt: t, regions: ['europe'] });
    store.articles.upsert({ source: 'Outlet C', url: 'https://c.example/1', headline: 'Senate rejects fuel price cap after weeks of talks', lead: '', publishedAt: t, regions: ['europe'] });
    const d = store.articles.upsert({ source: 'Outlet D', url: 'https://d.example/1', headline: 'Parliament approves budget for coastal flood defences in March', lead: '', publishedAt: t + 60_000, regions: ['europe'] });
    const e = store.articles.upsert({ source: 'Outlet D', url: 'https://d.example/2', headline: 'Senate rejects fuel price cap after weeks of tense talks', lead: '', publishedAt: t + 60_000, regions: ['europe'] });
    expect(d.storyId).toBe(d.id);
    expect(e.storyId).toBe(c.id);
  });

  it('when a feed comes again with its items unchanged, then nothing is written; an item whose lead changed is rewritten and found by its new words', () => {
    store = tempStore();
    const t = Date.parse('2026-11-28T06:00:00Z');
    const items = [1, 2, 3].map((i) => ({
      source: 'Wire', url: `https://wire.example/${i}`, guid: `w-${i}`, headline: ['Floods close schools in Lagos', 'Tokyo stocks end higher', 'Chile elects new senate'][i - 1] as string, lead: `Lead of story ${i}.`,
      body: `Body of story ${i}.`, publishedAt: t - i * 60_000, regions: ['world' as const],
    }));
    store.articles.upsertMany(items);
    const changes = () => (store.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const before = changes();
    expect(store.articles.upsertMany(items).map((o) => o.kind)).toEqual(['updated', 'updated', 'updated']);
    expect(changes()).toBe(before);

    store.articles.upsertMany(items.map((item, i) => (i === 1 ? { ...item, lead: 'Lead of story 2, now with a correction.' } : item)));
    expect(changes()).toBeGreaterThan(before);
    expect(store.articles.latest({ limit: 5 }).map((a) => a.lead)).toEqual(['Lead of story 1.', 'Lead of story 2, now with a correction.', 'Lead of story 3.']);
    const hits = store.db.prepare("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'correction'").all() as { rowid: number }[];
    expect(hits.map((h) => h.rowid)).toEqual([store.articles.latest({ limit: 5 })[1]?.id]);
  });

  it('when another process (newsbot ingest) or this one stores a newer story, then the next /latest list shows it', () => {
    store = tempStore();
    const t = Date.parse('2026-11-28T06:00:00Z');
    store.articles.upsert({ source: 'A', url: 'https://a.example/1', headline: 'Floods close schools in Lagos', lead: '', publishedAt: t, regions: ['africa'] });
    const heads = () => store.articles.latest({ regions: ['africa'], limit: 5 }).map((a) => a.headline);
    expect(heads()).toEqual(['Floods close schools in Lagos']);
    expect(heads()).toEqual(['Floods close schools in Lagos']);

    const other = openDatabase(store.file);
    try {
      createArticleStore(other, fixedClock(t)).upsert({ source: 'B', url: 'https://b.example/1', headline: 'Kenya opens new rail line to Uganda', lead: '', publishedAt: t + 60_000, regions: ['africa'] });
    } finally {
      other.close();
    }
    expect(heads()).toEqual(['Kenya opens new rail line to Uganda', 'Floods close schools in Lagos']);

    store.articles.upsert({ source: 'C', url: 'https://c.example/1', headline: 'Ghana central bank holds rates', lead: '', publishedAt: t + 120_000, regions: ['africa'] });
    expect(heads()).toEqual(['Ghana central bank holds rates', 'Kenya opens new rail line to Uganda', 'Floods close schools in Lagos']);
  });
});
