import { afterEach, describe, expect, it } from 'vitest';
import { Telegraf, Telegram, TelegramError } from 'telegraf';
import { type FakeBotApi, startFakeBotApi } from '../helpers/fake-bot-api.js';

let fake: FakeBotApi | undefined;
const bots: Telegraf[] = [];

afterEach(async () => {
  for (const bot of bots.splice(0)) {
    try {
      bot.stop('test over');
    } catch {
      // already stopped
    }
  }
  await fake?.close();
  fake = undefined;
});

async function setup(options: Parameters<typeof startFakeBotApi>[0] = {}) {
  fake = await startFakeBotApi(options);
  const telegram = new Telegram(fake.token, { apiRoot: fake.apiRoot });
  return { fake, telegram };
}

async function rejection(promise: Promise<unknown>): Promise<TelegramError> {
  try {
    await promise;
  } catch (error: unknown) {
    if (error instanceof TelegramError) return error;
    throw error;
  }
  throw new Error('expected the call to be rejected');
}

function launch(f: FakeBotApi, configure: (bot: Telegraf) => void): Telegraf {
  const bot = new Telegraf(f.token, { telegram: { apiRoot: f.apiRoot } });
  configure(bot);
  bots.push(bot);
  void bot.launch().catch(() => undefined);
  return bot;
}

