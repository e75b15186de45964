import { writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/import/import-files.js';
import { runNewsbot } from '../helpers/newsbot-in-process.js';
import { tempStore } from '../helpers/temp-db.js';
import { doubleEncode } from './encoding/samples.js';

let store: ReturnType<typeof tempStore>;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.close());

const write = (name: string, content: string | Buffer) => {
  const file = path.join(store.dir, name);
  writeFileSync(file, content);
  return file;
};
const stored = () => store.articles.latest({ limit: 10, distinctStories: false });

const page = (title: string, paragraph: string, charset = '') =>
  `<html><head>${charset}<title>${title} | Folha Exemplo</title><meta property="og:site_name" content="Folha Exemplo"></head>` +
  `<body><article><h1>${title}</h1><p>${paragraph}</p><p>Segundo parágrafo da notícia, com mais detalhes sobre a votação.</p></article></body></html>`;

describe('imported text that arrives broken', () => {
  it('when an HTML page is windows-1252 and declares no charset, then its accents read right and the file and source are warned', async () => {
    const file = write('folha.html', iconv.encode(page('Câmara aprova reforma da educação', 'A votação terminou às 23h com apoio de três partidos e críticas da oposição.'), 'windows-1252'));

    const [outcome] = await importFiles([file], store.articles);

    expect(outcome).toMatchObject({ kind: 'imported', warning: 'no charset declared and the bytes are not UTF-8: read as windows-1252' });
    const [a] = stored();
    expect(a?.headline).toBe('Câmara aprova reforma da educação');
    expect(a?.lead).toBe('A votação terminou às 23h com apoio de três partidos e críticas da oposição.');
    expect(store.articles.sources.get('Folha Exemplo')?.warning).toBe('no charset declared and the bytes are not UTF-8: read as windows-1252');
  });

  it('when an HTML page in UTF-8 carries double-encoded text, then it is repaired', async () => {
    const file = write('dbl.html', doubleEncode(page('São Paulo terá metrô até o aeroporto', 'A obra, orçada em R$ 2 bilhões, começa em março e terá três estações.'), 'windows-1252'));

    const [outcome] = await importFiles([file], store.articles);

    expect(outcome).toMatchObject({ kind: 'imported', warning: 'double-encoded UTF-8 repaired in 1 of 1 item' });
    expect(stored()[0]).toMatchObject({ headline: 'São Paulo terá metrô até o aeroporto', source: 'Folha Exemplo' });
    expect(stored()[0]?.lead).toBe('A obra, orçada em R$ 2 bilhões, começa em março e terá três estações.');
  });

  it('when scraped page text is KOI8-R without a declaration, then the Cyrillic reads right', async () => {
    const text = 'Центробанк сохранил ключевую ставку\n\nРешение совпало с ожиданиями аналитиков, опрошенных агентством в пятницу.\n\nРегулятор допустил снижение ставки в следующем году.';
    const file = write('cbr.txt', iconv.encode(text, 'koi8-r'));

    const [outcome] = await importFiles([file], store.articles, { source: 'Вести' });

    expect(outcome).toMatchObject({ kind: 'imported', warning: 'no charset declared and the bytes are not UTF-8: read as koi8-r' });
    expect(stored()[0]?.headline).toBe('Центробанк сохранил ключевую ставку');
  });

  it('when a JSON list has double-encoded and unreadable characters, then they are repaired or removed, and entities stay as written', async () => {
    const list = [
      { headline: doubleEncode('L’été à Paris', 'windows-1252'), lead: doubleEncode('Très chaud — 35 °C.', 'latin1'), source: 'Le Monde', url: 'https://lemonde.example/1' },
      { headline: 'Q&amp;A: the \uFFFDbudget', lead: 'Plain.', source: 'Le Monde', url: 'https://lemonde.example/2' },
    ];
    const file = write('list.json', JSON.stringify(list));

    const [outcome] = await importFiles([file], store.articles);

    expect(outcome).toMatchObject({
      kind: 'imported',
      warning: 'double-encoded UTF-8 repaired in 1 of 2 items; unreadable characters (U+FFFD) removed in 1 of 2 items',
    });
    expect(stored().map((a) => [a.headline, a.lead]).sort()).toEqual([
      ['L’été à Paris', 'Très chaud — 35 °C.'],
      ['Q&amp;A: the budget', 'Plain.'],
    ]);
  });

  it('when `newsbot import` reads a file that needed fixing, then it says so on stderr and still imports it', async () => {
    const file = write('folha.html', iconv.encode(page('Câmara aprova reforma da educação', 'A votação terminou às 23h com apoio de três partidos.'), 'windows-1252'));
    const run = await runNewsbot(['import', file], { env: { DATABASE_PATH: path.join(store.dir, 'cli.sqlite'), LOG_LEVEL: 'silent' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/inserted "Câmara aprova reforma da educação"/);
    expect(run.stderr).toBe(`${file}: warning: no charset declared and the bytes are not UTF-8: read as windows-1252\n`);
  });
});
