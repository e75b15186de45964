import { describe, expect, it } from 'vitest';
import { botTests } from './harness.js';

// A press on the old group's buttons is answered 'upgraded' by Telegram; that test provokes it on purpose.
const bot = botTests({ allowRefused: /upgraded to a supergroup/ });

async function groupWithPeople(type: 'group' | 'supergroup' = 'supergroup', lang = 'en') {
  const h = await bot.start();
  const group = h.fake.group({ type, title: 'News Room' });
  const admin = h.fake.user({ first_name: 'Ada', language_code: lang });
  const member = h.fake.user({ first_name: 'Max', language_code: lang });
  h.fake.setMember(group.id, admin.id, 'administrator');
  h.fake.setMember(group.id, member.id, 'member');
  const botName = `@${h.fake.botUser.username ?? ''}`;
  return { h, group, admin, member, bot: botName };
}

describe('groups and supergroups', () => {
  it.each(['group', 'supergroup'] as const)('when an admin subscribes in a %s with @botname, then the group is subscribed', async (type) => {
    const { h, group, admin, bot } = await groupWithPeople(type);
    const { replies } = await h.fake.say(admin, group, `/subscribe${bot} europe`);
    expect(replies[0]?.text).toContain('Subscribed to Europe.');
    expect(h.chats.get(group.id)).toMatchObject({ regions: ['europe'], type, title: 'News Room' });
  });

  it('when a member who is not an admin tries to change settings, then they are told only admins can and nothing changes', async () => {
    const { h, group, admin, member, bot } = await groupWithPeople();
    for (const command of ['/subscribe asia', '/unsubscribe all', '/time 07:00', '/timezone Europe/Paris', '/language ru', '/pause', '/stop']) {
      const { replies } = await h.fake.say(member, group, command.replace(' ', `${bot} `).replace(/^(\/\w+)$/, `$1${bot}`));
      expect(replies.map((r) => r.text), command).toEqual(['Only the group’s admins can change its settings.']);
    }
    expect(h.chats.get(group.id)).toMatchObject({ regions: [], digestTime: '08:00', timezone: 'UTC', language: null, paused: false });
    await h.fake.say(admin, group, '/pause');
    expect(h.chats.get(group.id)?.paused).toBe(true);
  });

  it('when a member presses a region button, then an alert says only admins can, and an admin\'s press works', async () => {
    const { h, group, admin, member } = await groupWithPeople();
    const picker = (await h.fake.say(member, group, '/regions')).replies[0];
    if (!picker) throw new Error('no picker');
    const refused = await h.fake.press(member, picker, 'rg:africa');
    expect(refused.answer).toMatchObject({ text: 'Only the group’s admins can change its settings.', show_alert: true });
    expect(h.chats.get(group.id)?.regions).toEqual([]);
    const done = await h.fake.press(admin, picker, 'rg:africa');
    expect(done.answer?.text).toBe('Subscribed to Africa');
    expect(h.chats.get(group.id)?.regions).toEqual(['africa']);
  });

  it('when anyone asks for /latest, /help or /subscriptions, then they are answered', async () => {
    const { h, group, member, bot } = await groupWithPeople();
    h.addArticle({ headline: 'Copper prices climb', regions: ['world'] });
    expect((await h.fake.say(member, group, `/latest${bot}`)).replies[0]?.links[0]?.text).toBe('Copper prices climb');
    expect((await h.fake.say(member, group, '/help')).replies[0]?.text).toContain('What I can do');
    expect((await h.fake.say(member, group, '/subscriptions')).replies[0]?.text).toContain('The group’s subscriptions');
  });

  it('when a command is addressed to another bot, or plain chatter is sent, then the bot stays quiet', async () => {
    const { h, group, member, bot } = await groupWithPeople();
    for (const text of ['/latest@some_other_bot', '/subscribe@some_other_bot asia', 'hello everyone', 'asia', '/frobnicate']) {
      expect((await h.fake.say(member, group, text)).replies, text).toEqual([]);
    }
    expect((await h.fake.say(member, group, `/frobnicate${bot}`)).replies[0]?.text).toBe("I don't know /frobnicate. /help lists what I can do.");
  });

  it('when an anonymous admin (posting as the group) changes settings, then it works', async () => {
    const { h, group } = await groupWithPeople();
    const anonymous = h.fake.user({ id: 1087968824, first_name: 'Group', username: 'GroupAnonymousBot' });
    await h.fake.say(anonymous, group, '/subscribe asia', { extra: { sender_chat: group } });
    expect(h.chats.get(group.id)?.regions).toEqual(['asia']);
  });

  it('when Russian-speaking admins use the bot in a group, then it answers in Russian', async () => {
    const { h, group, member } = await groupWithPeople('supergroup', 'ru');
    expect((await h.fake.say(member, group, '/subscribe asia')).replies[0]?.text).toBe('Настройки группы могут менять только её администраторы.');
  });

  it('when the group is upgraded to a supergroup, then its settings move to the new id and it is served there', async () => {
    const { h, group, admin } = await groupWithPeople('group');
    await h.fake.say(admin, group, '/subscribe europe');
    await h.fake.say(admin, group, '/time 06:30');
    const { supergroup, updates } = h.fake.upgradeToSupergroup(group, admin);
    for (const u of updates) await h.fake.processed(u);
    expect(h.chats.get(group.id)).toBeUndefined();
    expect(h.chats.get(supergroup.id)).toMatchObject({ type: 'supergroup', regions: ['europe'], digestTime: '06:30' });
    expect((await h.fake.say(admin, supergroup, '/subscriptions')).replies[0]?.text).toContain('Regions: Europe');
  });

  it('when a button on a /regions message from before the upgrade is pressed, then the supergroup keeps its settings and the press is answered', async () => {
    const { h, group, admin } = await groupWithPeople('group');
    const picker = (await h.fake.say(admin, group, '/regions')).replies[0];
    if (!picker) throw new Error('no picker');
    await h.fake.press(admin, picker, picker.buttons.flat().find((b) => b.text === 'Europe')?.callback_data ?? '');
    const { supergroup, updates } = h.fake.upgradeToSupergroup(group, admin);
    for (const u of updates) await h.fake.processed(u);
    const stale = await h.fake.press(admin, picker, picker.buttons.flat().find((b) => b.text === 'Asia & Pacific')?.callback_data ?? '');
    expect(stale.answer?.text).toBe('This group became a supergroup, so these buttons no longer work. Send /regions for fresh ones.');
    expect(h.chats.get(group.id)).toBeUndefined();
    expect(h.chats.get(supergroup.id)?.regions).toEqual(['europe']);
    expect((await h.fake.say(admin, supergroup, '/subscriptions')).replies[0]?.text).toContain('Regions: Europe');
  });

  it('when the bot is removed from a group, then the group is marked inactive; added back, it is active and greets', async () => {
    const { h, group, admin } = await groupWithPeople();
    await h.fake.say(admin, group, '/subscribe asia');
    await h.fake.processed(h.fake.pushMyChatMember(group, admin, 'kicked'));
    expect(h.chats.get(group.id)).toMatchObject({ active: false });
    expect(h.chats.listSubscribed()).toEqual([]);
    const added = h.fake.pushMyChatMember(group, admin, 'member', { oldStatus: 'left' });
    await h.fake.processed(added);
    expect(h.chats.get(group.id)).toMatchObject({ active: true, regions: ['asia'] });
    expect(h.fake.sentTo(group.id).at(-1)?.text).toContain('short news digest');
  });
});
