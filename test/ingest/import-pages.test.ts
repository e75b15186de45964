import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/import/import-files.js';
import { parsePageText } from '../../src/ingest/import/page-text.js';
import type { Article } from '../../src/store/articles.js';
import { tempStore } from '../helpers/temp-db.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const page = (name: string) => path.join(FIXTURES, 'pages', name);
const SEED = path.join(FIXTURES, 'seed-sputnik-asia.txt');

let store: ReturnType<typeof tempStore>;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.close());

/** Imports one file and returns the stored article (the only one). */
async function importOne(file: string, options: { region?: string; source?: string } = {}): Promise<Article> {
  const [outcome] = await importFiles([file], store.articles, options);
  if (outcome?.kind !== 'imported') throw new Error(`import failed: ${outcome?.kind === 'failed' ? outcome.reason : 'no outcome'}`);
  const [article] = store.articles.latest({ limit: 10 });
  if (!article) throw new Error('nothing stored');
  return article;
}

/** Every furniture string must be absent from the headline, the lead and the body. */
function expectNoFurniture(article: Article, furniture: readonly string[]): void {
  const fields = { headline: article.headline, lead: article.lead, body: article.body };
  for (const [field, text] of Object.entries(fields)) {
    for (const scrap of furniture) expect(text, `${field} holds "${scrap}"`).not.toContain(scrap);
    expect(text.split('\n').map((l) => l.trim()), `${field} holds a lone "0"`).not.toContain('0');
  }
}

describe('importing the seed page (Sputnik, Asia)', () => {
  it('when the seed page is imported, then headline, lead, region, source and dateline are as on the page', async () => {
    const a = await importOne(SEED);
    expect(a.headline).toBe("Russian Foreign Ministry Sees Putin's Visit to Japan as 'Breakthrough'");
    expect(a.lead.startsWith('A visit of Russian President Vladimir Putin to Japan in mid-December')).toBe(true);
    // The Russian ministry's statement, datelined MOSCOW, on a visit to Japan: the page files it under
    // Asia and the story names Japan, so Asia is first; Europe, named as much, is kept.
    expect(a.regions).toEqual(['asia', 'europe']);
    expect(a.source).toBe('Sputnik International');
    expect(a.dateline).toBe('MOSCOW');
    expect(a.url).toBeNull();
  });

  it('when the seed page is imported, then none of the page furniture is in headline, lead or body', async () => {
    const a = await importOne(SEED);
    expectNoFurniture(a, [
      '- Sputnik International',
      'Find top stories',
      'Keep updated on major political stories',
      '©',
      'AP Photo',
      'shakes hands',
      'Subscribe',
      'The nature of the Kuril islands',
      'Japan Prepares to Discuss Kuril Islands Economic Projects',
      'Newsfeed',
      'To participate in the discussion',
      'log in or register',
      'loader',
      'Chats',
      'Заголовок открываемого материала',
      'MOSCOW (Sputnik)',
    ]);
  });

  it('when the seed page is imported, then the body keeps every real paragraph, the dateline opening removed', async () => {
    const a = await importOne(SEED);
    const paragraphs = a.body.split('\n\n');
    expect(paragraphs).toHaveLength(6);
    expect(paragraphs[1]?.startsWith("During Putin's visit, Russia and Japan agreed to step up economic cooperation")).toBe(true);
    expect(a.body).toContain('"I think [Putin\'s] visit can be characterized as a breakthrough.');
    expect(a.body).toContain('12 interstate documents and 68 commercial projects');
    expect(a.body).toContain('Putin visited Japan on December 15-16.');
    expect(paragraphs.at(-1)?.endsWith('encompassing Iturup, Kunashir, Shikotan and Habomai.')).toBe(true);
  });

  it('when the same page is imported twice, then it is one article, updated', async () => {
    await importFiles([SEED], store.articles);
    const [again] = await importFiles([SEED], store.articles);
    expect(store.articles.count()).toBe(1);
    expect(again?.kind === 'imported' && again.articles[0]?.outcome).toBe('updated');
  });

  it('when a page was imported with its address and then without, then the second import updates it and the address stays', async () => {
    const url = 'https://sputnikglobe.com/asia/20161229/putin-japan.html';
    await importFiles([SEED], store.articles, { url });
    const [again] = await importFiles([SEED], store.articles);
    expect(again?.kind === 'imported' && again.articles[0]?.outcome).toBe('updated');
    expect(store.articles.latest({ limit: 10, distinctStories: false }).map((a) => a.url)).toEqual([url]);
  });

  it('when the same headline comes from the same outlet at two different addresses, then they stay two articles', async () => {
    await importFiles([SEED], store.articles, { url: 'https://sputnikglobe.com/asia/1.html' });
    await importFiles([SEED], store.articles, { url: 'https://sputnikglobe.com/asia/2.html' });
    expect(store.articles.count()).toBe(2);
  });
});

