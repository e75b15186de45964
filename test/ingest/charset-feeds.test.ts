import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { type IngestOptions, ingestSources } from '../../src/ingest/ingest-sources.js';
import type { Article } from '../../src/store/articles.js';
import { useFeedStore } from '../helpers/feed-world.js';
import { CORRECT_TEXTS, doubleEncode } from './encoding/samples.js';
import { rss, type RssItemSpec } from './fixtures.js';

const options: IngestOptions = { limits: { timeoutMs: 15_000, maxBytes: 1_000_000, maxRedirects: 3 }, concurrency: 2, respectBackoff: false };

const world = useFeedStore();

const ingest = (...names: string[]) =>
  ingestSources(
    names.map((name) => ({ name, url: world.server.url(`/${name}`) })),
    world.deps(),
    options,
  );
const articlesOf = (source: string): Article[] =>
  world.store.articles.latest({ limit: 100, distinctStories: false }).filter((a) => a.source === source).sort((a, b) => (a.url ?? '').localeCompare(b.url ?? ''));
const warningOf = (source: string) => world.store.articles.sources.get(source)?.warning ?? null;
const items = (stories: readonly [string, string][], host: string): RssItemSpec[] =>
  stories.map(([title, description], i) => ({ title, description, link: `https://${host}/${i + 1}` }));

const PORTUGUESE: [string, string][] = [
  ['Notícias: governo anuncia ações para a saúde', 'O ministério da Saúde divulgou nesta terça-feira as novas ações.'],
  ['São Paulo terá metrô até o aeroporto', 'A obra, orçada em R$ 2 bilhões, começa em março.'],
  ['Câmara aprova reforma da educação', 'Votação terminou às 23h com apoio de três partidos.'],
];
const FRENCH: [string, string][] = [
  ['L’été sera chaud à Paris', 'Météo-France prévoit des températures élevées dès la fin du mois.'],
  ['Grève à la SNCF : trains supprimés', 'La direction évoque « une journée très perturbée » mercredi.'],
];
const RUSSIAN: [string, string][] = [
  ['Москва и Токио договорились о переговорах', 'Министры встретятся в декабре. Это первая встреча за пять лет.'],
  ['В Петербурге открылся новый мост через Неву', 'Движение по мосту запустят после проверки, сообщили в мэрии.'],
  ['Центробанк сохранил ключевую ставку', 'Решение совпало с ожиданиями аналитиков, опрошенных агентством.'],
];

const expectStories = (source: string, stories: readonly [string, string][]) =>
  expect(articlesOf(source).map((a) => [a.headline, a.lead])).toEqual(stories);

describe('feeds in a legacy charset that declare none', () => {
  it('when a Portuguese or French feed is windows-1252 and says nothing, then accents read right and the source is warned once', async () => {
    world.server.route('/pt', { body: iconv.encode(rss(items(PORTUGUESE, 'br.example')), 'windows-1252'), contentType: 'application/rss+xml' });
    world.server.route('/fr', { body: iconv.encode(rss(items(FRENCH, 'fr.example')), 'windows-1252'), contentType: 'text/xml' });

    const summary = await ingest('pt', 'fr');

    expect(summary.failed).toBe(0);
    expectStories('pt', PORTUGUESE);
    expectStories('fr', FRENCH);
    for (const source of ['pt', 'fr']) {
      expect(warningOf(source), source).toBe('no charset declared and the bytes are not UTF-8: read as windows-1252');
      expect(summary.results.find((r) => r.source === source)).toMatchObject({ kind: 'ingested', warning: warningOf(source) });
    }
  });

  it('when a Russian feed is windows-1251 or KOI8-R and says nothing, then letter frequencies pick the right one', async () => {
    world.server.route('/cp1251', { body: iconv.encode(rss(items(RUSSIAN, 'ru.example')), 'windows-1251'), contentType: 'application/rss+xml' });
    world.server.route('/koi8', { body: iconv.encode(rss(items(RUSSIAN, 'ru2.example')), 'koi8-r'), contentType: 'application/rss+xml' });
    // One short headline only: little text to go on.
    const short: [string, string][] = [['Новости дня', 'Главное за сутки']];
    world.server.route('/short', { body: iconv.encode(rss(items(short, 'ru3.example')), 'koi8-r'), contentType: 'application/rss+xml' });

    await ingest('cp1251', 'koi8', 'short');

    expectStories('cp1251', RUSSIAN);
    expectStories('koi8', RUSSIAN);
    expectStories('short', short);
    expect(warningOf('cp1251')).toMatch(/read as windows-1251$/);
    expect(warningOf('koi8')).toMatch(/read as koi8-r$/);
  });
});