describe('fake Bot API: what Telegram rejects', () => {
  it('when a method does not exist, then it answers 404 Not Found', async () => {
    const { telegram } = await setup();
    const error = await rejection(telegram.callApi('sendMesage' as never, { chat_id: 1, text: 'hi' } as never));
    expect(error.code).toBe(404);
    expect(error.description).toBe('Not Found');
  });

  it('when the token is wrong, then it answers 401 Unauthorized', async () => {
    const { fake: f } = await setup();
    const wrong = new Telegram('999:other', { apiRoot: f.apiRoot });
    expect((await rejection(wrong.getMe())).code).toBe(401);
  });

  it('when a required parameter is missing, then 400 names it', async () => {
    const { telegram } = await setup();
    const noText = await rejection(telegram.callApi('sendMessage', { chat_id: 1 } as never));
    expect(noText.code).toBe(400);
    expect(noText.description).toBe('Bad Request: message text is empty');
    const noChat = await rejection(telegram.callApi('sendMessage', { text: 'hi' } as never));
    expect(noChat.description).toBe('Bad Request: chat_id is empty');
    const noQuery = await rejection(telegram.callApi('answerCallbackQuery', {} as never));
    expect(noQuery.description).toMatch(/callback_query_id.*required/);
  });

  it('when a parameter is one the method does not take (a typo), then 400 names it', async () => {
    const { telegram } = await setup();
    const error = await rejection(telegram.sendMessage(1, 'hi', { parse_mod: 'HTML' } as never));
    expect(error.code).toBe(400);
    expect(error.description).toContain('"parse_mod"');
  });

  it.each([
    ['<script>alert(1)</script>', 'Unsupported start tag "script" at byte offset 0'],
    ['1 < 2', 'Unsupported start tag "" at byte offset 2'],
    ['<b>bold <i>both</b></i>', 'Unmatched end tag at byte offset 15, expected "</i>", found "</b>"'],
    ['<b>never closed', 'Can\'t find end tag corresponding to start tag "b"'],
    ['closed </b> never opened', 'Unexpected end tag at byte offset 7'],
    ['Привет <br>', 'Unsupported start tag "br" at byte offset 13'],
    ['<a href="https://x.test/>open', 'Unclosed start tag at byte offset 0'],
    ['<span>plain span</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'],
  ])('when HTML is %j, then it cannot be parsed: %s', async (html, why) => {
    const { telegram, fake: f } = await setup();
    const error = await rejection(telegram.sendMessage(1, html, { parse_mode: 'HTML' }));
    expect(error.code).toBe(400);
    expect(error.description).toBe(`Bad Request: can't parse entities: ${why}`);
    expect(f.sentTo(1)).toEqual([]);
  });

  it('when HTML is valid, then the person sees the text without tags and with entities decoded', async () => {
    const { telegram, fake: f } = await setup();
    await telegram.sendMessage(
      7,
      '<b><a href="https://news.test/a?x=1&amp;y=2">Q&amp;A: &lt;script&gt; &quot;quoted&quot;</a></b>\nAT&T &nbsp; &#8364;5',
      { parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
    );
    const [message] = f.sentTo(7);
    expect(message?.text).toBe('Q&A: <script> "quoted"\nAT&T &nbsp; €5');
    expect(message?.links).toEqual([{ text: 'Q&A: <script> "quoted"', url: 'https://news.test/a?x=1&y=2' }]);
    expect(message?.bold).toEqual(['Q&A: <script> "quoted"']);
    expect(message?.linkPreviewDisabled).toBe(true);
    expect(message?.raw).toContain('&lt;script&gt;');
  });

  it('when the text is over 4096 characters after parsing, then it is too long; tags do not count', async () => {
    const { telegram, fake: f } = await setup();
    expect((await rejection(telegram.sendMessage(1, 'x'.repeat(4097)))).description).toBe('Bad Request: message is too long');
    const withTags = `<b>${'y'.repeat(4096)}</b>`;
    await telegram.sendMessage(1, withTags, { parse_mode: 'HTML' });
    expect(f.sentTo(1)[0]?.text.length).toBe(4096);
    expect((await rejection(telegram.sendMessage(1, '<b> </b>', { parse_mode: 'HTML' }))).description).toBe('Bad Request: message text is empty');
  });

  it('when link addresses make text and entities too long, then it is refused; the same text with fewer links passes', async () => {
    const { telegram, fake: f } = await setup();
    const link = (i: number) => `<a href="https://n.example/${'p'.repeat(480)}/${i}">story ${i}</a>`;
    const many = Array.from({ length: 20 }, (_, i) => link(i)).join('\n');
    expect((await rejection(telegram.sendMessage(1, many, { parse_mode: 'HTML' }))).description).toBe('Bad Request: entities too long');
    await telegram.sendMessage(1, Array.from({ length: 10 }, (_, i) => link(i)).join('\n'), { parse_mode: 'HTML' });
    expect(f.sentTo(1)[0]?.links).toHaveLength(10);
  });

  it('when a message carries more than 100 entities, then it is sent with only the first 100 applied', async () => {
    const { telegram, fake: f } = await setup();
    await telegram.sendMessage(1, Array.from({ length: 120 }, (_, i) => `<b>${i}</b>`).join(' '), { parse_mode: 'HTML' });
    const [message] = f.sentTo(1);
    expect(message?.bold).toHaveLength(100);
    expect(message?.bold.at(-1)).toBe('99');
    expect(message?.entitiesDropped).toBe(20);
  });

  it('when callback data is over 64 bytes, then the keyboard is rejected; 64 bytes of Cyrillic pass', async () => {
    const { telegram, fake: f } = await setup();
    const button = (data: string) => ({ reply_markup: { inline_keyboard: [[{ text: 'Go', callback_data: data }]] } });
    expect((await rejection(telegram.sendMessage(1, 'pick', button('a'.repeat(65))))).description).toBe('Bad Request: BUTTON_DATA_INVALID');
    expect((await rejection(telegram.sendMessage(1, 'pick', button('я'.repeat(33))))).description).toBe('Bad Request: BUTTON_DATA_INVALID');
    expect((await rejection(telegram.sendMessage(1, 'pick', button('')))).description).toBe('Bad Request: BUTTON_DATA_INVALID');
    await telegram.sendMessage(1, 'pick', button('я'.repeat(32)));
    expect(f.sentTo(1)[0]?.buttons[0]?.[0]?.callback_data).toBe('я'.repeat(32));
  });

  it('when an edit changes nothing, then Telegram says the message is not modified', async () => {
    const { telegram, fake: f } = await setup();
    const sent = await telegram.sendMessage(1, 'one');
    const error = await rejection(telegram.editMessageText(1, sent.message_id, undefined, 'one'));
    expect(error.description).toMatch(/^Bad Request: message is not modified/);
    await telegram.editMessageText(1, sent.message_id, undefined, 'two');
    expect(f.sentTo(1)[0]).toMatchObject({ text: 'two', edits: ['one'] });
    expect((await rejection(telegram.editMessageText(1, 999, undefined, 'x'))).description).toBe('Bad Request: message to edit not found');
  });

  it('when strictChats is on, then a chat never seen is not found', async () => {
    const { telegram, fake: f } = await setup({ strictChats: true });
    expect((await rejection(telegram.sendMessage(42, 'hi'))).description).toBe('Bad Request: chat not found');
    f.knowChat({ id: 42, type: 'private', first_name: 'A' });
    await telegram.sendMessage(42, 'hi');
    expect(f.sentTo(42).map((m) => m.text)).toEqual(['hi']);
  });

  it('when a form body is posted, then its fields are read like JSON ones', async () => {
    const { fake: f } = await setup();
    const form = new FormData();
    form.set('chat_id', '5');
    form.set('text', '<i>form</i>');
    form.set('parse_mode', 'HTML');
    form.set('reply_markup', JSON.stringify({ inline_keyboard: [[{ text: 'b', callback_data: 'd' }]] }));
    const res = await fetch(`${f.apiRoot}/bot${f.token}/sendMessage`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    expect(f.sentTo(5)[0]).toMatchObject({ text: 'form', buttons: [[{ text: 'b', callback_data: 'd' }]] });
  });
});

describe('fake Bot API: long polling with real Telegraf', () => {
  it('when a person writes, then the bot gets the update with command entities and its reply is recorded', async () => {
    const { fake: f } = await setup();
    launch(f, (bot) => bot.command('echo', (ctx) => ctx.reply(`you said: ${ctx.payload} (${ctx.from.language_code ?? '?'})`)));
    const alice = f.user({ first_name: 'Alice', language_code: 'ru' });
    const { replies } = await f.say(alice, f.privateChat(alice), '/echo hello');
    expect(replies.map((r) => r.text)).toEqual(['you said: hello (ru)']);
  });

  it('when a command is addressed to this bot in a group, then Telegraf matches it; another bot\'s is not matched', async () => {
    const { fake: f } = await setup();
    launch(f, (bot) => bot.command('ping', (ctx) => ctx.reply('pong')));
    const bob = f.user();
    const group = f.group({ type: 'supergroup' });
    expect((await f.say(bob, group, `/ping@${f.botUser.username ?? ''}`)).replies.map((r) => r.text)).toEqual(['pong']);
    expect((await f.say(bob, group, '/ping@some_other_bot')).replies).toEqual([]);
  });

  it('when the bot confirms updates with offset, then they are not delivered again; limit bounds a batch', async () => {
    const { fake: f, telegram } = await setup();
    const u = f.user();
    const chat = f.privateChat(u);
    for (const text of ['a', 'b', 'c']) f.pushText(u, chat, text);
    const first = await telegram.getUpdates(0, 2, 0, undefined);
    expect(first.map((x) => (x as { message: { text: string } }).message.text)).toEqual(['a', 'b']);
    const again = await telegram.getUpdates(0, 100, 0, undefined);
    expect(again).toHaveLength(3);
    const last = again[2]?.update_id ?? 0;
    const rest = await telegram.getUpdates(0, 100, (again[1]?.update_id ?? 0) + 1, undefined);
    expect(rest.map((x) => x.update_id)).toEqual([last]);
    await f.processed(last - 1);
    expect(await telegram.getUpdates(0, 100, last + 1, undefined)).toEqual([]);
  });

  it('when getUpdates waits and an update is pushed, then it answers at once; with none it waits out its timeout', async () => {
    const { fake: f, telegram } = await setup();
    const u = f.user();
    // Held for up to 60 s, longer than the test may take: only an answer at the push lets it pass.
    const held = telegram.getUpdates(60, 100, 0, undefined);
    await f.waitFor(() => f.polling);
    f.pushText(u, f.privateChat(u), 'wake');
    expect(await held).toHaveLength(1);
    const started = Date.now();
    const empty = await telegram.getUpdates(1, 100, (f.calls.at(-1)?.result as { update_id: number }[])[0]!.update_id + 1, undefined);
    expect(empty).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('when a second getUpdates arrives while one is held, then the first ends with 409 Conflict', async () => {
    const { fake: f, telegram } = await setup();
    const first = rejection(telegram.getUpdates(10, 100, 0, undefined));
    await f.waitFor(() => f.polling);
    const second = telegram.getUpdates(0, 100, 0, undefined);
    expect((await first).code).toBe(409);
    expect(await second).toEqual([]);
  });

  it('when the server closes, then a held long poll ends at once', async () => {
    const { fake: f, telegram } = await setup();
    // Held for up to 60 s, longer than the test may take: only an answer at the close lets it pass.
    const held = telegram.getUpdates(60, 100, 0, undefined);
    await f.waitFor(() => f.polling);
    await f.close();
    expect(await held).toEqual([]);
  });

  it('when a button is pressed, then the bot gets the callback query and its answer and edit are recorded', async () => {
    const { fake: f } = await setup();
    launch(f, (bot) => {
      bot.command('menu', (ctx) => ctx.reply('choose', { reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'pick:a' }]] } }));
      bot.action(/^pick:(.+)$/, async (ctx) => {
        await ctx.answerCbQuery('ok');
        await ctx.editMessageText(`picked ${ctx.match[1] ?? ''}`);
      });
    });
    const u = f.user();
    const chat = f.privateChat(u);
    const { replies } = await f.say(u, chat, '/menu');
    const menu = replies[0];
    if (!menu) throw new Error('no menu');
    const pressed = await f.press(u, menu, 'pick:a');
    expect(pressed.answer).toMatchObject({ text: 'ok' });
    expect(f.sentTo(chat.id).map((m) => m.text)).toEqual(['picked a']);
  });
});

