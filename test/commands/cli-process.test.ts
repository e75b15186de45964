import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-db.js';

/**
 * The one place the CLI runs as its own process for what only a process shows: `node dist/cli.js`
 * starts, reads `.env` and relative paths from its working directory, prints and exits with its
 * code. Every other CLI test runs `main` in-process (helpers/newsbot-in-process.ts).
 */
const SEED = path.join(ROOT, 'test/fixtures/seed-sputnik-asia.txt');

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

describe('node dist/cli.js', () => {
  it('when a page is imported and `latest` asked with settings from .env in the working directory, then the story is kept in ./data (the default) and printed', async () => {
    writeFileSync(path.join(tmp.dir, '.env'), 'LOG_LEVEL=silent\n');
    const imported = await runCli(['import', SEED], { cwd: tmp.dir, env: {} });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`inserted "Russian Foreign Ministry Sees Putin's Visit to Japan as 'Breakthrough'"`);
    expect(existsSync(path.join(tmp.dir, 'data', 'newsbot.sqlite'))).toBe(true);

    const latest = await runCli(['latest', 'asia', '--json'], { cwd: tmp.dir, env: {} });
    expect(latest.code, latest.stderr).toBe(0);
    expect((JSON.parse(latest.stdout) as { headline: string }[]).map((a) => a.headline)).toEqual([
      "Russian Foreign Ministry Sees Putin's Visit to Japan as 'Breakthrough'",
    ]);
  });

  it('when start finds no ./sources.json in its working directory, then it says so and creates no ./data', async () => {
    const start = await runCli(['start'], { cwd: tmp.dir, env: { BOT_TOKEN: '123:abc', TELEGRAM_API_ROOT: 'http://127.0.0.1:9' } });
    expect(start.code).toBe(1);
    expect(start.stderr.trim()).toBe('cannot read sources file ./sources.json: no such file (set SOURCES_FILE to your list of feeds)');
    expect(existsSync(path.join(tmp.dir, 'data'))).toBe(false);
  });

  it('when asked for --help, then it lists every command and exits 0', async () => {
    const help = await runCli(['--help'], { cwd: tmp.dir });
    expect(help.code).toBe(0);
    for (const name of ['start', 'ingest', 'import', 'latest', 'sources', 'digest', 'send-due', 'migrate', 'prune']) {
      expect(help.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
  });

  it('when the command is unknown, then one line points to help and the exit code is 2', async () => {
    const unknown = await runCli(['lates'], { cwd: tmp.dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr.trim()).toBe("Unknown command 'lates'. Run 'newsbot help' for the list.");
  });
});
