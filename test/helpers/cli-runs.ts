import { type CliRun, spawnCli } from './cli.js';

type Options = Parameters<typeof spawnCli>[1];

/**
 * `runCli` that remembers its processes: `killAll()` (in afterEach) ends those still running, so a
 * test that fails while `newsbot start` keeps running leaves no bot behind.
 */
export function cliRuns() {
  const running = new Set<CliRun>();
  return {
    async run(args: readonly string[], options: Options = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
      const cli = spawnCli(args, options);
      running.add(cli);
      const { code } = await cli.exited;
      running.delete(cli);
      return { code, stdout: cli.stdout(), stderr: cli.stderr() };
    },
    killAll(): void {
      for (const cli of running) if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
      running.clear();
    },
  };
}
