import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-db.js';

const SEED = path.join(ROOT, 'test/fixtures/seed-sputnik-asia.txt');
const PAGES = path.join(ROOT, 'test/fixtures/pages');

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

function newsbot(...args: string[]) {
  return runCli(args, { env: { DATABASE_PATH: path.join(tmp.dir, 'db', 'newsbot.sqlite'), LOG_LEVEL: 'silent' }, cwd: tmp.dir });
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
    expect(article?.regions[0]).toBe('asia');
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
      const imported = await runCli(['import', exported], { env });
      expect(imported.stdout).toContain('3 articles (3 new, 0 updated)');
      const again = (await runCli(['latest', '--json'], { env })).stdout;
      const strip = (s: string) => (JSON.parse(s) as Printed[]).map(({ id: _id, ...rest }) => rest);
      expect(strip(again)).toEqual(strip(first));
    } finally {
      other.cleanup();
    }
  });

  it('when --region names no region, then it is a usage error with a suggestion', async () => {
    const result = await newsbot('import', SEED, '--region', 'asai');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("No region 'asai'. Did you mean asia?");
  });
});
