import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/import/import-files.js';
import { REGIONS } from '../../src/regions/regions.js';
import { botTests } from './harness.js';

const SEED = path.resolve(import.meta.dirname, '../fixtures/seed-sputnik-asia.txt');
const SEED_HEADLINE = "Russian Foreign Ministry Sees Putin's Visit to Japan as 'Breakthrough'";
const SEED_LEAD =
  'A visit of Russian President Vladimir Putin to Japan in mid-December can be called a breakthrough which created a powerful momentum for the development of Moscow-Tokyo relations, Russian Deputy Foreign Minister Igor Morgulov said Thursday.';

/** Headlines that share no significant word, so the store keeps them as separate stories. */
const WORDS = ['harbour', 'glacier', 'senate', 'vaccine', 'railway', 'drought', 'festival', 'copper', 'satellite', 'election', 'orchestra', 'refinery', 'volcano', 'tariff', 'museum', 'pipeline', 'monsoon', 'stadium', 'bakery', 'telescope', 'canal', 'wildfire', 'library', 'airline', 'vineyard', 'bridge', 'reactor', 'lottery', 'treaty', 'cyclone'];
const distinct = (i: number) => `${WORDS[i % WORDS.length] ?? ''} ${WORDS[(i + 10) % WORDS.length] ?? ''} ${i}`;

const bot = botTests();

