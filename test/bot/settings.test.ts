import { describe, expect, it } from 'vitest';
import { type BotHarness, botTests } from './harness.js';

const bot = botTests();
const say = async (user: Parameters<BotHarness['fake']['say']>[0], chat: Parameters<BotHarness['fake']['say']>[1], text: string) =>
  (await bot.h.fake.say(user, chat, text)).replies.map((r) => r.text).join('\n---\n');

describe('/time and /timezone', () => {
  it('when a valid time is sent in any common spelling, then it is stored as HH:MM and confirmed', async () => {
    const { h, user, chat } = await bot.person();
    expect(await say(user, chat, '/time 07:30')).toContain('Done: your daily digest comes at 07:30 (UTC).');
    expect(h.chats.get(chat.id)?.digestTime).toBe('07:30');
    await say(user, chat, '/time 9.05');
    expect(h.chats.get(chat.id)?.digestTime).toBe('09:05');
  });

  it.each(['25:99', 'noon', '7:61', '-1'])('when /time %s is sent, then the answer explains the format and nothing changes', async (input) => {
    const { h, user, chat } = await bot.person();
    expect(await say(user, chat, `/time ${input}`)).toBe(`'${input}' is not a time of day. Send it as HH:MM, e.g. /time 07:30.`);
    expect(h.chats.get(chat.id)?.digestTime).toBe('08:00');
  });

  it('when /time has no argument, then it says the current time and how to change it', async () => {
    const { user, chat } = await bot.person();
    expect(await say(user, chat, '/time')).toBe('Your digest comes at 08:00 (UTC). To change it: /time 07:30.');
  });

  it.each([
    ['Europe/Moscow', 'Europe/Moscow', 'Europe/Moscow', 'tomorrow at 08:00, in 21 hours'],
    ['europe/berlin', 'Europe/Berlin', 'Europe/Berlin', 'tomorrow at 08:00, in 23 hours'],
    ['UTC+3', '+03:00', 'UTC+03:00', 'tomorrow at 08:00, in 21 hours'],
    ['+05:30', '+05:30', 'UTC+05:30', 'tomorrow at 08:00, in 19 hours'],
    ['GMT-8', '-08:00', 'UTC-08:00', 'today at 08:00, in 8 hours'],
    ['moscow', 'Europe/Moscow', 'Europe/Moscow', 'tomorrow at 08:00, in 21 hours'],
    ['New York', 'America/New_York', 'America/New_York', 'today at 08:00, in 5 hours'],
    ['são paulo', 'America/Sao_Paulo', 'America/Sao_Paulo', 'today at 08:00, in 3 hours'],
    ['Kolkata', 'Asia/Kolkata', 'Asia/Kolkata', 'tomorrow at 08:00, in 19 hours'],
    ['Europe/Kyiv', 'Europe/Kyiv', 'Europe/Kyiv', 'tomorrow at 08:00, in 22 hours'],
  ])('when a subscribed chat sends /timezone %s, then the zone becomes %s, shown as %s, with when the next digest comes there', async (input, stored, shown, next) => {
    const { h, user, chat } = await bot.person();
    await say(user, chat, '/subscribe asia');
    expect(await say(user, chat, `/timezone ${input}`)).toBe(`Done: your time zone is ${shown}; the digest comes at 08:00 there.\nNext digest: ${next}.`);
    expect(h.chats.get(chat.id)?.timezone).toBe(stored);
  });

  it('when a city name fits several zones, then the answer lists them with an example and the zone stays', async () => {
    const { h, user, chat } = await bot.person();
    const text = await say(user, chat, '/timezone san');
    expect(text).toMatch(/^'san' could be several zones: (America\/[\w/]*San\w+, ){4}America\/[\w/]*San\w+ and \d+ more\. Send the full name, e\.g\. \/timezone America\/[\w/]+\.$/u);
    expect(h.chats.get(chat.id)?.timezone).toBe('UTC');
  });

  it('when a chat without regions sets its time or zone, then it is told no digest comes until it picks regions', async () => {
    const { user, chat } = await bot.person();
    expect(await say(user, chat, '/time 07:00')).toBe('Done: your daily digest comes at 07:00 (UTC).\nYou have no subscriptions yet: /regions or /subscribe asia.');
    expect(await say(user, chat, '/timezone Tokyo')).toContain('You have no subscriptions yet');
  });

  it('when the zone is unknown, then the answer gives examples and the zone stays', async () => {
    const { h, user, chat } = await bot.person();
    expect(await say(user, chat, '/timezone Mars/Olympus')).toBe(
      "'Mars/Olympus' is not a time zone I know. Send a city or zone name like /timezone Berlin or /timezone Europe/Berlin, or an offset like /timezone UTC+3.",
    );
    expect(await say(user, chat, '/timezone Atlantis')).toContain("'Atlantis' is not a time zone I know");
    expect(await say(user, chat, '/timezone UTC+99')).toContain('is not a time zone I know');
    expect(h.chats.get(chat.id)?.timezone).toBe('UTC');
  });

  it('when a Russian person sets the time, then the answers are Russian', async () => {
    const { user, chat } = await bot.person('ru');
    expect(await say(user, chat, '/time 06:15')).toContain('Готово: сводка будет приходить в 06:15 (UTC).');
    expect(await say(user, chat, '/time 25:99')).toContain('«25:99» — не время суток');
    expect(await say(user, chat, '/timezone Луна')).toContain('неизвестный часовой пояс');
  });
});

