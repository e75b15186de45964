import { describe, expect, it } from 'vitest';
import { botTests } from './harness.js';

const bot = botTests();
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima'];

describe('/search', () => {
  it('when a person searches, then the best stories come with the matching words in bold, and More edits the same message to the next ones', async () => {
    const { h, user, chat } = await bot.person();
    WORDS.forEach((w, i) => h.addArticle({ headline: `${w} report from the strait`, lead: `Taiwan said the ${w} drill ended.`, regions: ['asia'] }, i + 1));
    h.addArticle({ headline: 'Paris museum reopens', regions: ['europe'] }, 1);
    const first = (await h.fake.say(user, chat, '/search taiwan')).replies[0];
    if (!first) throw new Error('no answer');
    expect(first.text.split('\n').slice(0, 2)).toEqual(['🔎 taiwan', 'Stories 1–5 of 12, best first']);
    expect(first.links.map((l) => l.text)).toEqual(WORDS.slice(0, 5).map((w) => `${w} report from the strait`));
    expect(first.bold.filter((b) => b === 'Taiwan')).toHaveLength(5);
    expect(first.text).not.toContain('Paris');
    const more = first.buttons.flat().find((b) => b.text === 'More ▸');
    expect(more).toBeDefined();
    const before = h.fake.sentTo(chat.id).length;
    await h.fake.press(user, first, more?.callback_data ?? '');
    expect(h.fake.sentTo(chat.id)).toHaveLength(before);
    const edited = h.fake.sentTo(chat.id).find((m) => m.messageId === first.messageId);
    expect(edited?.text.split('\n')[1]).toBe('Stories 6–10 of 12, best first');
    expect(edited?.links.map((l) => l.text)).toEqual(WORDS.slice(5, 10).map((w) => `${w} report from the strait`));
    const last = await h.fake.press(user, edited ?? first, edited?.buttons.flat()[0]?.callback_data ?? '');
    expect(last.answer).toBeDefined();
    const final = h.fake.sentTo(chat.id).find((m) => m.messageId === first.messageId);
    expect(final?.text.split('\n')[1]).toBe('Stories 11–12 of 12, best first');
    expect(final?.buttons).toEqual([]);
  });

  it('when the words are only in the body, then the answer shows the piece of the body that has them', async () => {
    const { h, user, chat } = await bot.person();
    h.addArticle({ headline: 'Quiet day on markets', lead: 'Stocks drifted.', body: `Stocks drifted. ${'Traders watched bond yields and the yen all morning. '.repeat(6)}Later, analysts said the Bank of Japan would wait until spring.`, regions: ['asia'] });
    const reply = (await h.fake.say(user, chat, '/search "Bank of Japan"')).replies[0];
    expect(reply?.text).toMatch(/\n….*analysts said the Bank of Japan would wait until spring\.\n/);
    expect(reply?.text).not.toContain('Stocks drifted. Traders');
    expect(reply?.bold).toEqual(expect.arrayContaining(['Bank', 'Japan']));
  });

  it('when a search is empty, too common or finds nothing, then a helpful answer comes, in the person\'s language', async () => {
    const { h, user, chat } = await bot.person();
    h.addArticle({ headline: 'Taiwan holds drills', regions: ['asia'] });
    expect((await h.fake.say(user, chat, '/search')).replies[0]?.text).toMatch(/^Send words to look for in every stored story/);
    expect((await h.fake.say(user, chat, '/search the')).replies[0]?.text).toBe('the: too common to search for on its own. Add a name, a place or a topic, e.g. /search Taiwan elections.');
    expect((await h.fake.say(user, chat, '/search Zanzibar ferry')).replies[0]?.text).toBe('Nothing found for Zanzibar ferry. Fewer words may find something.');
    const ru = h.fake.user({ language_code: 'ru' });
    const ruChat = h.fake.privateChat(ru);
    expect((await h.fake.say(ru, ruChat, '/search Тайвань')).replies[0]?.text).toBe('По запросу Тайвань ничего не найдено. Проверьте написание или попробуйте другую форму слова.');
    const found = (await h.fake.say(ru, ruChat, '/search taiwan')).replies[0]?.text ?? '';
    expect(found.split('\n')[1]).toBe('Новости 1–1 из 1, сначала лучшие');
  });

  it('when a chat muted a word, then /search leaves out the stories that name it, counts and pages without them, and says so when it leaves out all', async () => {
    const { h, user, chat } = await bot.person();
    WORDS.slice(0, 6).forEach((w, i) => h.addArticle({ headline: `Taiwan ${w} football cup`, regions: ['asia'] }, i + 1));
    WORDS.slice(6).forEach((w, i) => h.addArticle({ headline: `Taiwan ${w} drill report`, regions: ['asia'] }, i + 10));
    expect((await h.fake.say(user, chat, '/search taiwan')).replies[0]?.text.split('\n')[1]).toBe('Stories 1–5 of 12, best first');
    await h.fake.say(user, chat, '/mute football');
    const first = (await h.fake.say(user, chat, '/search taiwan')).replies[0];
    if (!first) throw new Error('no answer');
    expect(first.text.split('\n')[1]).toBe('Stories 1–5 of 6, best first');
    expect(first.text).not.toContain('football');
    await h.fake.press(user, first, first.buttons.flat()[0]?.callback_data ?? '');
    const second = h.fake.sentTo(chat.id).find((m) => m.messageId === first.messageId);
    expect(second?.text.split('\n')[1]).toBe('Stories 6–6 of 6, best first');
    expect(second?.text).not.toContain('football');
    expect((await h.fake.say(user, chat, '/search football')).replies[0]?.text).toBe('All 6 stories found for football are muted here. /follows lists the mutes.');
    const ru = h.fake.user({ language_code: 'ru' });
    const ruChat = h.fake.privateChat(ru);
    await h.fake.say(ru, ruChat, '/mute taiwan');
    expect((await h.fake.say(ru, ruChat, '/search taiwan drill')).replies[0]?.text).toBe('Всё найденное по запросу taiwan drill (новостей: 6) здесь скрыто. Список скрытого — /follows.');
    expect((await h.fake.say(user, chat, '/search drill')).replies[0]?.text.split('\n')[1]).toBe('Stories 1–5 of 6, best first');
  });
});
