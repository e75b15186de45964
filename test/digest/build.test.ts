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

function article(n: number, region: Region | Region[], hoursAgo: number, extra: Partial<ArticleInput> = {}): ArticleInput {
  const regions = Array.isArray(region) ? region : [region];
  return {
    source: 'Wire One',
    url: `https://news.example/${regions[0]}/${n}`,
    // One word per region ('middleeast'): two words would make every pair of middle-east items share
    // three key words (middle, east, item), which reads as the same news told twice.
    headline: `${regions[0]?.replace('-', '')} item a${n} b${n} c${n}`,
    lead: `Lead of story ${n}.`,
    publishedAt: until - hoursAgo * HOUR,
    regions,
    ...extra,
  };
}

function chat(regions: Region[], extra: Partial<DigestChat> = {}): DigestChat {
  return { id: 42, regions, language: 'en', lastDigestUntil: null, quietWhenEmpty: false, ...extra };
}

/** A message part as Telegram reads it: its visible text and formatting entities (throws if Telegram would refuse the HTML). */
function asTelegram(part: string) {
  const parsed = parseTelegramHtml(part);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed;
}

/** Telegram's limits on one message: 4096 characters of text after parsing; the HTML kept small enough for its entity limits. */
function expectWithinTelegramLimits(part: string): void {
  const { text, entities } = asTelegram(part);
  expect(text.length).toBeLessThanOrEqual(4096);
  expect(entities.length).toBeLessThanOrEqual(100);
  const linkChars = entities.reduce((n, e) => n + (e.url?.length ?? 0), 0);
  expect(text.length + linkChars).toBeLessThanOrEqual(9500);
}

function builder(itemsPerRegion = 5) {
  return createDigestBuilder(store.db, { itemsPerRegion, defaultLanguage: 'en' });
}

