import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type IngestOptions, ingestSources, type SourceResult } from '../../src/ingest/ingest-sources.js';
import type { IngestSource } from '../../src/ingest/sources-file.js';
import { silentLogger } from '../../src/log.js';
import type { Article } from '../../src/store/articles.js';
import { type NewsSite, startNewsSite } from '../helpers/news-site.js';
import { tempStore } from '../helpers/temp-db.js';

const NOW = '2026-11-28T08:00:00Z';
const options = (over: Partial<IngestOptions['pages']> = {}): IngestOptions => ({
  limits: { timeoutMs: 15_000, maxBytes: 1_000_000, maxRedirects: 3 },
  concurrency: 4,
  respectBackoff: false,
  pages: { delayMs: 0, maxArticles: 30, ...over },
});

let store: ReturnType<typeof tempStore>;
const sites: NewsSite[] = [];

beforeEach(() => {
  store = tempStore(NOW);
});
afterEach(async () => {
  await Promise.all(sites.splice(0).map((s) => s.close()));
  store.close();
});

async function site(name: string | null, routes: Parameters<typeof startNewsSite>[1] = {}): Promise<NewsSite> {
  const s = await startNewsSite(name, routes);
  sites.push(s);
  return s;
}

const deps = () => ({ articles: store.articles, log: silentLogger, clock: store.clock });
const all = (): Article[] => store.articles.latest({ limit: 1000, distinctStories: false });
const ofSource = (name: string) => all().filter((a) => a.source === name);
const paths = (s: NewsSite) => s.requests.map((r) => r.path);
type Ingested = Extract<SourceResult, { kind: 'ingested' }>;
function ingested(result: SourceResult | undefined): Ingested {
  expect(result?.kind, JSON.stringify(result)).toBe('ingested');
  return result as Ingested;
}

