import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articleJson } from '../../src/commands/latest.js';
import { detectFormat, importFiles } from '../../src/ingest/import/import-files.js';
import { tempStore } from '../helpers/temp-db.js';

let store: ReturnType<typeof tempStore>;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.close());

function write(name: string, content: string | Buffer): string {
  const file = path.join(store.dir, name);
  writeFileSync(file, content);
  return file;
}

const RECORDS = [
  {
    headline: 'Tom &amp; Jerry <b>turn 85</b>',
    lead: 'Fans in Los Angeles &amp; New York celebrate.',
    url: 'https://culture.test/tom-and-jerry',
    source: 'Culture Wire',
    regions: ['americas'],
    publishedAt: '2025-02-10T12:00:00.000Z',
  },
  {
    headline: 'Floods in Kenya displace thousands',
    lead: 'Heavy rain has forced families from their homes near Nairobi.',
    url: null,
    source: 'Africa Desk',
    publishedAt: '2025-02-11T08:30:00.000Z',
    body: 'First paragraph.\n\nSecond paragraph.',
  },
];

describe('importing JSON and NDJSON lists', () => {
  it('when a JSON array is imported, then each record is stored as given: no HTML decoding, url null kept, regions tagged where missing', async () => {
    const [outcome] = await importFiles([write('list.json', JSON.stringify(RECORDS))], store.articles);
    expect(outcome).toMatchObject({ kind: 'imported', format: 'json' });
    const [kenya, tom] = store.articles.latest({ limit: 10 });
    expect(tom?.headline).toBe('Tom &amp; Jerry <b>turn 85</b>');
    expect(tom?.lead).toBe('Fans in Los Angeles &amp; New York celebrate.');
    expect(tom?.regions).toEqual(['americas']);
    expect(kenya?.url).toBeNull();
    expect(kenya?.regions).toEqual(['africa']);
    expect(kenya?.body).toBe('First paragraph.\n\nSecond paragraph.');
    expect(new Date(kenya?.publishedAt ?? 0).toISOString()).toBe('2025-02-11T08:30:00.000Z');
  });

  it('when what `latest --json` printed is imported into an empty store, then `latest --json` prints the same again', async () => {
    await importFiles([write('list.json', JSON.stringify(RECORDS))], store.articles);
    const printed = store.articles.latest({ limit: 10, distinctStories: false }).map(articleJson);

    const other = tempStore();
    try {
      const [outcome] = await importFiles([write('roundtrip.json', JSON.stringify(printed, null, 2))], other.articles);
      expect(outcome).toMatchObject({ kind: 'imported' });
      const again = other.articles.latest({ limit: 10, distinctStories: false }).map(articleJson);
      expect(again.map(({ id: _id, ...rest }) => rest)).toEqual(printed.map(({ id: _id, ...rest }) => rest));
    } finally {
      other.close();
    }
  });

  it('when an NDJSON file is imported, then every line is an article and --source / --region fill in what is missing', async () => {
    const ndjson = [
      JSON.stringify({ headline: 'Markets steady', lead: 'Nothing happened today.', url: 'https://wire.test/1' }),
      '',
      JSON.stringify({ headline: 'Talks in Seoul', lead: 'Diplomats met.', url: 'https://wire.test/2', source: 'Own Source' }),
    ].join('\n');
    const [outcome] = await importFiles([write('feed.ndjson', ndjson)], store.articles, { source: 'Wire', region: 'europe' });
    expect(outcome).toMatchObject({ kind: 'imported', format: 'ndjson' });
    const byHeadline = Object.fromEntries(store.articles.latest({ limit: 10 }).map((a) => [a.headline, a]));
    expect(byHeadline['Markets steady']).toMatchObject({ source: 'Wire', regions: ['europe'] });
    // --region is a prior: it decides for the line that names no place, not for the one that names Seoul.
    expect(byHeadline['Talks in Seoul']).toMatchObject({ source: 'Own Source', regions: ['asia'] });
  });

  it('when a list is imported twice, then the articles are updated, not doubled, with or without a URL', async () => {
    const file = write('list.json', JSON.stringify(RECORDS));
    await importFiles([file], store.articles);
    const [second] = await importFiles([file], store.articles);
    expect(store.articles.count()).toBe(2);
    expect(second?.kind === 'imported' && second.articles.map((a) => a.outcome)).toEqual(['updated', 'updated']);
  });

  it('when some records are bad, then the good ones are imported and each bad one is named with its field', async () => {
    const bad = [RECORDS[0], { lead: 'no headline', source: 'X' }, { headline: 'H', source: 'X', regions: ['atlantis'] }, { headline: 'D', source: 'X', publishedAt: 'yesterday-ish' }];
    const [outcome] = await importFiles([write('bad.json', JSON.stringify(bad))], store.articles);
    expect(outcome?.kind).toBe('imported');
    const rejected = outcome?.kind === 'imported' ? outcome.rejected : [];
    expect(rejected.map((r) => r.where)).toEqual(['record 2', 'record 3', 'record 4']);
    expect(rejected[0]?.reason).toMatch(/headline is missing/);
    expect(rejected[1]?.reason).toMatch(/unknown region 'atlantis'/);
    expect(rejected[2]?.reason).toMatch(/not a date/);
    expect(store.articles.latest({ limit: 10 }).map((a) => a.headline)).toEqual([RECORDS[0]?.headline]);
  });

  it('when every record is bad, then the file is not imported and the error names them', async () => {
    const [outcome] = await importFiles([write('allbad.json', JSON.stringify([{ lead: 'x' }, { headline: 'H', regions: ['atlantis'] }]))], store.articles);
    expect(outcome?.kind === 'failed' && outcome.reason).toMatch(/every record is bad: record 1: headline is missing; record 2: .*atlantis/);
    expect(store.articles.count()).toBe(0);
  });

  it('when an NDJSON line is broken, then the other lines are imported and the broken one is named by its line', async () => {
    const [outcome] = await importFiles([write('broken.ndjson', '{"headline":"A","source":"S"}\n\n{"headline": "B", \n')], store.articles);
    expect(outcome?.kind === 'imported' && outcome.rejected).toEqual([{ where: 'line 3', reason: 'not valid JSON' }]);
    expect(store.articles.count()).toBe(1);
  });

  it('when a record has no source and no --source is given, then the file fails saying so', async () => {
    const [outcome] = await importFiles([write('nosource.json', JSON.stringify([{ headline: 'A headline' }]))], store.articles);
    expect(outcome?.kind === 'failed' && outcome.reason).toMatch(/record 1: no source/);
  });
});

