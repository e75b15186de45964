import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** A fixture file from test/ingest/fixtures, as bytes. */
export function fixture(name: string): Buffer {
  return readFileSync(path.join(dir, name));
}

export interface RssItemSpec {
  title?: string;
  link?: string;
  guid?: string;
  description?: string;
  pubDate?: string;
  category?: string;
}

/** An RSS 2.0 document with these items; fields are inserted as given (escape them yourself). */
export function rss(items: readonly RssItemSpec[], options: { encoding?: string; doctype?: string; title?: string } = {}): string {
  const decl = options.encoding ? `<?xml version="1.0" encoding="${options.encoding}"?>` : '<?xml version="1.0"?>';
  const body = items
    .map((i) =>
      [
        '<item>',
        i.title !== undefined ? `<title>${i.title}</title>` : '',
        i.link !== undefined ? `<link>${i.link}</link>` : '',
        i.guid !== undefined ? `<guid isPermaLink="false">${i.guid}</guid>` : '',
        i.description !== undefined ? `<description>${i.description}</description>` : '',
        i.pubDate !== undefined ? `<pubDate>${i.pubDate}</pubDate>` : '',
        i.category !== undefined ? `<category>${i.category}</category>` : '',
        '</item>',
      ].join(''),
    )
    .join('\n');
  return `${decl}\n${options.doctype ?? ''}<rss version="2.0"><channel><title>${options.title ?? 'Test feed'}</title><link>https://example.com/</link><description>Test</description>\n${body}\n</channel></rss>\n`;
}

/** The classic "billion laughs": ten levels of ten references, 10^9 "lol"s if expanded. */
export function billionLaughs(): string {
  let entities = '<!ENTITY lol "lol">';
  for (let i = 1; i <= 9; i++) {
    const inner = i === 1 ? '&lol;' : `&lol${i - 1};`;
    entities += `<!ENTITY lol${i} "${inner.repeat(10)}">`;
  }
  return rss([{ title: '&lol9;', link: 'https://example.com/lol', description: '&lol9;' }], { doctype: `<!DOCTYPE rss [${entities}]>` });
}
