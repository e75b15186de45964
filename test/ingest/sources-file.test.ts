import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSourcesFile, parseSources, SourcesFileError } from '../../src/ingest/sources-file.js';
import { REGIONS } from '../../src/regions/regions.js';

const SHIPPED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../sources.json');

describe('SOURCES_FILE', () => {
  it('when the shipped sources.json is read, then it is valid, https only, and has feeds for every region', () => {
    const sources = loadSourcesFile(SHIPPED);
    expect(sources.length).toBeGreaterThanOrEqual(20);
    expect(sources.every((s) => s.url.startsWith('https://'))).toBe(true);
    for (const region of REGIONS.filter((r) => r !== 'world')) {
      expect(sources.filter((s) => s.region === region).length, region).toBeGreaterThanOrEqual(2);
    }
    expect(sources.filter((s) => !s.region).length).toBeGreaterThanOrEqual(3);
  });

  it('when regions are written as people write them, then they are stored as the canonical region', () => {
    const sources = parseSources([
      { name: 'A', url: 'https://a.example/rss', region: 'Asia & Pacific' },
      { name: 'B', url: 'https://b.example/rss', region: 'mideast' },
      { name: 'C', url: 'https://c.example/rss', region: 'Latin America' },
      { name: 'D', url: 'https://d.example/rss' },
    ]);
    expect(sources.map((s) => s.region)).toEqual(['asia', 'middle-east', 'americas', null]);
  });

  it('when entries are wrong, then every problem is listed with the entry it is in', () => {
    const attempt = () =>
      parseSources(
        [
          { name: 'Dup', url: 'https://a.example/rss' },
          { name: 'dup', url: 'https://a.example/rss' },
          { name: '', url: 'not a url' },
          { name: 'Typo', url: 'https://t.example/rss', regoin: 'asia' },
        ],
        'feeds.json',
      );
    expect(attempt).toThrow(SourcesFileError);
    const message = (() => {
      try {
        attempt();
      } catch (error: unknown) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toMatch(/^feeds\.json is not a valid list of feeds:/);
    expect(message).toMatch(/entry 2 \(dup\), name: the name 'dup' is used twice/);
    expect(message).toMatch(/entry 2 \(dup\), url: the url https:\/\/a\.example\/rss is listed twice/);
    expect(message).toMatch(/entry 3, name: name must not be empty/);
    expect(message).toMatch(/entry 3, url: url must be an http/);
    expect(message).toMatch(/entry 4 \(Typo\).*regoin/);
    expect(() => parseSources({ sources: [] })).toThrow(/must be a JSON array/);
  });

  it('when the file is missing or not JSON, then the error names the file', () => {
    expect(() => loadSourcesFile('/nonexistent/feeds.json')).toThrow(/cannot read sources file \/nonexistent\/feeds\.json: no such file \(set SOURCES_FILE/);
    expect(() => loadSourcesFile(fileURLToPath(import.meta.url))).toThrow(/sources-file\.test\.ts is not valid JSON/);
  });
});
