import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fixedClock } from '../src/clock.js';
import { createArticleStore } from '../src/store/articles.js';
import { createChatStore } from '../src/store/chats.js';
import { DatabaseError } from '../src/store/database-error.js';
import { type Db, openDatabase } from '../src/store/db.js';
import { UnknownMigrationError } from '../src/store/migrate.js';
import { headlineKey } from '../src/store/headline-key.js';
import { GENERATOR_VERSION, generateArticle, pickDigestTime, pickSubscription, rng, SOURCES, TIME_ZONES } from './data.js';

/** The instant the generated store is "now": articles span the 30 days before it. */
export const STORE_NOW = Date.parse('2026-11-28T06:00:00Z');
const SPAN_MS = 30 * 86_400_000;

export interface StoreSpec {
  articles: number;
  chats: number;
}

/**
 * Cache key: generator version and sizes. Migrations added after the file was built are applied
 * when it is opened (as on any upgrade), so a new migration does not force a rebuild; one that
 * changes the generated tables' meaning needs a {@link GENERATOR_VERSION} bump. A file that records
 * a migration this code does not know (another branch's) is rebuilt.
 */
function cacheKey(spec: StoreSpec): string {
  return `store-v${GENERATOR_VERSION}-a${spec.articles}-c${spec.chats}.sqlite`;
}

/**
 * A SQLite file holding `spec.articles` generated articles over 30 days and `spec.chats` subscribed
 * chats, built once and reused from `cacheDir` while the generator and migrations stay the same.
 * Articles go in with prepared INSERTs in large transactions (the store's own upsert, with its
 * per-article story matching, would take many minutes for a million); chats through the real chat
 * store. Returns the file and whether it was built now, with the seconds that took.
 */
export function fixtureStore(cacheDir: string, spec: StoreSpec, log: (msg: string) => void): { file: string; builtSeconds: number | null } {
  mkdirSync(cacheDir, { recursive: true });
  const file = path.join(cacheDir, cacheKey(spec));
  if (existsSync(dirtyMarker(file))) {
    log(`${path.basename(file)} was left modified by an interrupted run: rebuilding it`);
    for (const f of [file, `${file}-wal`, `${file}-shm`, dirtyMarker(file)]) rmSync(f, { force: true });
  }
  if (existsSync(file)) {
    if (!migratedByOtherRelease(file)) return { file, builtSeconds: null };
    // The cache dir is shared: a branch with a migration this code lacks (or numbers differently) migrated it.
    log(`${path.basename(file)} records migrations this code does not know: rebuilding it`);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  }
  // Another bench run on this machine may be building the same file: wait for it rather than
  // build twice (or delete its half-built file).
  const lock = `${file}.lock`;
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      const holder = Number(readFileSync(lock, 'utf8'));
      if (!isAlive(holder)) {
        rmSync(lock, { force: true });
        continue;
      }
      log(`waiting for process ${holder} to finish building ${path.basename(file)}`);
      while (isAlive(holder) && !existsSync(file)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000);
      if (existsSync(file)) return { file, builtSeconds: null };
    }
  }
  const tmp = `${file}.${process.pid}.building`;
  try {
    const started = performance.now();
    log(`building ${path.basename(file)} (once; cached in ${cacheDir})`);
    const db = openDatabase(tmp);
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    fillArticles(db, spec.articles, log);
    fillChats(db, spec.chats);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('ANALYZE');
    db.close();
    renameSync(tmp, file);
    return { file, builtSeconds: (performance.now() - started) / 1000 };
  } finally {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, lock]) rmSync(f, { force: true });
  }
}

/** Opens (and so migrates) the cached store; true when it records a migration this code does not know. */
function migratedByOtherRelease(file: string): boolean {
  try {
    openDatabase(file).close();
    return false;
  } catch (error: unknown) {
    if (error instanceof DatabaseError && error.cause instanceof UnknownMigrationError) return true;
    throw error;
  }
}

