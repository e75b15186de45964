import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { ROOT } from '../helpers/cli.js';
import { runNewsbot } from '../helpers/newsbot-in-process.js';
import { tempDir } from '../helpers/temp-db.js';

const SEED = path.join(ROOT, 'test/fixtures/seed-sputnik-asia.txt');
const PAGES = path.join(ROOT, 'test/fixtures/pages');

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

function newsbot(...args: string[]) {
  return runNewsbot(args, { env: { DATABASE_PATH: path.join(tmp.dir, 'db', 'newsbot.sqlite'), LOG_LEVEL: 'silent' } });
}

interface Printed {
  id: number;
  headline: string;
  lead: string;
  url: string | null;
  source: string;
  regions: string[];
  publishedAt: string;
}

describe('newsbot import', () => {
  it('when the seed page is imported, then `latest asia --json` shows it as the issue describes', async () => {
    const imported = await newsbot('import', SEED);
    expect(imported.code).toBe(0);
    // Asia first: the page's section, and the story names Japan; Europe (the Russian ministry, MOSCOW) is kept.
    expect(imported.stdout).toContain(`inserted "Russian Foreign Ministry Sees Putin's Visit to Japan as 'Breakthrough'" [asia, europe]`);

    const latest = await newsbot('latest', 'asia', '--json');
    expect(latest.code).toBe(0);
    const [article, ...rest] = JSON.parse(latest.stdout) as Printed[];
    expect(rest).toEqual([]);
    expect(article).toMatchObject({
      headline: "Russian Foreign Ministry Sees Putin's Visit to Japan as 'Breakthrough'",
      url: null,
      source: 'Sputnik International',
    });
    expect(article?.lead.startsWith('A visit of Russian President Vladimir Putin to Japan in mid-December')).toBe(true);
    expect(article?.regions).toEqual(['asia', 'europe']);
  });

  it('when a page is imported with --url, then it keeps that address, normalised, and a second import updates it', async () => {
    const url = 'https://sputnikglobe.com/asia/20161229/putin-japan.html';
    expect((await newsbot('import', SEED, '--url', `${url}?utm_campaign=x`)).code).toBe(0);
    const again = await newsbot('import', SEED, '--url', url);
    expect(again.stdout).toContain('updated "Russian Foreign Ministry');
    const latest = JSON.parse((await newsbot('latest', 'asia', '--json')).stdout) as Printed[];
    expect(latest.map((a) => a.url)).toEqual([url]);
    const twoFiles = await newsbot('import', SEED, path.join(PAGES, 'html-news-article.html'), '--url', url);
    expect(twoFiles.code).toBe(2);
    expect(twoFiles.stderr).toContain('--url names one page');
  });

  it('when one of several files is unreadable, then it is named on stderr, the others are imported, and the exit code is 1', async () => {
    const bad = path.join(tmp.dir, 'bad.json');
    writeFileSync(bad, '[{"headline": "cut off');
    const result = await newsbot('import', SEED, path.join(tmp.dir, 'nope.txt'), bad, path.join(PAGES, 'html-news-article.html'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${path.join(tmp.dir, 'nope.txt')}: not imported: no such file`);
    expect(result.stderr).toContain(`${bad}: not imported: not valid JSON`);
    expect(result.stdout).toContain('Japan and China agree to resume high-level talks" [asia]');
    expect(result.stdout).toContain('2 of 4 files imported');

    const latest = JSON.parse((await newsbot('latest', '--json')).stdout) as Printed[];
    expect(latest.map((a) => a.source).sort()).toEqual(['Sputnik International', 'The Daily Planet']);
  });

  it('when `latest --json` output is imported into another database, then it comes back the same', async () => {
    await newsbot('import', SEED, path.join(PAGES, 'text-world-no-lead.txt'), path.join(PAGES, 'html-news-article.html'));
    const first = (await newsbot('latest', '--json')).stdout;
    const exported = path.join(tmp.dir, 'export.json');
    writeFileSync(exported, first);

    const other = tempDir();
    try {
      const env = { DATABASE_PATH: path.join(other.dir, 'x.sqlite'), LOG_LEVEL: 'silent' };
      const imported = await runNewsbot(['import', exported], { env });
      expect(imported.stdout).toContain('3 articles (3 new, 0 updated)');
      const again = (await runNewsbot(['latest', '--json'], { env })).stdout;
      const strip = (s: string) => (JSON.parse(s) as Printed[]).map(({ id: _id, ...rest }) => rest);
      expect(strip(again)).toEqual(strip(first));
    } finally {
      other.cleanup();
    }
  });

  it('when the seed is imported without --url and then with it, then the second import gives the first its address: one article, not two', async () => {
    const url = 'https://sputnikglobe.com/asia/20161229/putin-japan.html';
    expect((await newsbot('import', SEED)).stdout).toContain('inserted "Russian Foreign Ministry');
    const second = await newsbot('import', SEED, '--url', url);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('updated "Russian Foreign Ministry');
    const db = openDatabase(path.join(tmp.dir, 'db', 'newsbot.sqlite'));
    try {
      expect(db.prepare('SELECT url FROM articles').all()).toEqual([{ url }]);
    } finally {
      db.close();
    }
  });

  it('when an RSS, Atom or JSON feed file is imported, then it says the file is a feed and how to add it as a source', async () => {
    const fixtures = path.join(ROOT, 'test/ingest/fixtures');
    const feeds = ['rss20.xml', 'atom10.xml', 'rss10.rdf', 'feed11.json'].map((f) => path.join(fixtures, f));
    const result = await newsbot('import', ...feeds);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(4);
    for (const [i, line] of lines.entries()) {
      expect(line.startsWith(`${feeds[i]}: not imported:`)).toBe(true);
      expect(line).toMatch(/looks like an? (RSS|Atom|JSON) feed/);
      expect(line).toContain('sources.json');
      expect(line).toContain('newsbot sources add ');
      expect(line).toContain('newsbot ingest');
      expect(line).not.toContain('no headline found');
    }
    // The feed's own address, where the file gives it, is in the example to copy.
    expect(lines[1]).toContain('newsbot sources add https://atom.example.org/feed.atom --name "Example Atom Desk"');
    expect(lines[1]).toContain('"url": "https://atom.example.org/feed.atom"');
    expect(lines[3]).toContain('"url": "https://json.example.com/feed.json"');
    expect(JSON.parse((await newsbot('latest', '--json')).stdout)).toEqual([]);
  });

  it('when an NDJSON file has bad lines, then the good lines are imported, the bad ones are named by line on stderr, and the exit code is 1', async () => {
    const file = path.join(tmp.dir, 'wire.ndjson');
    writeFileSync(
      file,
      [
        JSON.stringify({ headline: 'Floods in Kenya displace thousands', lead: 'Rain.', url: 'https://w.test/1', source: 'Wire' }),
        '{"headline": "cut off',
        '',
        JSON.stringify({ headline: 'Markets steady in Tokyo', lead: 'Calm.', url: 'https://w.test/2', source: 'Wire' }),
        JSON.stringify({ lead: 'no headline here', source: 'Wire' }),
        JSON.stringify({ headline: 'Talks resume in Geneva', url: 'https://w.test/3', source: 'Wire', regions: ['atlantis'] }),
      ].join('\n'),
    );
    const result = await newsbot('import', file);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('2 articles (2 new, 0 updated)');
    expect(result.stderr).toMatch(/line 2: not imported: not valid JSON/);
    expect(result.stderr).toMatch(/line 5: not imported: headline is missing/);
    expect(result.stderr).toMatch(/line 6: not imported: .*unknown region 'atlantis'/);
    expect(result.stderr).not.toMatch(/line [134]\b/);
    expect(result.stderr).toContain('3 of 5 lines not imported');
    const latest = JSON.parse((await newsbot('latest', '--json')).stdout) as Printed[];
    expect(latest.map((a) => a.headline).sort()).toEqual(['Floods in Kenya displace thousands', 'Markets steady in Tokyo']);
  });

  it('when --region names no region, then it is a usage error with a suggestion', async () => {
    const result = await newsbot('import', SEED, '--region', 'asai');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("No region 'asai'. Did you mean asia?");
  });
});
