import { afterEach, describe, expect, it } from 'vitest';
import { createDigestBuilder, type DigestChat } from '../../src/digest/build.js';
import type { Region } from '../../src/regions/regions.js';
import type { ArticleInput } from '../../src/store/articles.js';
import { parseTelegramHtml } from '../helpers/telegram-html.js';
import { tempStore } from '../helpers/temp-db.js';

const HOUR = 3_600_000;
const until = Date.parse('2026-11-28T08:00:00Z');
let store: ReturnType<typeof tempStore>;
afterEach(() => store?.close());

let n = 0;
function article(headline: string, region: Region | Region[], hoursAgo: number, extra: Partial<ArticleInput> = {}): ArticleInput {
  n++;
  return {
    source: 'Wire One',
    url: `https://news.example/${n}`,
    headline,
    lead: `Lead ${n}.`,
    publishedAt: until - hoursAgo * HOUR,
    regions: Array.isArray(region) ? region : [region],
    ...extra,
  };
}

function chat(regions: Region[], extra: Partial<DigestChat> = {}): DigestChat {
  return { id: 42, regions, language: 'en', lastDigestUntil: null, quietWhenEmpty: false, ...extra };
}

/** The digest as a person reads it: the visible text of all its messages. */
function read(parts: readonly string[]): string {
  return parts
    .map((p) => {
      const parsed = parseTelegramHtml(p);
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed.text;
    })
    .join('\n');
}

const count = (text: string, what: string) => text.split(what).length - 1;