describe('/language', () => {
  it('when an English client chooses Russian, then every later answer is Russian, and back', async () => {
    const { h, user, chat } = await bot.person('en');
    expect(await say(user, chat, '/language ru')).toBe('Готово: здесь я буду говорить по-русски.');
    expect(h.chats.get(chat.id)?.language).toBe('ru');
    expect(await say(user, chat, '/time')).toContain('Сводка приходит в 08:00');
    expect(await say(user, chat, '/language en')).toBe('Done: I will speak English here.');
    expect(await say(user, chat, '/language klingon')).toBe("'klingon' is not a language I speak. Send /language en, /language ru or /language auto (your Telegram app’s).");
  });

  it.each([
    ['en', 'I speak English here. To change it: /language en or /language ru; /language auto follows your Telegram app.'],
    ['ru', 'Язык здесь: русский. Изменить: /language ru или /language en; /language auto — как в вашем приложении Telegram.'],
  ])('when /language is sent alone (%s), then it says the current language and how to change it', async (lang, answer) => {
    const { h, user, chat } = await bot.person(lang);
    expect(await say(user, chat, '/language')).toBe(answer);
    expect(h.chats.get(chat.id)?.language).toBeNull();
  });
});

describe('/pause, /resume, /stop', () => {
  it('when the digest is paused and resumed, then the setting follows and the answers say so', async () => {
    const { h, user, chat } = await bot.person();
    await say(user, chat, '/subscribe asia');
    expect(await say(user, chat, '/pause')).toContain('Digest paused.');
    expect(h.chats.get(chat.id)?.paused).toBe(true);
    expect(await say(user, chat, '/pause')).toContain('already paused');
    expect(await say(user, chat, '/resume')).toBe('Daily digest back on: it comes at 08:00 (UTC).');
    expect(h.chats.get(chat.id)?.paused).toBe(false);
    expect(await say(user, chat, '/resume')).toContain('The digest is not paused.');
    expect(h.chats.get(chat.id)?.regions).toEqual(['asia']);
  });

  it('when /stop is sent, then the chat and its settings are forgotten and it is told how to begin again', async () => {
    const { h, user, chat } = await bot.person();
    await say(user, chat, '/subscribe asia europe');
    await say(user, chat, '/time 06:00');
    expect(await say(user, chat, '/stop')).toContain('/start to begin again');
    expect(h.chats.get(chat.id)).toBeUndefined();
    expect(h.chats.listSubscribed()).toEqual([]);
  });
});

describe('/digest', () => {
  it('when a subscribed chat asks for its digest, then it gets the stories of its regions now', async () => {
    const { h, user, chat } = await bot.person();
    h.addArticle({ headline: 'Harbour reopens after storm', regions: ['asia'] }, 2);
    h.addArticle({ headline: 'Senate passes budget', regions: ['europe'] }, 2);
    await say(user, chat, '/subscribe asia');
    const { replies } = await h.fake.say(user, chat, '/digest');
    const text = replies.map((r) => r.text).join('\n');
    expect(text).toContain('Your news digest · Saturday, November 28');
    expect(replies.flatMap((r) => r.links.map((l) => l.text))).toEqual(['Harbour reopens after storm']);
    // Asking does not use up the daily digest.
    expect(h.chats.get(chat.id)?.lastDigestUntil).toBeNull();
  });

  it('when a chat without regions asks for a digest, then it is told to pick regions', async () => {
    const { user, chat } = await bot.person();
    expect(await say(user, chat, '/digest')).toBe('A digest needs regions first: /regions or /subscribe asia.');
  });

  it('when a new chat asks for its digest and the last 24 hours brought nothing, then it is told so and pointed to /latest', async () => {
    const { h, user, chat } = await bot.person();
    h.addArticle({ headline: 'Old harbour story', regions: ['asia'] }, 30);
    await say(user, chat, '/subscribe asia');
    expect(await say(user, chat, '/digest')).toBe('Nothing new in Asia & Pacific in the last 24 hours. Older stories: /latest.');
  });

  it('when a chat that had its daily digest and chose quiet days asks, then it still gets a dated "nothing new since your last digest"', async () => {
    const { h, user, chat } = await bot.person();
    await say(user, chat, '/subscribe europe');
    h.chats.setLastDigestUntil(chat.id, h.store.clock.now() - 3_600_000);
    h.chats.setQuietWhenEmpty(chat.id, true);
    expect(await say(user, chat, '/digest')).toBe('Saturday, November 28: nothing new in Europe since your last digest.');
  });

  it('when nothing is new, then the digest says so in the chat\'s language', async () => {
    const { user, chat } = await bot.person('ru');
    await say(user, chat, '/subscribe africa');
    expect(await say(user, chat, '/digest')).toContain('ничего нового');
  });
});
