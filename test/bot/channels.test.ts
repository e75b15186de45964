import { describe, expect, it } from 'vitest';
import type { TgChat, TgUser } from '../helpers/fake-bot-api.js';
import { type BotHarness, botTests, digestPass } from './harness.js';

// A demoted channel's refusal is provoked on purpose.
const bot = botTests({ allowRefused: /need administrator rights in the channel chat/ });
const texts = async (user: TgUser, chat: TgChat, text: string) => (await bot.h.fake.say(user, chat, text)).replies.map((r) => r.text);

/** A channel "World Brief" (@worldbrief) and the person who adds the bot to it as an admin that may post. */
async function channelAddedBy(lang = 'en', options: { started?: boolean } = {}) {
  const { h, user, chat } = await bot.person(lang, { first_name: 'Ada' });
  if (options.started !== false) await h.fake.say(user, chat, '/start');
  const channel = h.fake.channel({ title: 'World Brief', username: 'worldbrief' });
  await h.fake.processed(h.fake.pushMyChatMember(channel, user, 'administrator', { rights: { can_post_messages: true } }));
  return { h, ada: user, adaChat: chat, channel };
}

/** Ada picks the channel from /channels in her private chat. */
async function manage(h: BotHarness, user: TgUser, chat: TgChat, title = 'World Brief') {
  const list = (await h.fake.say(user, chat, '/channels')).replies[0];
  const button = list?.buttons.flat().find((b) => b.text.endsWith(title));
  if (!list || !button?.callback_data) throw new Error(`no button for ${title}: ${list?.text ?? 'no reply'}`);
  return h.fake.press(user, list, button.callback_data);
}


