import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { useFeedCli } from '../helpers/feed-world.js';
import { doubleEncode } from './encoding/samples.js';
import { rss } from './fixtures.js';

const world = useFeedCli();
const { newsbot } = world;

describe('newsbot sources', () => {
  it('when one feed is undeclared windows-1252 and another double-encoded, then ingest and sources show one warning line for each, and none for the clean feed', async () => {
    const stories = [
      { title: 'Notícias: ações do governo', link: 'https://br.example/1', description: 'Saúde e educação.' },
      { title: 'São Paulo amanhece com chuva', link: 'https://br.example/2', description: 'Previsão é de frio.' },
    ];
    world.server.route('/latin.xml', { body: iconv.encode(rss(stories), 'windows-1252'), contentType: 'application/rss+xml' });
    world.server.route('/twice.xml', {
      body: rss([{ title: doubleEncode('L’été à Paris', 'windows-1252'), link: 'https://fr.example/1', description: doubleEncode('Très chaud.', 'windows-1252') }]),
    });
    world.server.route('/clean.xml', { body: rss([{ title: 'Storm hits the coast', link: 'https://en.example/1', description: 'Power is out.' }]) });
    world.writeSources([
      { name: 'Portal BR', url: world.server.url('/latin.xml') },
      { name: 'Le Double', url: world.server.url('/twice.xml') },
      { name: 'Clean Wire', url: world.server.url('/clean.xml') },
    ]);

    const ingest = await newsbot('ingest');
    expect(ingest.code).toBe(0);
    expect(ingest.stdout).toMatch(/^ok +Portal BR: 2 items .*\n +warning: no charset declared and the bytes are not UTF-8: read as windows-1252$/m);

    const sources = await newsbot('sources');
    expect(sources.code).toBe(0);
    const warnings = sources.stdout.split('\n').filter((l) => l.includes('warning'));
    expect(warnings).toEqual([
      '  warning (text of the last fetch): double-encoded UTF-8 repaired in 1 of 1 item',
      '  warning (text of the last fetch): no charset declared and the bytes are not UTF-8: read as windows-1252',
    ]);
    const latest = await newsbot('latest', '--json');
    expect(JSON.parse(latest.stdout).map((a: { headline: string }) => a.headline).sort()).toEqual(
      ['L’été à Paris', 'Notícias: ações do governo', 'Storm hits the coast', 'São Paulo amanhece com chuva'],
    );

    const json = JSON.parse((await newsbot('sources', '--json')).stdout) as { name: string; warning: string | null }[];
    expect(Object.fromEntries(json.map((s) => [s.name, s.warning]))).toEqual({
      'Clean Wire': null,
      'Le Double': 'double-encoded UTF-8 repaired in 1 of 1 item',
      'Portal BR': 'no charset declared and the bytes are not UTF-8: read as windows-1252',
    });
  });
});
