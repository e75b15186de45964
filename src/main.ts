import { createApp } from './app.js';
import { CATALOGUE, type CommandName } from './commands/catalogue.js';
import { type Command, type CommandIo, type Preflight, UsageError } from './commands/command.js';
import { type Config, ConfigError, loadConfig, requireBotToken } from './config.js';
import type { SendWaits } from './delivery/send-queue.js';
import { loadSourcesFile, SourcesFileError } from './ingest/sources-file.js';
import { createRedactor } from './redact.js';
import { createLogger } from './log.js';
import { DatabaseError } from './store/database-error.js';

/**
 * Every CLI command by name, loaded on use: `start` never loads the HTML importer (linkedom,
 * Readability) and `import` never loads Telegraf, which keeps the bot's memory down; `help` loads
 * none (it reads the catalogue).
 */
export const COMMANDS: Record<CommandName, () => Promise<Command>> = {
  migrate: async () => (await import('./commands/migrate.js')).migrateCommand,
  latest: async () => (await import('./commands/latest.js')).latestCommand,
  search: async () => (await import('./commands/search.js')).searchCommand,
  sources: async () => (await import('./commands/sources.js')).sourcesCommand,
  feeds: async () => (await import('./commands/feeds.js')).feedsCommand,
  ingest: async () => (await import('./commands/ingest.js')).ingestCommand,
  import: async () => (await import('./commands/import.js')).importCommand,
  prune: async () => (await import('./commands/prune.js')).pruneCommand,
  backup: async () => (await import('./commands/backup.js')).backupCommand,
  digest: async () => (await import('./commands/digest.js')).digestCommand,
  'send-due': async () => (await import('./commands/send-due.js')).sendDueCommand,
  start: async () => (await import('./commands/start.js')).startCommand,
};

const defaultIo: CommandIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

function help(io: CommandIo): void {
  io.out('Usage: newsbot <command> [options]\n\nCommands:');
  for (const [name, { summary, usage }] of Object.entries(CATALOGUE)) io.out(`  ${name.padEnd(10)} ${summary}\n             ${usage}`);
  io.out('\nSettings come from the environment and .env; see .env.example.');
}

/**
 * Runs one CLI invocation; returns the process exit code. Command output goes to `io.out`, messages
 * and log lines to `io.err`. Settings come from `env` when given (nothing else: no `.env`, no
 * process environment), else from `.env` and the process environment. `options.stop` ends a
 * long-running command (start) as SIGTERM would, and then SIGINT/SIGTERM are left to the caller;
 * `options.sendWaits` replaces Telegram's per-chat gap and retry back-off (see `SendWaits`). Tests
 * call it in-process.
 */
export async function main(
  argv: string[],
  io: CommandIo = defaultIo,
  env?: Record<string, string | undefined>,
  options: { stop?: AbortSignal; sendWaits?: SendWaits } = {},
): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    help(io);
    return name ? 0 : 1;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name as CommandName] : undefined;
  if (!load) {
    io.err(`Unknown command '${name}'. Run 'newsbot help' for the list.`);
    return 2;
  }
  const command = await load();
  let app: ReturnType<typeof createApp> | undefined;
  // Until the settings are read there is no token to hide; after, nothing printed carries it.
  let redact = (text: string) => text;
  const safeIo: CommandIo = { out: (text) => io.out(redact(text)), err: (text) => io.err(redact(text)) };
  try {
    const config = env ? loadConfig(env) : loadConfig();
    redact = createRedactor([config.BOT_TOKEN, config.WEBHOOK_SECRET]).text;
    const checks = command.preflight ?? {};
    checkBeforeOpening(config, checks);
    const log = createLogger(config.LOG_LEVEL, safeIo.err, config.LOG_FORMAT);
    app = createApp(config, { log, ...(checks.database ? { check: checks.database } : {}), ...(options.sendWaits ? { sendWaits: options.sendWaits } : {}) });
    return await command.run(args, app, safeIo, options.stop);
  } catch (error: unknown) {
    if (error instanceof ConfigError || error instanceof DatabaseError || error instanceof SourcesFileError) {
      safeIo.err(error.message);
      return 1;
    }
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      safeIo.err(`${error.message}\nUsage: ${command.usage}`);
      return 2;
    }
    safeIo.err(`newsbot ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    app?.close();
  }
}

/** The checks of `preflight` that need no database; each throws the error that says what to fix. */
function checkBeforeOpening(config: Config, preflight: Preflight): void {
  if (preflight.botToken) requireBotToken(config);
  if (preflight.sourcesFile) loadSourcesFile(config.SOURCES_FILE);
}
