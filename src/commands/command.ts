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
  /**
   * Runs the command. `stop`, when given, asks a long-running command (start) to stop cleanly in
   * place of SIGINT/SIGTERM, which it then leaves alone: for callers that run it in-process.
   */
  run(args: string[], app: App, io: CommandIo, stop?: AbortSignal): Promise<number> | number;
}

/** Thrown for bad command-line usage; printed with the command's usage line. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * `args` with a negative number after one of the named options joined to it (`--chat -100500` →
 * `--chat=-100500`): node's parseArgs reads a value that starts with '-' as a possible option and
 * refuses it ("argument is ambiguous"), but Telegram group ids are negative.
 */
export function joinNegativeValues(args: readonly string[], options: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const next = args[i + 1];
    if (options.includes(arg) && next !== undefined && /^-\d+(\.\d+)?$/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}