describe('building a digest', () => {
  it('when two outlets carry one story tagged Asia and World, then it appears once, under Asia, with "also:"', () => {
    store = tempStore();
    store.articles.upsertMany([
      article(1, ['asia', 'world'], 3, { headline: 'Strong earthquake hits northern Japan coast', source: 'Wire One' }),
      article(2, 'world', 2, { headline: 'Strong earthquake hits northern Japan coast', source: 'Outlet B', url: 'https://b.example/quake' }),
      article(3, 'world', 1),
    ]);
    const digest = builder().build(chat(['asia', 'world']), '2026-11-28', until);
    const text = digest.parts.join('\n');
    expect(text.match(/earthquake/g)).toHaveLength(1);
    expect(text).toContain('also: Outlet B');
    expect(text.indexOf('earthquake')).toBeGreaterThan(text.indexOf('Asia &amp; Pacific'));
    expect(text.indexOf('earthquake')).toBeLessThan(text.indexOf('<b>World</b>'));
    expect(text).toContain('world item a3');
    expect(digest.total).toBe(2);
  });

  it('when the chat subscribed Europe before Asia, then Europe\'s group comes first', () => {
    store = tempStore();
    store.articles.upsertMany([article(1, 'asia', 1), article(2, 'europe', 5)]);
    const text = builder().build(chat(['europe', 'asia']), '2026-11-28', until).parts.join('\n');
    expect(text.indexOf('Europe')).toBeLessThan(text.indexOf('Asia &amp; Pacific'));
    expect(text.indexOf('europe item a2')).toBeLessThan(text.indexOf('asia item a1'));
  });

  it('when a region has 17 new stories, then 5 are shown and the rest is "and 12 more: /asia"', () => {
    store = tempStore();
    store.articles.upsertMany(Array.from({ length: 17 }, (_, i) => article(i, 'asia', i + 1)));
    const digest = builder().build(chat(['asia']), '2026-11-28', until);
    const text = digest.parts.join('\n');
    expect(text).toContain('and 12 more: /asia');
    expect(text.match(/asia item/g)).toHaveLength(5);
    // newest first among equally carried stories
    expect(text).toContain('asia item a0 ');
    expect(text).not.toContain('asia item a5 ');
    expect(digest.shown).toBe(5);
  });

  it('when a story is carried by more outlets, then it comes before newer stories carried by one', () => {
    store = tempStore();
    store.articles.upsertMany([
      article(1, 'middle-east', 1),
      article(2, 'middle-east', 10, { headline: 'Ceasefire agreed in regional talks overnight' }),
      article(3, 'middle-east', 9, { headline: 'Ceasefire agreed in regional talks overnight', source: 'Other Wire', url: 'https://o.example/c' }),
    ]);
    const text = builder().build(chat(['middle-east']), '2026-11-28', until).parts.join('\n');
    expect(text.indexOf('Ceasefire')).toBeLessThan(text.indexOf('middleeast item a1'));
    expect(text).toContain('also: Other Wire');
  });

  it('when the header is rendered, then it carries the local date in the chat\'s language', () => {
    store = tempStore();
    store.articles.upsert(article(1, 'asia', 1));
    const en = builder().build(chat(['asia']), '2026-11-28', until).parts[0] ?? '';
    const ru = builder().build(chat(['asia'], { language: 'ru' }), '2026-11-28', until).parts[0] ?? '';
    expect(en.split('\n')[0]).toBe('<b>Your news digest · Saturday, November 28</b>');
    expect(ru.split('\n')[0]).toBe('<b>Ваша сводка новостей · суббота, 28 ноября</b>');
    expect(ru).toContain('Азия и Тихий океан');
    expect(ru).toMatch(/час(а|ов)? назад/);
  });

  it('when nothing new was published since the last digest, then one short line, or nothing for a quiet chat', () => {
    store = tempStore();
    store.articles.upsert(article(1, 'asia', 30)); // before the last digest
    const loud = builder().build(chat(['asia', 'africa'], { lastDigestUntil: until - 24 * HOUR }), '2026-11-28', until);
    expect(loud.parts).toEqual(['Saturday, November 28: nothing new in Asia &amp; Pacific, Africa since your last digest.']);
    const quiet = builder().build(chat(['asia'], { lastDigestUntil: until - 24 * HOUR, quietWhenEmpty: true }), '2026-11-28', until);
    expect(quiet.parts).toEqual([]);
  });

  it('when the chat had a digest 3 hours ago, then only stories since then are in it; a first digest covers 24 hours', () => {
    store = tempStore();
    store.articles.upsertMany([article(1, 'africa', 2), article(2, 'africa', 5), article(3, 'africa', 23), article(4, 'africa', 25)]);
    const later = builder().build(chat(['africa'], { lastDigestUntil: until - 3 * HOUR }), '2026-11-28', until);
    expect(later.since).toBe(until - 3 * HOUR);
    expect(later.total).toBe(1);
    const first = builder().build(chat(['africa']), '2026-11-28', until);
    expect(first.total).toBe(3);
    expect(first.parts.join('')).not.toContain('africa item a4 ');
  });

  it('when the digest is longer than one message, then it is split between stories, each part at most 4096, in order', () => {
    store = tempStore();
    const regions: Region[] = ['asia', 'europe', 'middle-east', 'africa', 'americas', 'world'];
    store.articles.upsertMany(
      regions.flatMap((r, ri) =>
        Array.from({ length: 12 }, (_, i) => article(ri * 100 + i, r, i + 1, { lead: `Lead <${r}> & more. `.repeat(25) })),
      ),
    );
    const digest = createDigestBuilder(store.db, { itemsPerRegion: 10, defaultLanguage: 'en' }).build(chat(regions), '2026-11-28', until);
    expect(digest.parts.length).toBeGreaterThan(3);
    for (const part of digest.parts) {
      // every part opens and closes whole stories: Telegram parses each one on its own
      expectWithinTelegramLimits(part);
    }
    const all = digest.parts.join('\n');
    expect(all.match(/ item a\d+ /g)).toHaveLength(60);
    expect(all.indexOf('asia item a0 ')).toBeLessThan(all.indexOf('world item a500 '));
    expect(all.match(/and 2 more: \/\w+/g)).toHaveLength(6);
  });
});

