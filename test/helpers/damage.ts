import { closeSync, copyFileSync, existsSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fixedClock } from '../../src/clock.js';
import { createArticleStore } from '../../src/store/articles.js';
import { openDatabase } from '../../src/store/db.js';
import { tempDir } from './temp-db.js';

/** Per article count, this worker's first populated database, which later calls copy. */
const built = new Map<number, string>();

/**
 * A real newsbot database at `file` with `articles` stored through the article store (bodies of a
 * page or two, so there are overflow pages and a sizeable full-text index), vacuumed so that every
 * page is in use, and closed. Built once per worker (migrations, 300 articles and a VACUUM) and
 * copied after that: the same bytes each time, so a seed damages the same page.
 */
export function populatedDatabase(file: string, articles = 300): void {
  const first = built.get(articles);
  if (first && existsSync(first)) {
    copyFileSync(first, file);
    return;
  }
  build(file, articles);
  const kept = path.join(tempDir('populated-').dir, 'populated.sqlite');
  copyFileSync(file, kept);
  built.set(articles, kept);
}

function build(file: string, articles: number): void {
  const db = openDatabase(file);
  const store = createArticleStore(db, fixedClock('2026-11-28T08:00:00Z'));
  const words = 'harbour storm parliament budget election rail strike museum bronze typhoon ferry market'.split(' ');
  store.upsertMany(
    Array.from({ length: articles }, (_, i) => ({
      source: `Wire ${i % 7}`,
      url: `https://news.example/${i}`,
      headline: `${words[i % words.length]} ${words[(i * 7) % words.length]} report number ${i}`,
      lead: `Lead of report ${i}.`,
      body: Array.from({ length: 40 + (i % 60) }, (_, w) => `${words[(i + w) % words.length]} ${i * w}`).join(' '),
      publishedAt: Date.parse('2026-11-27T00:00:00Z') + i * 60_000,
      regions: ['asia'],
    })),
  );
  db.exec('VACUUM');
  db.close();
}

/** A small seeded random generator (mulberry32), so that a damage that fails a test can be repeated. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Overwrites `count` random pages of the SQLite file past the first (the header stays intact) with
 * random bytes, as a failing disk or a stray write would; returns the page numbers.
 */
export function damagePages(file: string, seed: number, count = 1): number[] {
  const random = seededRandom(seed);
  const fd = openSync(file, 'r+');
  try {
    const header = Buffer.alloc(100);
    readSync(fd, header, 0, 100, 0);
    const pageSize = header.readUInt16BE(16);
    const pages = Math.floor(statSync(file).size / pageSize);
    const damaged = new Set<number>();
    while (damaged.size < Math.min(count, pages - 1)) damaged.add(2 + Math.floor(random() * (pages - 1)));
    const garbage = Buffer.alloc(pageSize);
    for (const page of damaged) {
      for (let i = 0; i < pageSize; i++) garbage[i] = Math.floor(random() * 256);
      writeSync(fd, garbage, 0, pageSize, (page - 1) * pageSize);
    }
    return [...damaged];
  } finally {
    closeSync(fd);
  }
}
