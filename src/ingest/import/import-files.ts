import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { parseRegion, type Region } from '../../regions/regions.js';
import { tagRegions } from '../../regions/tagger.js';
import type { ArticleInput, ArticleStore } from '../../store/articles.js';
import { parseHtmlPage } from './html-page.js';
import { parseArticleList } from './json-list.js';
import type { PageArticle } from './page-article.js';
import { parsePageText } from './page-text.js';

export type ImportFormat = 'text' | 'html' | 'json' | 'ndjson';

export interface ImportOptions {
  /** Region for articles that carry none (`--region`); for pages it is the source's region, ahead of the section's. */
  region?: string | undefined;
  /** Source name for articles that name none (`--source`). */
  source?: string | undefined;
  /** The page's address, for a page whose text does not carry one (`--url`); lists ignore it. */
  url?: string | undefined;
}

export interface ImportedArticle {
  headline: string;
  regions: Region[];
  outcome: 'inserted' | 'updated';
}

/** What happened to one file. */
export type FileOutcome =
  | { kind: 'imported'; file: string; format: ImportFormat; articles: ImportedArticle[] }
  | { kind: 'failed'; file: string; reason: string };

/** Thrown for a file that cannot be imported; the message says why, the caller adds the file name. */
export class ImportError extends Error {
  override readonly name = 'ImportError';
}

const EXTENSIONS: Record<string, ImportFormat> = {
  '.txt': 'text', '.text': 'text', '.md': 'text',
  '.html': 'html', '.htm': 'html', '.xhtml': 'html', '.shtml': 'html',
  '.json': 'json', '.ndjson': 'ndjson', '.jsonl': 'ndjson', '.ldjson': 'ndjson',
};

/**
 * The format of a file: by its content where the content is unmistakable (a JSON array, several
 * lines that are each a JSON object, an HTML document), else by its extension, else page text.
 */
export function detectFormat(file: string, content: string): ImportFormat {
  const head = content.replace(/^\ufeff/, '').trimStart();
  const byExt = EXTENSIONS[path.extname(file).toLowerCase()];
  if (head.startsWith('[')) return 'json';
  if (head.startsWith('{')) {
    const objectLines = head.split(/\r?\n/).filter((l) => l.trim() !== '');
    return objectLines.length > 1 && objectLines.every((l) => /^\s*\{.*\}\s*$/.test(l)) ? 'ndjson' : (byExt === 'ndjson' ? 'ndjson' : 'json');
  }
  if (/^<(!doctype html|html|head|body|meta|article)\b/i.test(head) || (head.startsWith('<') && /<(body|h1|p|article)\b/i.test(head.slice(0, 20_000)))) {
    return 'html';
  }
  return byExt && byExt !== 'json' && byExt !== 'ndjson' ? byExt : byExt ?? 'text';
}

/**
 * Text of a file's bytes: UTF-8 (with or without BOM); else the charset an HTML page declares; else
 * windows-1251 when the high bytes look like Cyrillic letters, windows-1252 otherwise.
 * Throws an {@link ImportError} for binary files.
 */
export function decodeFile(bytes: Buffer): string {
  if (bytes.includes(0)) throw new ImportError('not a text file (binary content)');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: below.
  }
  const declared = /<meta[^>]+charset=["']?([\w-]+)/i.exec(bytes.subarray(0, 4096).toString('latin1'))?.[1];
  if (declared && iconv.encodingExists(declared)) return iconv.decode(bytes, declared);
  let high = 0;
  let letters = 0;
  for (const b of bytes) {
    if (b >= 0x80) high += 1;
    if (b >= 0xc0) letters += 1;
  }
  return iconv.decode(bytes, high > 20 && letters / high > 0.8 ? 'windows-1251' : 'windows-1252');
}

/**
 * Imports each file into the store: one transaction per file, so a file lands whole or not at all.
 * A file that cannot be read or parsed is reported as failed with the reason; the others go on.
 */
export async function importFiles(files: readonly string[], store: ArticleStore, options: ImportOptions = {}): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  for (const file of files) {
    try {
      const bytes = await readFile(file).catch((error: unknown) => {
        const code = (error as { code?: string }).code;
        throw new ImportError(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read it (${code ?? String(error)})`);
      });
      const content = decodeFile(bytes);
      if (content.trim() === '') throw new ImportError('the file is empty');
      const format = detectFormat(file, content);
      const inputs = format === 'json' || format === 'ndjson' ? fromList(content, format, options) : [fromPage(format === 'html' ? parseHtmlPage(content) : parsePageText(content), options)];
      const results = store.upsertMany(inputs);
      outcomes.push({
        kind: 'imported',
        file,
        format,
        articles: inputs.map((a, i) => ({ headline: a.headline, regions: [...a.regions], outcome: results[i]?.kind ?? 'inserted' })),
      });
    } catch (error: unknown) {
      outcomes.push({ kind: 'failed', file, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return outcomes;
}

function fromPage(page: PageArticle, options: ImportOptions): ArticleInput {
  if (page.headline.trim() === '') throw new ImportError('no headline found: the page has no title-like line or text');
  const url = page.url ?? options.url ?? null;
  const source = page.source ?? options.source ?? hostOf(url);
  if (!source) throw new ImportError('the page names no source: pass --source NAME');
  return {
    source,
    url,
    guid: url ? null : headlineGuid(page.headline),
    headline: page.headline,
    lead: page.lead,
    body: page.body,
    dateline: page.dateline,
    publishedAt: page.publishedAt,
    regions: tagRegions({ sourceRegion: options.region ?? null, sectionRegion: page.sectionRegion, headline: page.headline, text: page.lead, dateline: page.dateline }),
  };
}

function fromList(content: string, format: 'json' | 'ndjson', options: ImportOptions): ArticleInput[] {
  const records = parseArticleList(content, format);
  const defaultRegion = options.region ? parseRegion(options.region) : undefined;
  return records.map((r, i) => {
    const source = r.source ?? options.source;
    if (!source) throw new ImportError(`record ${i + 1}: no source: give "source" or pass --source NAME`);
    const lead = r.lead?.trim() ?? '';
    const regions = r.regions.length > 0 ? r.regions : tagRegions({ sourceRegion: defaultRegion ?? null, headline: r.headline, text: lead, dateline: r.dateline ?? null });
    return {
      source,
      url: r.url ?? null,
      guid: r.guid ?? (r.url ? null : headlineGuid(r.headline)),
      headline: r.headline,
      lead,
      body: r.body ?? null,
      dateline: r.dateline ?? null,
      publishedAt: r.publishedAt,
      regions,
    };
  });
}

/**
 * A guid for an imported article without URL, so that importing the same page again updates it in
 * place: derived from the headline (case and spacing ignored), unique within its source.
 */
function headlineGuid(headline: string): string {
  const key = headline.toLowerCase().replace(/\s+/g, ' ').trim();
  return `import:${createHash('sha1').update(key).digest('hex').slice(0, 20)}`;
}

function hostOf(url: string | null): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}
