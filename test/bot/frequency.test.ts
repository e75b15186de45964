import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createSendQueue } from '../../src/delivery/send-queue.js';
import { createTelegramClient, telegramTransport } from '../../src/delivery/telegraf-bridge.js';
import { silentLogger } from '../../src/log.js';
import { createDigestRunner } from '../../src/schedule/digest-job.js';
import { type BotHarness, botTests } from './harness.js';

// The harness's now: Saturday 2026-11-28, 08:00 UTC (09:00 in Berlin).
const bot = botTests();
const say = async (user: Parameters<BotHarness['fake']['say']>[0], chat: Parameters<BotHarness['fake']['say']>[1], text: string) =>
  (await bot.h.fake.say(user, chat, text)).replies.map((r) => r.text).join('\n---\n');

describe('/frequency and /quiet', () => {
  it('when a Berlin chat asks for two digests a day, then it is told both times and that the next is tonight\'s, and /subscriptions shows it', async () => {
    const { h, user, chat } = await bot.person();
    await say(user, chat, '/subscribe asia');
    await say(user, chat, '/timezone Europe/Berlin');
    expect(await say(user, chat, '/frequency twice 18:00 8:00')).toBe(
      'Done: your digest comes twice a day, at 08:00 and 18:00 (Europe/Berlin).\nNext digest: today at 18:00, in 9 hours.',
    );
    expect(h.chats.get(chat.id)?.cadence).toEqual({ kind: 'twice', times: ['08:00', '18:00'] });
    const lines = (await say(user, chat, '/subscriptions')).split('\n');
    expect(lines.slice(1, 4)).toEqual([
      'Regions: Asia & Pacific',
      'Your digest comes twice a day, at 08:00 and 18:00 (Europe/Berlin).',
      'Next digest: today at 18:00, in 9 hours.',
    ]);
    // Two times: /time points to /frequency rather than dropping one of them.
    expect(await say(user, chat, '/time 07:00')).toBe(
      'Your digest comes twice a day, at 08:00 and 18:00. To change the times: /frequency twice 07:00 19:00; for one digest a day: /frequency daily 07:30.',
    );
    expect(h.chats.get(chat.id)?.cadence).toEqual({ kind: 'twice', times: ['08:00', '18:00'] });
    expect(await say(user, chat, '/timezone Europe/London')).toBe(
      'Done: your time zone is Europe/London; the digest comes at 08:00 and 18:00 there.\nNext digest: today at 18:00, in 10 hours.',
    );
  });

  it('when a twice-daily chat asks for /digest, then its header carries the local time it was asked at, as the scheduled ones carry theirs; a daily chat\'s has no time', async () => {
    const { h, user, chat } = await bot.person();
    h.addArticle({ headline: 'Taiwan holds air drills', regions: ['asia'] }, 1);
    await say(user, chat, '/subscribe asia');
    await say(user, chat, '/timezone Europe/Berlin');
    expect((await say(user, chat, '/digest')).split('\n')[0]).toBe('Your news digest · Saturday, November 28');
    await say(user, chat, '/frequency twice 08:00 18:00');
    expect((await say(user, chat, '/digest')).split('\n')[0]).toBe('Your news digest · Saturday, November 28, 09:00');
    await say(user, chat, '/language ru');
    expect((await say(user, chat, '/digest')).split('\n')[0]).toBe('Ваша сводка новостей · суббота, 28 ноября, 09:00');
  });

  it('when a chat chooses weekdays or a weekly day on a Saturday, then the next digest is Monday\'s or that day\'s, days away', async () => {
    const { h, user, chat } = await bot.person();
    await say(user, chat, '/subscribe europe');
    expect(await say(user, chat, '/frequency weekdays')).toBe(
      'Done: your digest comes on weekdays (Monday to Friday) at 08:00 (UTC).\nNext digest: on Monday at 08:00, in 2 days.',
    );
    expect(await say(user, chat, '/frequency weekly fri 18:00')).toBe(
      'Done: your digest comes once a week, on Friday at 18:00 (UTC).\nNext digest: on Friday at 18:00, in 6 days.',
    );
    // /time moves a weekly digest within its day
    expect(await say(user, chat, '/time 07:30')).toBe('Done: your digest comes once a week, on Friday at 07:30 (UTC).\nNext digest: on Friday at 07:30, in 6 days.');
    expect(h.chats.get(chat.id)).toMatchObject({ digestTime: '07:30', cadence: { kind: 'weekly', day: 'fri', time: '07:30' } });
    expect(await say(user, chat, '/frequency daily')).toBe('Done: your digest comes every day at 07:30 (UTC).\nNext digest: tomorrow at 07:30, in 24 hours.');
    expect((await say(user, chat, '/subscriptions')).split('\n')[2]).toBe('Your daily digest comes at 07:30 (UTC).');
  });

  it.each([
    ['/frequency hourly', "'hourly' is not a frequency I know. Send /frequency daily, /frequency twice 08:00 18:00, /frequency weekdays or /frequency weekly mon 09:00."],
    ['/frequency twice 08:00', 'Twice a day needs two times, e.g. /frequency twice 08:00 18:00.'],
    ['/frequency twice 8 08:00', 'Both times are 08:00: send two different ones, e.g. /frequency twice 08:00 18:00.'],
    ['/frequency weekly 09:00', 'Once a week needs a day, e.g. /frequency weekly mon 09:00 (mon, tue, wed, thu, fri, sat or sun).'],
    ['/frequency weekly caturday', "'caturday' is not a day of the week: use mon, tue, wed, thu, fri, sat or sun, e.g. /frequency weekly fri 18:00."],
    ['/frequency daily 25:00', "'25:00' is not a time of day. Send it as HH:MM, e.g. /frequency weekdays 07:30."],
  ])('when %s is sent, then the answer says what is wrong and the cadence stays', async (command, answer) => {
    const { h, user, chat } = await bot.person();
    expect(await say(user, chat, command)).toBe(answer);
    expect(h.chats.get(chat.id)?.cadence).toEqual({ kind: 'daily', time: '08:00' });
  });

  it('when /frequency has no argument, then it says the present cadence and how to change it', async () => {
    const { user, chat } = await bot.person();
    expect(await say(user, chat, '/frequency')).toBe(
      'Your digest comes every day at 08:00 (UTC). To change it: /frequency daily, /frequency twice 08:00 18:00, /frequency weekdays or /frequency weekly mon 09:00.',
    );
  });

  it('when a Russian chat asks for a weekly digest in Russian words, then it is set and confirmed in Russian', async () => {
    const { h, user, chat } = await bot.person('ru');
    await say(user, chat, '/subscribe asia');
    expect(await say(user, chat, '/frequency еженедельно в пятницу 18:00')).toBe(
      'Готово: сводка будет приходить раз в неделю, в пятницу в 18:00 (UTC).\nСледующая сводка: в пятницу в 18:00, через 6 дней.',
    );
    expect(h.chats.get(chat.id)?.cadence).toEqual({ kind: 'weekly', day: 'fri', time: '18:00' });
  });

  it('when /quiet and /quiet off are sent, then the setting changes and /subscriptions says so', async () => {
    const { h, user, chat } = await bot.person();
    await say(user, chat, '/subscribe asia');
    expect(await say(user, chat, '/quiet')).toBe('Done: on days with nothing new I send nothing. /quiet off brings back the short “nothing new” line.');
    expect(h.chats.get(chat.id)?.quietWhenEmpty).toBe(true);
    expect(await say(user, chat, '/subscriptions')).toContain('\nDays with nothing new: no message (/quiet off)\n');
    expect(await say(user, chat, '/quiet off')).toBe('Done: on days with nothing new you get a short line saying so. /quiet to get nothing instead.');
    expect(h.chats.get(chat.id)?.quietWhenEmpty).toBe(false);
    expect(await say(user, chat, '/subscriptions')).not.toContain('Days with nothing new');
    expect(await say(user, chat, '/quiet maybe')).toBe('Send /quiet to get nothing on days without news, or /quiet off to get a short line saying so.');
  });

  it('when a group member who is not an admin sends /frequency or /quiet, then nothing changes; an admin\'s change works', async () => {
    const h = await bot.start();
    const group = h.fake.group({ type: 'supergroup', title: 'News Room' });
    const admin = h.fake.user({ language_code: 'en' });
    const member = h.fake.user({ language_code: 'en' });
    h.fake.setMember(group.id, admin.id, 'administrator');
    h.fake.setMember(group.id, member.id, 'member');
    for (const command of ['/frequency weekdays', '/quiet']) {
      expect(await say(member, group, command)).toBe('Only the group’s admins can change its settings.');
    }
    expect(h.chats.get(group.id)).toMatchObject({ cadence: { kind: 'daily', time: '08:00' }, quietWhenEmpty: false });
    expect(await say(admin, group, '/frequency weekdays 07:00')).toBe(
      'Done: the group’s digest comes on weekdays (Monday to Friday) at 07:00 (UTC).\nThe group has no subscriptions yet: /regions or /subscribe asia.',
    );
    expect(await say(admin, group, '/quiet')).toContain('I send the group nothing');
  });

  it('when the admin of a channel sets its frequency and quiet days from the private chat, then the channel follows them, not the private chat', async () => {
    const { h, user, chat } = await bot.person('en', { first_name: 'Ada' });
    await say(user, chat, '/start');
    const channel = h.fake.channel({ title: 'World Brief', username: 'worldbrief' });
    await h.fake.processed(h.fake.pushMyChatMember(channel, user, 'administrator', { rights: { can_post_messages: true } }));
    const list = (await h.fake.say(user, chat, '/channels')).replies[0];
    const button = list?.buttons.flat().find((b) => b.text.endsWith('World Brief'));
    if (!list || !button?.callback_data) throw new Error('no channel button');
    await h.fake.press(user, list, button.callback_data);
    await say(user, chat, '/subscribe asia');
    expect(await say(user, chat, '/frequency weekdays')).toBe(
      'Channel “World Brief”: Done: the channel’s digest comes on weekdays (Monday to Friday) at 08:00 (UTC).\nNext digest: on Monday at 08:00, in 2 days.',
    );
    expect(await say(user, chat, '/quiet')).toMatch(/^Channel “World Brief”: Done: on days with nothing new/);
    expect(h.chats.get(channel.id)).toMatchObject({ cadence: { kind: 'weekdays', time: '08:00' }, quietWhenEmpty: true });
    expect(h.chats.get(user.id)).toMatchObject({ cadence: { kind: 'daily', time: '08:00' }, quietWhenEmpty: false });
    h.addArticle({ headline: 'Typhoon nears Okinawa', regions: ['asia'] });
    // Saturday 08:00: nothing for a weekdays channel; Monday 08:00: the digest, with Saturday's story.
    const queue = createSendQueue({ transport: telegramTransport(createTelegramClient(h.fake.token, h.fake.apiRoot)), ratePerSecond: 200, log: silentLogger });
    try {
      const runner = createDigestRunner({ config: loadConfig({ SEND_RATE_PER_SECOND: '200' }), db: h.store.db, queue, log: silentLogger, clock: fixedClock(h.store.clock.now()), chats: h.chats });
      await runner.runPass(Date.parse('2026-11-28T08:00:00Z'));
      expect(h.fake.sentTo(channel.id)).toEqual([]);
      await runner.runPass(Date.parse('2026-11-30T08:00:00Z'));
      expect(h.fake.sentTo(channel.id).map((m) => m.text)).toEqual([expect.stringContaining('Typhoon nears Okinawa')]);
    } finally {
      queue.close();
    }
  });
});
