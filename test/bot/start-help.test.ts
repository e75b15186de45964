import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS } from '../../src/i18n/bot-texts.js';
import { botTests } from './harness.js';

const bot = botTests();

describe('/start and /help', () => {
  it('when a person sends /start, then they are greeted, told what the bot does and shown the six region buttons', async () => {
    const h = await bot.start();
    const alice = h.fake.user({ first_name: 'Alice', language_code: 'en' });
    const { replies } = await h.fake.say(alice, h.fake.privateChat(alice), '/start');
    expect(replies).toHaveLength(1);
    const [reply] = replies;
    expect(reply?.text).toContain('Hello, Alice!');
    expect(reply?.text).toContain('short news digest');
    expect(reply?.buttons.flat().map((b) => b.text)).toEqual(['Asia & Pacific', 'Europe', 'Middle East', 'Africa', 'Americas', 'World']);
  });

  it('when a Russian client sends /start, then the answer is in Russian', async () => {
    const h = await bot.start();
    const ivan = h.fake.user({ first_name: 'Иван', language_code: 'ru' });
    const { replies } = await h.fake.say(ivan, h.fake.privateChat(ivan), '/start');
    expect(replies[0]?.text).toContain('Здравствуйте, Иван!');
    expect(replies[0]?.buttons.flat().map((b) => b.text)).toContain('Азия и Тихий океан');
  });

  it('when /start comes with a deep link (asia), then the chat is subscribed at once and the button shows it', async () => {
    const h = await bot.start();
    const u = h.fake.user({ language_code: 'en' });
    const chat = h.fake.privateChat(u);
    const { replies } = await h.fake.say(u, chat, '/start asia');
    expect(h.chats.get(chat.id)?.regions).toEqual(['asia']);
    expect(replies[0]?.text).toContain('Subscribed to Asia & Pacific.');
    expect(replies[0]?.text).toContain('08:00 (UTC)');
    expect(replies[0]?.buttons.flat()[0]?.text).toBe('✅ Asia & Pacific');
  });

  it('when a deep link names several regions or a misspelt one, then it subscribes what it can and suggests the rest', async () => {
    const h = await bot.start();
    const u = h.fake.user({ language_code: 'en' });
    const chat = h.fake.privateChat(u);
    await h.fake.say(u, chat, '/start middle-east_europe');
    expect(h.chats.get(chat.id)?.regions.sort()).toEqual(['europe', 'middle-east']);
    const { replies } = await h.fake.say(u, chat, '/start afirca');
    expect(replies[0]?.text).toContain("No region 'afirca'. Did you mean africa?");
  });

  it('when a deep link names no region at all, then the person is told so, greeted and shown the picker', async () => {
    const { h, user, chat } = await bot.person();
    const { replies } = await h.fake.say(user, chat, '/start nonsense');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain("No region 'nonsense'.");
    expect(replies[0]?.text).toContain('Tap a region');
    expect(h.chats.get(chat.id)?.regions).toEqual([]);
  });

  it('when a subscribed person follows a link to a region that does not exist, then the valid regions are listed, and their own read as theirs', async () => {
    const { h, user, chat } = await bot.person();
    await h.fake.say(user, chat, '/subscribe asia');
    const text = (await h.fake.say(user, chat, '/start narnia')).replies[0]?.text ?? '';
    expect(text).toContain("No region 'narnia'.\nRegions: asia, europe, mideast, africa, americas, world.\nYou get news from Asia & Pacific.");
    expect(text).not.toMatch(/Regions: Asia & Pacific/);
    expect(h.chats.get(chat.id)?.regions).toEqual(['asia']);
  });

  it('when a subscribed person sends /start again (or follows a link to a region they have), then they see what they get and when', async () => {
    const { h, user, chat } = await bot.person('ru');
    await h.fake.say(user, chat, '/subscribe asia africa');
    const text = (await h.fake.say(user, chat, '/start asia')).replies[0]?.text ?? '';
    expect(text).toContain('Вы уже подписаны: Азия и Тихий океан.\nВаши регионы: Азия и Тихий океан, Африка.\nЕжедневная сводка приходит в 08:00 (UTC).');
    expect(text).not.toContain('Подписка оформлена');
  });

  it('when a person who blocked the bot comes back with /start, then their regions are still there and shown', async () => {
    const { h, user, chat } = await bot.person();
    await h.fake.say(user, chat, '/subscribe europe');
    await h.fake.processed(h.fake.blockBot(user));
    expect(h.chats.get(chat.id)?.active).toBe(false);
    h.fake.reachable(user.id);
    const { replies } = await h.fake.say(user, chat, '/start');
    expect(replies[0]?.text).toContain('You get news from Europe.\nYour daily digest comes at 08:00 (UTC).');
    expect(replies[0]?.buttons.flat().map((b) => b.text)).toContain('✅ Europe');
    expect(h.chats.get(chat.id)?.active).toBe(true);
  });

  it.each([
    ['en', 'What I can do', 'Every command, one line each'],
    ['ru', 'Что я умею', 'Все команды, по строке на каждую'],
  ])('when /help is sent (%s), then every command is listed on its own line', async (lang, title, helpLine) => {
    const h = await bot.start();
    const u = h.fake.user({ language_code: lang });
    const { replies } = await h.fake.say(u, h.fake.privateChat(u), '/help');
    const text = replies[0]?.text ?? '';
    expect(text.split('\n')[0]).toBe(title);
    for (const command of MENU_COMMANDS) expect(text).toMatch(new RegExp(`^/${command}\\b.* — `, 'm'));
    expect(text).toContain(`/help — ${helpLine}`);
  });
});
