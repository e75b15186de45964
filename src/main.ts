import { createApp } from './app.js';
import { type Command, type CommandIo, UsageError } from './commands/command.js';
import { digestCommand } from './commands/digest.js';
import { importCommand } from './commands/import.js';
import { ingestCommand } from './commands/ingest.js';
import { latestCommand } from './commands/latest.js';
import { migrateCommand } from './commands/migrate.js';
import { pruneCommand } from './commands/prune.js';
import { sendDueCommand } from './commands/send-due.js';
import { sourcesCommand } from './commands/sources.js';
import { startCommand } from './commands/start.js';
import { ConfigError, loadConfig } from './config.js';

/** Every CLI command by name. */
export const COMMANDS: Record<string, Command> = {
  migrate: migrateCommand,
  latest: latestCommand,
  sources: sourcesCommand,
  ingest: ingestCommand,
  import: importCommand,
  prune: pruneCommand,
  digest: digestCommand,
  'send-due': sendDueCommand,
  start: startCommand,
};

const defaultIo: CommandIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

function help(io: CommandIo): void {
  io.out('Usage: newsbot <command> [options]\n\nCommands:');
  for (const [name, cmd] of Object.entries(COMMANDS)) io.out(`  ${name.padEnd(10)} ${cmd.summary}\n             ${cmd.usage}`);
  io.out('\nSettings come from the environment and .env; see .env.example.');
}

/** Runs one CLI invocation; returns the process exit code. */
export async function main(argv: string[], io: CommandIo = defaultIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    help(io);
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`Unknown command '${name}'. Run 'newsbot help' for the list.`);
    return 2;
  }
  let app: ReturnType<typeof createApp> | undefined;
  try {
    app = createApp(loadConfig());
    return await command.run(args, app, io);
  } catch (error: unknown) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 1;
    }
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      io.err(`${error.message}\nUsage: ${command.usage}`);
      return 2;
    }
    io.err(`newsbot ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    app?.close();
  }
}