describe('bad files and format detection', () => {
  it('when one file is missing, one is binary and one is truncated JSON, then each fails with its reason and the good one is imported', async () => {
    const good = write('good.json', JSON.stringify([RECORDS[1]]));
    const binary = write('image.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]));
    const truncated = write('cut.json', JSON.stringify(RECORDS).slice(0, 60));
    const empty = write('empty.txt', '  \n');
    const outcomes = await importFiles([path.join(store.dir, 'missing.txt'), binary, good, truncated, empty], store.articles);
    expect(outcomes.map((o) => o.kind)).toEqual(['failed', 'failed', 'imported', 'failed', 'failed']);
    const reasons = outcomes.map((o) => (o.kind === 'failed' ? o.reason : ''));
    expect(reasons[0]).toMatch(/no such file/);
    expect(reasons[1]).toMatch(/not a text file/);
    expect(reasons[3]).toMatch(/not valid JSON/);
    expect(reasons[4]).toMatch(/empty/);
    expect(store.articles.count()).toBe(1);
  });

  it.each([
    ['a.json', '[{"headline":"x"}]', 'json'],
    ['a.txt', '[{"headline":"x"}]', 'json'],
    ['a.data', '{"headline":"x"}\n{"headline":"y"}\n', 'ndjson'],
    ['a.jsonl', '{"headline":"x"}', 'ndjson'],
    ['a.json', '{"articles":[]}', 'json'],
    ['page', '<!DOCTYPE html><html><body><p>x</p></body></html>', 'html'],
    ['page.txt', '<html><head><title>x</title></head></html>', 'html'],
    ['page.html', 'just text, mislabelled', 'html'],
    ['page', '- Site\nHeadline Here Now\n', 'text'],
  ])('when the file is %s holding %j, then it is read as %s', (file, content, format) => {
    expect(detectFormat(file, content)).toBe(format);
  });
});
