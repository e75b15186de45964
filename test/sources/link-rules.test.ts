import { describe, expect, it } from 'vitest';
import { findArticleLinks } from '../../src/sources/article-links.js';
import { parseDocument } from '../../src/sources/dom.js';
import { isHeadlineText, isNotArticleAddress, looksLikeArticleAddress, sameSite } from '../../src/sources/link-rules.js';

const u = (s: string) => new URL(s);

describe('article addresses, by their shape on many kinds of site', () => {
  it.each([
    'https://www.aljazeera.com/news/2024/11/27/israel-and-hezbollah-ceasefire-takes-effect',
    'https://www.theguardian.com/world/2024/nov/27/south-korea-martial-law-yoon',
    'https://edition.cnn.com/2024/11/27/asia/typhoon-philippines-intl-hnk/index.html',
    'https://sputnikglobe.com/20241127/russia-japan-talks-1120987654.html',
    'https://ria.ru/20241127/ssha-1986543210.html',
    'https://tass.com/world/1879543',
    'https://www3.nhk.or.jp/nhkworld/en/news/20241127_12/',
    'https://www.reuters.com/world/asia-pacific/typhoon-hits-northern-philippines-2024-11-27/',
    'https://apnews.com/article/philippines-typhoon-man-yi-luzon-evacuation-5f1e2d3c4b5a69788796a5b4c3d2e1f0',
    'https://www.bbc.com/news/world-asia-china-67512345',
    'https://example.co.ke/read.php?id=45210',
    'https://blog.example.org/?p=123',
    'https://www.straitstimes.com/asia/se-asia/malaysia-floods-force-thousands-from-homes',
  ])('%s looks like an article', (url) => {
    expect(looksLikeArticleAddress(u(url))).toBe(true);
  });

  it.each([
    'https://www.aljazeera.com/news/',
    'https://www.bbc.com/news/world/asia',
    'https://www.bbc.com/news/world/us_and_canada',
    'https://www.theguardian.com/world/asia-pacific',
    'https://example.com/2024/11/',
    'https://example.com/tag/north-korea-missile-tests-2024',
    'https://example.com/author/jane-doe-tokyo-correspondent',
    'https://example.com/category/asia-pacific-news-and-analysis/',
    'https://example.com/video/2024/11/27/kim-jong-un-inspects-new-missile-site',
    'https://example.com/gallery/2024/11/26/photos-of-diwali-across-india',
    'https://example.com/world/asia/page/2',
    'https://example.com/world/asia/?page=2',
    'https://example.com/search?q=typhoon+in+the+philippines+today',
    'https://example.com/login?next=/world/asia/2024/11/27/story-slug-here',
    'https://example.com/feed/',
    'https://example.com/images/2024/11/27/typhoon-over-luzon-island.jpg',
    'https://example.com/',
  ])('%s does not', (url) => {
    expect(looksLikeArticleAddress(u(url))).toBe(false);
  });

  it('when the address names a list page, it is never an article, whatever its slug', () => {
    expect(isNotArticleAddress(u('https://example.com/topics/climate-change-in-the-asia-pacific-region'))).toBe(true);
    expect(isNotArticleAddress(u('https://example.com/newsletters/asia-morning-briefing-signup'))).toBe(true);
    expect(isNotArticleAddress(u('https://example.com/world/asia/china-lifts-ban-on-seafood'))).toBe(false);
  });

  it('when two hosts share a registrable domain (even under a two-part suffix), they are one site', () => {
    expect(sameSite(u('https://news.example.co.uk/a'), u('https://www.example.co.uk/b'))).toBe(true);
    expect(sameSite(u('https://example.co.uk/a'), u('https://other.co.uk/b'))).toBe(false);
    expect(sameSite(u('http://127.0.0.1:8080/a'), u('http://127.0.0.1:8080/b'))).toBe(true);
  });
});

describe('headline-like link texts', () => {
  it.each(['Putin visits Japan', 'India and Pakistan agree to resume border talks', 'Путин прибыл в Токио с визитом', '台風10号が九州に上陸、記録的な大雨'])('"%s" reads like a headline', (text) => {
    expect(isHeadlineText(text)).toBe(true);
  });
  it.each(['Read more', 'Continue reading →', 'Next page', '12 comments', 'Asia', 'Asia Pacific', '27 November 2024', 'Подробнее', 'Leave a comment', 'See all'])('"%s" does not', (text) => {
    expect(isHeadlineText(text)).toBe(false);
  });
});

describe('link finding on layouts of other shapes', () => {
  it('when cards are links laid over the card with only an aria-label, and the headline sits beside them, then the stories are found by their label', () => {
    const html = `<html><body><main><div class="dcr-container">
      <div class="card"><a href="/world/2026/nov/27/floods-in-malaysia-force-thousands-from-homes" aria-label="Floods in Malaysia force thousands from homes"></a><h3><span>Floods in Malaysia force thousands from homes</span></h3></div>
      <div class="card"><a href="/world/2026/nov/27/japan-approves-record-defence-budget" aria-label="Japan approves record defence budget"></a><h3>Japan approves record defence budget</h3></div>
    </div></main></body></html>`;
    const scan = findArticleLinks(parseDocument(html), 'https://news.example/world/asia-pacific');
    expect(scan.links.map((l) => [l.url, l.text])).toEqual([
      ['https://news.example/world/2026/nov/27/floods-in-malaysia-force-thousands-from-homes', 'Floods in Malaysia force thousands from homes'],
      ['https://news.example/world/2026/nov/27/japan-approves-record-defence-budget', 'Japan approves record defence budget'],
    ]);
  });

  it('when the story list sits in a box whose class says "widget", then it is still read rather than nothing', () => {
    const html = `<html><body><div class="td_block_wrap widget-news-list">
      <div class="item"><a href="/2026/11/27/senegal-opens-new-port-at-ndayane">Senegal opens new port at Ndayane</a></div>
      <div class="item"><a href="/2026/11/26/ghana-cedi-steadies-after-rate-rise">Ghana cedi steadies after rate rise</a></div>
    </div></body></html>`;
    const scan = findArticleLinks(parseDocument(html), 'https://africa.example/news/');
    expect(scan.links).toHaveLength(2);
  });

  it('when a page has links but no stories, then it is not taken for a script-drawn page', () => {
    const html = `<html><body><nav><a href="/world">World</a><a href="/asia">Asia</a></nav><p>${'Text about the site. '.repeat(40)}</p></body></html>`;
    const scan = findArticleLinks(parseDocument(html), 'https://site.example/asia');
    expect(scan).toMatchObject({ links: [], needsJavaScript: false });
  });
});
