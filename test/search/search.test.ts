import { cpSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRule } from '../../src/follows/rule.js';
import { mutedBy } from '../../src/follows/mutes.js';
import { createSearch, highlights } from '../../src/search/search.js';
import { createArticleStore } from '../../src/store/articles.js';
import { headlineKey } from '../../src/store/headline-key.js';
import { openDatabase } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import type { ArticleInput } from '../../src/store/articles.js';
import { tempStore } from '../helpers/temp-db.js';

const HOUR = 3_600_000;
let store: ReturnType<typeof tempStore>;
afterEach(() => store?.close());

let n = 0;
function add(headline: string, hoursAgo: number, extra: Partial<ArticleInput> = {}) {
  n++;
  return store.articles.upsert({
    source: 'Wire',
    url: `https://news.example/${n}`,
    headline,
    lead: `Lead ${n}.`,
    publishedAt: store.clock.now() - hoursAgo * HOUR,
    regions: ['world'],
    ...extra,
  });
}

function headlines(query: string, page: { offset?: number; limit: number; leaveOut?: (story: { headline: string; lead: string }) => boolean } = { limit: 10 }) {
  const outcome = createSearch(store.db, store.clock).search(query, page);
  return outcome.kind === 'results' ? outcome.hits.map((h) => h.headline) : outcome.kind;
}

