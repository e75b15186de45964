import { REGIONS } from '../regions/regions.js';

/** Stories `newsbot latest` prints when --limit is not given. */
export const CLI_LATEST_DEFAULT = 10;
/** Stories `newsbot search` prints when --limit is not given. */
export const CLI_SEARCH_DEFAULT = 10;

/** What `newsbot help` says of a command, and the usage printed with a usage error. */
export interface CommandHelp {
  /** One line for `newsbot help`. */
  summary: string;
  usage: string;
}

const MORE = '\n             ';

/**
 * Every CLI command's help, in the order `newsbot help` lists them. A module of its own so that help
 * loads none of the commands (all twelve, with Telegraf, linkedom and Readability, took 1.1 s of
 * CPU); each command takes its summary and usage from here.
 */
export const CATALOGUE = {
  migrate: {
    summary: 'check the database file and apply pending migrations (both also done at every start)',
    usage: 'newsbot migrate',
  },
  latest: {
    summary: `print the newest stories (default ${CLI_LATEST_DEFAULT}), of one region or all, each once as the bot shows them`,
    usage: `newsbot latest [${REGIONS.join('|')}] [--limit N (default ${CLI_LATEST_DEFAULT})] [--every-article] [--json]`,
  },
  search: {
    summary: `search every stored story (headline, lead, body), best first (default ${CLI_SEARCH_DEFAULT})`,
    usage: `newsbot search <words> ["a phrase"] [prefix*] [-word] [--limit N (default ${CLI_SEARCH_DEFAULT})] [--chat <id>] [--json]`,
  },
  sources: {
    summary: 'list sources (feed, page or site, last pass, errors, text warnings); add, remove, enable, disable, import or export them',
    usage: [
      'newsbot sources [--json]',
      'newsbot sources add <url> [--name NAME] [--region REGION] [--type page|feed]',
      'newsbot sources remove|enable|disable <name>',
      'newsbot sources import <file.opml>',
      'newsbot sources export [--opml]',
    ].join(MORE),
  },
  feeds: {
    summary: "list chats' own feeds (/addfeed): chats, items, last read, errors; remove one for every chat",
    usage: `newsbot feeds [--json]${MORE}newsbot feeds remove <id|address>`,
  },
  ingest: {
    summary: "fetch every source in SOURCES_FILE once (feeds, pages, sites), then the chats' own feeds, and store new articles",
    usage: 'newsbot ingest [--source NAME]... [--due] [--json]',
  },
  import: {
    summary: 'import articles from page text, HTML pages or JSON/NDJSON lists',
    usage: 'newsbot import <file...> [--region REGION] [--source NAME] [--url URL (one page whose text has none)]',
  },
  prune: {
    summary: 'delete articles older than RETENTION_DAYS (the bot also does this daily)',
    usage: 'newsbot prune [--days N]',
  },
  backup: {
    summary: 'copy the database to a file while the bot runs (SQLite online backup), then check the copy',
    usage: 'newsbot backup <file>',
  },
  digest: {
    summary: 'print the digest a chat would get (sends nothing)',
    usage: 'newsbot digest --chat <id> [--at <ISO time>]',
  },
  'send-due': {
    summary: 'run one digest scheduling pass and send what is due, then exit (1 if anything due is not delivered)',
    usage: 'newsbot send-due [--at <ISO time>]',
  },
  start: {
    summary: 'run the Telegram bot (long polling, or a webhook with WEBHOOK_URL) with the ingest and digest schedules',
    usage: 'newsbot start',
  },
} as const satisfies Record<string, CommandHelp>;

export type CommandName = keyof typeof CATALOGUE;