describe('page sources', () => {
  it('when a section page like the seed (a Sputnik Asia page) is a source, then its stories land with headline, lead, dateline, the page time, the source name and region, and tags, navigation, the newsfeed column and "Load more" are never fetched', async () => {
    const sputnik = await site('sputnik');
    const source: IngestSource = { name: 'Sputnik Asia', url: sputnik.url('/asia/'), region: 'asia', type: 'page' };

    const summary = await ingestSources([source], deps(), options());

    const result = ingested(summary.results[0]);
    expect(result).toMatchObject({ as: 'page', items: 3, inserted: 3 });
    expect(result.page).toMatchObject({ found: 3, new: 3, taken: 3, stored: 3, failed: 0, skipped: 0, notice: null });
    const articles = ofSource('Sputnik Asia');
    expect(articles.map((a) => a.headline).sort()).toEqual([
      'India and Pakistan Agree to Resume Border Talks After Months of Tension',
      'Japan Prepares to Discuss Kuril Islands Economic Projects With Russia in 2017',
      "Russian Foreign Ministry Sees Putin's Visit to Japan as 'Breakthrough'",
    ]);
    const putin = articles.find((a) => a.headline.startsWith('Russian Foreign Ministry'));
    expect(putin?.lead).toMatch(/^A visit of Russian President Vladimir Putin to Japan in mid-December can be called a breakthrough/);
    expect(putin?.body).toMatch(/During Putin's visit, Russia and Japan agreed/);
    expect(putin?.body).not.toMatch(/© AP Photo|Subscribe|Заголовок|log in or register/);
    expect(putin?.dateline).toBe('MOSCOW');
    // The page's time: its meta is unreadable ("20161222T1720+0000"), its date line is not.
    expect(new Date(putin?.publishedAt ?? 0).toISOString()).toBe('2016-12-22T17:20:00.000Z');
    expect(putin?.url).toBe(sputnik.url('/20161222/russia-japan-putin-visit-breakthrough-1048856421.html'));
    expect(putin?.regions[0]).toBe('asia');
    const india = articles.find((a) => a.headline.startsWith('India and Pakistan'));
    expect(india).toMatchObject({ dateline: 'NEW DELHI', url: sputnik.url('/20161221/india-pakistan-border-talks-1048840001.html') });
    expect(new Date(india?.publishedAt ?? 0).toISOString()).toBe('2016-12-21T14:20:00.000Z');

    const seen = paths(sputnik);
    expect(seen[0]).toBe('/robots.txt');
    expect(seen.filter((p) => p === '/robots.txt')).toHaveLength(1);
    expect(seen.filter((p) => /tags|page=|auth|eu-sanctions|aleppo|newsfeed|export|docs/.test(p))).toEqual([]);
    for (const r of sputnik.requests) expect(r.headers['user-agent']).toMatch(/^newsbot\/\S+ \(.*\+https?:\/\//);

    // The next pass reads the page again but fetches no article twice.
    const before = sputnik.requests.length;
    const again = ingested((await ingestSources([source], deps(), options())).results[0]);
    expect(again.page).toMatchObject({ found: 3, new: 0, taken: 0, stored: 0 });
    expect(paths(sputnik).slice(before)).toEqual(['/robots.txt', '/asia/']);
  });

  it('when a WordPress category page is a source, then the posts land, and the widget list, pagination, author, tag, category and comment links are not taken', async () => {
    const wp = await site('wordpress');
    const source: IngestSource = { name: 'Mekong Ledger Asia', url: wp.url('/category/asia/'), type: 'page' };

    const result = ingested((await ingestSources([source], deps(), options())).results[0]);

    expect(result.page).toMatchObject({ found: 3, taken: 3, stored: 3, byMethod: { article: 3 } });
    const articles = ofSource('Mekong Ledger Asia');
    expect(articles.map((a) => a.headline).sort()).toEqual([
      'Cambodia opens Funan Techo canal construction site to visitors',
      'Typhoon Man-yi batters northern Philippines',
      'Vietnam central bank holds rates as dong weakens',
    ]);
    const typhoon = articles.find((a) => a.headline.startsWith('Typhoon'));
    expect(typhoon).toMatchObject({ dateline: 'MANILA', url: wp.url('/2024/11/27/typhoon-man-yi-batters-northern-philippines/') });
    expect(new Date(typhoon?.publishedAt ?? 0).toISOString()).toBe('2024-11-27T01:00:00.000Z');
    expect(typhoon?.regions[0]).toBe('asia');
    expect(paths(wp).filter((p) => /page\/2|author|tag\/|eu-ministers|#respond|feed|about/.test(p))).toEqual([]);
  });

  it('when a site draws its section with scripts but lists its stories in JSON-LD, then the ItemList links are followed and the JSON-LD article bodies land', async () => {
    const nikkei = await site('jsonld');
    const source: IngestSource = { name: 'Nikkei Asia Economy', url: nikkei.url('/economy/'), region: 'Asia', type: 'page' };
    nikkei.route('/economy/', { body: nikkei.file('/economy/'), contentType: 'text/html' });

    const result = ingested((await ingestSources([source], deps(), options())).results[0]);

    expect(result.page).toMatchObject({ found: 3, stored: 3, byMethod: { 'json-ld': 3 }, notice: null });
    const vietnam = ofSource('Nikkei Asia Economy').find((a) => a.headline.startsWith('Vietnam'));
    expect(vietnam).toMatchObject({ headline: "Vietnam's exports jump 14% as chip orders surge", dateline: 'HANOI' });
    expect(vietnam?.body).toMatch(/Shipments to the U\.S\. climbed 21%/);
    expect(new Date(vietnam?.publishedAt ?? 0).toISOString()).toBe('2026-11-27T02:30:00.000Z');
  });

  it('when a section page is full of navigation, tag, author, video, gallery, topic, newsletter, login and pagination links, then only the stories are fetched; an article that 403s and one robots.txt disallows are counted, not fatal', async () => {
    const portal = await site('portal', {
      '/world/asia/thai-court-rules-prime-minister-can-stay-in-office-557201': { kind: 'status', status: 403, body: 'Forbidden' },
    });
    const source: IngestSource = { name: 'Pacific Courier Asia', url: portal.url('/world/asia/'), region: 'asia', type: 'page' };

    const summary = await ingestSources([source], deps(), options());

    expect(summary.failed).toBe(0);
    const result = ingested(summary.results[0]);
    expect(result.page).toMatchObject({ found: 5, new: 5, taken: 5, stored: 3, failed: 2, skipped: 0 });
    expect(result.page?.problems).toEqual([
      { url: portal.url('/world/asia/thai-court-rules-prime-minister-can-stay-in-office-557201'), reason: expect.stringMatching(/^HTTP 403 Forbidden/) },
      { url: portal.url('/world/asia/private/leaked-memo-shows-talks-with-pyongyang-stalled-881234'), reason: expect.stringMatching(/robots\.txt .*disallows \/world\/asia\/private\/leaked-memo/) },
    ]);
    expect(ofSource('Pacific Courier Asia').map((a) => a.headline).sort()).toEqual([
      'China lifts ban on Japanese seafood imports after two years',
      'Indian farmers resume protest march to Delhi',
      'South Korea opposition moves to impeach defence minister',
    ]);
    const seen = paths(portal);
    expect(seen.filter((p) => /private|video|gallery|topics|newsletters|login|subscribe|author|people|tag\/|page|europe|about|contact|feeds|live/.test(p))).toEqual([]);

    // The refused article is not asked for again in the next pass.
    const before = portal.requests.length;
    const again = ingested((await ingestSources([source], deps(), options())).results[0]);
    expect(again.page).toMatchObject({ found: 5, new: 0, taken: 0 });
    expect(paths(portal).slice(before)).toEqual(['/robots.txt', '/world/asia/']);
  });

  it('when robots.txt disallows the section page for newsbot, then the source fails with that reason and the page is never requested', async () => {
    const portal = await site('portal');
    const source: IngestSource = { name: 'Members Asia', url: portal.url('/members/asia/'), type: 'page' };

    const summary = await ingestSources([source], deps(), options());

    expect(summary.results[0]).toMatchObject({ kind: 'failed', error: expect.stringMatching(/robots\.txt of 127\.0\.0\.1:\d+ disallows \/members\/asia\/ for newsbot/) });
    expect(paths(portal)).toEqual(['/robots.txt']);
  });

  it('when two page sources share a slow host, then its pages are requested one at a time, in order, though four sources are fetched at once', async () => {
    const slow = (path: string) => ({ kind: 'slow' as const, delayMs: 40, body: '', contentType: 'text/html; charset=utf-8', path });
    const portal = await site('portal');
    const articlePaths = [
      '/world/asia/china-lifts-ban-on-japanese-seafood-imports-after-two-years',
      '/world/asia/2026/11/27/south-korea-opposition-moves-to-impeach-defence-minister',
      '/world/asia/indian-farmers-resume-protest-march-to-delhi-123456',
      '/world/asia/thai-court-rules-prime-minister-can-stay-in-office-557201',
      '/world/europe/german-coalition-agrees-budget-after-all-night-talks-554433',
      '/world/europe/storm-cuts-power-across-the-baltic-coast-554420',
    ];
    for (const p of articlePaths) {
      const { path, ...route } = slow(p);
      portal.route(path, { ...route, body: p.includes('thai-court') ? portal.file('/world/asia/indian-farmers-resume-protest-march-to-delhi-123456').replaceAll('Indian farmers resume protest march to Delhi', 'Thai court rules prime minister can stay in office') : portal.file(p) });
    }
    const sources: IngestSource[] = [
      { name: 'Courier Asia', url: portal.url('/world/asia/'), type: 'page' },
      { name: 'Courier Europe', url: portal.url('/world/europe/'), type: 'page' },
    ];

    const summary = await ingestSources(sources, deps(), options());

    expect(summary.results.map((r) => (r.kind === 'ingested' ? r.page?.stored : r.kind))).toEqual([4, 2]);
    expect(portal.mostConcurrent()).toBe(1);
    expect(portal.mostInFlight()).toBe(1);
    // robots.txt once, before anything else on the host; each section page before its articles.
    const seen = paths(portal);
    expect(seen[0]).toBe('/robots.txt');
    expect(seen.filter((p) => p === '/robots.txt')).toHaveLength(1);
    expect(seen.indexOf('/world/asia/')).toBeLessThan(Math.min(...articlePaths.slice(0, 4).map((p) => seen.indexOf(p))));
    expect(seen.indexOf('/world/europe/')).toBeLessThan(Math.min(...articlePaths.slice(4).map((p) => seen.indexOf(p))));
  });

  it('when a page lists more new stories than PAGE_MAX_ARTICLES, then the first ones are taken and the rest come with the next pass, even though the page answers 304', async () => {
    const portal = await site('portal');
    portal.route('/world/asia/', { body: portal.file('/world/asia/'), contentType: 'text/html', etag: '"asia-1"' });
    const source: IngestSource = { name: 'Courier Asia', url: portal.url('/world/asia/'), type: 'page' };

    const first = ingested((await ingestSources([source], deps(), options({ maxArticles: 2 }))).results[0]);
    expect(first.page).toMatchObject({ found: 5, new: 5, taken: 2 });
    expect(ofSource('Courier Asia').map((a) => a.headline).sort()).toEqual([
      'China lifts ban on Japanese seafood imports after two years',
      'South Korea opposition moves to impeach defence minister',
    ]);
    // Links were left for later: the page must be read in full again, not answered 304.
    expect(store.articles.sources.get('Courier Asia')?.etag).toBeNull();

    const second = ingested((await ingestSources([source], deps(), options({ maxArticles: 2 }))).results[0]);
    expect(second.page).toMatchObject({ found: 5, new: 3, taken: 2 });
    const third = ingested((await ingestSources([source], deps(), options({ maxArticles: 2 }))).results[0]);
    expect(third.page).toMatchObject({ new: 1, taken: 1 });
    expect(store.articles.sources.get('Courier Asia')?.etag).toBe('"asia-1"');

    const fourth = (await ingestSources([source], deps(), options({ maxArticles: 2 }))).results[0];
    expect(fourth).toMatchObject({ kind: 'not-modified', as: 'page' });
    expect(portal.requestsTo('/world/asia/').at(-1)?.headers['if-none-match']).toBe('"asia-1"');
  });

  it('when a page is drawn by JavaScript, then the pass stores nothing, fails nothing, and says the page may need JavaScript', async () => {
    const app = await site('jsapp');
    const source: IngestSource = { name: 'Metro Daily', url: app.url('/news/'), type: 'page' };

    const summary = await ingestSources([source], deps(), options());

    expect(summary.failed).toBe(0);
    expect(ingested(summary.results[0]).page).toMatchObject({ found: 0, stored: 0, notice: 'no article links found; the page may need JavaScript' });
    expect(store.articles.pages.state(store.articles.sources.get('Metro Daily')?.id ?? -1)).toMatchObject({ kind: 'page', notice: 'no article links found; the page may need JavaScript' });
  });

  it('when a page source has an articleSelector or a linkPattern, then they pick the links instead of the heuristics', async () => {
    const portal = await site('portal');
    const bySelector: IngestSource = { name: 'Lead only', url: portal.url('/world/asia/'), type: 'page', articleSelector: '.story--lead' };
    const byPattern: IngestSource = { name: 'Numbered', url: portal.url('/world/europe/'), type: 'page', linkPattern: '-55443\\d$' };

    const summary = await ingestSources([bySelector, byPattern], deps(), { ...options(), concurrency: 1 });

    expect(ingested(summary.results[0]).page).toMatchObject({ found: 1, byMethod: { selector: 1 } });
    expect(ofSource('Lead only').map((a) => a.headline)).toEqual(['China lifts ban on Japanese seafood imports after two years']);
    expect(ingested(summary.results[1]).page).toMatchObject({ found: 1, byMethod: { pattern: 1 } });
    expect(ofSource('Numbered').map((a) => a.headline)).toEqual(['German coalition agrees budget after all-night talks']);
  });

  it('when article pages are in windows-1251, declared or not, then the Russian text is read right and the source says the charset was not declared', async () => {
    const ru = await site(null);
    const article = (headline: string, declare: boolean) =>
      iconv.encode(
        `<html><head>${declare ? '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">' : ''}<title>${headline}</title>` +
          `<meta property="og:title" content="${headline}"></head><body><article><h1>${headline}</h1>` +
          '<p>ВЛАДИВОСТОК, 27 ноября — РИА Новости. Паромное сообщение между Владивостоком и японским портом Сакаиминато возобновится весной, сообщили в администрации Приморского края.</p>' +
          '<p>Первый рейс запланирован на апрель, билеты поступят в продажу в феврале.</p></article></body></html>',
        'windows-1251',
      );
    ru.route('/primorye/', {
      contentType: 'text/html; charset=utf-8',
      body: '<html><body><main><article><h2><a href="/primorye/20261127/parom-vladivostok-sakaiminato-1990001234.html">Паром из Владивостока в Японию вернется весной</a></h2></article>' +
        '<article><h2><a href="/primorye/20261127/bilety-na-parom-v-fevrale-1990001235.html">Билеты на паром в Японию поступят в продажу в феврале</a></h2></article></main></body></html>',
    });
    ru.route('/primorye/20261127/parom-vladivostok-sakaiminato-1990001234.html', { body: article('Паром из Владивостока в Японию вернется весной', true), contentType: 'text/html' });
    ru.route('/primorye/20261127/bilety-na-parom-v-fevrale-1990001235.html', { body: article('Билеты на паром в Японию поступят в продажу в феврале', false), contentType: 'text/html' });

    const result = ingested((await ingestSources([{ name: 'Приморье', url: ru.url('/primorye/'), type: 'page' }], deps(), options())).results[0]);

    expect(result.page).toMatchObject({ found: 2, stored: 2 });
    expect(ofSource('Приморье').map((a) => a.headline).sort()).toEqual(['Билеты на паром в Японию поступят в продажу в феврале', 'Паром из Владивостока в Японию вернется весной']);
    expect(ofSource('Приморье').every((a) => a.lead.startsWith('Паромное сообщение между Владивостоком') && a.dateline === 'ВЛАДИВОСТОК')).toBe(true);
    expect(result.warning).toBe('article pages: no charset declared and the bytes are not UTF-8: read as windows-1251');
    expect(store.articles.sources.get('Приморье')?.warning).toBe(result.warning);
  });
});
