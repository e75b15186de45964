#!/usr/bin/env node
// First: the bot's V8 settings must apply before the other modules load (see the module).
import './bot-v8-flags.js';
import { main } from './main.js';

// `newsbot latest | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

// Long-running commands (start) resolve when they stop; every command returns its exit code.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