describe('fake Bot API: injected failures', () => {
  it('when failures are injected, then the next matching calls get Telegram\'s answers and later ones pass', async () => {
    const { fake: f, telegram } = await setup();
    f.failNext({ failure: { kind: 'rate-limited', retryAfter: 7 }, chatId: 1 });
    f.failNext({ failure: { kind: 'blocked' }, method: 'sendMessage', chatId: 2 });
    f.failNext({ failure: { kind: 'migrated', toChatId: -1009 }, chatId: -9 });
    f.failNext({ failure: { kind: 'chat-not-found' }, chatId: 3 });
    f.failNext({ failure: { kind: 'server-error', status: 502 }, chatId: 4 });
    const limited = await rejection(telegram.sendMessage(1, 'x'));
    expect([limited.code, limited.parameters?.retry_after]).toEqual([429, 7]);
    expect((await rejection(telegram.sendMessage(2, 'x'))).description).toBe('Forbidden: bot was blocked by the user');
    const migrated = await rejection(telegram.sendMessage(-9, 'x'));
    expect([migrated.description, migrated.parameters?.migrate_to_chat_id]).toEqual(['Bad Request: group chat was upgraded to a supergroup chat', -1009]);
    expect((await rejection(telegram.sendMessage(3, 'x'))).description).toBe('Bad Request: chat not found');
    expect((await rejection(telegram.sendMessage(4, 'x'))).code).toBe(502);
    for (const id of [1, 2, -9, 3, 4]) await telegram.sendMessage(id, 'again');
    expect(f.allSent().map((m) => m.chatId)).toEqual([1, 2, -9, 3, 4]);
    expect(f.stats.rateLimited).toBe(1);
  });

  it('when a connection is dropped, then the client sees a network error; afterProcessing still delivers', async () => {
    const { fake: f, telegram } = await setup();
    f.failNext({ failure: { kind: 'drop' } });
    await expect(telegram.sendMessage(1, 'lost')).rejects.toMatchObject({ name: 'FetchError' });
    f.failNext({ failure: { kind: 'drop', afterProcessing: true } });
    await expect(telegram.sendMessage(1, 'delivered, answer lost')).rejects.toMatchObject({ name: 'FetchError' });
    expect(f.sentTo(1).map((m) => m.text)).toEqual(['delivered, answer lost']);
  });

  it('when Telegram has an outage, then calls are refused (or answered 5xx) until it is restored, and nothing sent meanwhile took effect', async () => {
    const { fake: f, telegram } = await setup();
    await telegram.sendMessage(1, 'before');
    f.outage('refuse');
    await expect(telegram.sendMessage(1, 'during')).rejects.toMatchObject({ name: 'FetchError' });
    await f.restore();
    await telegram.sendMessage(1, 'after');
    f.outage(503);
    expect((await rejection(telegram.sendMessage(1, 'during 503'))).code).toBe(503);
    await f.restore();
    expect(f.sentTo(1).map((m) => m.text)).toEqual(['before', 'after']);
  });

  it('when a hostile server echoes the path, then the error description carries the token; tokens with unusual characters work', async () => {
    const { fake: f, telegram } = await setup({ token: '4242:AA.b+c*d(e)[f]{g}|h^i$j-k_L' });
    expect((await telegram.getMe()).id).toBe(4242);
    f.failNext({ failure: { kind: 'echo-path' }, method: 'setMyCommands' });
    const error = await rejection(telegram.setMyCommands([{ command: 'help', description: 'Help' }]));
    expect(error.code).toBe(404);
    expect(decodeURIComponent(error.description)).toBe(`Not Found /bot${f.token}/setMyCommands`);
  });

  it('when a person blocks the bot or a group is upgraded, then sends fail like Telegram until it changes back', async () => {
    const { fake: f, telegram } = await setup();
    const u = f.user();
    f.blockBot(u);
    expect((await rejection(telegram.sendMessage(u.id, 'x'))).code).toBe(403);
    const group = f.group();
    const { supergroup, updates } = f.upgradeToSupergroup(group, u);
    const error = await rejection(telegram.sendMessage(group.id, 'x'));
    expect(error.parameters?.migrate_to_chat_id).toBe(supergroup.id);
    expect(updates.map((x) => Object.keys((x as unknown as { message: object }).message).filter((k) => k.startsWith('migrate')))).toEqual([
      ['migrate_to_chat_id'],
      ['migrate_from_chat_id'],
    ]);
    await telegram.sendMessage(supergroup.id, 'ok');
    expect(f.sentTo(supergroup.id)).toHaveLength(1);
  });
});

