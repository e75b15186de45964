import { afterEach, describe, expect, it } from 'vitest';
import { createChatFeedStore } from '../../src/chatfeeds/store.js';
import { createChatStore } from '../../src/store/chats.js';
import { runNewsbot } from '../helpers/newsbot-in-process.js';
import { tempStore } from '../helpers/temp-db.js';

let store: ReturnType<typeof tempStore> | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
});

/** Two chats sharing one feed that works, one chat with a feed that fails. */
function world() {
  store = tempStore('2026-11-28T08:00:00Z');
  const chats = createChatStore(store.db, store.clock, { digestTime: '08:00', timezone: 'UTC' });
  const feeds = createChatFeedStore(store.db, store.clock);
  for (const id of [1, 2, 3]) chats.ensure({ id, type: 'private' });
  const harbour = feeds.add(1, { url: 'https://harbour.example/feed.xml', title: 'Harbour News' }).feed;
  feeds.add(2, { url: harbour.url, title: harbour.title });
  feeds.storeItems(harbour.id, [{ key: 'https://harbour.example/1', url: 'https://harbour.example/1', headline: 'Ferry changes', lead: '', publishedAt: store.clock.now() }], true);
  feeds.recordSuccess(harbour.id, { at: store.clock.now() });
  const broken = feeds.add(3, { url: 'https://broken.example/rss', title: 'Broken Blog' }).feed;
  feeds.recordFailure(broken.id, { at: store.clock.now(), error: 'HTTP 503 Service Unavailable from https://broken.example/rss' });
  return { env: { DATABASE_PATH: store.file }, feeds, harbour };
}

describe('newsbot feeds', () => {
  it('when chats added feeds, then the operator sees each with its chats, items, last read and why one fails', async () => {
    const { env } = world();
    const { code, stdout } = await runNewsbot(['feeds'], { env });
    expect(code).toBe(0);
    expect(stdout).toContain('2 chat feed(s) (at most CHAT_FEEDS_MAX=5000):');
    expect(stdout).toContain('#1 Harbour News\n  https://harbour.example/feed.xml\n  chats: 2 · items: 1 · last read: 2026-11-28T08:00:00.000Z');
    expect(stdout).toContain('failing (1 in a row, next try 2026-11-28T08:05:00.000Z): HTTP 503 Service Unavailable from https://broken.example/rss');
    const json = JSON.parse((await runNewsbot(['feeds', '--json'], { env })).stdout) as { title: string; chats: number }[];
    expect(json.map((f) => [f.title, f.chats])).toEqual([['Harbour News', 2], ['Broken Blog', 1]]);
  });

  it('when the operator removes a feed, then no chat has it any more and its items are gone', async () => {
    const { env, feeds } = world();
    const { code, stdout } = await runNewsbot(['feeds', 'remove', 'https://harbour.example/feed.xml'], { env });
    expect(code).toBe(0);
    expect(stdout).toBe('Removed Harbour News (https://harbour.example/feed.xml) from 2 chat(s), with its 1 item(s).\n');
    expect(feeds.ofChat(1)).toEqual([]);
    expect(feeds.overview().map((f) => f.title)).toEqual(['Broken Blog']);
    expect((await runNewsbot(['feeds', 'remove', '99'], { env })).code).toBe(1);
  });

  it('when items of chats’ feeds are older than the retention, then prune deletes them and keeps the rest', async () => {
    // prune reads the real clock: the items are placed relative to it.
    const now = Date.now();
    store = tempStore(new Date(now - 40 * 86_400_000).toISOString());
    const s = store;
    createChatStore(s.db, s.clock, { digestTime: '08:00', timezone: 'UTC' }).ensure({ id: 1, type: 'private' });
    const feeds = createChatFeedStore(s.db, s.clock);
    const { feed } = feeds.add(1, { url: 'https://harbour.example/feed.xml', title: 'Harbour News' });
    const item = (key: string) => ({ key, url: key, headline: key, lead: '', publishedAt: s.clock.now() });
    feeds.storeItems(feed.id, [item('https://harbour.example/old')], false);
    s.clock.set(now - 86_400_000);
    feeds.storeItems(feed.id, [item('https://harbour.example/new')], false);
    const { code, stdout } = await runNewsbot(['prune', '--days', '30'], { env: { DATABASE_PATH: s.file } });
    expect(code).toBe(0);
    expect(stdout).toContain("Deleted 1 item of chats' own feeds older than 30 days.");
    expect(feeds.overview()[0]?.items).toBe(1);
  });
});