describe('feeds whose bytes contradict their charset', () => {
  it('when a feed says UTF-8 in its header and declaration but carries Latin-1 bytes, then it is read as windows-1252 and the contradiction is noted', async () => {
    const xml = rss(items(PORTUGUESE, 'br.example'), { encoding: 'UTF-8' });
    world.server.route('/liar', { body: iconv.encode(xml, 'latin1'), contentType: 'application/rss+xml; charset=utf-8' });

    await ingest('liar');

    expectStories('liar', PORTUGUESE);
    expect(warningOf('liar')).toBe('declared UTF-8 but the bytes are not UTF-8: read as windows-1252');
  });

  it('when the header says UTF-8 but the XML declaration rightly says windows-1251, then the declaration wins and the header is noted', async () => {
    world.server.route('/header-lies', {
      body: iconv.encode(rss(items(RUSSIAN, 'ru.example'), { encoding: 'windows-1251' }), 'windows-1251'),
      contentType: 'application/rss+xml; charset=utf-8',
    });

    await ingest('header-lies');

    expectStories('header-lies', RUSSIAN);
    expect(warningOf('header-lies')).toBe('the Content-Type header says UTF-8 but the bytes are not UTF-8: read as windows-1251, as the XML declaration says');
  });

  it('when a UTF-8 feed has one item pasted in windows-1252, then the UTF-8 stays UTF-8 and only the stray bytes are read as windows-1252', async () => {
    const utf8 = Buffer.from(rss([...items(RUSSIAN, 'ru.example'), { title: 'PLACEHOLDER', link: 'https://fr.example/x' }]));
    const [head, tail] = utf8.toString('latin1').split('PLACEHOLDER') as [string, string];
    const body = Buffer.concat([Buffer.from(head, 'latin1'), iconv.encode('Café crème à Genève', 'windows-1252'), Buffer.from(tail, 'latin1')]);
    world.server.route('/mixed', { body, contentType: 'application/rss+xml; charset=utf-8' });

    await ingest('mixed');

    const headlines = articlesOf('mixed').map((a) => a.headline);
    expect(headlines).toEqual(expect.arrayContaining([...RUSSIAN.map(([h]) => h), 'Café crème à Genève']));
    expect(warningOf('mixed')).toBe('declared UTF-8 but the bytes are not UTF-8: read as UTF-8, 4 stray bytes as windows-1252');
  });

  it('when a feed declares ISO-8859-1 but its bytes are UTF-8, then it is read as UTF-8 instead of making every accent two characters', async () => {
    world.server.route('/utf8', { body: Buffer.from(rss(items(FRENCH, 'fr.example'), { encoding: 'ISO-8859-1' })), contentType: 'text/xml; charset=iso-8859-1' });

    await ingest('utf8');

    expectStories('utf8', FRENCH);
    expect(warningOf('utf8')).toBe('declared windows-1252 but the bytes are UTF-8: read as UTF-8');
  });
});

describe('double-encoded feeds', () => {
  it('when French, Russian and Japanese outlets serve text encoded twice, then readers get the real words and the source is warned', async () => {
    const japanese: [string, string][] = [['日本の首相が「改革」を発表', '東京で記者会見が開かれた。']];
    const twice = (stories: [string, string][]) => stories.map(([h, l]) => [doubleEncode(h, 'windows-1252'), doubleEncode(l, 'windows-1252')] as [string, string]);
    world.server.route('/fr', { body: rss(items(twice(FRENCH), 'fr.example')) });
    world.server.route('/ru', { body: rss(items(twice(RUSSIAN), 'ru.example')) });
    world.server.route('/ja', { body: rss(items(twice(japanese), 'ja.example')) });
    // Russian sites that read UTF-8 as windows-1251: "РЎРѕР±Р°РєР°".
    const viaCp1251 = RUSSIAN.map(([h, l]) => [doubleEncode(h, 'windows-1251'), doubleEncode(l, 'windows-1251')] as [string, string]);
    world.server.route('/ru1251', { body: rss(items(viaCp1251, 'ru2.example')) });

    await ingest('fr', 'ru', 'ja', 'ru1251');

    expectStories('fr', FRENCH);
    expectStories('ru', RUSSIAN);
    expectStories('ja', japanese);
    expectStories('ru1251', RUSSIAN);
    expect(warningOf('fr')).toBe('double-encoded UTF-8 repaired in 2 of 2 items');
    expect(warningOf('ru1251')).toBe('double-encoded UTF-8 repaired in 3 of 3 items');
  });

  it('when only some items of a feed are double-encoded, then only those change', async () => {
    const stories: [string, string][] = [FRENCH[0] as [string, string], [doubleEncode('Grève à la SNCF', 'windows-1252'), doubleEncode('Très perturbé.', 'latin1')]];
    world.server.route('/half', { body: rss(items(stories, 'fr.example')) });

    await ingest('half');

    expectStories('half', [FRENCH[0] as [string, string], ['Grève à la SNCF', 'Très perturbé.']]);
    expect(warningOf('half')).toBe('double-encoded UTF-8 repaired in 1 of 2 items');
  });
});