describe('search over the article store', () => {
  it('when a word is in a headline of one story and the lead of another, then the headline match ranks first', () => {
    store = tempStore();
    add('Rates unchanged in Oslo', 2, { lead: 'Taiwan was mentioned in passing by the bank.' });
    add('Taiwan holds drills', 2, { lead: 'Jets flew near the island.' });
    add('Unrelated market news', 1);
    expect(headlines('taiwan')).toEqual(['Taiwan holds drills', 'Rates unchanged in Oslo']);
  });

  it('when two stories match as well, then the fresher comes first; a much older exact headline still ranks below a fresh one', () => {
    store = tempStore();
    add('Taiwan election results', 24 * 20);
    add('Taiwan election results announced', 3);
    expect(headlines('Taiwan election')[0]).toBe('Taiwan election results announced');
  });

  it('when the words are written in another form, quoted, prefixed or left out, then search reads them as follows do', () => {
    store = tempStore();
    add('EU adopts new sanctions on oil', 1);
    add('Firms sanctioned over exports', 2);
    add('Bank of Japan raises rates', 3);
    add('Japan bank merger approved', 4);
    add('Учения у берегов Тайваня', 5);
    expect(headlines('sanction')).toEqual(['EU adopts new sanctions on oil']);
    expect([...headlines('sanction*')].sort()).toEqual(['EU adopts new sanctions on oil', 'Firms sanctioned over exports']);
    expect(headlines('sanction* -oil')).toEqual(['Firms sanctioned over exports']);
    expect(headlines('"Bank of Japan"')).toEqual(['Bank of Japan raises rates']);
    expect(headlines('Тайвань')).toEqual(['Учения у берегов Тайваня']);
  });

  it('when the words are only in the body, then the story is found and its body is kept to show them', () => {
    store = tempStore();
    add('Quiet day on markets', 1, { body: 'Analysts said the Bank of Japan would wait.' });
    const outcome = createSearch(store.db, store.clock).search('"bank of japan"', { limit: 5 });
    expect(outcome.kind).toBe('results');
    if (outcome.kind !== 'results') return;
    expect(outcome.hits[0]?.body).toContain('Bank of Japan');
    const body = outcome.hits[0]?.body ?? '';
    expect(highlights(outcome.rule, body).map(([a, b]) => body.slice(a, b))).toEqual(['Bank', 'of', 'Japan']);
  });

  it('when copies of one story from several outlets match, then it is found once', () => {
    store = tempStore();
    add('Strong earthquake hits northern Japan coast', 2, { source: 'Wire A' });
    add('Strong earthquake hits northern Japan coast', 1, { source: 'Wire B', url: 'https://b.example/quake' });
    expect(headlines('earthquake')).toHaveLength(1);
  });

  it('when results are paged, then pages follow each other without repeats and the total is given', () => {
    store = tempStore();
    const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima'];
    words.forEach((w, i) => add(`Taiwan ${w} report`, i + 1));
    const search = createSearch(store.db, store.clock);
    const seen: string[] = [];
    for (let offset = 0; offset < 12; offset += 5) {
      const outcome = search.search('taiwan', { offset, limit: 5 });
      if (outcome.kind !== 'results') throw new Error(outcome.kind);
      expect(outcome.total).toBe(12);
      seen.push(...outcome.hits.map((h) => h.headline));
    }
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
  });

  it('when a query is empty, only common words, or finds nothing, then the outcome says which', () => {
    store = tempStore();
    add('Taiwan holds drills', 1);
    expect(headlines('  ')).toBe('empty');
    expect(headlines('the of')).toBe('too-common');
    expect(headlines('Zanzibar')).toBe('none');
    expect(headlines('-taiwan')).toBe('invalid');
  });

  it('when a reader muted a word, then the stories that name it are left out, counted out of the total and the pages', () => {
    store = tempStore();
    add('Taiwan football final tonight', 1);
    add('Taiwan holds drills', 2, { lead: 'Jets flew near the island.' });
    add('Taiwan chip exports hit record', 3, { lead: 'Football clubs were not involved.' });
    add('Taiwan chip exports, another view', 4, { source: 'Wire B', url: 'https://b.example/chips' });
    const rule = parseRule('football');
    if (rule.kind !== 'ok') throw new Error(rule.kind);
    const leaveOut = mutedBy([rule.rule]);
    expect(headlines('taiwan', { limit: 10, ...(leaveOut ? { leaveOut } : {}) })).toEqual(['Taiwan holds drills', 'Taiwan chip exports, another view']);
    const outcome = createSearch(store.db, store.clock).search('taiwan', { limit: 1, ...(leaveOut ? { leaveOut } : {}) });
    expect(outcome.kind === 'results' && outcome.total).toBe(2);
    expect(headlines('football', { limit: 10, ...(leaveOut ? { leaveOut } : {}) })).toBe('none');
  });

  it('when a word is written with ё or with е, then either spelling finds both', () => {
    store = tempStore();
    add('Семёнов подписал соглашение', 1, { lead: 'Ещё одно соглашение.' });
    add('Семенов выступил в Думе', 2, { lead: 'Еще одно выступление.' });
    add('ЁЛОЧНЫЙ БАЗАР ОТКРЫЛСЯ', 3);
    const both = ['Семёнов подписал соглашение', 'Семенов выступил в Думе'];
    expect(headlines('Семенов')).toEqual(both);
    expect(headlines('Семёнов')).toEqual(both);
    expect(headlines('семён*')).toEqual(both);
    expect([...headlines('ещё')].sort()).toEqual([...both].sort());
    expect([...headlines('еще')].sort()).toEqual([...both].sort());
    expect(headlines('елочный')).toEqual(['ЁЛОЧНЫЙ БАЗАР ОТКРЫЛСЯ']);
  });

  it('when a store from before ё was folded is migrated, then its stories with ё are found by either spelling, and edits and deletes keep the index right', () => {
    store = tempStore();
    // The store as the release before the fold left it (its migrations), its articles as that
    // release wrote them: the first trigger indexed their text unfolded.
    const db = storeBefore(22);
    const at = store.clock.now();
    writeAsBefore(db, { url: 'https://news.example/sem', headline: 'Семёнов подписал соглашение', lead: 'Ещё одно.', publishedAt: at - HOUR });
    writeAsBefore(db, { url: 'https://news.example/tree', headline: 'Ёлочный базар открылся', lead: '', publishedAt: at - 2 * HOUR });
    migrate(db, path.resolve('migrations'));
    const articles = createArticleStore(db, store.clock);
    const search = createSearch(db, store.clock);
    const found = (q: string) => {
      const o = search.search(q, { limit: 10 });
      return o.kind === 'results' ? o.hits.map((h) => h.headline) : o.kind;
    };
    expect(found('Семенов')).toEqual(['Семёнов подписал соглашение']);
    expect(found('елочный')).toEqual(['Ёлочный базар открылся']);
    articles.upsert({ source: 'Wire', url: 'https://news.example/sem', headline: 'Семёнов отложил соглашение', lead: 'Ещё одно.', publishedAt: at - HOUR, regions: ['europe'] });
    expect(found('отложил')).toEqual(['Семёнов отложил соглашение']);
    expect(found('подписал')).toBe('none');
    db.prepare('DELETE FROM articles').run();
    expect(found('Семёнов')).toBe('none');
    expect(db.prepare("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 0)").run()).toBeDefined();
    db.close();
  });

  it('when a store from before the article store indexed new text itself is migrated, then old and new stories are found once each, and edits and deletes keep the index right', () => {
    store = tempStore();
    const db = storeBefore(24);
    const at = store.clock.now();
    writeAsBefore(db, { url: 'https://news.example/old', headline: 'Harbour strike enters third week', lead: 'Dockers in Gdańsk walked out.', publishedAt: at - 3 * HOUR, body: 'The union said the Westerplatte terminal stays shut.' });
    migrate(db, path.resolve('migrations'));
    const articles = createArticleStore(db, store.clock);
    articles.upsert({ source: 'Wire', url: 'https://news.example/new', headline: 'Harbour strike ends with a deal', lead: 'Dockers return on Monday.', body: 'Westerplatte terminal reopens.', publishedAt: at - HOUR, regions: ['europe'] });
    const search = createSearch(db, store.clock);
    const found = (q: string) => {
      const o = search.search(q, { limit: 10 });
      return o.kind === 'results' ? o.hits.map((h) => h.headline) : o.kind;
    };
    expect(found('harbour strike')).toEqual(['Harbour strike ends with a deal', 'Harbour strike enters third week']);
    expect(found('dockers')).toEqual(['Harbour strike ends with a deal', 'Harbour strike enters third week']);
    expect(found('westerplatte terminal')).toEqual(['Harbour strike ends with a deal', 'Harbour strike enters third week']);
    expect(found('"third week"')).toEqual(['Harbour strike enters third week']);
    articles.upsert({ source: 'Wire', url: 'https://news.example/old', headline: 'Harbour strike enters fourth week', lead: 'Dockers in Gdańsk stay out.', publishedAt: at - 3 * HOUR, regions: ['europe'] });
    expect(found('third')).toBe('none');
    expect(found('fourth')).toEqual(['Harbour strike enters fourth week']);
    db.prepare('DELETE FROM articles WHERE url = ?').run('https://news.example/new');
    expect(found('deal')).toBe('none');
    expect(found('dockers')).toEqual(['Harbour strike enters fourth week']);
    // Against the articles' text too (rank 1): an article indexed twice, or not at all, fails it.
    expect(db.prepare("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)").run()).toBeDefined();
    db.close();
  });
});

/** A database in the test's temp dir with only the migrations numbered below `version` applied. */
function storeBefore(version: number) {
  const before = path.join(store.dir, `migrations-before-${version}`);
  cpSync(path.resolve('migrations'), before, { recursive: true, filter: (f) => !(Number.parseInt(path.basename(f), 10) >= version) });
  return openDatabase(path.join(store.dir, `before-${version}.sqlite`), { migrationsDir: before });
}

/** An article of the source Wire written as releases before 0024 wrote one: its row alone (a trigger indexed its text). */
function writeAsBefore(db: ReturnType<typeof openDatabase>, a: { url: string; headline: string; lead: string; body?: string; publishedAt: number }) {
  db.prepare("INSERT OR IGNORE INTO sources (name) VALUES ('Wire')").run();
  db.prepare(
    `INSERT INTO articles (source_id, url, headline, lead, body, published_at, fetched_at, regions, headline_key)
     VALUES ((SELECT id FROM sources WHERE name = 'Wire'), ?, ?, ?, ?, ?, ?, 'europe', ?)`,
  ).run(a.url, a.headline, a.lead, a.body ?? '', a.publishedAt, a.publishedAt, headlineKey(a.headline));
}
