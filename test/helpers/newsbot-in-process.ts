import { main } from '../../src/main.js';

/** What a finished `newsbot` invocation left: its exit code and everything it printed. */
export interface NewsbotResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `newsbot ...args` in this process through the CLI's own `main`, as `node dist/cli.js` would
 * (same argument parsing, checks, exit codes and printed lines), without the 1-3 s of starting a
 * process. Settings are `env` alone (LOG_LEVEL defaults to 'warn', as for a spawned CLI): no `.env`
 * and nothing of this process's environment leaks in. Paths in `env` should be absolute: there is
 * no working directory of its own. Spawn the CLI (helpers/cli.ts) only where the process boundary
 * is what the test is about (signals, kill -9, two processes, the working directory).
 */
export async function runNewsbot(args: readonly string[], options: { env?: Record<string, string> } = {}): Promise<NewsbotResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    [...args],
    {
      out: (text) => {
        stdout += `${text}\n`;
      },
      err: (text) => {
        stderr += `${text}\n`;
      },
    },
    { LOG_LEVEL: 'warn', ...options.env },
  );
  return { code, stdout, stderr };
}
