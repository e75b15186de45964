import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './cli.js';

/** Written by the (incremental) build last of all: dist is as new as this file. */
const BUILD_INFO = path.join(ROOT, 'dist/.tsbuildinfo');
/** What the build reads besides the sources. */
const BUILD_INPUTS = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

/** The newest modification time (ms) of `dir` and everything under it, directories included (a deleted file changes its directory). */
function newest(dir: string): number {
  let latest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

/** True when dist was built after the last change to src and the build's settings. */
function distIsCurrent(): boolean {
  let built: number;
  try {
    built = statSync(BUILD_INFO).mtimeMs;
  } catch {
    return false;
  }
  const inputs = Math.max(newest(path.join(ROOT, 'src')), ...BUILD_INPUTS.map((f) => statSync(path.join(ROOT, f)).mtimeMs));
  return inputs < built;
}

/**
 * Vitest global setup: compiles src to dist before any worker starts, so the tests that run the CLI
 * as a process (`node dist/cli.js`) test the current sources and never watch a build half-written.
 * Skipped when dist is newer than every source (`npm ci` has just built it, or nothing changed since
 * the last run): a build costs 13 s of CPU from scratch, 4 s incrementally, the check milliseconds.
 */
export default function build(): void {
  if (distIsCurrent()) return;
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  // An incremental build that found nothing to emit leaves the file as it was: it is current now.
  const now = new Date();
  utimesSync(BUILD_INFO, now, now);
}
