import { describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/store/articles.js';
import { botTests } from './harness.js';

const bot = botTests({ allowRefused: /chat not found|upgraded/ });

describe('when Telegram refuses a reply', () => {
  it('when the reply gets 403 (blocked), then the chat is marked inactive and the next person is still answered', async () => {
    const h = await bot.start();
    const alice = h.fake.user({ first_name: 'Alice' });
    const bob = h.fake.user({ first_name: 'Bob' });
    const aliceChat = h.fake.privateChat(alice);
    await h.fake.say(alice, aliceChat, '/subscribe asia');
    h.fake.failNext({ failure: { kind: 'blocked' }, method: 'sendMessage', chatId: alice.id });
    const failed = await h.fake.say(alice, aliceChat, '/help');
    expect(failed.replies).toEqual([]);
    expect(h.chats.get(alice.id)).toMatchObject({ active: false, inactiveReason: '403: Forbidden: bot was blocked by the user' });
    expect(h.chats.listSubscribed().map((c) => c.id)).not.toContain(alice.id);
    const { replies } = await h.fake.say(bob, h.fake.privateChat(bob), '/start');
    expect(replies[0]?.text).toContain('Hello, Bob!');
    expect(h.logs.some((l) => l.includes('marked inactive'))).toBe(true);
  });

  it('when an inactive chat writes again, then it is active again', async () => {
    const h = await bot.start();
    const u = h.fake.user();
    const chat = h.fake.privateChat(u);
    await h.fake.say(u, chat, '/subscribe europe');
    await h.fake.processed(h.fake.blockBot(u));
    expect(h.chats.get(u.id)?.active).toBe(false);
    h.fake.reachable(u.id);
    await h.fake.say(u, chat, '/subscriptions');
    expect(h.chats.get(u.id)).toMatchObject({ active: true, regions: ['europe'] });
  });

  it('when a reply gets "chat not found", then the chat is marked inactive', async () => {
    const h = await bot.start();
    const u = h.fake.user();
    h.fake.failNext({ failure: { kind: 'chat-not-found' }, method: 'sendMessage', chatId: u.id });
    await h.fake.say(u, h.fake.privateChat(u), '/start');
    expect(h.chats.get(u.id)?.active).toBe(false);
  });

  it('when a reply to a group says it was upgraded, then the chat moves to the supergroup id', async () => {
    const h = await bot.start();
    const group = h.fake.group({ type: 'group' });
    const admin = h.fake.user();
    h.fake.setMember(group.id, admin.id, 'creator');
    await h.fake.say(admin, group, '/subscribe africa');
    h.fake.failNext({ failure: { kind: 'migrated', toChatId: -1009876 }, method: 'sendMessage', chatId: group.id });
    await h.fake.say(admin, group, '/help');
    expect(h.chats.get(group.id)).toBeUndefined();
    expect(h.chats.get(-1009876)?.regions).toEqual(['africa']);
  });

  it('when the send queue is in use and Telegram answers 429, then the reply waits retry_after and still arrives', async () => {
    const h = await bot.start({ queue: true });
    const u = h.fake.user();
    h.fake.failNext({ failure: { kind: 'rate-limited', retryAfter: 1 }, method: 'sendMessage', chatId: u.id });
    const started = Date.now();
    const { replies } = await h.fake.say(u, h.fake.privateChat(u), '/help');
    expect(replies).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(h.queue?.stats().rateLimited).toBe(1);
  });
});

describe('when people send what the bot does not expect', () => {
  it('when an unknown command is sent in a private chat, then the answer points to /help', async () => {
    const h = await bot.start();
    const u = h.fake.user();
    const { replies } = await h.fake.say(u, h.fake.privateChat(u), '/weather tomorrow');
    expect(replies.map((r) => r.text)).toEqual(["I don't know /weather. /help lists what I can do."]);
  });

  it('when 5,000 characters of plain text are sent, then a short answer comes', async () => {
    const h = await bot.start();
    const u = h.fake.user({ language_code: 'ru' });
    const { replies } = await h.fake.say(u, h.fake.privateChat(u), 'слово '.repeat(834));
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain('Я отвечаю на команды');
    expect(replies[0]?.text.length).toBeLessThan(200);
  });

  it('when a region name is sent as plain text, then the answer names its command', async () => {
    const h = await bot.start();
    const u = h.fake.user();
    const { replies } = await h.fake.say(u, h.fake.privateChat(u), 'Middle East');
    expect(replies[0]?.text).toBe('For the latest from Middle East, send /mideast.');
  });

  it('when a sticker is sent, then the answer points to the commands', async () => {
    const h = await bot.start();
    const u = h.fake.user();
    const chat = h.fake.privateChat(u);
    const update = h.fake.pushUpdate({ message: { message_id: 99, from: u, chat, date: 1, sticker: { file_id: 'x', file_unique_id: 'y', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } } });
    await h.fake.processed(update);
    expect(h.fake.sentTo(chat.id).map((m) => m.text)).toEqual(['I answer commands: /latest for the newest stories, /regions to subscribe, /help for everything.']);
  });

  it('when a person edits a command to fix a typo, then the corrected command is answered', async () => {
    const h = await bot.start();
    h.addArticle({ headline: 'Harbour reopens', regions: ['asia'] });
    const u = h.fake.user();
    const chat = h.fake.privateChat(u);
    expect((await h.fake.say(u, chat, '/latest asai')).replies[0]?.text).toContain('Did you mean asia?');
    const edit = h.fake.pushUpdate({
      edited_message: { message_id: 1, from: u, chat, date: 1, edit_date: 2, text: '/latest asia', entities: [{ type: 'bot_command', offset: 0, length: 7 }] },
    });
    await h.fake.processed(edit);
    expect(h.fake.sentTo(chat.id).at(-1)?.links.map((l) => l.text)).toEqual(['Harbour reopens']);
  });

  it('when a dice, a photo or a location is sent, then each gets the pointer to the commands; an edited plain text gets nothing', async () => {
    const h = await bot.start();
    const u = h.fake.user();
    const chat = h.fake.privateChat(u);
    const base = { from: u, chat, date: 1 };
    for (const [i, content] of [
      { dice: { emoji: '🎲', value: 3 } },
      { photo: [{ file_id: 'p', file_unique_id: 'q', width: 1, height: 1 }] },
      { location: { latitude: 1, longitude: 2 } },
    ].entries()) {
      await h.fake.processed(h.fake.pushUpdate({ message: { message_id: 200 + i, ...base, ...content } }));
    }
    await h.fake.processed(h.fake.pushUpdate({ edited_message: { message_id: 300, ...base, edit_date: 2, text: 'hello again' } }));
    expect(h.fake.sentTo(chat.id).map((m) => m.text)).toEqual(Array(3).fill('I answer commands: /latest for the newest stories, /regions to subscribe, /help for everything.'));
  });

  it('when a command is posted in a channel, then the bot posts nothing there and records nothing', async () => {
    const h = await bot.start();
    const channel = { id: -1_002_000_000_001, type: 'channel', title: 'Wire' };
    const post = h.fake.pushUpdate({ channel_post: { message_id: 5, chat: channel, date: 1, text: '/latest', entities: [{ type: 'bot_command', offset: 0, length: 7 }] } });
    await h.fake.processed(post);
    expect(h.fake.sentTo(channel.id)).toEqual([]);
    expect(h.chats.get(channel.id)).toBeUndefined();
    expect(h.logs.some((l) => l.includes('bot handler failed'))).toBe(false);
  });

  it('when a handler fails with a bug, then the person gets an apology, it is logged, and the next person is served', async () => {
    const broken: Partial<ArticleStore> = {
      latest: () => {
        throw new Error('disk on fire');
      },
    };
    const h = await bot.start({ override: { articles: broken as ArticleStore } });
    const u = h.fake.user();
    const first = await h.fake.say(u, h.fake.privateChat(u), '/latest');
    expect(first.replies.map((r) => r.text)).toEqual(['Sorry, something went wrong on my side. Please try again in a minute.']);
    expect(h.logs.some((l) => l.includes('bot handler failed') && l.includes('disk on fire'))).toBe(true);
    const v = h.fake.user();
    expect((await h.fake.say(v, h.fake.privateChat(v), '/help')).replies).toHaveLength(1);
  });
});