describe('channels, managed from a private chat', () => {
  it('when a person who uses the bot adds it to a channel as an admin that may post, then they are told privately how to set it up, and the channel gets nothing', async () => {
    const { h, ada, channel } = await channelAddedBy();
    expect(h.fake.sentTo(ada.id).at(-1)?.text).toContain('I’m in the channel “World Brief” and may post there. To set it up, send /channels here');
    expect(h.fake.sentTo(channel.id)).toEqual([]);
  });

  it('when the person who added it never started the bot, then the note waits until they do, after the greeting, once', async () => {
    const { h, ada, adaChat } = await channelAddedBy('ru', { started: false });
    expect(h.fake.sentTo(ada.id)).toEqual([]);
    await h.fake.say(ada, adaChat, '/start');
    await h.fake.waitFor(() => h.fake.sentTo(ada.id).length >= 2);
    const [greeting, note] = h.fake.sentTo(ada.id).map((m) => m.text);
    expect(greeting).toContain('Ada');
    expect(note).toContain('Я в канале «World Brief» и могу публиковать в нём.');
    await h.fake.say(ada, adaChat, '/help');
    expect(h.fake.sentTo(ada.id).filter((m) => m.text.includes('World Brief'))).toHaveLength(1);
  });

  it('when the bot is added without the right to post, then the person is told which right it needs, and /channels offers nothing', async () => {
    const { h, user, chat } = await bot.person('en');
    await h.fake.say(user, chat, '/start');
    const channel = h.fake.channel({ title: 'Quiet Wire' });
    await h.fake.processed(h.fake.pushMyChatMember(channel, user, 'administrator', { rights: { can_post_messages: false } }));
    expect(h.fake.sentTo(user.id).at(-1)?.text).toContain('I’m in the channel “Quiet Wire” but may not post there. Make me an administrator with the right “Post messages”');
    expect(await texts(user, chat, '/channels')).toEqual([expect.stringContaining('I know no channel of yours where I may post.')]);
    // Given the right later: the note that it can now be set up follows.
    await h.fake.processed(h.fake.pushMyChatMember(channel, user, 'administrator', { rights: { can_post_messages: true } }));
    expect(h.fake.sentTo(user.id).at(-1)?.text).toContain('I’m in the channel “Quiet Wire” and may post there.');
  });

  it('when the admin picks the channel in /channels, then the settings commands in the private chat change the channel and say so; /digest previews it privately; /channel off goes back', async () => {
    const { h, ada, adaChat, channel } = await channelAddedBy();
    h.addArticle({ headline: 'Typhoon nears Okinawa', regions: ['asia'] });
    const chosen = await manage(h, ada, adaChat);
    expect(chosen.answer?.text).toBe('Managing “World Brief”');
    expect(chosen.replies.map((r) => r.text)).toEqual([expect.stringContaining('The settings commands here now change the channel “World Brief”')]);

    expect(await texts(ada, adaChat, '/subscribe asia')).toEqual([
      'Channel “World Brief”: Subscribed to Asia & Pacific.\nThe channel’s daily digest comes at 08:00 (UTC).',
    ]);
    expect((await texts(ada, adaChat, '/time 07:30'))[0]).toMatch(/^Channel “World Brief”: Done: /);
    expect((await texts(ada, adaChat, '/timezone Berlin'))[0]).toMatch(/^Channel “World Brief”: Done: .*Europe\/Berlin/);
    expect(h.chats.get(channel.id)).toMatchObject({ type: 'channel', title: 'World Brief', regions: ['asia'], digestTime: '07:30', timezone: 'Europe/Berlin' });
    expect(h.chats.get(ada.id)?.regions).toEqual([]);
    expect((await texts(ada, adaChat, '/subscriptions'))[0]).toMatch(/^Channel “World Brief”: .*\n.*Asia & Pacific/);

    // The region buttons change the channel too, and say which chat they changed.
    const picker = (await h.fake.say(ada, adaChat, '/regions')).replies[0];
    if (!picker) throw new Error('no picker');
    expect(picker.text).toMatch(/^Channel “World Brief”: /);
    const europe = picker.buttons.flat().find((b) => b.text === 'Europe')?.callback_data ?? '';
    expect((await h.fake.press(ada, picker, europe)).answer?.text).toBe('Channel “World Brief”: Subscribed to Europe');
    expect(h.chats.get(channel.id)?.regions).toEqual(['asia', 'europe']);

    const preview = (await h.fake.say(ada, adaChat, '/digest')).replies.map((r) => r.text);
    expect(preview[0]).toBe('Preview of the digest of the channel “World Brief” (nothing was posted to the channel):');
    expect(preview[1]).toContain('Typhoon nears Okinawa');
    expect(h.fake.sentTo(channel.id)).toEqual([]);

    expect(await texts(ada, adaChat, '/channel off')).toEqual(['The settings commands change this chat again.']);
    expect(await texts(ada, adaChat, '/subscribe world')).toEqual([expect.stringMatching(/^Subscribed to World\./)]);
    expect(h.chats.get(ada.id)?.regions).toEqual(['world']);
    expect(h.chats.get(channel.id)?.regions).toEqual(['asia', 'europe']);
  });

  it('when the admin changes the channel\'s settings from the private chat, then each reply speaks of the channel, not of "you", in English and in Russian', async () => {
    const { h, ada, adaChat } = await channelAddedBy();
    await manage(h, ada, adaChat);
    const first = async (command: string) => (await texts(ada, adaChat, command)).join('\n---\n');
    await first('/subscribe asia');
    expect(await first('/subscribe asia')).toBe('Channel “World Brief”: The channel already gets Asia & Pacific.\nThe channel’s daily digest comes at 08:00 (UTC).');
    expect((await first('/subscriptions')).split('\n')).toEqual([
      'Channel “World Brief”: The channel’s subscriptions',
      'Regions: Asia & Pacific',
      'The channel’s daily digest comes at 08:00 (UTC).',
      'Next digest: tomorrow at 08:00, in 24 hours.',
      'Language: English, the bot’s default (/language to choose one)',
    ]);
    expect(await first('/regions')).toBe('Channel “World Brief”: Tap a region to subscribe the channel or unsubscribe it (✅ marks the channel’s):');
    expect(await first('/time 07:30')).toBe('Channel “World Brief”: Done: the channel’s daily digest comes at 07:30 (UTC).\nNext digest: tomorrow at 07:30, in 24 hours.');
    expect(await first('/timezone')).toBe('Channel “World Brief”: The channel’s time zone is UTC. To change it: /timezone Berlin, /timezone Europe/Berlin or /timezone UTC+3.');
    expect(await first('/quiet')).toBe('Channel “World Brief”: Done: on days with nothing new I post nothing in the channel. /quiet off brings back the short “nothing new” line.');
    expect(await first('/language ru')).toBe('Channel “World Brief”: The channel’s digest comes in Russian. To change it: /language en or /language ru; /language auto: the bot’s default.');
    expect((await first('/subscriptions')).split('\n').at(-1)).toBe('Language: Russian');
    expect(await first('/pause')).toBe('Channel “World Brief”: The channel’s digest is paused. Its regions and settings are kept; /resume to restart.');
    expect(await first('/follow Taiwan')).toBe('Channel “World Brief”: Following Taiwan: matching stories from any region come first in the channel’s digest.');
    expect(await first('/mute football')).toBe('Channel “World Brief”: Muted football: matching stories are left out of the channel’s digest.');
    expect(await first('/unmute cricket')).toBe('Channel “World Brief”: cricket: not muted in the channel. /follows lists its mutes.');
    expect(await first('/unsubscribe europe')).toBe('Channel “World Brief”: The channel was not subscribed to Europe.');
    expect(await first('/stop')).toBe('Channel “World Brief”: Done: no more digests in the channel, and I forgot its settings. /subscribe asia starts it again; /channel off manages this chat again.');
    // The person's own chat is still spoken to as "you".
    await first('/channel off');
    expect(await first('/subscribe asia')).toBe('Subscribed to Asia & Pacific.\nYour daily digest comes at 08:00 (UTC).');

    const ru = await channelAddedBy('ru');
    await manage(ru.h, ru.ada, ru.adaChat);
    const say = async (command: string) => (await texts(ru.ada, ru.adaChat, command)).join('\n---\n');
    await say('/subscribe asia');
    expect(await say('/subscribe asia')).toBe('Канал «World Brief»: Канал уже подписан: Азия и Тихий океан.\nЕжедневная сводка канала приходит в 08:00 (UTC).');
    expect((await say('/subscriptions')).split('\n')[0]).toBe('Канал «World Brief»: Подписки канала');
    expect(await say('/timezone Berlin')).toBe('Канал «World Brief»: Готово: часовой пояс канала Europe/Berlin; сводка придёт в 08:00 по нему.\nСледующая сводка: завтра в 08:00, через 23 часа.');
    expect(await say('/follow Тайвань')).toBe('Канал «World Brief»: Слежу за: Тайвань. Такие новости из любого региона будут первыми в сводке канала.');
    expect(await say('/quiet off')).toBe('Канал «World Brief»: Готово: в дни без новостей в канале будет короткая строка об этом. /quiet — не публиковать ничего.');
  });

  it('when another admin of the channel asks, then they find it in /channels too (or by /channel @name); someone who is not an admin is refused and nothing changes', async () => {
    const { h, ada, adaChat, channel } = await channelAddedBy();
    await manage(h, ada, adaChat);
    await h.fake.say(ada, adaChat, '/subscribe asia');
    const bob = h.fake.user({ first_name: 'Bob', language_code: 'en' });
    const bobChat = h.fake.privateChat(bob);
    h.fake.setMember(channel.id, bob.id, 'administrator', { can_post_messages: true });
    await manage(h, bob, bobChat);
    expect(await texts(bob, bobChat, '/subscribe europe')).toEqual([expect.stringMatching(/^Channel “World Brief”: Subscribed to Europe\./)]);

    const eve = h.fake.user({ first_name: 'Eve', language_code: 'en' });
    const eveChat = h.fake.privateChat(eve);
    expect(await texts(eve, eveChat, '/channels')).toEqual([expect.stringContaining('I know no channel of yours')]);
    expect(await texts(eve, eveChat, '/channel @worldbrief')).toEqual(['Only the creator and the administrators who may post messages can manage the channel “World Brief”.']);
    expect(await texts(eve, eveChat, '/subscribe world')).toEqual([expect.stringMatching(/^Subscribed to World\./)]);
    // An admin who may not post messages is no manager either.
    h.fake.setMember(channel.id, eve.id, 'administrator', { can_post_messages: false });
    expect(await texts(eve, eveChat, '/channel @WorldBrief')).toEqual(['Only the creator and the administrators who may post messages can manage the channel “World Brief”.']);
    expect(h.chats.get(channel.id)?.regions).toEqual(['asia', 'europe']);
  });

  it('when an admin who manages the channel is demoted, then every change is refused from then on', async () => {
    const { h, ada, adaChat, channel } = await channelAddedBy();
    const bob = h.fake.user({ first_name: 'Bob', language_code: 'en' });
    const bobChat = h.fake.privateChat(bob);
    h.fake.setMember(channel.id, bob.id, 'administrator');
    expect(await texts(bob, bobChat, '/channel @worldbrief')).toEqual([expect.stringContaining('now change the channel “World Brief”')]);
    await h.fake.say(ada, adaChat, '/start');
    h.fake.setMember(channel.id, bob.id, 'member');
    for (const command of ['/subscribe asia', '/time 06:00', '/pause', '/stop', '/language ru']) {
      expect(await texts(bob, bobChat, command), command).toEqual(['Only the creator and the administrators who may post messages can manage the channel “World Brief”.']);
    }
    expect(h.chats.get(channel.id)).toBeUndefined();
    expect(h.fake.callsOf('getChatMember').filter((c) => Number(c.params.user_id) === bob.id).length).toBeGreaterThanOrEqual(6);
  });

  it('when a command is posted in the channel, then nothing changes and the bot says nothing', async () => {
    const { h, ada, adaChat, channel } = await channelAddedBy();
    await manage(h, ada, adaChat);
    await h.fake.say(ada, adaChat, '/subscribe asia');
    for (const text of ['/stop', '/unsubscribe all', '/time 03:00', '/channels']) await h.fake.post(channel, text);
    expect(h.chats.get(channel.id)).toMatchObject({ regions: ['asia'], digestTime: '08:00' });
    expect(h.fake.sentTo(channel.id)).toEqual([]);
  });

  it('when the digest time comes, then the channel gets its digest once, in its language; demoted, it goes inactive and the person who set it up is told once', async () => {
    const { h, ada, adaChat, channel } = await channelAddedBy();
    h.addArticle({ headline: 'Typhoon nears Okinawa', regions: ['asia'] });
    await manage(h, ada, adaChat);
    await h.fake.say(ada, adaChat, '/subscribe asia');
    await h.fake.say(ada, adaChat, '/language ru');
    expect(h.chats.get(ada.id)?.language).toBeNull();

    expect(await digestPass(h)).toMatchObject({ sent: 1, failed: 0 });
    expect(await digestPass(h, '2026-11-28T09:00:00Z')).toMatchObject({ due: 0, sent: 0 });
    const posts = h.fake.sentTo(channel.id);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.text).toContain('Ваша сводка новостей');
    expect(posts[0]?.text).toContain('Typhoon nears Okinawa');

    // Demoted without Telegram's my_chat_member reaching the bot: the next post is refused.
    h.fake.setMember(channel.id, h.fake.botUser.id, 'administrator', { can_post_messages: false });
    const before = h.fake.sentTo(ada.id).length;
    expect(await digestPass(h, '2026-11-29T08:00:00Z')).toMatchObject({ inactive: 1, sent: 0 });
    await h.fake.waitFor(() => h.fake.sentTo(ada.id).length > before);
    expect(h.fake.sentTo(ada.id).at(-1)?.text).toContain('I can no longer post in the channel “World Brief”');
    expect(h.chats.get(channel.id)).toMatchObject({ active: false });
    // The my_chat_member that follows tells nobody again; nor do later days.
    await h.fake.processed(h.fake.pushMyChatMember(channel, ada, 'administrator', { rights: { can_post_messages: false } }));
    expect(await digestPass(h, '2026-11-30T08:00:00Z')).toMatchObject({ due: 0, sent: 0, inactive: 0 });
    expect(h.fake.sentTo(ada.id).filter((m) => m.text.includes('no longer post'))).toHaveLength(1);
    expect(h.fake.sentTo(channel.id)).toHaveLength(1);
  });

  it('when the bot is removed from the channel, then the person who set it up is told once and /channels no longer lists it', async () => {
    const { h, ada, adaChat, channel } = await channelAddedBy();
    await manage(h, ada, adaChat);
    await h.fake.say(ada, adaChat, '/subscribe asia');
    await h.fake.processed(h.fake.pushMyChatMember(channel, ada, 'left'));
    expect(h.fake.sentTo(ada.id).at(-1)?.text).toContain('I can no longer post in the channel “World Brief”');
    expect(h.chats.get(channel.id)).toMatchObject({ active: false });
    expect(await texts(ada, adaChat, '/subscribe europe')).toEqual(['I may not post in the channel “World Brief”: make me an administrator with the right “Post messages”.']);
    expect(await texts(ada, adaChat, '/channels')).toEqual([expect.stringContaining('I know no channel of yours')]);
  });
});
