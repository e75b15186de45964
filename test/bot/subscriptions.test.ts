import { describe, expect, it } from 'vitest';
import { botTests, longestSent } from './harness.js';

const bot = botTests();

describe('/regions buttons', () => {
  it('when a region button is pressed, then the chat subscribes, the same message shows ✅ and the press is answered', async () => {
    const { h, user, chat } = await bot.person();
    const { replies } = await h.fake.say(user, chat, '/regions');
    const picker = replies[0];
    if (!picker) throw new Error('no picker');
    const asia = picker.buttons.flat().find((b) => b.text === 'Asia & Pacific');
    const pressed = await h.fake.press(user, picker, asia?.callback_data ?? '');
    expect(pressed.answer?.text).toBe('Subscribed to Asia & Pacific');
    expect(h.chats.get(chat.id)?.regions).toEqual(['asia']);
    const [same] = h.fake.sentTo(chat.id);
    expect(h.fake.sentTo(chat.id)).toHaveLength(1);
    expect(same?.buttons.flat().map((b) => b.text)).toContain('✅ Asia & Pacific');

    const marked = same?.buttons.flat().find((b) => b.text === '✅ Asia & Pacific');
    const again = await h.fake.press(user, same ?? picker, marked?.callback_data ?? '');
    expect(again.answer?.text).toBe('Unsubscribed from Asia & Pacific');
    expect(h.chats.get(chat.id)?.regions).toEqual([]);
    expect(h.fake.sentTo(chat.id)[0]?.buttons.flat().map((b) => b.text)).toContain('Asia & Pacific');
  });

  it('when a button is pressed on an older picker whose marks are out of date, then it does what the person saw', async () => {
    const { h, user, chat } = await bot.person();
    const first = (await h.fake.say(user, chat, '/regions')).replies[0];
    const second = (await h.fake.say(user, chat, '/regions')).replies[0];
    if (!first || !second) throw new Error('no picker');
    const data = (m: typeof first, text: string) => m.buttons.flat().find((b) => b.text === text)?.callback_data ?? '';
    expect((await h.fake.press(user, second, data(second, 'Europe'))).answer?.text).toBe('Subscribed to Europe');
    // The first picker still shows Europe unmarked: pressing it means "subscribe", not "toggle off".
    const stale = await h.fake.press(user, first, data(first, 'Europe'));
    expect(stale.answer?.text).toBe('You already get Europe.');
    expect(h.chats.get(chat.id)?.regions).toEqual(['europe']);
    // ...and the pressed picker now shows the truth.
    expect(h.fake.sentTo(chat.id)[0]?.buttons.flat().map((b) => b.text)).toContain('✅ Europe');
  });

  it('when a button is pressed on a picker sent before /stop, then it subscribes again and says so', async () => {
    const { h, user, chat } = await bot.person();
    const picker = (await h.fake.say(user, chat, '/regions')).replies[0];
    if (!picker) throw new Error('no picker');
    await h.fake.say(user, chat, '/subscribe asia');
    await h.fake.say(user, chat, '/stop');
    const pressed = await h.fake.press(user, picker, picker.buttons.flat().find((b) => b.text === 'Africa')?.callback_data ?? '');
    expect(pressed.answer?.text).toBe('Subscribed to Africa');
    expect(h.chats.get(chat.id)?.regions).toEqual(['africa']);
  });

  it('when a button carries data the bot does not know, then the press is answered as out of date and nothing changes', async () => {
    const { h, user, chat } = await bot.person();
    const { replies } = await h.fake.say(user, chat, '/regions');
    const picker = replies[0];
    if (!picker) throw new Error('no picker');
    expect((await h.fake.press(user, picker, 'rg:mars')).answer?.text).toContain('out of date');
    expect((await h.fake.press(user, picker, 'something-old')).answer?.text).toContain('out of date');
    expect(h.chats.get(chat.id)?.regions).toEqual([]);
  });

  it('when a Russian person presses a button, then the answer and the buttons are in Russian', async () => {
    const { h, user, chat } = await bot.person('ru');
    const picker = (await h.fake.say(user, chat, '/regions')).replies[0];
    if (!picker) throw new Error('no picker');
    const pressed = await h.fake.press(user, picker, 'rg:europe');
    expect(pressed.answer?.text).toBe('Подписка: Европа');
    expect(h.fake.sentTo(chat.id)[0]?.buttons.flat().map((b) => b.text)).toContain('✅ Европа');
  });
});