describe('fake Bot API: Telegram limits mode', () => {
  it('when 40 messages go to 40 chats in one second, then 30 pass and 10 get 429 with retry_after', async () => {
    let t = 1_000_000;
    const { fake: f, telegram } = await setup({ limits: true, now: () => t });
    const results = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => telegram.sendMessage(i + 1, 'x')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(30);
    const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as TelegramError] : []));
    expect(rejected.every((e) => e.code === 429 && (e.parameters?.retry_after ?? 0) >= 1)).toBe(true);
    expect(f.stats.limitsRateLimited).toBe(10);
    t += 1001;
    await telegram.sendMessage(100, 'after a second');
  });

  it('when one chat gets messages faster than 1/s, then a small burst passes and the rest get 429', async () => {
    let t = 0;
    const { telegram } = await setup({ limits: true, now: () => t });
    for (let i = 0; i < 3; i++) await telegram.sendMessage(1, `burst ${i}`);
    expect((await rejection(telegram.sendMessage(1, 'too fast'))).code).toBe(429);
    t += 1000;
    await telegram.sendMessage(1, 'a second later');
  });

  it('when a group gets over 20 messages in a minute, then the 21st gets 429 until the minute passes', async () => {
    let t = 0;
    const { telegram } = await setup({ limits: true, now: () => t });
    for (let i = 0; i < 20; i++) {
      await telegram.sendMessage(-5, `m${i}`);
      t += 1000;
    }
    const error = await rejection(telegram.sendMessage(-5, 'one too many'));
    expect(error.code).toBe(429);
    expect(error.parameters?.retry_after).toBeGreaterThanOrEqual(1);
    t += 60_000;
    await telegram.sendMessage(-5, 'next minute');
  });

  it('when allow_paid_broadcast is set, then 500 messages in one second pass', async () => {
    const t = 0;
    const { fake: f, telegram } = await setup({ limits: true, now: () => t });
    const results = await Promise.allSettled(
      Array.from({ length: 500 }, (_, i) => telegram.sendMessage(i + 1, 'paid', { allow_paid_broadcast: true } as never)),
    );
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(0);
    expect(f.stats.limitsRateLimited).toBe(0);
  });
});

