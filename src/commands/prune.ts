import { parseArgs } from 'node:util';
import { createChatFeedStore } from '../chatfeeds/store.js';
import { type Command, UsageError } from './command.js';
import { CATALOGUE } from './catalogue.js';

/**
 * `newsbot prune`: deletes articles older than RETENTION_DAYS (or `--days N`), and items of chats'
 * own feeds filed that long ago, as the daily job does.
 */
export const pruneCommand: Command = {
  ...CATALOGUE.prune,
  run(args, app, io) {
    const { values } = parseArgs({ args, options: { days: { type: 'string' } } });
    const days = values.days === undefined ? app.config.RETENTION_DAYS : Number(values.days);
    if (!Number.isInteger(days) || days < 1 || days > 3650) throw new UsageError('--days must be a whole number from 1 to 3650');
    const removed = app.articles.prune(days);
    io.out(`Deleted ${removed} article${removed === 1 ? '' : 's'} published more than ${days} days ago; ${app.articles.count()} remain.`);
    const items = createChatFeedStore(app.db, app.clock).prune(days);
    if (items > 0) io.out(`Deleted ${items} item${items === 1 ? '' : 's'} of chats' own feeds older than ${days} days.`);
    return 0;
  },
};
