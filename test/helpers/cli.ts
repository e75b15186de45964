import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
  let out = '';
  let err = '';
  const watchers = new Set<() => void>();
  const notify = () => {
    for (const w of [...watchers]) w();
  };
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    notify();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
    notify();
  });
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => {
      done = true;
      resolve({ code, signal });
      notify();
    }),
  );
  const waitForOutput = (pattern: RegExp, timeoutMs = 20_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = `${out}\n${err}`.match(pattern);
        if (!match && !done) return;
        watchers.delete(check);
        clearTimeout(timer);
        if (match) resolve(match);
        else reject(new Error(`newsbot exited before printing ${pattern}:\n${out}\n${err}`));
      };
      const timer = setTimeout(() => {
        watchers.delete(check);
        reject(new Error(`newsbot did not print ${pattern} within ${timeoutMs} ms:\n${out}\n${err}`));
      }, timeoutMs);
      watchers.add(check);
      check();
    });
  return { child, stdout: () => out, stderr: () => err, exited, waitForOutput };
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
