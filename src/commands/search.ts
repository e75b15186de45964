import { parseArgs } from 'node:util';
import { mutedBy } from '../follows/mutes.js';
import { createRuleCache } from '../follows/rule-cache.js';
import { RULE_MAX_CHARS, RULE_MAX_PARTS } from '../follows/rule.js';
import { createSearch, type SearchOutcome } from '../search/search.js';
import { createChatStore } from '../store/chats.js';
import { type Command, UsageError } from './command.js';
import { CATALOGUE, CLI_SEARCH_DEFAULT } from './catalogue.js';

const OPTIONS = ['--json', '--limit', '-n', '--chat'];
/** Options followed by a value (a chat id may start with '-'). */
const WITH_VALUE = ['--limit', '-n', '--chat'];

/** Why a search found nothing to print, as one line for stderr. */
function problem(query: string, outcome: Exclude<SearchOutcome, { kind: 'results' }>): string {
  switch (outcome.kind) {
    case 'empty':
      return 'Give the words to look for, e.g. newsbot search Taiwan chips';
    case 'too-common':
      return `'${query}' is too common to search for on its own: add a name, a place or a topic.`;
    case 'none':
      return outcome.muted > 0
        ? `${outcome.muted === 1 ? 'The one story' : `All ${outcome.muted} stories`} found for '${query}' ${outcome.muted === 1 ? 'is' : 'are'} muted in that chat.`
        : `Nothing found for '${query}'.`;
    case 'invalid':
      if (outcome.reason === 'too-long') return `The search is too long: at most ${RULE_MAX_CHARS} characters.`;
      if (outcome.reason === 'too-many-parts') return `The search has too many words: at most ${RULE_MAX_PARTS}.`;
      if (outcome.reason === 'short-prefix') return `'${outcome.detail}': write at least 3 letters before the *.`;
      return 'Say what to look for, not only what to leave out (-word).';
  }
}

/**
 * `newsbot search <words>`: the same search as /search (see `createSearch`), best first. Words that
 * start with '-' leave stories out, as in the bot (`newsbot search Taiwan -chips`); quote a phrase
 * for the shell and for the search (`newsbot search '"Bank of Japan"'`). With `--chat <id>`, as that
 * chat's /search answers: without the stories it muted. Nothing found: the reason on stderr, exit 1.
 */
export const searchCommand: Command = {
  ...CATALOGUE.search,
  run(args, app, io) {
    // "-chips" is a word to leave out, not an option: only the known options go to parseArgs.
    const options: string[] = [];
    const words: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] as string;
      if (OPTIONS.includes(arg) || OPTIONS.some((o) => arg.startsWith(`${o}=`))) {
        if (WITH_VALUE.includes(arg) && i + 1 < args.length) {
          const value = args[++i] as string;
          // Joined to a long option, so that a value starting with '-' (a group's id) is read as its value.
          options.push(...(arg.startsWith('--') ? [`${arg}=${value}`] : [arg, value]));
        } else options.push(arg);
      } else words.push(arg);
    }
    const { values } = parseArgs({
      args: options,
      options: {
        limit: { type: 'string', short: 'n', default: String(CLI_SEARCH_DEFAULT) },
        chat: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit must be a whole number from 1 to 1000');
    const query = words.join(' ').trim();
    if (query === '') throw new UsageError('give the words to look for');
    let mutes: readonly string[] = [];
    if (values.chat !== undefined) {
      const chatId = Number(values.chat);
      if (!Number.isSafeInteger(chatId)) throw new UsageError('--chat takes a Telegram chat id such as 12345 or -100123');
      const { config } = app;
      const chat = createChatStore(app.db, app.clock, { digestTime: config.DEFAULT_DIGEST_TIME, timezone: config.DEFAULT_TIMEZONE }).get(chatId);
      if (!chat) {
        io.err(`No chat ${chatId} in the store (${config.DATABASE_PATH}).`);
        return 1;
      }
      mutes = chat.mutes;
    }
    const outcome = createSearch(app.db, app.clock).search(query, { limit, leaveOut: mutedBy(createRuleCache().rules(mutes)) });
    if (outcome.kind !== 'results') {
      io.err(problem(query, outcome));
      return 1;
    }
    if (values.json) {
      const hits = outcome.hits.map((h) => ({
        id: h.id,
        headline: h.headline,
        lead: h.lead,
        url: h.url,
        source: h.source,
        regions: h.regions,
        publishedAt: new Date(h.publishedAt).toISOString(),
        score: Number(h.score.toFixed(4)),
      }));
      io.out(JSON.stringify(hits, null, 2));
      return 0;
    }
    io.out(`${outcome.total} ${outcome.total === 1 ? 'story' : 'stories'}${outcome.capped ? ` among the newest matches` : ''}; the best ${outcome.hits.length}:`);
    io.out('');
    for (const h of outcome.hits) {
      io.out(`${new Date(h.publishedAt).toISOString()}  [${h.regions.join(', ')}]  ${h.source}`);
      io.out(`  ${h.headline}`);
      if (h.lead) io.out(`  ${h.lead}`);
      if (h.url) io.out(`  ${h.url}`);
      io.out('');
    }
    return 0;
  },
};