describe('the shape of digest messages', () => {
  it('when stories have long addresses but their text fits one message, then the digest is one message, not a second one for the last story', () => {
    store = tempStore();
    store.articles.upsertMany(
      Array.from({ length: 7 }, (_, i) =>
        article(i, 'asia', i + 1, {
          url: `https://news.example/asia/2026/11/28/${'long-slug-'.repeat(60)}${i}?utm_source=rss&id=${i}`,
          lead: `What happened in story ${i}, told at some length. `.repeat(10).trim(),
        }),
      ),
    );
    const digest = builder().build(chat(['asia']), '2026-11-28', until);
    const [only, ...rest] = digest.parts;
    expect(rest).toEqual([]);
    expect((only ?? '').length).toBeGreaterThan(4096); // the HTML is long ...
    expectWithinTelegramLimits(only ?? ''); // ... the text Telegram counts is not
    expect(asTelegram(only ?? '').entities.filter((e) => e.type === 'text_link')).toHaveLength(5);
    expect(only).toContain('and 2 more: /asia');
  });

  it('when a digest holds many short stories, then no message carries more formatting than Telegram applies (100 entities)', () => {
    store = tempStore();
    const regions: Region[] = ['asia', 'europe', 'middle-east', 'africa', 'americas', 'world'];
    store.articles.upsertMany(regions.flatMap((r, ri) => Array.from({ length: 40 }, (_, i) => article(ri * 100 + i, r, (i + 1) / 4, { lead: '', url: `https://n.example/${ri}/${i}` }))));
    const digest = createDigestBuilder(store.db, { itemsPerRegion: 40, defaultLanguage: 'en' }).build(chat(regions), '2026-11-28', until);
    expect(digest.shown).toBe(240);
    for (const part of digest.parts) expectWithinTelegramLimits(part);
    expect(digest.parts.join('\n').match(/ item a\d+ /g)).toHaveLength(240);
  });
});

describe('which copy of a story a digest shows', () => {
  it('when the first copy of a story has no address and a later one has, then the digest shows the one with the link and the longer lead', () => {
    store = tempStore();
    store.articles.upsertMany([
      article(1, 'asia', 5, { headline: 'Putin visit to Japan called a breakthrough', url: null, guid: 'import:abc', lead: 'Short.', source: 'Sputnik International' }),
      article(2, 'asia', 4, { headline: 'Putin visit to Japan called a breakthrough', url: 'https://sputnik.example/putin-japan', lead: 'A visit of the Russian president to Japan was a breakthrough, a deputy minister said.', source: 'Sputnik International' }),
      article(3, 'asia', 3, { headline: 'Putin visit to Japan called a breakthrough', url: null, guid: 'g-3', lead: 'Short too.', source: 'Other Wire' }),
    ]);
    const text = builder().build(chat(['asia']), '2026-11-28', until).parts.join('\n');
    expect(text.match(/Putin visit/g)).toHaveLength(1);
    expect(text).toContain('<b><a href="https://sputnik.example/putin-japan">Putin visit to Japan called a breakthrough</a></b>');
    expect(text).toContain('A visit of the Russian president');
    expect(text).toContain('Sputnik International · 4 hours ago · also: Other Wire');
  });
});

describe('near-duplicate stories in a digest', () => {
  const AFRICA: [string, string][] = [
    ['Ivory Coast soldiers end mutiny after deal on bonuses', 'Mutinous soldiers in Ivory Coast agreed to return to barracks after the government promised to pay bonuses.'],
    ['Ivory Coast mutiny: soldiers fire shots in Bouake', "Soldiers fired shots in the air in Bouake, Ivory Coast's second city, as a mutiny over pay spread."],
    ['Ivory Coast president reaches deal with mutinous soldiers', "Ivory Coast's president said he had reached a deal with soldiers who seized Bouake over pay."],
    ['Kenya raises fuel prices by eight percent', 'Petrol and diesel cost more from Monday, the energy regulator said.'],
    ['Nigeria opens rail line to Kano', 'The line cuts the trip from Lagos to a day.'],
    ['Ghana cedi hits record low against the dollar', 'The currency has lost a fifth of its value this year.'],
    ['Ethiopia and Eritrea reopen border crossing', 'Families separated for years met at the crossing.'],
  ];

  it('when one outlet ran three takes on one mutiny, then the section shows one of them and the others count among "and N more"', () => {
    store = tempStore();
    store.articles.upsertMany(AFRICA.map(([headline, lead], i) => article(i, 'africa', i + 1, { headline, lead, source: 'Africa Wire' })));
    const digest = builder().build(chat(['africa']), '2026-11-28', until);
    const text = digest.parts.join('\n');
    expect(text.match(/Ivory Coast/g)?.length).toBe(2); // one headline, and its lead
    expect(text).toContain('Ivory Coast soldiers end mutiny');
    for (const [headline] of AFRICA.slice(3, 6)) expect(text).toContain(headline);
    expect(digest.shown).toBe(5);
    expect(text).toContain('and 2 more: /africa');
  });
});