describe('importing scraped pages of other shapes', () => {
  it('when a page of another section has no photo, then its section region and dateline are taken and the footer dropped', async () => {
    const a = await importOne(page('text-europe-no-photo.txt'));
    expect(a.headline).toBe('EU Ministers Agree on New Sanctions Package Against Belarus');
    expect(a.regions[0]).toBe('europe');
    expect(a.source).toBe('Sputnik International');
    expect(a.dateline).toBe('BRUSSELS');
    expect(a.lead.startsWith('European Union foreign ministers on Monday agreed')).toBe(true);
    expect(a.body.split('\n\n')).toHaveLength(3);
    expectNoFurniture(a, ['Latest news from Europe', 'Subscribe', 'BRUSSELS (Sputnik)', 'Newsfeed', 'log in', 'loader', 'Chats', 'Заголовок']);
  });

  it('when a page has no section line, a cookie notice, "Read also"/"Related" teasers and a Reuters dateline, then the article is clean', async () => {
    const a = await importOne(page('text-reuters-no-section.txt'));
    expect(a.headline).toBe('Fed Holds Rates Steady, Signals Patience on Cuts');
    expect(a.dateline).toBe('WASHINGTON');
    expect(a.source).toBe('Reuters');
    expect(a.regions).toEqual(['americas']);
    expect(new Date(a.publishedAt).toISOString()).toBe('2024-11-27T22:15:00.000Z');
    expect(a.lead.startsWith('The Federal Reserve held interest rates steady')).toBe(true);
    expect(a.body.split('\n\n')).toHaveLength(3);
    expectNoFurniture(a, [
      'cookies', 'Accept all', 'Skip to main content', 'By Ann Saphir', 'Share', 'Read also', 'Markets Rally', 'Related:',
      'Dollar Slips', 'Reporting by', 'Our Standards', 'Nov 27 (Reuters)',
    ]);
  });

  it('when a headline holds &, < and quotes, then it is stored exactly as written, and a repeated caption is dropped', async () => {
    const a = await importOne(page('text-middle-east-special-chars.txt'));
    expect(a.headline).toBe('Q&A: Why "Ceasefire Talks" Keep Failing & What < 50 Hostages Means');
    expect(a.source).toBe('Middle East Eye');
    expect(a.regions[0]).toBe('middle-east');
    expect(a.dateline).toBe('CAIRO');
    expect(a.lead.startsWith('Talks mediated by Qatar and Egypt have stalled again')).toBe(true);
    expect(a.body).toContain('Egyptian officials said they would host a new round next week');
    expectNoFurniture(a, ['Coverage of the Middle East', '© Reuters', 'inspect the site', 'Facebook', 'Twitter', 'Read more', 'comments', 'CAIRO —']);
  });

  it('when there is no lead paragraph before the dateline, then the dateline paragraph is the lead', async () => {
    const a = await importOne(page('text-world-no-lead.txt'));
    expect(a.headline).toBe('Earthquake of Magnitude 7.1 Strikes Off Coast of Peru');
    expect(a.dateline).toBe('LIMA');
    expect(a.lead.startsWith('A powerful earthquake struck off the coast of southern Peru')).toBe(true);
    expect(a.source).toBe('The Global Herald');
    // The section says only "World": the place leads, world is kept.
    expect(a.regions).toEqual(['americas', 'world']);
    expect(new Date(a.publishedAt).toISOString()).toBe('2025-03-03T06:40:00.000Z');
    expectNoFurniture(a, ['News from around the world', 'Published 3 March', 'Photo:', 'Getty', 'Most read', 'Volcano Erupts', 'Floods Hit']);
  });

  it('when a page names no site, then --source fills it in, and image captions and "More on this story" go', async () => {
    const a = await importOne(page('text-bbc-africa.txt'), { source: 'BBC News' });
    expect(a.source).toBe('BBC News');
    expect(a.headline).toBe("Kenya's Parliament Votes to Impeach Deputy President");
    expect(a.regions).toEqual(['africa']);
    expect(a.dateline).toBeNull();
    expect(a.lead.startsWith("Kenya's parliament has voted overwhelmingly")).toBe(true);
    expect(a.body.split('\n\n')).toHaveLength(3);
    expectNoFurniture(a, ['Image source', 'Image caption', 'denies all the charges', 'Related topics', 'More on this story', 'What we know', 'Top stories']);
  });

  it('when a page names no site and no --source is given, then the file fails with a reason', async () => {
    const [outcome] = await importFiles([page('text-bbc-africa.txt')], store.articles);
    expect(outcome).toMatchObject({ kind: 'failed' });
    expect(outcome?.kind === 'failed' && outcome.reason).toMatch(/--source/);
    expect(store.articles.count()).toBe(0);
  });

  it('when a page gives a URL line, then the URL is kept and names the source; newsletter and ad lines go', async () => {
    const a = await importOne(page('text-asia-no-site.txt'));
    expect(a.url).toBe('https://example-news.test/asia/south-korea-martial-law');
    expect(a.source).toBe('example-news.test');
    expect(a.regions[0]).toBe('asia');
    expect(a.dateline).toBe('SEOUL');
    expect(new Date(a.publishedAt).toISOString()).toBe('2024-12-03T22:30:00.000Z');
    expectNoFurniture(a, ['Listen to this article', 'Advertisement', 'Sign up', 'https://', 'SEOUL —']);
  });

  it('when --region is given, then it is a prior: the places a page names decide, the region only when none is named', async () => {
    const a = await importOne(SEED, { region: 'Middle East' });
    expect(a.regions).toEqual(['asia', 'europe']);
    const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-import-'));
    try {
      const file = path.join(dir, 'no-place.txt');
      writeFileSync(file, 'Scientists Grow Embryo Models From Stem Cells\n\nThe structures could help researchers understand early pregnancy loss, a study said.\n');
      const b = await importFiles([file], store.articles, { region: 'Middle East', source: 'Lab Wire' });
      expect(b[0]).toMatchObject({ kind: 'imported', articles: [{ regions: ['middle-east'] }] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when a site name and a navigation line stand above the headline and a byline below it, then the headline is the line the article follows', async () => {
    const a = await importOne(page('text-site-nav-byline.txt'), { source: 'World News Today' });
    expect(a.headline).toBe("Kenya's Ruto Meets Tanzanian President Over Border Trade");
    expect(a.lead.startsWith('Kenyan President William Ruto met his Tanzanian counterpart in Arusha')).toBe(true);
    expect(a.regions[0]).toBe('africa');
    expect(new Date(a.publishedAt).toISOString()).toBe('2026-11-27T00:00:00.000Z');
    expect(a.body.split('\n\n')).toHaveLength(2);
    expectNoFurniture(a, ['Home |', 'Accessibility links', 'Skip to content', 'By Jane Mwangi', 'Share this article', 'Image caption', 'Related Topics', 'More on this story', 'Copyright']);
  });

  it('when a Russian page puts the agency after the dash ("МОСКВА, 27 ноя — РИА Новости."), then dateline and source come from it and the lead starts after it', async () => {
    const a = await importOne(page('text-russian-ria.txt'));
    expect(a.headline).toBe('Путин и Си Цзиньпин обсудили торговлю в Пекине');
    expect(a.dateline).toBe('МОСКВА');
    expect(a.source).toBe('РИА Новости');
    expect(a.lead.startsWith('Президент России Владимир Путин провел переговоры')).toBe(true);
    expect(a.body.split('\n\n')).toHaveLength(2);
    expectNoFurniture(a, ['©', 'Subscribe', 'Читайте также', 'Лента новостей', 'РИА Новости.']);
  });

  it('when a page has no site-name line, no section and no date, then a title line still becomes the headline', () => {
    const a = parsePageText('Oil Prices Jump After Storm Shuts Gulf Refineries\n\nOil prices rose 4% on Tuesday after a hurricane forced refineries along the US Gulf Coast to close, traders said.\n');
    expect(a.headline).toBe('Oil Prices Jump After Storm Shuts Gulf Refineries');
    expect(a.lead).toBe('Oil prices rose 4% on Tuesday after a hurricane forced refineries along the US Gulf Coast to close, traders said.');
    expect(a.source).toBeNull();
    expect(a.sectionRegion).toBeNull();
  });
});

describe('importing HTML pages', () => {
  it('when a page has Open Graph and JSON-LD metadata, then headline, lead, url, source, date and section region come from them', async () => {
    const a = await importOne(page('html-news-article.html'));
    expect(a.headline).toBe('Japan and China agree to resume high-level talks');
    expect(a.lead.startsWith('Tokyo and Beijing will hold their first ministerial dialogue')).toBe(true);
    expect(a.url).toBe('https://dailyplanet.test/world/asia/japan-china-talks');
    expect(a.source).toBe('The Daily Planet');
    expect(new Date(a.publishedAt).toISOString()).toBe('2025-02-14T09:30:00.000Z');
    expect(a.regions).toEqual(['asia']);
    expect(a.dateline).toBe('TOKYO');
    expect(a.body).toContain('Japan and China will hold their first high-level economic dialogue');
    expectNoFurniture(a, ['cookie', 'By Lois Lane', 'Photo: Reuters', 'China lifts ban', 'All rights reserved', 'TOKYO (AP)']);
  });

  it('when a page has only a title with a site suffix, <time> and breadcrumbs, then those are used and the url stays null', async () => {
    const a = await importOne(page('html-minimal-breadcrumbs.html'));
    expect(a.headline).toBe('Iraq holds first census in nearly four decades');
    expect(a.source).toBe('Gulf Chronicle');
    expect(a.url).toBeNull();
    expect(a.regions[0]).toBe('middle-east');
    expect(new Date(a.publishedAt).toISOString()).toBe('2024-11-20T04:00:00.000Z');
    expect(a.lead.startsWith('Iraq began its first nationwide census in 37 years')).toBe(true);
  });

  it('when the title holds entities for &, <, > and quotes, then the headline shows the characters themselves', async () => {
    const a = await importOne(page('html-entities-headline.html'));
    expect(a.headline).toBe('Tom & Jerry\'s "Creators" Say <Cartoons> Still Matter');
    expect(a.lead).toBe('Animators in Los Angeles & New York gathered to celebrate 85 years of the cat-and-mouse duo.');
    expect(a.source).toBe('Culture Wire');
    expect(a.regions).toEqual(['americas']);
  });

  it('when an HTML page is in windows-1251 and says so, then its Cyrillic text is read correctly', async () => {
    const iconv = (await import('iconv-lite')).default;
    const html = `<html><head><meta charset="windows-1251"><title>Путин посетил Японию | Вести</title></head><body><article><h1>Путин посетил Японию</h1><p>Президент России Владимир Путин прибыл в Токио с официальным визитом, сообщили в Кремле в пятницу утром.</p><p>Стороны обсудят экономическое сотрудничество и мирный договор, а также совместные проекты на Курилах.</p></article></body></html>`;
    const file = path.join(store.dir, 'vesti.html');
    (await import('node:fs')).writeFileSync(file, iconv.encode(html, 'windows-1251'));
    const a = await importOne(file);
    expect(a.headline).toBe('Путин посетил Японию');
    expect(a.source).toBe('Вести');
    expect(a.body).toContain('Президент России Владимир Путин');
  });

  it('when the seed text is read as page text, then the parser alone gives the same fields (no store involved)', () => {
    const a = parsePageText(readFileSync(SEED, 'utf8'));
    expect(a).toMatchObject({ source: 'Sputnik International', dateline: 'MOSCOW', sectionRegion: 'asia', url: null });
  });
});

describe('importing pages in more real-world shapes', () => {
  it('when an HTML page carries the story only in JSON-LD (a script-drawn page), then headline, lead, body, URL and date come from it', async () => {
    const a = await importOne(page('html-jsonld-only.html'));
    expect(a.headline).toBe("Vietnam's exports jump 14% as chip orders surge");
    expect(a.lead).toBe('Electronics shipments to the US and South Korea drove the rise in November.');
    expect(a.body).toMatch(/^Vietnam's exports rose 14% in November/);
    expect(a.body).toContain('Shipments to the U.S. climbed 21%.');
    expect(a.dateline).toBe('HANOI');
    expect(a.url).toBe('https://asia.nikkei.example/economy/vietnam-exports-jump?n_cid=NARAN012');
    expect(a.source).toBe('Nikkei Asia');
    expect(new Date(a.publishedAt).toISOString()).toBe('2026-11-27T02:30:00.000Z');
    expect(a.regions[0]).toBe('asia');
    expectNoFurniture(a, ['enable JavaScript']);
  });

  it('when a page splits each sentence across <div>s and puts an ad between them, then the body reads as whole paragraphs', async () => {
    const a = await importOne(page('html-og-split-divs.html'));
    expect(a.headline).toBe('Kenya’s central bank cuts rate again');
    expect(a.body.split('\n\n')[0]).toBe(
      'The Central Bank of Kenya cut its benchmark lending rate for the third time this year on Wednesday, citing easing inflation and a stable shilling. The rate now stands at 9.75 percent.',
    );
    expect(a.dateline).toBe('NAIROBI');
    expect(a.url).toBe('https://www.businessdaily.example/markets/kenya-rate-cut-4512');
    expect(a.regions[0]).toBe('africa');
    expectNoFurniture(a, ['Advertisement', 'Nation Media Group', 'By Kepha']);
  });

  it('when a page has related-link boxes, a newsletter box and a "More from" list, then none of them reaches the body', async () => {
    const a = await importOne(page('html-related-newsletter.html'));
    expect(a.headline).toBe('Polish farmers block border crossings with Ukraine');
    expect(a.dateline).toBe('WARSAW');
    expect(a.body).toContain('Kyiv said the blockade was hurting its economy.');
    expect(a.regions[0]).toBe('europe');
    expectNoFurniture(a, ['Sign up', 'newsletter', 'EU extends Ukrainian grain deal', 'Related stories', 'More from Europe', 'France braces', 'Photograph:', 'Subscribe']);
  });

  it('when an AMP page is imported, then amp furniture, the caption and the credit stay out and the agency dateline is split off', async () => {
    const a = await importOne(page('html-amp.html'));
    expect(a.headline).toBe('Mexico and US agree on migration plan');
    expect(a.lead).toMatch(/^Mexico and the United States agreed on Tuesday/);
    expect(a.dateline).toBe('MEXICO CITY');
    expect(a.source).toBe('LatAm Wire');
    expect(new Date(a.publishedAt).toISOString()).toBe('2026-11-25T00:00:00.000Z');
    expect(a.regions[0]).toBe('americas');
    expectNoFurniture(a, ['Menu', 'AP Photo', 'Gregory Bull', 'UA-1']);
  });

  it('when the <title> is "Headline | Section | Site" and there is no <h1>, then the headline is only the headline', async () => {
    const a = await importOne(page('html-title-pipes.html'));
    expect(a.headline).toBe('Floods kill dozens in northern Nigeria');
    expect(a.source).toBe('Continental Post');
    expect(a.dateline).toBe('MAIDUGURI');
    expect(a.regions[0]).toBe('africa');
  });

  it('when an AP page is copied with "Advertisement" between paragraphs and "Updated 3:14 AM GMT+3", then the time is read in that zone', async () => {
    const a = await importOne(page('text-ap-advertisement.txt'));
    expect(a.headline).toBe('Russian drones hit Kyiv power grid as temperatures drop below freezing');
    expect(a.lead).toMatch(/^Russian drones struck energy facilities in and around Kyiv overnight/);
    expect(a.dateline).toBe('KYIV');
    expect(new Date(a.publishedAt).toISOString()).toBe('2026-11-28T00:14:00.000Z');
    expect(a.regions[0]).toBe('europe');
    expectNoFurniture(a, ['Advertisement', 'Copyright', 'All Rights Reserved', 'By HANNA', 'Newsletters', 'mailto']);
  });

  it('when a TASS page opens with a standfirst and a "ПЕКИН, 28 ноября. /ТАСС/." dateline, then the headline, dateline, source and region are right', async () => {
    const a = await importOne(page('text-tass-russian.txt'));
    expect(a.headline).toBe('Си Цзиньпин принял в Пекине делегацию правительства России');
    expect(a.lead).toMatch(/^Председатель КНР Си Цзиньпин принял в Пекине/);
    expect(a.dateline).toBe('ПЕКИН');
    expect(a.source).toBe('ТАСС');
    expect(a.regions[0]).toBe('asia');
    expectNoFurniture(a, ['Подписаться', 'Теги', 'Читать также', 'Товарооборот России и Китая вырос']);
  });

  it('when a Guardian page is copied with standfirst, caption, byline and "Fri 27 Nov 2026 14.02 GMT", then the headline is the title above them all', async () => {
    const a = await importOne(page('text-guardian-copied.txt'));
    expect(a.headline).toBe('Thousands of Chileans march in Santiago against pension reform');
    expect(a.lead).toMatch(/^Tens of thousands of people marched through the centre of Santiago/);
    expect(a.source).toBe('The Guardian');
    expect(new Date(a.publishedAt).toISOString()).toBe('2026-11-27T14:02:00.000Z');
    expect(a.regions[0]).toBe('americas');
    expectNoFurniture(a, ['Photograph', 'John Bartlett', 'Explore more', 'Reuse this content', 'Most viewed', 'Back to home']);
  });

  it('when an old table page separates paragraphs with <br><br> inside <font> then the dateline and the lead come out whole, not glued to the date line', async () => {
    const a = await importOne(path.join(FIXTURES, 'sites', 'feedless', 'read.php@id=45210'), { source: 'Lake Region Tribune' });
    expect(a.headline).toBe('Flood waters recede in Kisumu as families return home');
    expect(a.dateline).toBe('KISUMU');
    expect(a.lead).toMatch(/^Residents of Nyalenda and Manyatta began cleaning up/);
    expect(a.body).toMatch(/lakeside city\.\n\nThe county government said/);
  });
});