describe('/latest and the region commands', () => {
  it.each(['/asia', '/latest asia'])('when the seed page is imported and %s is sent, then its headline is shown in bold with its lead', async (command) => {
    const h = await bot.start();
    const [outcome] = await importFiles([SEED], h.store.articles);
    expect(outcome?.kind).toBe('imported');
    const { user, chat } = await bot.person();
    const { replies } = await h.fake.say(user, chat, command);
    expect(replies).toHaveLength(1);
    const reply = replies[0];
    expect(reply?.text.split('\n')[0]).toBe('Latest · Asia & Pacific');
    expect(reply?.bold).toContain(SEED_HEADLINE);
    expect(reply?.text).toContain(`${SEED_HEADLINE}\n${SEED_LEAD}`);
    expect(reply?.text).toContain('Sputnik International · ');
    expect(reply?.linkPreviewDisabled).toBe(true);
  });

  it.each(['/asia', '/latest asia'])('when the seed page is imported with its address and %s is sent, then its headline links to it', async (command) => {
    const h = await bot.start();
    const url = 'https://sputnikglobe.com/asia/russia-japan-putin-visit-breakthrough.html';
    const [outcome] = await importFiles([SEED], h.store.articles, { url: `${url}?utm_source=telegram#comments` });
    expect(outcome?.kind).toBe('imported');
    const { user, chat } = await bot.person();
    const { replies } = await h.fake.say(user, chat, command);
    expect(replies[0]?.links).toEqual([{ text: SEED_HEADLINE, url }]);
    expect(replies[0]?.bold).toContain(SEED_HEADLINE);
    expect(replies[0]?.text).toContain(`${SEED_HEADLINE}\n${SEED_LEAD}\nSputnik International · `);
  });

  it('when the newest copy of a story has no address but an older copy has, then /latest shows the story once, linked, with the fuller lead', async () => {
    const h = await bot.start();
    const url = 'https://sputnikglobe.com/asia/putin-japan.html';
    h.addArticle({ headline: SEED_HEADLINE, url, lead: SEED_LEAD, source: 'Sputnik International', regions: ['asia'] }, 3);
    h.addArticle({ headline: SEED_HEADLINE, url: null, guid: 'import:seed', lead: 'A visit.', source: 'Sputnik International', regions: ['asia'] }, 1);
    const { user, chat } = await bot.person();
    const { replies } = await h.fake.say(user, chat, '/asia');
    expect(replies[0]?.links).toEqual([{ text: SEED_HEADLINE, url }]);
    expect(replies[0]?.text.match(/Russian Foreign Ministry/g)).toHaveLength(1);
    expect(replies[0]?.text).toContain(`${SEED_HEADLINE}\n${SEED_LEAD}\nSputnik International · 3 hours ago`);
  });

  it('when an outlet ran three takes on one mutiny today, then /latest shows one of them and fills the list with other news', async () => {
    const h = await bot.start();
    const takes = ['Ivory Coast soldiers end mutiny after deal on bonuses', 'Ivory Coast mutiny: soldiers fire shots in Bouake', 'Ivory Coast president reaches deal with mutinous soldiers'];
    takes.forEach((headline, i) => h.addArticle({ headline, source: 'Africa Wire', regions: ['africa'] }, i + 1));
    ['Kenya raises fuel prices', 'Nigeria opens rail line to Kano', 'Ghana cedi hits record low', 'Ethiopia reopens border crossing', 'Senegal holds local elections'].forEach((headline, i) =>
      h.addArticle({ headline, regions: ['africa'] }, i + 4),
    );
    const { user, chat } = await bot.person();
    const text = (await h.fake.say(user, chat, '/africa')).replies[0]?.text ?? '';
    expect(text.match(/Ivory Coast/g)).toHaveLength(1);
    expect(text).toContain('Ivory Coast soldiers end mutiny after deal on bonuses');
    for (const headline of ['Kenya raises fuel prices', 'Nigeria opens rail line to Kano', 'Ghana cedi hits record low', 'Ethiopia reopens border crossing']) expect(text).toContain(headline);
  });

  it('when a headline holds <script>, & and quotes, then the person sees it exactly as written', async () => {
    const h = await bot.start();
    const hostile = `<script>alert("x")</script> & Sons' "deal" <b>not bold</b> &amp;`;
    h.addArticle({ headline: hostile, lead: 'Lead with <i>tags</i> & an ampersand.', regions: ['europe'], source: 'A&B <News>' });
    const { user, chat } = await bot.person();
    const { replies } = await h.fake.say(user, chat, '/europe');
    expect(replies[0]?.links[0]?.text).toBe(hostile);
    expect(replies[0]?.text).toContain('Lead with <i>tags</i> & an ampersand.');
    expect(replies[0]?.text).toContain('A&B <News> · 1 hour ago');
    expect(replies[0]?.bold).toEqual(['Latest · Europe', hostile]);
  });

  it('when no number is given, then the newest 5 come, newest first, with their age', async () => {
    const h = await bot.start();
    for (let i = 1; i <= 8; i++) h.addArticle({ headline: `Story ${distinct(i)}`, regions: ['africa'] }, i);
    const { user, chat } = await bot.person();
    const { replies } = await h.fake.say(user, chat, '/africa');
    const headlines = replies.flatMap((r) => r.links.map((l) => l.text));
    expect(headlines).toEqual([1, 2, 3, 4, 5].map((i) => `Story ${distinct(i)}`));
    expect(replies[0]?.text).toContain('Test Wire · 3 hours ago');
  });

  it('when /latest asks for 500, then 20 come with a note that 20 is the most; 0 or -3 get a clear answer', async () => {
    const h = await bot.start();
    for (let i = 1; i <= 30; i++) h.addArticle({ headline: distinct(i), regions: ['asia'] }, i / 10);
    const { user, chat } = await bot.person();
    const { replies } = await h.fake.say(user, chat, '/latest asia 500');
    expect(replies.flatMap((r) => r.links)).toHaveLength(20);
    expect(replies[0]?.text).toContain('At most 20 stories at a time; here are the newest 20.');
    expect((await h.fake.say(user, chat, '/latest 0')).replies[0]?.text).toContain("'0' is not a number of stories: use 1 to 20");
    expect((await h.fake.say(user, chat, '/latest asia -3')).replies[0]?.text).toContain("'-3' is not a number of stories");
    expect((await h.fake.say(user, chat, '/latest 12 asia')).replies.flatMap((r) => r.links)).toHaveLength(12);
  });

  it('when 20 long stories are asked for, then they are split into several messages between stories, none over 4096', async () => {
    const h = await bot.start();
    for (let i = 1; i <= 20; i++) h.addArticle({ headline: `Story ${i}: ${distinct(i)}`, lead: `${'Sentence of the lead. '.repeat(25)}End ${i}.`, regions: ['world'] }, i);
    const { user, chat } = await bot.person();
    const { replies } = await h.fake.say(user, chat, '/world 20');
    expect(replies.length).toBeGreaterThan(1);
    for (const r of replies) expect(r.text.length).toBeLessThanOrEqual(4096);
    // Every story whole: its headline, its lead's last words and its source line in the same message.
    for (let i = 1; i <= 20; i++) {
      const holder = replies.filter((r) => r.links.some((l) => l.text.startsWith(`Story ${i}: `)));
      expect(holder).toHaveLength(1);
      expect(holder[0]?.text).toContain(`End ${i}.`);
    }
  });

  it('when a region is misspelt, then "No region \'asai\'. Did you mean asia?"', async () => {
    const h = await bot.start();
    const { user, chat } = await bot.person();
    const { replies } = await h.fake.say(user, chat, '/latest asai');
    expect(replies[0]?.text).toContain("No region 'asai'. Did you mean asia?");
  });

  it('when no region is named, then the chat\'s regions are used, else all', async () => {
    const h = await bot.start();
    h.addArticle({ headline: 'In Europe', regions: ['europe'] }, 1);
    h.addArticle({ headline: 'In the Americas', regions: ['americas'] }, 2);
    const { user, chat } = await bot.person();
    const all = await h.fake.say(user, chat, '/latest');
    expect(all.replies[0]?.text.split('\n')[0]).toBe('Latest · all regions');
    expect(all.replies.flatMap((r) => r.links.map((l) => l.text))).toEqual(['In Europe', 'In the Americas']);
    await h.fake.say(user, chat, '/subscribe americas');
    const mine = await h.fake.say(user, chat, '/latest');
    expect(mine.replies.flatMap((r) => r.links.map((l) => l.text))).toEqual(['In the Americas']);
  });

  it('when /mideast, /middleeast and each region command is sent, then each answers for its region', async () => {
    const h = await bot.start();
    for (const region of REGIONS) h.addArticle({ headline: `Only in ${region}`, regions: [region] });
    const { user, chat } = await bot.person();
    const commands = { asia: 'asia', europe: 'europe', mideast: 'middle-east', middleeast: 'middle-east', africa: 'africa', americas: 'americas', world: 'world' };
    for (const [command, region] of Object.entries(commands)) {
      const { replies } = await h.fake.say(user, chat, `/${command}`);
      expect(replies.flatMap((r) => r.links.map((l) => l.text))).toEqual([`Only in ${region}`]);
    }
  });

  it('when there are no stories yet, then the answer says so instead of staying silent', async () => {
    const h = await bot.start();
    const { user, chat } = await bot.person();
    expect((await h.fake.say(user, chat, '/asia')).replies[0]?.text).toBe('No stories from Asia & Pacific yet. New ones arrive every few minutes.');
  });

  it('when the chat\'s regions have no stories but others do, then the answer says so and names the commands that have some', async () => {
    const h = await bot.start();
    h.addArticle({ headline: 'Copper prices climb', regions: ['asia'] });
    h.addArticle({ headline: 'Rains return', regions: ['africa', 'world'] });
    const { user, chat } = await bot.person();
    await h.fake.say(user, chat, '/subscribe europe');
    const { replies } = await h.fake.say(user, chat, '/latest');
    expect(replies.map((r) => r.text)).toEqual(['No stories from Europe yet. New ones arrive every few minutes.\nOther regions have news: /asia, /africa, /world.']);
    const ru = await bot.person('ru');
    await h.fake.say(ru.user, ru.chat, '/subscribe americas');
    expect((await h.fake.say(ru.user, ru.chat, '/latest')).replies[0]?.text).toBe(
      'Новостей (Америка) пока нет. Новые приходят каждые несколько минут.\nВ других регионах новости есть: /asia, /africa, /world.',
    );
  });

  it('when the store holds no story at all, then /latest says so without naming "all regions"', async () => {
    const { h, user, chat } = await bot.person();
    expect((await h.fake.say(user, chat, '/latest')).replies.map((r) => r.text)).toEqual(['No stories yet. New ones arrive every few minutes.']);
  });

  it('when a region comes with another bot\'s name stuck to it, then the answer suggests the region', async () => {
    const { h, user, chat } = await bot.person();
    expect((await h.fake.say(user, chat, '/latest europe@OtherBot')).replies[0]?.text).toContain("No region 'europe@OtherBot'. Did you mean europe?");
  });

  it('when a Russian person asks, then the heading and the age are in Russian', async () => {
    const h = await bot.start();
    h.addArticle({ headline: 'Новость', regions: ['europe'] }, 3);
    const { user, chat } = await bot.person('ru');
    const text = (await h.fake.say(user, chat, '/europe')).replies[0]?.text ?? '';
    expect(text.split('\n')[0]).toBe('Свежее · Европа');
    expect(text).toContain('Test Wire · 3 часа назад');
  });
});
