import type { SendWaits } from '../../src/delivery/send-queue.js';
import { main } from '../../src/main.js';
import { createOutputWatch } from './output-watch.js';

/** What a finished `newsbot` invocation left: its exit code and everything it printed. */
export interface NewsbotResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A `newsbot` invocation still running in this process (`start`), with its output so far. */
export interface NewsbotRun {
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code when the command returns. */
  exited: Promise<number>;
  /**
   * Resolves when stdout or stderr (so far or later) matches `pattern`, with the match; rejects if
   * the command returns first or after `timeoutMs` (default 20 s, a bound for a clear failure, not a
   * pause). An event to wait on, not a sleep.
   */
  waitForOutput: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>;
  /** Asks the command to stop, as SIGTERM does for the process; resolves with its exit code. */
  stop: () => Promise<number>;
}

const running = new Set<NewsbotRun>();

/**
 * Starts `newsbot ...args` in this process through the CLI's own `main`, as `node dist/cli.js`
 * would (same argument parsing, checks, output, log lines and exit codes), without the 1-3 s of
 * starting a process. Settings are `env` alone (LOG_LEVEL defaults to 'warn', as for a spawned
 * CLI): no `.env` and nothing of this process's environment leaks in. Paths in `env` should be
 * absolute: there is no working directory of its own. Spawn the CLI (helpers/cli.ts) only where the
 * process boundary is what the test is about (signals, kill -9, two processes, the working
 * directory). Call {@link stopRunningNewsbots} in afterEach so a failed test leaves no bot running.
 * `sendWaits` replaces Telegram's per-chat gap and retry back-off (see `NO_SEND_WAITS`).
 */
export function startNewsbot(args: readonly string[], options: { env?: Record<string, string>; sendWaits?: SendWaits } = {}): NewsbotRun {
  const output = createOutputWatch('returned');
  const stopper = new AbortController();
  const exited = main(
    [...args],
    { out: (text) => output.add('out', `${text}\n`), err: (text) => output.add('err', `${text}\n`) },
    { LOG_LEVEL: 'warn', ...options.env },
    { stop: stopper.signal, ...(options.sendWaits ? { sendWaits: options.sendWaits } : {}) },
  ).finally(() => {
    running.delete(run);
    output.end();
  });
  const run: NewsbotRun = {
    stdout: output.stdout,
    stderr: output.stderr,
    exited,
    waitForOutput: output.waitForOutput,
    stop: () => {
      stopper.abort('SIGTERM');
      return exited;
    },
  };
  running.add(run);
  return run;
}

/** Runs `newsbot ...args` in-process to the end (see {@link startNewsbot}); never throws on a non-zero exit code. */
export async function runNewsbot(args: readonly string[], options: Parameters<typeof startNewsbot>[1] = {}): Promise<NewsbotResult> {
  const run = startNewsbot(args, options);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/** Stops every in-process `newsbot` still running (for afterEach) and waits until they returned. */
export async function stopRunningNewsbots(): Promise<void> {
  await Promise.allSettled([...running].map((run) => run.stop()));
}
