import type { App } from '../app.js';
import type { IntegrityCheck } from '../store/integrity.js';

/** Output streams of a command, injectable for tests. */
export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * What is checked before a command runs, after the settings and in this order: BOT_TOKEN and
 * SOURCES_FILE before the database is opened (so a wrong setting creates no file), then the
 * database file for damage, as thoroughly as `database` says, when it is opened.
 */
export interface Preflight {
  botToken?: boolean;
  sourcesFile?: boolean;
  database?: IntegrityCheck;
}

/** A CLI command: takes its arguments (after the command name) and returns the exit code. */
export interface Command {
  /** One line for `newsbot help`. */
  summary: string;
  usage: string;
  preflight?: Preflight;
  run(args: string[], app: App, io: CommandIo): Promise<number> | number;
}

/** Thrown for bad command-line usage; printed with the command's usage line. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