/** A file whose presence says the cached store beside it was changed by a run and not restored. */
export function dirtyMarker(file: string): string {
  return `${file}.dirty`;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Generated articles over the 30 days before {@link STORE_NOW}, written with prepared INSERTs. */
export function fillArticles(db: Db, count: number, log: (msg: string) => void): void {
  const store = createArticleStore(db, fixedClock(STORE_NOW));
  const sourceIds = new Map(SOURCES.map((s) => [s.name, store.sources.ensure({ name: s.name, url: `https://feeds.bench.example/${encodeURIComponent(s.name)}`, region: s.region ?? null })]));
  const insert = db.prepare(
    `INSERT INTO articles (id, source_id, url, guid, headline, lead, body, dateline, published_at, fetched_at, regions, story_id, headline_key)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)`,
  );
  const addRegion = db.prepare('INSERT INTO article_regions (article_id, region, position, published_at) VALUES (?, ?, ?, ?)');
  // The article store indexes a new article's text itself (migrations/0024): these rows went in by
  // hand, so each batch's text is indexed the way the store does it, ё folded (0022).
  const fold = (column: string) => `replace(replace(${column}, 'ё', 'е'), 'Ё', 'Е')`;
  const indexText = db.prepare<[number, number]>(
    `INSERT INTO articles_fts (rowid, headline, lead, body)
     SELECT id, ${fold('headline')}, ${fold('lead')}, ${fold('body')} FROM articles WHERE id BETWEEN ? AND ?`,
  );
  const r = rng(20261128);
  const start = STORE_NOW - SPAN_MS;
  const step = SPAN_MS / count;
  // About one article in eight is another outlet's version of a story seen shortly before.
  const recent: { id: number; headline: string; regions: string[] }[] = [];
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = i + 1;
      const publishedAt = Math.floor(start + i * step + r.next() * step);
      const a = generateArticle(r, i, publishedAt);
      let storyId = id;
      let headline = a.headline;
      let regions = a.regions as string[];
      const prior = recent.length > 0 && r.next() < 0.125 ? r.pick(recent) : undefined;
      if (prior) {
        storyId = prior.id;
        headline = prior.headline;
        regions = prior.regions;
      } else {
        recent.push({ id, headline, regions });
        if (recent.length > 200) recent.shift();
      }
      insert.run(id, sourceIds.get(a.source), a.url, a.guid, headline, a.lead, a.body, publishedAt, publishedAt + 60_000, regions.join(','), storyId, headlineKey(headline));
      regions.forEach((region, position) => addRegion.run(id, region, position, publishedAt));
    }
    indexText.run(from + 1, to);
  });
  const chunk = 50_000;
  for (let from = 0; from < count; from += chunk) {
    batch(from, Math.min(count, from + chunk));
    if ((from / chunk) % 4 === 3) log(`generated ${Math.min(count, from + chunk)} of ${count} articles`);
  }
  // The article store writes each new article's headline words itself (migrations/0016); these
  // rows went in by hand, so their words are added the way that migration adds existing ones.
  db.exec(`INSERT OR IGNORE INTO headline_words (word, published_at, article_id)
    SELECT w.value, a.published_at, a.id FROM articles a, json_each('["' || replace(a.headline_key, ' ', '","') || '"]') w
    WHERE a.headline_key <> '' AND w.value <> ''`);
}

/** `count` subscribed chats through the real chat store (regions, times, zones and languages as generated). */
export function fillChats(db: Db, count: number): void {
  const clock = fixedClock(STORE_NOW - SPAN_MS);
  const chats = createChatStore(db, clock, { digestTime: '08:00', timezone: 'UTC' });
  const r = rng(100_000);
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = r.next() < 0.9 ? 10_000_000 + i : -(1_000_000_000_000 + i);
      chats.ensure({ id, type: id > 0 ? 'private' : 'supergroup', title: id > 0 ? null : `Group ${i}` });
      chats.subscribe(id, pickSubscription(r));
      chats.setDigestTime(id, pickDigestTime(r));
      chats.setTimezone(id, r.weighted(TIME_ZONES));
      if (r.next() < 0.3) chats.setLanguage(id, 'ru');
    }
  })();
}