describe('correct feeds', () => {
  it('when a UTF-8 feed carries correct text in many scripts, then every headline and lead is stored exactly as sent and no warning is noted', async () => {
    const stories = Object.entries(CORRECT_TEXTS).map(([language, text]) => [text, `${language}: ${text}`] as [string, string]);
    const escaped = stories.map(([h, l]) => [h.replace(/&/g, '&amp;').replace(/</g, '&lt;'), l.replace(/&/g, '&amp;').replace(/</g, '&lt;')] as [string, string]);
    world.server.route('/world', { body: rss(items(escaped, 'world.example')) });

    await ingest('world');

    const stored = articlesOf('world');
    expect(stored).toHaveLength(stories.length);
    stored.forEach((a, i) => {
      const index = Number(a.url?.split('/').pop()) - 1;
      expect(Buffer.from(a.headline), `item ${i}`).toEqual(Buffer.from(stories[index]?.[0] ?? ''));
      expect(a.lead).toBe(stories[index]?.[1]);
    });
    expect(warningOf('world')).toBeNull();
  });
});

describe('characters that cannot be read', () => {
  it('when headlines and leads carry U+FFFD, control characters or leftover &nbsp;, then they are removed or decoded and counted per source', async () => {
    const stories: RssItemSpec[] = [
      { title: 'Not\uFFFDcias do dia', description: 'Texto com caracteres \uFFFD\uFFFD perdidos.', link: 'https://x.example/1' },
      { title: 'Bell\u0007 and\u0085next\u001b line', description: 'Lead\u0094 with C1.', link: 'https://x.example/2' },
      { title: 'Prices&amp;amp;amp;amp;amp;nbsp;rise', description: 'Up&amp;amp;nbsp;5%&amp;amp;amp;amp;amp;hellip;', link: 'https://x.example/3' },
      { title: 'A clean headline', description: 'A clean lead.', link: 'https://x.example/4' },
    ];
    // XML 1.0 forbids most C0 controls; feeds carry them anyway as raw bytes.
    world.server.route('/junk', { body: rss(stories) });

    const summary = await ingest('junk');

    expect(summary.failed).toBe(0);
    const stored = articlesOf('junk');
    for (const a of stored) {
      for (const field of [a.headline, a.lead]) {
        expect(field).not.toMatch(/[\uFFFD\u0000-\u0008\u000B-\u001F\u007F-\u009F]|&[a-z]+;/);
      }
    }
    expect(stored.map((a) => a.headline)).toEqual(['Notcias do dia', 'Bell and next line', 'Prices rise', 'A clean headline']);
    expect(stored.map((a) => a.lead)).toEqual(['Texto com caracteres perdidos.', 'Lead with C1.', 'Up 5%…', 'A clean lead.']);
    expect(warningOf('junk')).toBe(
      'unreadable characters (U+FFFD) removed in 1 of 4 items; control characters removed in 1 of 4 items; leftover entities (&nbsp; ...) decoded in 1 of 4 items',
    );
  });
});

describe('the warning follows the feed', () => {
  it('when a feed is fixed, then its warning goes; when it answers 304, then the last one stays', async () => {
    const broken = iconv.encode(rss(items(PORTUGUESE, 'br.example')), 'windows-1252');
    world.server.route('/feed', { body: broken, contentType: 'application/rss+xml', etag: '"v1"' });
    await ingest('feed');
    expect(warningOf('feed')).toMatch(/read as windows-1252/);

    await ingest('feed');
    expect(world.server.requestsTo('/feed').at(-1)?.headers['if-none-match']).toBe('"v1"');
    expect(warningOf('feed')).toMatch(/read as windows-1252/);

    world.server.route('/feed', { body: rss(items(PORTUGUESE, 'br.example')), etag: '"v2"' });
    await ingest('feed');
    expect(warningOf('feed')).toBeNull();
    expectStories('feed', PORTUGUESE);
  });
});
