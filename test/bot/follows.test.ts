import { describe, expect, it } from 'vitest';
import { MAX_FILTERS_PER_KIND } from '../../src/follows/limits.js';
import { botTests } from './harness.js';

const bot = botTests();

describe('/follow, /mute, /unfollow, /unmute and /follows', () => {
  it('when a person follows Taiwan, then /digest shows a Taiwan story from a region they do not get, first, under Following, once', async () => {
    const { h, user, chat } = await bot.person();
    h.addArticle({ headline: 'Taiwan holds air drills over strait', regions: ['asia'] }, 2);
    h.addArticle({ headline: 'Berlin opens new rail line', regions: ['europe'] }, 1);
    await h.fake.say(user, chat, '/subscribe europe');
    const followed = await h.fake.say(user, chat, '/follow Taiwan');
    expect(followed.replies[0]?.text).toBe('Following Taiwan: matching stories from any region come first in the digest here.');
    const digest = (await h.fake.say(user, chat, '/digest')).replies.map((r) => r.text).join('\n');
    const following = digest.indexOf('Following');
    expect(following).toBeGreaterThan(0);
    expect(digest.indexOf('Taiwan holds air drills')).toBeGreaterThan(following);
    expect(digest.indexOf('Taiwan holds air drills')).toBeLessThan(digest.indexOf('Europe'));
    expect(digest.split('Taiwan holds air drills')).toHaveLength(2);
  });

  it('when a person mutes football, then /latest and the region commands leave those stories out and show others', async () => {
    const { h, user, chat } = await bot.person();
    h.addArticle({ headline: 'Football: Arsenal beat Chelsea', regions: ['europe'] }, 1);
    h.addArticle({ headline: 'Madrid hosts climate summit', regions: ['europe'] }, 2);
    expect((await h.fake.say(user, chat, '/europe')).replies[0]?.text).toContain('Arsenal');
    const muted = await h.fake.say(user, chat, '/mute football');
    expect(muted.replies[0]?.text).toBe('Muted football: matching stories are left out of the digest, /latest, /search and the region commands here.');
    for (const command of ['/europe', '/latest', '/latest europe']) {
      const text = (await h.fake.say(user, chat, command)).replies[0]?.text ?? '';
      expect(text, command).not.toContain('Arsenal');
      expect(text, command).toContain('Madrid hosts climate summit');
    }
    await h.fake.say(user, chat, '/unmute Football');
    expect((await h.fake.say(user, chat, '/europe')).replies[0]?.text).toContain('Arsenal');
  });

  it('when a person lists follows and mutes, then each has a remove button that edits the same message', async () => {
    const { h, user, chat } = await bot.person();
    await h.fake.say(user, chat, '/follow Taiwan, "Bank of Japan"');
    await h.fake.say(user, chat, '/mute football');
    const list = (await h.fake.say(user, chat, '/follows')).replies[0];
    if (!list) throw new Error('no list');
    expect(list.text).toBe('Follows and mutes\nFollowing: Taiwan, "Bank of Japan"\nMuted: football\nTap one to remove it.');
    const labels = list.buttons.flat().map((b) => b.text);
    expect(labels).toEqual(['✖ Taiwan', '✖ "Bank of Japan"', '✖ 🔇 football']);
    const taiwan = list.buttons.flat()[0]?.callback_data ?? '';
    const pressed = await h.fake.press(user, list, taiwan);
    expect(pressed.answer?.text).toBe('No longer following Taiwan');
    const edited = h.fake.sentTo(chat.id).find((m) => m.messageId === list.messageId);
    expect(edited?.text).toBe('Follows and mutes\nFollowing: "Bank of Japan"\nMuted: football\nTap one to remove it.');
    expect(edited?.buttons.flat().map((b) => b.text)).toEqual(['✖ "Bank of Japan"', '✖ 🔇 football']);
    expect(h.chats.get(chat.id)?.follows).toEqual(['"Bank of Japan"']);
    // The same button again: already gone, nothing else removed.
    expect((await h.fake.press(user, list, taiwan)).answer?.text).toBe('Already removed.');
    expect(h.chats.get(chat.id)?.mutes).toEqual(['football']);
  });

  it('when a chat reaches its limit of follows, then the reply says which were not added and what the limit is', async () => {
    const { h, user, chat } = await bot.person();
    const many = Array.from({ length: MAX_FILTERS_PER_KIND - 1 }, (_, i) => `topic${i}`).join(', ');
    await h.fake.say(user, chat, `/follow ${many}`);
    const reply = (await h.fake.say(user, chat, '/follow Taiwan, Japan')).replies[0]?.text;
    expect(reply).toBe(`Following Taiwan: matching stories from any region come first in the digest here.\nNot added: Japan. A chat can have at most ${MAX_FILTERS_PER_KIND} follows; remove some with /follows.`);
    expect(h.chats.get(chat.id)?.follows).toHaveLength(MAX_FILTERS_PER_KIND);
    const long = (await h.fake.say(user, chat, `/mute ${'x'.repeat(120)}`)).replies[0]?.text;
    expect(long).toMatch(/is too long: at most 100 characters each\.$/);
  });

  it('when a chat has the most follows and mutes, each of the longest, then /follows still fits one message with a button each', async () => {
    const { h, user, chat } = await bot.person();
    const long = (kind: string, i: number) => `${kind}${i} ${'word '.repeat(19)}`.slice(0, 100);
    h.chats.ensure({ id: chat.id, type: 'private' });
    for (let i = 0; i < MAX_FILTERS_PER_KIND; i++) {
      h.chats.filters.add(chat.id, 'follow', { key: `f${i}`, text: long('follow', i) });
      h.chats.filters.add(chat.id, 'mute', { key: `m${i}`, text: long('mute', i) });
    }
    const list = (await h.fake.say(user, chat, '/follows')).replies[0];
    expect(list?.text.length).toBeLessThanOrEqual(4096);
    expect(list?.buttons.flat()).toHaveLength(2 * MAX_FILTERS_PER_KIND);
    const reply = (await h.fake.say(user, chat, `/follow ${Array.from({ length: 40 }, (_, i) => `extra${i} ${'x'.repeat(90)}`).join(', ')}`)).replies[0];
    expect(reply?.text).toMatch(/^Not added: extra0 x+, extra1 x+.*, … \(\+\d+\)\. A chat can have at most 50 follows/);
  });

  it('when the same follow is sent in another form, then it is not added twice', async () => {
    const { h, user, chat } = await bot.person();
    await h.fake.say(user, chat, '/follow sanctions');
    expect((await h.fake.say(user, chat, '/follow Sanction')).replies[0]?.text).toBe('Already following sanctions.');
    expect((await h.fake.say(user, chat, '/unfollow sanction')).replies[0]?.text).toBe('No longer following sanctions.');
    expect(h.chats.get(chat.id)?.follows).toEqual([]);
  });

  it('when a member of a group who is not an admin follows or mutes, then only admins can, and /follows is open to all', async () => {
    const h = await bot.start();
    const group = h.fake.group({ type: 'supergroup', title: 'News Room' });
    const admin = h.fake.user({ first_name: 'Ada' });
    const member = h.fake.user({ first_name: 'Max' });
    h.fake.setMember(group.id, admin.id, 'administrator');
    h.fake.setMember(group.id, member.id, 'member');
    for (const command of ['/follow Taiwan', '/mute football', '/unfollow all']) {
      expect((await h.fake.say(member, group, command)).replies.map((r) => r.text), command).toEqual(['Only the group’s admins can change its settings.']);
    }
    await h.fake.say(admin, group, '/follow Taiwan');
    expect(h.chats.get(group.id)?.follows).toEqual(['Taiwan']);
    const list = (await h.fake.say(member, group, '/follows')).replies[0];
    expect(list?.text).toContain('Following: Taiwan');
    if (!list) throw new Error('no list');
    const refused = await h.fake.press(member, list, list.buttons.flat()[0]?.callback_data ?? '');
    expect(refused.answer).toMatchObject({ text: 'Only the group’s admins can change its settings.', show_alert: true });
    expect(h.chats.get(group.id)?.follows).toEqual(['Taiwan']);
  });

  it('when a Russian-speaking person follows and looks at /subscriptions, then everything is in Russian and lists follows and mutes', async () => {
    const { h, user, chat } = await bot.person('ru');
    await h.fake.say(user, chat, '/subscribe europe');
    expect((await h.fake.say(user, chat, '/follow Тайвань')).replies[0]?.text).toBe('Слежу за: Тайвань. Такие новости из любого региона будут первыми в сводке здесь.');
    await h.fake.say(user, chat, '/mute футбол');
    const subs = (await h.fake.say(user, chat, '/subscriptions')).replies[0]?.text ?? '';
    expect(subs).toContain('Слежу за: Тайвань');
    expect(subs).toContain('Скрыто: футбол');
    h.addArticle({ headline: 'Учения у берегов Тайваня', regions: ['asia'] }, 1);
    const digest = (await h.fake.say(user, chat, '/digest')).replies.map((r) => r.text).join('\n');
    expect(digest).toContain('Отслеживаемое');
    expect(digest).toContain('Учения у берегов Тайваня');
  });

  it('when a person follows words but picked no region, then /digest shows the followed stories alone', async () => {
    const { h, user, chat } = await bot.person();
    h.addArticle({ headline: 'Taiwan holds air drills over strait', regions: ['asia'] }, 2);
    h.addArticle({ headline: 'Berlin opens new rail line', regions: ['europe'] }, 1);
    expect((await h.fake.say(user, chat, '/digest')).replies[0]?.text).toBe('A digest needs regions first: /regions or /subscribe asia.');
    await h.fake.say(user, chat, '/follow Taiwan');
    const digest = (await h.fake.say(user, chat, '/digest')).replies.map((r) => r.text).join('\n');
    expect(digest).toContain('Following');
    expect(digest).toContain('Taiwan holds air drills');
    expect(digest).not.toContain('Berlin');
  });

  it('when a person manages a channel from their private chat, then /follow, /mute and /follows (and its buttons) are about the channel, not the private chat', async () => {
    const { h, user, chat } = await bot.person('en', { first_name: 'Ada' });
    await h.fake.say(user, chat, '/start');
    const channel = h.fake.channel({ title: 'World Brief', username: 'worldbrief' });
    await h.fake.processed(h.fake.pushMyChatMember(channel, user, 'administrator', { rights: { can_post_messages: true } }));
    const picker = (await h.fake.say(user, chat, '/channels')).replies[0];
    const button = picker?.buttons.flat().find((b) => b.text.endsWith('World Brief'));
    if (!picker || !button?.callback_data) throw new Error('no channel button');
    await h.fake.press(user, picker, button.callback_data);

    const followed = (await h.fake.say(user, chat, '/follow Taiwan')).replies[0]?.text ?? '';
    expect(followed).toContain('World Brief');
    expect(followed).toContain('Following Taiwan');
    await h.fake.say(user, chat, '/mute football');
    expect(h.chats.get(channel.id)).toMatchObject({ follows: ['Taiwan'], mutes: ['football'] });
    expect(h.chats.get(chat.id)).toMatchObject({ follows: [], mutes: [] });
    const list = (await h.fake.say(user, chat, '/follows')).replies[0];
    expect(list?.text).toContain('Following: Taiwan');
    if (!list) throw new Error('no list');
    expect((await h.fake.press(user, list, list.buttons.flat()[0]?.callback_data ?? '')).answer?.text).toBe('No longer following Taiwan');
    expect(h.chats.get(channel.id)?.follows).toEqual([]);
    expect(h.fake.sentTo(channel.id)).toEqual([]);
  });

  it('when /follow is sent without words, then it explains itself', async () => {
    const { h, user, chat } = await bot.person();
    expect((await h.fake.say(user, chat, '/follow')).replies[0]?.text).toMatch(/^Send what to follow, e\.g\. \/follow Taiwan/);
    expect((await h.fake.say(user, chat, '/follow ab*')).replies[0]?.text).toBe("'ab*': write at least 3 letters before the * (sanction* finds sanctions and sanctioned).");
  });
});
