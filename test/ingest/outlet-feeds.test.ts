import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSources } from '../../src/ingest/ingest-sources.js';
import { silentLogger } from '../../src/log.js';
import type { Article } from '../../src/store/articles.js';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.js';
import { tempStore } from '../helpers/temp-db.js';

/**
 * Feeds in the shapes real outlets serve (test/ingest/fixtures/outlets), fetched over HTTP and
 * stored as `newsbot ingest` does; each test asserts what a digest reader would see.
 */
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'outlets');
const CONTENT_TYPES: Record<string, string> = {
  xml: 'application/rss+xml; charset=utf-8',
  rdf: 'application/rdf+xml',
  json: 'application/feed+json',
};

let server: FeedServer;
let store: ReturnType<typeof tempStore>;
let articles: Article[];

beforeAll(async () => {
  server = await startFeedServer();
  store = tempStore('2026-11-28T08:00:00Z');
  const files = readdirSync(dir);
  for (const file of files) {
    // The windows-1251 feed names its charset only in the XML declaration, as such servers do.
    const contentType = file === 'cp1251.xml' ? 'text/xml' : (CONTENT_TYPES[file.split('.').at(-1) ?? ''] ?? 'text/xml');
    server.route(`/${file}`, { body: readFileSync(path.join(dir, file)), contentType });
  }
  const summary = await ingestSources(
    files.map((file) => ({ name: file, url: server.url(`/${file}`), region: null })),
    { articles: store.articles, log: silentLogger, clock: store.clock },
    { limits: { timeoutMs: 15_000, maxBytes: 1_000_000, maxRedirects: 3 }, concurrency: 2, respectBackoff: false },
  );
  expect(summary.results.filter((r) => r.kind !== 'ingested')).toEqual([]);
  articles = store.articles.latest({ limit: 1000, distinctStories: false });
});
afterAll(async () => {
  await server.close();
  store.close();
});

const from = (source: string) => articles.filter((a) => a.source === source);
const find = (source: string, start: string): Article => {
  const found = from(source).find((a) => a.headline.startsWith(start));
  if (!found) throw new Error(`no article from ${source} starting "${start}": ${from(source).map((a) => a.headline).join(' | ')}`);
  return found;
};
const iso = (a: Article) => new Date(a.publishedAt).toISOString();

