import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (bench/ sits directly under it). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The built CLI, as `npx newsbot` runs it (`npm run bench` builds it first). */
export const CLI = path.join(ROOT, 'dist', 'cli.js');

export interface RunningCli {
  child: ChildProcess;
  /** Everything the process wrote so far. */
  output(): string;
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>;
}

/** Starts `node [nodeArgs] dist/cli.js <args>` with exactly `env` (plus PATH) in `cwd`. */
export function startCli(args: readonly string[], env: Record<string, string>, cwd: string, nodeArgs: readonly string[] = []): RunningCli {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build (npm run bench does)`);
  const child = spawn(process.execPath, [...nodeArgs, CLI, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return { child, output: () => out, exited };
}

/** Resident set size now and at its peak (VmRSS, VmHWM from /proc), in MB; undefined once the process is gone. */
export function rssOf(pid: number): { rssMb: number; peakMb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? Number.NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; keeps the highest VmHWM seen. */
export function sampleRss(pid: number, everyMs = 100) {
  let peakMb = 0;
  let lastMb = 0;
  const tick = () => {
    const r = rssOf(pid);
    if (r) {
      peakMb = Math.max(peakMb, r.peakMb);
      lastMb = r.rssMb;
    }
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    /** Samples once more and stops; returns the peak and the last RSS seen (MB). */
    stop(): { peakMb: number; lastMb: number } {
      tick();
      clearInterval(timer);
      return { peakMb, lastMb };
    },
    current: () => ({ peakMb, lastMb }),
  };
}

/** Resolves when `predicate()` holds (checked every 50 ms), rejects after `timeoutMs` with `what`. */
export async function waitFor(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
