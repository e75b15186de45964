import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { createArticleStore } from '../../src/store/articles.js';
import { openDatabase } from '../../src/store/db.js';
import { runNewsbot } from '../helpers/newsbot-in-process.js';
import { tempDir } from '../helpers/temp-db.js';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-28T08:00:00Z');
const SEED_HEADLINE = "Russian Foreign Ministry Sees Putin's Visit to Japan as 'Breakthrough'";
const SEED_URL = 'https://sputnikglobe.com/asia/20161229/putin-japan.html';
const MUTINY = ['Ivory Coast soldiers end mutiny after deal on bonuses', 'Ivory Coast mutiny: soldiers fire shots in Bouake', 'Ivory Coast president reaches deal with mutinous soldiers'];

let tmp: ReturnType<typeof tempDir>;
let file: string;
beforeEach(() => {
  tmp = tempDir();
  file = path.join(tmp.dir, 'newsbot.sqlite');
  const db = openDatabase(file);
  const articles = createArticleStore(db, fixedClock(NOW));
  // The seed as an older database holds it: imported without --url, then with it, as two rows.
  articles.upsert({ source: 'Sputnik International', url: null, guid: 'import:seed', headline: SEED_HEADLINE, lead: 'A visit.', publishedAt: NOW - 3 * HOUR, regions: ['asia'] });
  articles.upsert({ source: 'Sputnik International', url: SEED_URL, headline: SEED_HEADLINE, lead: 'A visit of Russian President Vladimir Putin to Japan was a breakthrough.', publishedAt: NOW - 2 * HOUR, regions: ['asia'] });
  MUTINY.forEach((headline, i) => articles.upsert({ source: 'Africa Wire', url: `https://africa.example/${i}`, headline, lead: '', publishedAt: NOW - (i + 1) * HOUR, regions: ['africa'] }));
  ['Kenya raises fuel prices', 'Ghana cedi hits record low'].forEach((headline, i) =>
    articles.upsert({ source: 'Africa Wire', url: `https://africa.example/o${i}`, headline, lead: '', publishedAt: NOW - (i + 5) * HOUR, regions: ['africa'] }),
  );
  db.close();
});
afterEach(() => tmp.cleanup());

const newsbot = (...args: string[]) => runNewsbot(args, { env: { DATABASE_PATH: file, LOG_LEVEL: 'silent' } });

describe('newsbot latest', () => {
  it('when a story is stored twice and an outlet told one mutiny three times, then `latest` shows each once, as the bot does; --every-article shows every row', async () => {
    const shown = await newsbot('latest');
    expect(shown.code).toBe(0);
    expect(shown.stdout.split(SEED_HEADLINE)).toHaveLength(2);
    expect(shown.stdout).toContain(SEED_URL);
    expect(shown.stdout.match(/Ivory Coast/g)).toHaveLength(1);
    expect(shown.stdout).toContain('Kenya raises fuel prices');

    const every = JSON.parse((await newsbot('latest', '--every-article', '--json')).stdout) as { headline: string }[];
    expect(every).toHaveLength(7);
    expect(every.filter((a) => a.headline === SEED_HEADLINE)).toHaveLength(2);
  });

  it('when the usage is shown, then it documents the default number of stories', async () => {
    const result = await newsbot('latest', '--limit', '0');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--limit N (default 10)');
    expect(result.stderr).toContain('--every-article');
  });
});
