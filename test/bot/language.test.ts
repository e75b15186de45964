import { describe, expect, it } from 'vitest';
import { createDigestRunner } from '../../src/schedule/digest-job.js';
import { loadConfig } from '../../src/config.js';
import { fixedClock } from '../../src/clock.js';
import { createSendQueue } from '../../src/delivery/send-queue.js';
import { createTelegramClient, telegramTransport } from '../../src/delivery/telegraf-bridge.js';
import { silentLogger } from '../../src/log.js';
import { type BotHarness, botTests, NOW } from './harness.js';

const bot = botTests();
const say = async (user: Parameters<BotHarness['fake']['say']>[0], chat: Parameters<BotHarness['fake']['say']>[1], text: string) =>
  (await bot.h.fake.say(user, chat, text)).replies.map((r) => r.text).join('\n---\n');

/**
 * The daily digest of the harness's chats as the schedule sends it (planned at 08:00 UTC, the
 * default digest time, sent through a send queue to the fake Bot API); returns what `chatId` got.
 */
async function dailyDigest(h: BotHarness, chatId: number): Promise<string> {
  const config = loadConfig({ SEND_RATE_PER_SECOND: '200' });
  const queue = createSendQueue({ transport: telegramTransport(createTelegramClient(h.fake.token, h.fake.apiRoot)), ratePerSecond: 200, log: silentLogger });
  try {
    const before = h.fake.sentTo(chatId).length;
    const runner = createDigestRunner({ config, db: h.store.db, queue, log: silentLogger, clock: fixedClock(NOW), chats: h.chats });
    const pass = await runner.runPass(Date.parse(NOW));
    expect(pass.sent).toBeGreaterThanOrEqual(1);
    return h.fake.sentTo(chatId).slice(before).map((m) => m.text).join('\n');
  } finally {
    queue.close();
  }
}

/** As if today's digest had not been sent: the schedule owes it again, with the same stories. */
function forgetTodaysDigest(h: BotHarness, chatId: number): void {
  h.store.db.prepare('DELETE FROM deliveries WHERE chat_id = ?').run(chatId);
  h.chats.setLastDigestUntil(chatId, Date.parse(NOW) - 24 * 3_600_000);
}

describe('the language of what the bot sends unasked', () => {
  it('when a Russian client never sent /language, then the daily digest comes in Russian, as the replies do', async () => {
    const { h, user, chat } = await bot.person('ru');
    h.addArticle({ headline: 'Typhoon nears Okinawa', regions: ['asia'] });
    expect(await say(user, chat, '/subscribe asia')).toContain('Подписка оформлена');
    expect(h.chats.get(chat.id)?.language).toBeNull();
    const digest = await dailyDigest(h, chat.id);
    expect(digest).toContain('Ваша сводка новостей');
    expect(digest).toContain('Азия и Тихий океан');
    expect(digest).not.toContain('Your news digest');
  });

  it('when the client language changes, then the digest follows it; a chosen /language wins over it; /language auto goes back to it', async () => {
    const { h, user, chat } = await bot.person('ru');
    h.addArticle({ headline: 'Typhoon nears Okinawa', regions: ['asia'] });
    await say(user, chat, '/subscribe asia');
    // The same person, their Telegram app now in English.
    const english = { ...user, language_code: 'en-GB' };
    expect(await say(english, chat, '/subscriptions')).toContain('Language: English, as your Telegram app');
    expect(h.chats.get(chat.id)?.clientLanguage).toBe('en');
    expect(await dailyDigest(h, chat.id)).toContain('Your news digest');

    // Chosen: Russian, whatever the app says.
    expect(await say(english, chat, '/language ru')).toBe('Готово: здесь я буду говорить по-русски.');
    forgetTodaysDigest(h, chat.id);
    expect(await dailyDigest(h, chat.id)).toContain('Ваша сводка новостей');

    // Back to the app's language.
    expect(await say(english, chat, '/language auto')).toBe('Done: I will speak the language of your Telegram app (English now).');
    expect(h.chats.get(chat.id)?.language).toBeNull();
    forgetTodaysDigest(h, chat.id);
    expect(await dailyDigest(h, chat.id)).toContain('Your news digest');
  });

  it('when a group\'s members use Russian apps, then its digest is in Russian and addressed to the group', async () => {
    const h = await bot.start();
    const group = h.fake.group({ type: 'supergroup', title: 'Редакция' });
    const admin = h.fake.user({ language_code: 'ru' });
    h.fake.setMember(group.id, admin.id, 'administrator');
    h.addArticle({ headline: 'Typhoon nears Okinawa', regions: ['asia'] });
    await h.fake.say(admin, group, '/subscribe asia');
    const digest = await dailyDigest(h, group.id);
    expect(digest.split('\n')[0]).toBe('Сводка новостей группы · суббота, 28 ноября');
  });
});

describe('how texts read', () => {
  it('when a Russian digest header carries the date mid-line, then the weekday is lower case; a line that starts with the date capitalises it', async () => {
    const { h, user, chat } = await bot.person('ru');
    h.addArticle({ headline: 'Typhoon nears Okinawa', regions: ['asia'] });
    await say(user, chat, '/subscribe asia europe');
    const digest = await say(user, chat, '/digest');
    expect(digest.split('\n')[0]).toBe('Ваша сводка новостей · суббота, 28 ноября');
    h.chats.setLastDigestUntil(chat.id, Date.parse(NOW) - 60_000);
    expect(await say(user, chat, '/digest')).toBe('Суббота, 28 ноября: с прошлой сводки ничего нового (Азия и Тихий океан, Европа).');
  });

  it.each([
    ['en', 'The group’s subscriptions', 'The group’s daily digest comes at 08:00 (UTC).'],
    ['ru', 'Подписки группы', 'Ежедневная сводка группы приходит в 08:00 (UTC).'],
  ])('when a group (%s) asks for /subscriptions, then the answer speaks of the group\'s subscriptions, not "yours"', async (lang, title, when) => {
    const h = await bot.start();
    const group = h.fake.group({ type: 'group', title: 'News Room' });
    const admin = h.fake.user({ language_code: lang });
    h.fake.setMember(group.id, admin.id, 'administrator');
    await h.fake.say(admin, group, '/subscribe europe');
    const text = (await h.fake.say(admin, group, '/subscriptions')).replies[0]?.text ?? '';
    expect(text.split('\n')[0]).toBe(title);
    expect(text).toContain(when);
    expect(text).not.toMatch(/\byour\b|\bYour\b|Ваши|Ваша/);
  });

  it.each([
    ['en', /\/language en \| ru \| auto — /],
    ['ru', /\/language ru \| en \| auto — /],
  ])('when /help is read (%s), then /language shows auto too, and /language alone says what auto does', async (lang, line) => {
    const { user, chat } = await bot.person(lang);
    expect(await say(user, chat, '/help')).toMatch(line);
    expect(await say(user, chat, '/language')).toContain('/language auto');
  });
});