describe('fake Bot API: channels and forum topics, as Telegram behaves', () => {
  it('when the bot is not an admin of a channel, or may not post, then posts are refused as Telegram refuses them; getChatMember answers per user with rights', async () => {
    const { fake: f, telegram } = await setup();
    const owner = f.user();
    const channel = f.channel({ title: 'Wire', username: 'wire' });
    expect((await rejection(telegram.sendMessage(channel.id, 'hi'))).response).toMatchObject({ error_code: 403, description: 'Forbidden: bot is not a member of the channel chat' });
    f.pushMyChatMember(channel, owner, 'administrator', { rights: { can_post_messages: true } });
    await telegram.sendMessage('@wire', 'hello');
    expect(f.sentTo(channel.id).map((m) => m.text)).toEqual(['hello']);
    expect(await telegram.getChatMember(channel.id, owner.id)).toMatchObject({ status: 'administrator', can_post_messages: true });
    f.setMember(channel.id, owner.id, 'administrator', { can_post_messages: false });
    expect(await telegram.getChatMember(channel.id, owner.id)).toMatchObject({ status: 'administrator', can_post_messages: false });
    f.pushMyChatMember(channel, owner, 'administrator', { rights: { can_post_messages: false } });
    expect((await rejection(telegram.sendMessage(channel.id, 'again'))).response).toMatchObject({ error_code: 400, description: 'Bad Request: need administrator rights in the channel chat' });
  });

  it('when a message goes to a forum topic, then it carries the topic; a deleted topic answers "message thread not found", a closed one TOPIC_CLOSED', async () => {
    const { fake: f, telegram } = await setup();
    const admin = f.user();
    const forum = f.forum();
    const asia = f.createTopic(forum, 'Asia', admin);
    const sent = await telegram.sendMessage(forum.id, 'in topic', { message_thread_id: asia });
    expect(sent).toMatchObject({ message_thread_id: asia, is_topic_message: true });
    expect(f.sentTo(forum.id).map((m) => m.threadId)).toEqual([asia]);
    await telegram.sendMessage(forum.id, 'in General');
    expect(f.sentTo(forum.id).map((m) => m.threadId)).toEqual([asia, undefined]);
    expect((await rejection(telegram.sendMessage(forum.id, 'x', { message_thread_id: 999 }))).response.description).toBe('Bad Request: message thread not found');
    f.closeTopic(forum, asia);
    expect((await rejection(telegram.sendMessage(forum.id, 'x', { message_thread_id: asia }))).response.description).toBe('Bad Request: TOPIC_CLOSED');
    f.deleteTopic(forum, asia);
    expect((await rejection(telegram.sendMessage(forum.id, 'x', { message_thread_id: asia }))).response.description).toBe('Bad Request: message thread not found');
    const group = f.group({ type: 'supergroup' });
    expect((await rejection(telegram.sendMessage(group.id, 'x', { message_thread_id: asia }))).response.description).toBe('Bad Request: message thread not found');
  });
});