describe('feeds as outlets serve them', () => {
  it('when every outlet feed is ingested, then no headline or lead shows markup, entity names or read-more scraps', () => {
    expect(articles.length).toBeGreaterThanOrEqual(20);
    for (const a of articles) {
      for (const text of [a.headline, a.lead]) {
        expect(text, a.headline).not.toMatch(/<\/?[a-z][^>]*>|&[#a-z0-9]+;|read more|continue reading|appeared first on|\[…\]/i);
      }
      expect(a.lead.length, a.headline).toBeLessThanOrEqual(301);
      expect(a.url, a.headline).toMatch(/^https:\/\/[^/]*[a-z]\//);
      expect(a.url ?? '', a.headline).not.toMatch(/utm_|at_medium|traffic_source|taid=|wt_mc=|fbclid|[?&]ref=|#/);
    }
  });

  it('when BBC links carry at_medium/at_campaign and media:thumbnail, then the URL is clean and the lead is the description', () => {
    const kenya = find('bbc.xml', 'Kenya floods');
    expect(kenya.url).toBe('https://www.bbc.com/news/articles/c9wx2k4ldl1o');
    expect(kenya.lead).toBe('Aid agencies say more than 20,000 people have been displaced in the east of the country.');
    expect(kenya.regions[0]).toBe('africa');
    expect(iso(find('bbc.xml', 'Watch: Moment volcano'))).toBe('2026-11-28T05:10:44.000Z');
  });

  it('when a Guardian description opens with a standfirst and a newsletter link, then the lead is the standfirst and the section category gives the region', () => {
    const lula = find('guardian.xml', 'Brazil’s Lula');
    expect(lula.lead).toBe('President tells summit in Belém that illegal logging will be “hunted down” as satellite data shows 18% drop');
    expect(lula.regions[0]).toBe('americas');
  });

  it('when Al Jazeera adds ?traffic_source=rss and writes &#8217; in a CDATA title, then both come out clean', () => {
    const sudan = find('aljazeera.xml', 'Why is Sudan’s war');
    expect(sudan.headline).toBe('Why is Sudan’s war spreading into Kordofan?');
    expect(sudan.url).toBe('https://www.aljazeera.com/features/2026/11/28/why-is-sudan%E2%80%99s-war-spreading');
    expect(sudan.regions[0]).toBe('africa');
    expect(find('aljazeera.xml', 'Israeli strikes').regions[0]).toBe('middle-east');
  });

  it('when an NYT item has media:content, a credit and a nyt_geo category, then the lead is the description and Seoul makes it Asia', () => {
    const seoul = find('nyt.xml', 'In Seoul');
    expect(seoul.lead).toMatch(/^Voters go to the polls on Wednesday after months of turmoil\./);
    expect(seoul.lead).not.toContain('New York Times');
    expect(seoul.regions[0]).toBe('asia');
  });

  it('when a Reuters-style Atom entry has xhtml content opening with a wire dateline, then the dateline is split off and the link is absolute', () => {
    const turkey = find('reuters-atom.xml', 'Turkey');
    expect(turkey.headline).toBe("Turkey's central bank cuts rates by 250 basis points");
    expect(turkey.lead).toBe(
      "Turkey's central bank cut its policy rate to 35.5% on Thursday, a bigger move than economists had expected, citing a steady fall in inflation.",
    );
    expect(turkey.dateline).toBe('ANKARA');
    expect(turkey.url).toBe('https://www.reuters.com/markets/europe/turkeys-central-bank-cuts-rates-2026-11-28/');
    expect(turkey.body).not.toContain('Central bank building in Ankara');
  });

  it('when a WordPress item has a thumbnail, "[…]" and "The post … appeared first on …", then the lead is only the story', () => {
    const nepal = find('wordpress.xml', 'Nepal’s parliament');
    expect(nepal.lead).toBe(
      'Lawmakers approved amendments on Friday after nearly two decades of delay, opening the way for a truth commission to resume work on cases from the civil war.',
    );
    expect(nepal.body).toContain('The bill now goes to the president.');
    expect(nepal.regions[0]).toBe('asia');
  });

  it('when a Google News title ends with " - Outlet" named by <source>, then the headline drops it and a lead that only repeats the title is empty', () => {
    const tariffs = find('google-news.xml', 'Canada and Mexico');
    expect(tariffs.headline).toBe('Canada and Mexico push back on new tariff threat');
    expect(tariffs.lead).toBe('');
    expect(find('google-news.xml', 'Typhoon').headline).toBe('Typhoon Man-yi makes landfall in the Philippines');
  });

  it('when titles are escaped twice or three times or carry tags, then entities are decoded and tags gone', () => {
    expect(find('entities.xml', 'Pakistan').headline).toBe('Pakistan & India trade fire across Kashmir’s Line of Control');
    expect(find('entities.xml', 'Live:').headline).toBe('Live: Ukraine war latest – Kyiv under drone attack');
    expect(find('entities.xml', 'Egypt').headline).toBe('Egypt\'s parliament approves "new capital" budget');
    expect(find('scraps.xml', 'Exclusive').headline).toBe("Exclusive: Argentina's Milei plans dollarisation vote");
    expect(find('atom-relative.xml', 'Germany').headline).toBe('Germany’s coalition agrees budget deal');
    expect(find('json-feed.json', 'Cyclone').headline).toBe('Cyclone warning issued for Fiji’s western islands');
  });

  it('when dates come as dc:date, named zones, minutes only, two-digit years or ISO without a zone, then each is the right instant', () => {
    expect(iso(find('entities.xml', 'Pakistan'))).toBe('2026-11-27T23:20:00.000Z'); // dc:date +05:00
    expect(iso(find('entities.xml', 'Live:'))).toBe('2026-11-28T04:05:00.000Z'); // "23:05 EST", no seconds
    expect(iso(find('entities.xml', 'Egypt'))).toBe('2026-11-28T06:15:00.000Z'); // "28 Nov 26 09:15:00 +0300"
    expect(iso(find('entities.xml', 'Chile'))).toBe('2026-11-28T03:00:00.000Z'); // ISO without a zone: UTC
    expect(iso(find('cp1251.xml', 'В Японии'))).toBe('2026-11-28T06:01:00.000Z'); // MSK
    expect(iso(find('rss10.rdf', 'EU agrees'))).toBe('2026-11-28T07:05:00.000Z');
  });

  it('when links are relative, then they resolve against the site the channel links to, not the feed host', () => {
    expect(find('entities.xml', 'Egypt').url).toBe('https://desk.example.org/africa/egypt-budget');
    expect(find('scraps.xml', 'Exclusive').url).toBe('https://metrowire.example.com/news/world/argentina-milei-vote.html');
    expect(find('atom-relative.xml', 'Germany').url).toBe('https://www.dw.example/en/germanys-coalition-agrees-budget-deal/a-70912345');
    expect(find('json-feed.json', 'Cyclone').url).toBe('https://pacificreport.example/2026/11/fiji-cyclone/');
    // A relative guid marked isPermaLink="true" is the page's address when there is no <link>.
    expect(find('cp1251.xml', 'Путин').url).toBe('https://novosti.example.ru/politics/20261128/putin-si.html');
  });

  it('when a description opens with an image, a photo credit or a caption label, then the lead is the first real paragraph', () => {
    expect(find('scraps.xml', 'Exclusive').lead).toBe(
      'Argentina’s president wants a referendum on replacing the peso, aides told Metro Wire. The plan faces resistance in Congress.',
    );
    expect(find('scraps.xml', 'Indonesia').lead).toMatch(/^Indonesian authorities raised the alert .*…$/);
    expect(find('entities.xml', 'Live:').lead).toBe('Air defences were active over the capital for several hours overnight, the city administration said.');
    expect(find('json-feed.json', 'Cyclone').lead).toBe(
      "Fiji's meteorological service has issued a category three warning as Cyclone Rae approaches Nadi and Lautoka.",
    );
  });

  it('when a description is HTML escaped twice inside CDATA, then the lead is its text, not its tags', () => {
    expect(find('scraps.xml', 'Ethiopia').lead).toBe('The Zalambessa crossing reopened on Friday after years of closure, residents said.');
  });

  it('when a feed starts with a byte-order mark or is windows-1251 named only in the XML declaration, then the text reads right', () => {
    expect(find('bom.xml', 'Nigeria').headline).toBe('Nigeria’s naira steadies after central bank intervention');
    const japan = find('cp1251.xml', 'В Японии');
    expect(japan.headline).toBe('В Японии произошло землетрясение магнитудой 6,1');
    expect(japan.lead).toBe('Толчки ощущались в Токио. Угрозы цунами нет.');
    expect(japan.regions).toEqual(['asia']);
    expect(find('cp1251.xml', 'Путин').regions[0]).toBe('asia');
  });

  it('when an RSS 1.0 item names its section in dc:subject, then that region comes first', () => {
    expect(find('rss10.rdf', 'EU agrees').regions[0]).toBe('europe');
  });
});
