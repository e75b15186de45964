import { createChatFeedStore, type ChatFeedOverview } from '../chatfeeds/store.js';
import { type Command, type CommandIo, UsageError } from './command.js';
import { CATALOGUE } from './catalogue.js';

const iso = (t: number | null) => (t == null ? 'never' : new Date(t).toISOString());

/**
 * `newsbot feeds`: the feeds chats added with /addfeed, with how many chats have each, its items,
 * last read and error, and back-off; `--json` for a machine. `newsbot feeds remove <id|address>`
 * deletes one for every chat that has it (its items too): for a feed the operator will not serve.
 */
export const feedsCommand: Command = {
  ...CATALOGUE.feeds,
  run(args, app, io) {
    const store = createChatFeedStore(app.db, app.clock);
    const [sub, ...rest] = args;
    if (sub === 'remove') {
      const target = rest[0];
      if (target === undefined || rest.length > 1) throw new UsageError('name one feed: its id or its address, as `newsbot feeds` shows them');
      const feed = store.overview().find((f) => String(f.id) === target || f.url === target);
      if (!feed) {
        io.err(`No chat feed ${target}. \`newsbot feeds\` lists them.`);
        return 1;
      }
      store.delete(feed.id);
      io.out(`Removed ${feed.title} (${feed.url}) from ${feed.chats} chat(s), with its ${feed.items} item(s).`);
      return 0;
    }
    const unknown = args.filter((a) => a !== '--json');
    if (unknown.length > 0) throw new UsageError(`unknown option ${unknown[0]}`);
    const feeds = store.overview();
    if (args.includes('--json')) {
      io.out(JSON.stringify(feeds, null, 2));
      return 0;
    }
    if (feeds.length === 0) {
      io.out(app.config.ALLOW_CHAT_FEEDS ? 'No chat has added a feed (/addfeed).' : 'No chat feeds (ALLOW_CHAT_FEEDS=false: /addfeed is off).');
      return 0;
    }
    io.out(`${feeds.length} chat feed(s) (at most CHAT_FEEDS_MAX=${app.config.CHAT_FEEDS_MAX}${app.config.ALLOW_CHAT_FEEDS ? '' : '; ALLOW_CHAT_FEEDS=false: none is read'}):`);
    for (const feed of feeds) describe(feed, io);
    return 0;
  },
};

function describe(f: ChatFeedOverview, io: CommandIo): void {
  io.out(`#${f.id} ${f.title}\n  ${f.url}\n  chats: ${f.chats} · items: ${f.items} · last read: ${iso(f.lastSuccessAt)}`);
  if (f.failures > 0) io.out(`  failing (${f.failures} in a row, next try ${iso(f.nextAttemptAt)}): ${f.lastError ?? '?'}`);
}
