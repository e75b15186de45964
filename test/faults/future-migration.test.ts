import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { runNewsbot, stopRunningNewsbots } from '../helpers/newsbot-in-process.js';
import { type FakeBotApi, startFakeBotApi } from '../helpers/fake-bot-api.js';
import { tempDir } from '../helpers/temp-db.js';

let tmp: ReturnType<typeof tempDir>;
let fake: FakeBotApi;
let file: string;

beforeEach(async () => {
  tmp = tempDir();
  fake = await startFakeBotApi();
  file = path.join(tmp.dir, 'newsbot.sqlite');
  writeFileSync(path.join(tmp.dir, 'sources.json'), '[]');
});
afterEach(async () => {
  await stopRunningNewsbots();
  await fake.close();
  tmp.cleanup();
});

function newsbot(...args: string[]) {
  const env = { DATABASE_PATH: file, SOURCES_FILE: path.join(tmp.dir, 'sources.json'), BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot };
  return runNewsbot(args, { env });
}

/** The database as a newer release leaves it: every migration this one knows, and `names` it does not. */
function writtenByNewerRelease(...names: string[]): void {
  openDatabase(file).close();
  const db = new Database(file);
  for (const name of names) db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(Number.parseInt(name, 10), name, Date.now());
  db.close();
}

function recordedMigrations(): string[] {
  const db = new Database(file, { readonly: true });
  const names = (db.prepare('SELECT name FROM schema_migrations ORDER BY version').all() as { name: string }[]).map((r) => r.name);
  db.close();
  return names;
}

describe('a database written by a newer release', () => {
  it.each(['migrate', 'start', 'latest', 'ingest', 'sources', 'prune'])(
    'when `newsbot %s` opens it, then it refuses, naming the unknown migration and saying to upgrade',
    async (command) => {
      writtenByNewerRelease('9999_future.sql');
      const before = recordedMigrations();
      const run = await newsbot(command);
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toBe(
        `DATABASE_PATH=${file}: the database was written by a newer newsbot: it records migration 9999_future.sql, which this version does not know. ` +
          'Upgrade newsbot to the release that wrote it (or restore a backup made before that upgrade).',
      );
      expect(run.stdout).not.toContain('all applied');
      expect(recordedMigrations()).toEqual(before);
      expect(fake.calls).toHaveLength(0);
    },
  );

  it('when a migration of the same number but another name is recorded (another branch of newsbot), then it is refused too', async () => {
    openDatabase(file).close();
    const db = new Database(file);
    db.prepare("UPDATE schema_migrations SET name = '0003_something_else.sql' WHERE version = 3").run();
    db.close();
    const run = await newsbot('migrate');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('it records migration 0003_something_else.sql, which this version does not know');
  });
});
