import { afterEach, describe, expect, it } from 'vitest';
import { hiddenCommands, registerCommandMenu } from '../../src/bot/menu.js';
import { createChatFeeds } from '../../src/chatfeeds/chat-feeds.js';
import { createGuardedFetch, type GuardedFetch, type Resolve } from '../../src/chatfeeds/guarded-fetch.js';
import { type ChatFeedStore, createChatFeedStore } from '../../src/chatfeeds/store.js';
import { feedsRu } from '../../src/i18n/feeds-ru.js';
import { createLogger } from '../../src/log.js';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.js';
import { rss } from '../ingest/fixtures.js';
import { botTests } from './harness.js';

const bot = botTests();
const LIMITS = { timeoutMs: 20_000, maxBytes: 1_000_000, maxRedirects: 5 };

const servers: FeedServer[] = [];
const fetches: GuardedFetch[] = [];
afterEach(async () => {
  await Promise.all(fetches.splice(0).map((f) => f.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(): Promise<FeedServer> {
  const s = await startFeedServer();
  servers.push(s);
  return s;
}

/** A site whose home page names its feed with <link rel="alternate">, with two items of this morning. */
async function harbourSite(): Promise<FeedServer> {
  const site = await server();
  site.route('/', {
    body: `<!doctype html><html><head><title>Harbour</title>
      <link rel="alternate" type="application/rss+xml" title="Harbour News" href="/news/feed.xml"></head>
      <body><h1>Harbour</h1></body></html>`,
    contentType: 'text/html; charset=utf-8',
  });
  site.route('/news/feed.xml', {
    body: rss(
      [
        { title: 'Ferry timetable changes on Monday', link: 'https://harbour.example/ferry', description: 'The morning ferry leaves earlier.', pubDate: 'Sat, 28 Nov 2026 06:00:00 GMT' },
        { title: 'Harbour festival draws record crowds', link: 'https://harbour.example/festival', description: 'Thousands came.', pubDate: 'Sat, 28 Nov 2026 05:00:00 GMT' },
      ],
      { title: 'Harbour News' },
    ),
  });
  return site;
}

/**
 * The bot with chats' feeds wired as `newsbot start` wires them, except that the tests' local
 * servers in `allow` may be fetched (they listen on 127.0.0.1, which the guard otherwise refuses).
 */
async function startWithFeeds(options: { allow?: FeedServer[]; resolve?: Resolve; perChat?: number; max?: number; enabled?: boolean } = {}) {
  let feedStore: ChatFeedStore | undefined;
  const h = await bot.start({
    override: (store) => {
      feedStore = createChatFeedStore(store.db, store.clock);
      const fetch = createGuardedFetch({
        testOnlyAllow: (options.allow ?? []).map((s) => new URL(s.url('/')).host),
        ...(options.resolve ? { resolve: options.resolve } : {}),
      });
      fetches.push(fetch);
      const feeds = createChatFeeds({
        store: feedStore,
        fetch,
        limits: LIMITS,
        config: { ALLOW_CHAT_FEEDS: options.enabled ?? true, CHAT_FEEDS_PER_CHAT: options.perChat ?? 20, CHAT_FEEDS_MAX: options.max ?? 5000 },
        clock: store.clock,
        log: createLogger('silent', () => undefined),
      });
      return { feeds };
    },
  });
  return { h, feedStore: feedStore as ChatFeedStore };
}

describe('a chat’s own feeds', () => {
  it('when a person adds a site, then the feed its page names is found and its items come in their digest under the feed’s name, and nowhere else', async () => {
    const site = await harbourSite();
    const { h, feedStore } = await startWithFeeds({ allow: [site] });
    const alice = h.fake.user({ first_name: 'Alice', language_code: 'en' });
    const aliceChat = h.fake.privateChat(alice);
    const bob = h.fake.user({ first_name: 'Bob', language_code: 'en' });
    const bobChat = h.fake.privateChat(bob);
    h.addArticle({ headline: 'Parliament passes budget', regions: ['europe'] });

    const added = (await h.fake.say(alice, aliceChat, `/addfeed ${site.url('/')}`)).replies.map((r) => r.text);
    expect(added).toEqual([
      `Added “Harbour News” (found on that page: ${site.url('/news/feed.xml')}).\nIts new items come in your digest under that name. /feeds lists your feeds.`,
    ]);

    const digest = (await h.fake.say(alice, aliceChat, '/digest')).replies;
    const text = digest.map((r) => r.text).join('\n');
    expect(text).toContain('Harbour News\nFerry timetable changes on Monday');
    expect(digest.flatMap((r) => r.links)).toEqual(
      expect.arrayContaining([
        { text: 'Ferry timetable changes on Monday', url: 'https://harbour.example/ferry' },
        { text: 'Harbour festival draws record crowds', url: 'https://harbour.example/festival' },
      ]),
    );
    expect(text).toContain('Harbour News · 2 hours ago');

    // Bob did not add it: his digest, and everyone's /latest, never show it.
    await h.fake.say(bob, bobChat, '/subscribe europe');
    const bobDigest = (await h.fake.say(bob, bobChat, '/digest')).replies.map((r) => r.text).join('\n');
    expect(bobDigest).toContain('Parliament passes budget');
    expect(bobDigest).not.toContain('Harbour');
    for (const [who, chat] of [[alice, aliceChat], [bob, bobChat]] as const) {
      const latest = (await h.fake.say(who, chat, '/latest')).replies.map((r) => r.text).join('\n');
      expect(latest).toContain('Parliament passes budget');
      expect(latest).not.toContain('Harbour');
    }
    expect((await h.fake.say(alice, aliceChat, '/subscriptions')).replies[0]?.text).toContain('Feeds: Harbour News');

    // A second chat adding the same feed shares it: one feed, read once per pass for both.
    const carol = h.fake.user({ first_name: 'Carol', language_code: 'en' });
    await h.fake.say(carol, h.fake.privateChat(carol), `/addfeed ${site.url('/news/feed.xml')}`);
    expect(feedStore.linked().map((f) => f.url)).toEqual([site.url('/news/feed.xml')]);
  });

  it('when a person lists their feeds and taps one, then it is removed and the list is updated in place', async () => {
    const site = await harbourSite();
    const { h, feedStore } = await startWithFeeds({ allow: [site] });
    const { user, chat: own } = await bot.person();
    await h.fake.say(user, own, `/addfeed ${site.url('/news/feed.xml')}`);
    const list = (await h.fake.say(user, own, '/feeds')).replies[0];
    if (!list) throw new Error('no list');
    expect(list.text).toBe(`Your feeds (1 of at most 20)\n1. Harbour News — ${site.url('/news/feed.xml')}\n\nTap a feed to remove it.`);
    expect(list.buttons).toEqual([[expect.objectContaining({ text: '✖ Harbour News' })]]);

    const pressed = await h.fake.press(user, list, list.buttons[0]?.[0]?.callback_data ?? '');
    expect(pressed.answer?.text).toBe('Removed “Harbour News”.');
    expect(h.fake.allSent().find((m) => m.messageId === list.messageId)?.text).toBe('No feeds yet. Add one: /addfeed https://example.com/feed');
    expect(feedStore.linked()).toEqual([]);
    // Removed: its items are gone with it.
    expect((await h.fake.say(user, own, '/digest')).replies.map((r) => r.text).join('\n')).toContain('A digest needs regions first');
  });

  it('when the address is a private one, then the bot refuses it and fetches nothing', async () => {
    const inside = await server();
    inside.route('/feed', { body: rss([{ title: 'Internal note', link: 'https://intranet.example/1' }]) });
    const { h, feedStore } = await startWithFeeds();
    const { user, chat } = await bot.person();
    const reply = (await h.fake.say(user, chat, `/addfeed ${inside.url('/feed')}`)).replies[0]?.text;
    expect(reply).toBe("I won't fetch that: it leads to 127.0.0.1, which is not a public internet address.");
    expect(inside.requests).toEqual([]);
    expect(feedStore.linked()).toEqual([]);
  });

  it('when an allowed site redirects to a private address, then the redirect is refused and the internal service sees nothing', async () => {
    const outside = await server();
    const inside = await server();
    inside.route('/feed', { body: rss([{ title: 'Internal note', link: 'https://intranet.example/1' }]) });
    outside.route('/feed', { kind: 'redirect', to: inside.url('/feed') });
    const { h } = await startWithFeeds({ allow: [outside] });
    const { user, chat } = await bot.person();
    const reply = (await h.fake.say(user, chat, `/addfeed ${outside.url('/feed')}`)).replies[0]?.text;
    expect(reply).toBe("I won't fetch that: it leads to 127.0.0.1, which is not a public internet address.");
    expect(outside.requests).toHaveLength(1);
    expect(inside.requests).toEqual([]);
  });

  it('when a host name resolves to 127.0.0.1, then it is refused after resolution', async () => {
    const inside = await server();
    inside.route('/feed', { body: rss([{ title: 'Internal note', link: 'https://intranet.example/1' }]) });
    const resolve: Resolve = async (name) => (name === 'feeds.intranet.example' ? [{ address: '127.0.0.1', family: 4 }] : []);
    const { h } = await startWithFeeds({ resolve });
    const { user, chat } = await bot.person();
    const port = new URL(inside.url('/')).port;
    const reply = (await h.fake.say(user, chat, `/addfeed http://feeds.intranet.example:${port}/feed`)).replies[0]?.text;
    expect(reply).toBe("I won't fetch that: it leads to 127.0.0.1, which is not a public internet address.");
    expect(inside.requests).toEqual([]);
  });

  it('when a chat has as many feeds as allowed, then another is refused with the limit, before anything is fetched', async () => {
    const site = await harbourSite();
    const other = await harbourSite();
    const { h } = await startWithFeeds({ allow: [site, other], perChat: 1 });
    const { user, chat } = await bot.person();
    await h.fake.say(user, chat, `/addfeed ${site.url('/news/feed.xml')}`);
    const reply = (await h.fake.say(user, chat, `/addfeed ${other.url('/news/feed.xml')}`)).replies[0]?.text;
    expect(reply).toBe('A chat can have at most 1 feed. Remove one with /feeds first.');
    expect(other.requests).toEqual([]);
  });

  it('when the chat mutes a word, then its feed items with that word are left out of its digest too', async () => {
    const site = await harbourSite();
    const { h } = await startWithFeeds({ allow: [site] });
    const { user, chat } = await bot.person();
    await h.fake.say(user, chat, `/addfeed ${site.url('/news/feed.xml')}`);
    await h.fake.say(user, chat, '/mute ferry');
    const digest = (await h.fake.say(user, chat, '/digest')).replies.map((r) => r.text).join('\n');
    expect(digest).toContain('Harbour festival draws record crowds');
    expect(digest).not.toContain('Ferry');
  });

  it('when the bot reads as many feeds as allowed for all chats, then a new one is refused, and one already read is still shared', async () => {
    const site = await harbourSite();
    const other = await harbourSite();
    const { h, feedStore } = await startWithFeeds({ allow: [site, other], max: 1 });
    const first = await bot.person();
    await h.fake.say(first.user, first.chat, `/addfeed ${site.url('/news/feed.xml')}`);
    const second = { user: h.fake.user({ language_code: 'en' }) };
    const secondChat = h.fake.privateChat(second.user);
    expect((await h.fake.say(second.user, secondChat, `/addfeed ${other.url('/news/feed.xml')}`)).replies[0]?.text).toBe(
      'The bot reads as many feeds as it can take right now. Please try again later.',
    );
    expect(other.requests).toEqual([]);
    expect((await h.fake.say(second.user, secondChat, `/addfeed ${site.url('/news/feed.xml')}`)).replies[0]?.text).toContain('Added “Harbour News”.');
    expect(feedStore.linked()).toHaveLength(1);
  });

  it('when a person manages a channel from their private chat, then /addfeed and /feeds are about the channel, and the channel’s digest shows its feed', async () => {
    const site = await harbourSite();
    const { h, feedStore } = await startWithFeeds({ allow: [site] });
    const { user, chat } = await bot.person('en', { first_name: 'Ada' });
    await h.fake.say(user, chat, '/start');
    const channel = h.fake.channel({ title: 'World Brief', username: 'worldbrief' });
    await h.fake.processed(h.fake.pushMyChatMember(channel, user, 'administrator', { rights: { can_post_messages: true } }));
    const list = (await h.fake.say(user, chat, '/channels')).replies[0];
    const button = list?.buttons.flat().find((b) => b.text.endsWith('World Brief'));
    if (!list || !button?.callback_data) throw new Error('no channel button');
    await h.fake.press(user, list, button.callback_data);

    const added = (await h.fake.say(user, chat, `/addfeed ${site.url('/news/feed.xml')}`)).replies[0]?.text ?? '';
    expect(added).toContain('World Brief');
    expect(added).toContain('Added “Harbour News”.');
    expect(feedStore.ofChat(channel.id).map((f) => f.title)).toEqual(['Harbour News']);
    expect(feedStore.ofChat(chat.id)).toEqual([]);
    expect((await h.fake.say(user, chat, '/feeds')).replies[0]?.text).toContain('1. Harbour News');
    expect(h.fake.sentTo(channel.id)).toEqual([]);
  });

  it('when the operator turned chat feeds off, then /addfeed says so and fetches nothing', async () => {
    const site = await harbourSite();
    const { h } = await startWithFeeds({ allow: [site], enabled: false });
    const { user, chat } = await bot.person();
    expect((await h.fake.say(user, chat, `/addfeed ${site.url('/')}`)).replies[0]?.text).toBe(
      'Adding feeds is turned off on this bot: it reads only its own list of sources.',
    );
    expect(site.requests).toEqual([]);
    // Neither /help nor the command menu offers what is turned off.
    const help = (await h.fake.say(user, chat, '/help')).replies[0]?.text ?? '';
    expect(help).toContain('/digest');
    expect(help).not.toMatch(/^\/(addfeed|feeds)\b/m);
    await registerCommandMenu(h.bot.telegram, hiddenCommands({ chatFeeds: false }));
    for (const lang of ['', 'ru']) {
      const menu = h.fake.commands(lang)?.map((c) => c.command) ?? [];
      expect(menu).toContain('digest');
      expect(menu).not.toContain('addfeed');
      expect(menu).not.toContain('feeds');
    }
  });

  it('when the address is not http(s), or missing, then the person is told what to send', async () => {
    const { h } = await startWithFeeds();
    const { user, chat } = await bot.person();
    expect((await h.fake.say(user, chat, '/addfeed ftp://files.example/feed')).replies[0]?.text).toBe(
      "'ftp://files.example/feed' is not a web address. Send the http:// or https:// address of a feed or a site.",
    );
    expect((await h.fake.say(user, chat, '/addfeed')).replies[0]?.text).toContain('/addfeed https://example.com/feed');
  });

  it('when a member who is not an admin adds a feed in a group, then only admins may, and nothing is fetched', async () => {
    const site = await harbourSite();
    const { h } = await startWithFeeds({ allow: [site] });
    const group = h.fake.group({ type: 'supergroup', title: 'Harbour Club' });
    const member = h.fake.user({ language_code: 'en' });
    h.fake.setMember(group.id, member.id, 'member');
    expect((await h.fake.say(member, group, `/addfeed ${site.url('/')}`)).replies.map((r) => r.text)).toEqual(['Only the group’s admins can change its settings.']);
    expect(site.requests).toEqual([]);
  });

  it('when the limit is told in Russian, then the plural form fits the number', () => {
    expect([1, 2, 5, 21].map((n) => feedsRu.chatFull(n))).toEqual([
      'В одном чате можно держать не больше 1 ленты. Сначала удалите одну через /feeds.',
      'В одном чате можно держать не больше 2 лент. Сначала удалите одну через /feeds.',
      'В одном чате можно держать не больше 5 лент. Сначала удалите одну через /feeds.',
      'В одном чате можно держать не больше 21 ленты. Сначала удалите одну через /feeds.',
    ]);
  });
});
