import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { CLI } from '../helpers/cli.js';
import { runNewsbot } from '../helpers/newsbot-in-process.js';
import { tempDir } from '../helpers/temp-db.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
  chmodSync(tmp.dir, 0o755);
});
afterEach(() => tmp.cleanup());

/** `newsbot <command>` with DATABASE_PATH set; exit code and stderr. */
function newsbot(command: string, databasePath: string) {
  return runNewsbot([command], { env: { DATABASE_PATH: databasePath, LOG_LEVEL: 'warn' } });
}

/**
 * The same in its own process, as a user who may not write where root may (a process boundary): root passes every permission check, so
 * when the tests run as root the command runs as `nobody` (uid 65534).
 */
function newsbotAsUser(command: string, databasePath: string): Promise<{ code: number | null; stderr: string }> {
  const asRoot = process.getuid?.() === 0;
  const child = spawn(process.execPath, [CLI, command], {
    cwd: tmp.dir,
    env: { PATH: process.env.PATH ?? '', DATABASE_PATH: databasePath, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

const COMMANDS = ['migrate', 'latest', 'sources'];

describe('a DATABASE_PATH newsbot cannot use', () => {
  it.each(COMMANDS)('when it is a file in /proc, then `newsbot %s` names the setting and the path, and says it cannot open it', async (command) => {
    const run = await newsbot(command, '/proc/x');
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^DATABASE_PATH=\/proc\/x: cannot open the database file \(unable to open database file\): .*\/proc$/);
    expect(run.stderr).not.toContain('failed:');
  });

  it.each(COMMANDS)('when it names a directory, then `newsbot %s` says so and suggests a file in it', async (command) => {
    const dir = path.join(tmp.dir, 'data');
    mkdirSync(dir);
    const run = await newsbot(command, dir);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`DATABASE_PATH=${dir}: is a directory, not a database file; give a file in it, such as ${path.join(dir, 'newsbot.sqlite')}`);
  });

  it('when a directory on its path is a file, then the error says its directory cannot be created and why', async () => {
    writeFileSync(path.join(tmp.dir, 'data'), 'not a directory');
    const target = path.join(tmp.dir, 'data', 'newsbot.sqlite');
    const run = await newsbot('migrate', target);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(new RegExp(`^DATABASE_PATH=${target}: cannot create its directory ${path.join(tmp.dir, 'data')} \\((ENOTDIR|EEXIST): `));
  });

  it('when its directory is read-only for the user, then the error says the user may not create files there', async () => {
    const dir = path.join(tmp.dir, 'readonly');
    mkdirSync(dir);
    chmodSync(dir, 0o555);
    const target = path.join(dir, 'newsbot.sqlite');
    const run = await newsbotAsUser('migrate', target);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      `DATABASE_PATH=${target}: cannot open the database file (unable to open database file): this user may not create files in ${dir}`,
    );
  });

  it('when the database file is read-only for the user, then the error says newsbot must write it and the files beside it', async () => {
    const dir = path.join(tmp.dir, 'shared');
    mkdirSync(dir);
    const target = path.join(dir, 'newsbot.sqlite');
    openDatabase(target).close();
    chmodSync(target, 0o644);
    chmodSync(dir, 0o755);
    const run = await newsbotAsUser('latest', target);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      `DATABASE_PATH=${target}: cannot write the database (attempt to write a readonly database): newsbot writes the file and creates ` +
        `newsbot.sqlite-wal and newsbot.sqlite-shm beside it, so this user needs write permission on the file and on ${dir}`,
    );
  });
});