describe('/subscribe, /unsubscribe, /subscriptions', () => {
  it('when several regions are named with aliases, then all are subscribed and the digest time is told', async () => {
    const { h, user, chat } = await bot.person();
    const { replies } = await h.fake.say(user, chat, '/subscribe Middle East, latin america asia');
    expect(h.chats.get(chat.id)?.regions.sort()).toEqual(['americas', 'asia', 'middle-east']);
    expect(replies[0]?.text).toMatch(/^Subscribed to .*Middle East/);
    expect(replies[0]?.text).toContain('Your daily digest comes at 08:00 (UTC).');
    const twice = await h.fake.say(user, chat, '/subscribe asia');
    expect(twice.replies[0]?.text).toContain('You already get Asia & Pacific.');
  });

  it('when a region is misspelt, then the answer names it and suggests the right one, and nothing is subscribed', async () => {
    const { h, user, chat } = await bot.person();
    const { replies } = await h.fake.say(user, chat, '/subscribe asai');
    expect(replies[0]?.text).toContain("No region 'asai'. Did you mean asia?");
    expect(replies[0]?.text).toContain('Regions: asia, europe, mideast, africa, americas, world.');
    expect(h.chats.get(chat.id)?.regions).toEqual([]);
  });

  it('when /subscribe has no region, then it explains and shows the buttons', async () => {
    const { h, user, chat } = await bot.person();
    const { replies } = await h.fake.say(user, chat, '/subscribe');
    expect(replies[0]?.text).toContain('/subscribe asia europe');
    expect(replies[0]?.buttons.flat()).toHaveLength(6);
  });

  it('when regions are dropped one by one and then all, then each answer says what changed', async () => {
    const { h, user, chat } = await bot.person();
    await h.fake.say(user, chat, '/subscribe asia europe africa');
    expect((await h.fake.say(user, chat, '/unsubscribe asia')).replies[0]?.text).toBe('Unsubscribed from Asia & Pacific.');
    expect((await h.fake.say(user, chat, '/unsubscribe asia')).replies[0]?.text).toBe('You were not subscribed to Asia & Pacific.');
    expect(h.chats.get(chat.id)?.regions.sort()).toEqual(['africa', 'europe']);
    expect((await h.fake.say(user, chat, '/unsubscribe all')).replies[0]?.text).toContain('Unsubscribed from every region');
    expect(h.chats.get(chat.id)?.regions).toEqual([]);
    expect((await h.fake.say(user, chat, '/unsubscribe all')).replies[0]?.text).toContain('no subscriptions yet');
    expect((await h.fake.say(user, chat, '/unsubscribe')).replies[0]?.text).toContain('/unsubscribe all');
  });

  it('when /subscriptions is sent, then it shows regions, digest time, zone, paused state and language', async () => {
    const { h, user, chat } = await bot.person();
    expect((await h.fake.say(user, chat, '/subscriptions')).replies[0]?.text).toContain('Regions: none yet');
    await h.fake.say(user, chat, '/subscribe europe');
    await h.fake.say(user, chat, '/time 07:30');
    await h.fake.say(user, chat, '/timezone Europe/Moscow');
    await h.fake.say(user, chat, '/pause');
    const text = (await h.fake.say(user, chat, '/subscriptions')).replies[0]?.text ?? '';
    expect(text.split('\n')).toEqual([
      'Your subscriptions',
      'Regions: Europe',
      'Your daily digest comes at 07:30 (Europe/Moscow).',
      'Digest: paused (/resume)',
      'Language: English, as your Telegram app (/language to choose one)',
    ]);
  });

  it.each([
    // Now is 08:00 UTC: 11:00 in Moscow, 03:00 in New York, 19:00 in Sydney (summer time), 13:30 in Kolkata.
    ['en', 'Europe/Moscow', '07:30', ['Your daily digest comes at 07:30 (Europe/Moscow).', 'Next digest: tomorrow at 07:30, in 21 hours.']],
    ['en', 'America/New_York', '07:30', ['Your daily digest comes at 07:30 (America/New_York).', 'Next digest: today at 07:30, in 5 hours.']],
    ['en', '+05:30', '13:45', ['Your daily digest comes at 13:45 (UTC+05:30).', 'Next digest: today at 13:45, in 15 minutes.']],
    ['ru', 'Australia/Sydney', '06:00', ['Ежедневная сводка приходит в 06:00 (Australia/Sydney).', 'Следующая сводка: завтра в 06:00, через 11 часов.']],
    ['ru', 'UTC', '09:00', ['Ежедневная сводка приходит в 09:00 (UTC).', 'Следующая сводка: сегодня в 09:00, через 1 час.']],
    ['ru', 'UTC', '11:00', ['Ежедневная сводка приходит в 11:00 (UTC).', 'Следующая сводка: сегодня в 11:00, через 3 часа.']],
  ])('when a %s chat in %s with its digest at %s sends /subscriptions, then it says when the next digest comes, in its zone', async (lang, zone, time, lines) => {
    const { h, user, chat } = await bot.person(lang);
    await h.fake.say(user, chat, '/subscribe asia');
    await h.fake.say(user, chat, `/time ${time}`);
    await h.fake.say(user, chat, `/timezone ${zone}`);
    const text = (await h.fake.say(user, chat, '/subscriptions')).replies[0]?.text ?? '';
    expect(text.split('\n').slice(2, 4)).toEqual(lines);
  });

  it('when a chat without regions sends /subscriptions, then it is not promised a digest', async () => {
    const { h, user, chat } = await bot.person();
    const text = (await h.fake.say(user, chat, '/subscriptions')).replies[0]?.text ?? '';
    expect(text.split('\n')).toEqual([
      'Your subscriptions',
      'Regions: none yet (/regions to pick)',
      'Digest time: 08:00 (UTC); no digest comes until you pick regions.',
      'Language: English, as your Telegram app (/language to choose one)',
    ]);
  });

  it('when a Russian person subscribes, then the answers are Russian', async () => {
    const { h, user, chat } = await bot.person('ru');
    expect((await h.fake.say(user, chat, '/subscribe europe')).replies[0]?.text).toContain('Подписка оформлена: Европа.');
    expect((await h.fake.say(user, chat, '/subscribe ейроап')).replies[0]?.text).toContain('Региона «ейроап» нет');
  });

  it('when a 5,000-character list of junk is sent to /subscribe, then the answer is short', async () => {
    const { h, user, chat } = await bot.person();
    const { replies } = await h.fake.say(user, chat, `/subscribe ${'x'.repeat(5000)}`);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text.length).toBeLessThan(200);
    expect(longestSent(h.fake)).toBeLessThan(4096);
  });
});
