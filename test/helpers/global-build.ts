import { execFileSync } from 'node:child_process';
import { ROOT } from './cli.js';

/**
 * Vitest global setup: compiles src to dist once, before any worker starts, so the tests that run
 * the CLI (`node dist/cli.js`) test the current sources and never watch a build half-written.
 */
export default function build(): void {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
}