describe('a digest with follows and mutes', () => {
  it('when a chat follows Taiwan, then a Taiwan story from a region it does not get comes first, under Following, once', () => {
    store = tempStore();
    store.articles.upsertMany([
      article('Taiwan holds air drills over strait', 'asia', 2),
      article('Berlin opens new rail line', 'europe', 1),
      article('Paris museum reopens after repairs', 'europe', 3),
    ]);
    const builder = createDigestBuilder(store.db, { itemsPerRegion: 5, defaultLanguage: 'en' });
    const text = read(builder.build(chat(['europe'], { follows: ['Taiwan'] }), '2026-11-28', until).parts);
    expect(text.indexOf('Following')).toBeGreaterThan(0);
    expect(text.indexOf('Taiwan holds air drills')).toBeGreaterThan(text.indexOf('Following'));
    expect(text.indexOf('Taiwan holds air drills')).toBeLessThan(text.indexOf('Europe'));
    expect(count(text, 'Taiwan holds air drills')).toBe(1);
    // Without the follow the chat does not see it at all.
    const plain = read(builder.build(chat(['europe']), '2026-11-28', until).parts);
    expect(plain).not.toContain('Taiwan');
    expect(plain).not.toContain('Following');
  });

  it('when a followed story is in one of the chat\'s regions, then it is not repeated under the region, and the region\'s count leaves it out', () => {
    store = tempStore();
    store.articles.upsertMany([
      article('Taiwan chip exports hit record', 'asia', 1),
      article('Japan rice prices climb again', 'asia', 2),
      article('Seoul subway strike ends', 'asia', 3),
      article('Manila port reopens after typhoon', 'asia', 4),
    ]);
    const builder = createDigestBuilder(store.db, { itemsPerRegion: 2, defaultLanguage: 'en' });
    const text = read(builder.build(chat(['asia'], { follows: ['taiwan'] }), '2026-11-28', until).parts);
    expect(count(text, 'Taiwan chip exports')).toBe(1);
    const asia = text.slice(text.indexOf('Asia & Pacific'));
    expect(asia).not.toContain('Taiwan');
    expect(asia).toContain('Japan rice prices');
    expect(asia).toContain('Seoul subway strike');
    // Three Asia stories left for the section, two shown.
    expect(asia).toContain('and 1 more: /asia');
  });

  it('when a chat mutes a word, then matching stories are left out of every section, also when it follows them (mute beats follow)', () => {
    store = tempStore();
    store.articles.upsertMany([
      article('Premier League: Arsenal beat Chelsea', 'europe', 1),
      article('Taiwan football team wins', 'asia', 2),
      article('Taiwan drills end', 'asia', 3),
      article('Madrid hosts climate summit', 'europe', 4),
    ]);
    const builder = createDigestBuilder(store.db, { itemsPerRegion: 5, defaultLanguage: 'en' });
    const digest = builder.build(chat(['europe', 'asia'], { follows: ['Taiwan'], mutes: ['football', '"Premier League"'] }), '2026-11-28', until);
    const text = read(digest.parts);
    expect(text).not.toContain('Arsenal');
    expect(text).not.toContain('football');
    expect(text).toContain('Taiwan drills end');
    expect(text).toContain('Madrid hosts climate summit');
    expect(digest.total).toBe(2);
    // A region whose stories are all muted gets no heading.
    const onlyMuted = read(builder.build(chat(['europe'], { mutes: ['Arsenal', 'Madrid'] }), '2026-11-28', until).parts);
    expect(onlyMuted).toContain('nothing new in Europe');
  });

  it('when a chat follows Тайвань, then stories naming Тайваня and Тайванем come under the Russian heading', () => {
    store = tempStore();
    store.articles.upsertMany([
      article('Учения у берегов Тайваня', 'asia', 1),
      article('США провели переговоры с Тайванем', 'americas', 2),
      article('Выборы в Берлине', 'europe', 3),
    ]);
    const builder = createDigestBuilder(store.db, { itemsPerRegion: 5, defaultLanguage: 'en' });
    const text = read(builder.build(chat(['europe'], { language: 'ru', follows: ['Тайвань'] }), '2026-11-28', until).parts);
    expect(text).toContain('Отслеживаемое');
    expect(text).toContain('Учения у берегов Тайваня');
    expect(text).toContain('США провели переговоры с Тайванем');
  });

  it('when one builder serves chats at later due times, then each digest matches the stories of its own window', () => {
    store = tempStore();
    store.articles.upsertMany([article('Taiwan early story', 'asia', 30), article('Taiwan morning story', 'asia', 5), article('Oslo news', 'europe', 1)]);
    const builder = createDigestBuilder(store.db, { itemsPerRegion: 5, defaultLanguage: 'en' });
    const first = read(builder.build(chat(['europe'], { follows: ['Taiwan'] }), '2026-11-27', until - 20 * HOUR).parts);
    expect(first).toContain('Taiwan early story');
    expect(first).not.toContain('Taiwan morning story');
    store.articles.upsert(article('Taiwan late story', 'asia', 0.5));
    builder.refresh();
    const second = read(builder.build(chat(['europe'], { follows: ['Taiwan'], lastDigestUntil: until - 20 * HOUR }), '2026-11-28', until).parts);
    expect(second).toContain('Taiwan morning story');
    expect(second).toContain('Taiwan late story');
    expect(second).not.toContain('Taiwan early story');
  });

  it('when more followed stories match than fit, then the newest most-carried come first and the rest are counted', () => {
    store = tempStore();
    const headlines = ['Taiwan votes on budget', 'Taiwan quake drill held', 'Taiwan opens ferry route', 'Taiwan bans vape sales'];
    store.articles.upsertMany(headlines.map((h, i) => article(h, 'asia', i + 1)));
    const builder = createDigestBuilder(store.db, { itemsPerRegion: 2, defaultLanguage: 'en' });
    const text = read(builder.build(chat(['europe'], { follows: ['Taiwan'] }), '2026-11-28', until).parts);
    expect(text).toContain('Taiwan votes on budget');
    expect(text).toContain('Taiwan quake drill held');
    expect(text).not.toContain('Taiwan opens ferry route');
    expect(text).toContain('and 2 more');
  });

  it('when one follow matches nothing and another matches every story, then Following shows the first few in digest order, counts the rest, and the regions list what is left', () => {
    store = tempStore();
    // Newest first: the crane story is the newest.
    const headlines = ['Harbour crane collapses in storm', 'Harbour pilots strike for pay', 'Harbour ferry adds night trips', 'Harbour museum opens new wing', 'Harbour fish market moves'];
    store.articles.upsertMany(headlines.map((h, i) => article(h, i % 2 === 1 ? 'asia' : 'europe', i + 1)));
    const builder = createDigestBuilder(store.db, { itemsPerRegion: 2, defaultLanguage: 'en' });
    const text = read(builder.build(chat(['europe', 'asia'], { follows: ['Zanzibar', 'harbour'] }), '2026-11-28', until).parts);
    const following = text.slice(text.indexOf('Following'), text.indexOf('Europe'));
    expect(following.indexOf('Harbour crane')).toBeGreaterThan(0);
    expect(following.indexOf('Harbour pilots')).toBeGreaterThan(following.indexOf('Harbour crane'));
    expect(following).not.toContain('Harbour ferry');
    expect(following).toContain('and 3 more');
    // What Following showed is not repeated; the other three stay in their regions.
    expect(count(text, 'Harbour crane')).toBe(1);
    expect(count(text, 'Harbour pilots')).toBe(1);
    expect(text.slice(text.indexOf('Europe'), text.indexOf('Asia'))).toContain('Harbour ferry');
    expect(text.slice(text.indexOf('Europe'), text.indexOf('Asia'))).toContain('Harbour fish');
    expect(text.slice(text.indexOf('Asia'))).toContain('Harbour museum');
    // A follow that matches nothing alone: no Following section at all.
    const none = read(builder.build(chat(['europe'], { follows: ['Zanzibar'] }), '2026-11-28', until).parts);
    expect(none).not.toContain('Following');
  });

  it('when most of a followed word\'s newest stories are also muted, then Following reaches past them to the followed stories that are not', () => {
    store = tempStore();
    // 70 Taiwan stories, newest first; the 66 newest also name chips (muted).
    store.articles.upsertMany(
      Array.from({ length: 70 }, (_, i) => article(i < 66 ? `Taiwan chips story ${i}` : `Taiwan ferry story ${i}`, 'asia', 1 + i * 0.1)),
    );
    const builder = createDigestBuilder(store.db, { itemsPerRegion: 2, defaultLanguage: 'en' });
    const digest = builder.build(chat(['europe'], { follows: ['Taiwan'], mutes: ['chips'] }), '2026-11-28', until);
    const text = read(digest.parts);
    expect(text).not.toContain('chips');
    expect(text.indexOf('Taiwan ferry story 66')).toBeGreaterThan(text.indexOf('Following'));
    expect(text.indexOf('Taiwan ferry story 67')).toBeGreaterThan(text.indexOf('Taiwan ferry story 66'));
    expect(text).not.toContain('Taiwan ferry story 68');
    expect(text).toContain('and 2 more');
    expect(digest.total).toBe(4);
  });

  it('when a story in several regions is muted or followed, then it is counted out of the first of the chat\'s regions that carries it only', () => {
    store = tempStore();
    store.articles.upsertMany([
      article('Oslo opens new bridge', 'europe', 1),
      article('Lisbon tram fares fall', 'europe', 2),
      article('Summit of Europe and Asia ends with pledge', ['europe', 'asia'], 3),
      article('Hanoi metro line opens', 'asia', 4),
      article('Seoul hosts chess final', 'asia', 5),
    ]);
    const builder = createDigestBuilder(store.db, { itemsPerRegion: 1, defaultLanguage: 'en' });
    const plain = read(builder.build(chat(['europe', 'asia']), '2026-11-28', until).parts);
    expect(plain).toContain('and 2 more: /europe');
    expect(plain).toContain('and 1 more: /asia');
    // Muted: one fewer in Europe (where it was listed); Asia, which never listed it, keeps its count.
    const muted = read(builder.build(chat(['europe', 'asia'], { mutes: ['summit'] }), '2026-11-28', until).parts);
    expect(muted).not.toContain('Summit');
    expect(muted).toContain('and 1 more: /europe');
    expect(muted).toContain('and 1 more: /asia');
    // Followed and shown under Following: the same, and it is shown once.
    const followed = read(builder.build(chat(['europe', 'asia'], { follows: ['summit'] }), '2026-11-28', until).parts);
    expect(count(followed, 'Summit of Europe')).toBe(1);
    expect(followed.indexOf('Summit of Europe')).toBeLessThan(followed.indexOf('Europe\n'));
    expect(followed).toContain('and 1 more: /europe');
    expect(followed).toContain('and 1 more: /asia');
    // Both followed and muted: the mute wins, and it is counted once.
    const both = read(builder.build(chat(['europe', 'asia'], { follows: ['summit'], mutes: ['pledge'] }), '2026-11-28', until).parts);
    expect(both).not.toContain('Summit');
    expect(both).not.toContain('Following');
    expect(both).toContain('and 1 more: /europe');
    expect(both).toContain('and 1 more: /asia');
  });
});