describe('building many digests in a row', () => {
  it('when one builder slides through a day of due times, then every digest equals one built from scratch', () => {
    store = tempStore('2026-11-29T00:00:00Z');
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const regions: Region[] = ['asia', 'europe', 'middle-east', 'africa', 'americas', 'world'];
    const inputs: ArticleInput[] = [];
    for (let i = 0; i < 400; i++) {
      const shared = i > 0 && random() < 0.3 ? Math.floor(random() * i) : i; // a second outlet's take on an earlier story
      const own = regions.filter(() => random() < 0.3);
      inputs.push(
        article(shared, own.length > 0 ? own : ['world'], 60 * random() - 24, {
          source: `Outlet ${Math.floor(random() * 5)}`,
          url: `https://n.example/${i}`,
          headline: `Story a${shared} b${shared} c${shared} d${shared}`,
        }),
      );
    }
    store.articles.upsertMany(inputs);
    const sliding = builder(3);
    const chats = [chat(['asia', 'world']), chat(['world', 'europe', 'africa']), chat(['americas'], { lastDigestUntil: until - 30 * HOUR }), chat([...regions], { language: 'ru' })];
    let checked = 0;
    for (let due = until - 20 * HOUR; due <= until + 24 * HOUR; due += Math.floor(random() * 90 + 1) * 60_000) {
      for (const c of chats) {
        const fresh = builder(3);
        const expected = fresh.build(c, '2026-11-28', due);
        expect(sliding.build(c, '2026-11-28', due)).toEqual(expected);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('sections kept from one window to the next', () => {
  it('when one builder slides minute by minute through stories that retell each other, then every digest equals one built from scratch', () => {
    store = tempStore('2026-11-29T00:00:00Z');
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const regions: Region[] = ['asia', 'europe', 'africa', 'world'];
    // A small vocabulary: many headlines share three key words and count as the same news told again,
    // so what a section leaves out changes as stories come and go.
    const words = ['Kabul', 'market', 'blast', 'Lagos', 'strike', 'rail', 'Paris', 'summit', 'deal'];
    const pick = () => words[Math.floor(random() * words.length)] as string;
    const inputs: ArticleInput[] = [];
    for (let i = 0; i < 500; i++) {
      const shared = i > 0 && random() < 0.3 ? Math.floor(random() * i) : i;
      const own = regions.filter(() => random() < 0.35);
      inputs.push(
        article(shared, own.length > 0 ? own : ['world'], 27 * random() - 2, {
          source: `Outlet ${Math.floor(random() * 6)}`,
          url: `https://n.example/${i}`,
          headline: `${pick()} ${pick()} ${pick()} ${pick()} report ${i % 7}`,
          lead: `${pick()} ${pick()} ${pick()} ${pick()} ${pick()} ${pick()} ${pick()} ${pick()} ${pick()} now.`,
        }),
      );
    }
    store.articles.upsertMany(inputs);
    const sliding = builder(3);
    const chats = [chat(['asia', 'world']), chat(['world', 'europe', 'africa']), chat(['africa']), chat(['europe', 'asia'], { language: 'ru' })];
    let checked = 0;
    let sections = 0;
    for (let due = until - 3 * HOUR; due <= until + 2 * HOUR; due += Math.floor(random() * 3 + 1) * 60_000) {
      for (const c of chats) {
        const expected = builder(3).build(c, '2026-11-28', due);
        expect(sliding.build(c, '2026-11-28', due)).toEqual(expected);
        checked++;
        sections += expected.shown;
      }
    }
    expect(checked).toBeGreaterThan(400);
    expect(sections).toBeGreaterThan(checked);
  });
});
