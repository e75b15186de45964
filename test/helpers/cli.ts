import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOutputWatch } from './output-watch.js';

/** The repository root and the built CLI (`npm test` builds it first, in vitest's global setup). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(ROOT, 'dist/cli.js');

/** A running `newsbot` process with its output so far. */
export interface CliRun {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /**
   * Resolves when stdout or stderr (so far or later) matches `pattern`, with the match; rejects if
   * the process exits first or after `timeoutMs` (default 20 s). An event to wait on, not a sleep.
   */
  waitForOutput: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>;
}

/**
 * Starts `node dist/cli.js ...args` with only PATH and `env` in its environment (so a developer's
 * own .env or shell settings never leak in), in `cwd` (default the repository root).
 */
export function spawnCli(args: readonly string[], options: { env?: Record<string, string>; cwd?: string } = {}): CliRun {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = createOutputWatch('exited');
  child.stdout?.on('data', (d: Buffer) => output.add('out', d.toString()));
  child.stderr?.on('data', (d: Buffer) => output.add('err', d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => {
      resolve({ code, signal });
      output.end();
    }),
  );
  return { child, stdout: output.stdout, stderr: output.stderr, exited, waitForOutput: output.waitForOutput };
}

/** Runs `newsbot ...args` to the end; never throws on a non-zero exit code. */
export async function runCli(
  args: readonly string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = spawnCli(args, options);
  const { code } = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}
