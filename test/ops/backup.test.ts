import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { createArticleStore } from '../../src/store/articles.js';
import { openDatabase } from '../../src/store/db.js';
import { runNewsbot } from '../helpers/newsbot-in-process.js';
import { tempDir } from '../helpers/temp-db.js';

let tmp: ReturnType<typeof tempDir> | undefined;
afterEach(() => {
  tmp?.cleanup();
  tmp = undefined;
});

/** A database with `n` stories, still open (as the running bot holds it), and the env to run newsbot on it. */
function liveDatabase(n: number) {
  tmp = tempDir();
  const file = path.join(tmp.dir, 'newsbot.sqlite');
  const db = openDatabase(file);
  const articles = createArticleStore(db, fixedClock(Date.now()));
  for (let i = 1; i <= n; i++) {
    articles.upsert({ source: 'Test Wire', url: `https://news.example/${i}`, headline: `Harbour story number ${i} of the week`, lead: `Lead ${i}.`, publishedAt: Date.now() - i * 60_000, regions: ['asia'] });
  }
  const sources = path.join(tmp.dir, 'sources.json');
  writeFileSync(sources, '[]');
  return { db, articles, file, dir: tmp.dir, env: { DATABASE_PATH: file, SOURCES_FILE: sources } };
}

describe('newsbot backup <file>', () => {
  it('when the bot holds the database and a write is in progress, then the backup is a consistent, checked copy with every committed story', async () => {
    const live = liveDatabase(30);
    // Another connection is in the middle of a write: not committed, so not in the backup.
    const writer = new Database(live.file);
    writer.exec('BEGIN IMMEDIATE');
    writer.prepare("UPDATE articles SET headline = 'half-written' WHERE id = 1").run();
    const target = path.join(live.dir, 'backups', '..', 'nightly.sqlite');
    const result = await runNewsbot(['backup', target], { env: live.env });
    writer.exec('ROLLBACK');
    writer.close();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Backup written to .*nightly\.sqlite: \d+\.\d MB, \d+ pages, quick_check ok, in \d+\.\d s\.\n$/);
    expect(readdirSync(live.dir).filter((f) => f.includes('partial'))).toEqual([]);

    // The copy is a newsbot database: `latest` on it lists the 30 stories.
    live.db.close();
    const latest = await runNewsbot(['latest', '--limit', '50', '--every-article', '--json'], { env: { ...live.env, DATABASE_PATH: path.join(live.dir, 'nightly.sqlite') } });
    const stories = JSON.parse(latest.stdout) as { headline: string }[];
    expect(stories).toHaveLength(30);
    expect(stories.map((s) => s.headline)).not.toContain('half-written');
  });

  it('when run again to the same file, then the older backup is replaced by the new one', async () => {
    const live = liveDatabase(3);
    const target = path.join(live.dir, 'nightly.sqlite');
    expect((await runNewsbot(['backup', target], { env: live.env })).code).toBe(0);
    live.articles.upsert({ source: 'Test Wire', url: 'https://news.example/new', headline: 'A later story about the harbour', lead: 'Later.', publishedAt: Date.now(), regions: ['asia'] });
    expect((await runNewsbot(['backup', target], { env: live.env })).code).toBe(0);
    live.db.close();
    const copy = new Database(target, { readonly: true });
    expect(copy.prepare('SELECT COUNT(*) AS n FROM articles').get()).toEqual({ n: 4 });
    copy.close();
  });

  it('when the target cannot be written, is a directory or is missing, then one line says what to do and the exit code is not 0', async () => {
    const live = liveDatabase(1);
    const noDir = await runNewsbot(['backup', path.join(live.dir, 'no-such-dir', 'b.sqlite')], { env: live.env });
    expect(noDir.code).toBe(1);
    expect(noDir.stderr).toContain('could not write the backup');
    const dir = await runNewsbot(['backup', live.dir], { env: live.env });
    expect(dir.code).toBe(1);
    expect(dir.stderr).toContain('is a directory');
    const itself = await runNewsbot(['backup', live.file], { env: live.env });
    expect(itself.code).toBe(1);
    expect(itself.stderr).toContain('is the database itself');
    const none = await runNewsbot(['backup'], { env: live.env });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: newsbot backup <file>');
    live.db.close();
  });
});
