import type { App } from '../app.js';

/** Output streams of a command, injectable for tests. */
export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** A CLI command: takes its arguments (after the command name) and returns the exit code. */
export interface Command {
  /** One line for `newsbot help`. */
  summary: string;
  usage: string;
  run(args: string[], app: App, io: CommandIo): Promise<number> | number;
}

/** Thrown for bad command-line usage; printed with the command's usage line. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
