import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { repairText, scrubText, TextAudit, type TextFlaws } from '../encoding/clean-text.js';
import { type DecodedText, decodeText } from '../encoding/decode-text.js';
import { parseRegion, type Region } from '../../regions/regions.js';
import { tagRegions } from '../../regions/tagger.js';
import type { ArticleInput, ArticleStore } from '../../store/articles.js';
import { parseHtmlPage } from './html-page.js';
import { feedAdvice, detectFeedFile } from './feed-file.js';
import { describeRejected, parseArticleList, type RejectedRecord, sortRejected } from './json-list.js';
import type { PageArticle } from './page-article.js';
import { parsePageText } from './page-text.js';

export type ImportFormat = 'text' | 'html' | 'json' | 'ndjson';

export interface ImportOptions {
  /** The source's region (`--region`): a prior for tagging, deciding only when the article names no place (see regions/tagger.ts). */
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
  | {
      kind: 'imported';
      file: string;
      format: ImportFormat;
      articles: ImportedArticle[];
      /** What was wrong with the file's text (charset, double-encoded or unreadable characters), if anything. */
      warning: string | null;
      /** Records of a list left out (broken line, no headline...), by line or number; the rest were imported. */
      rejected: RejectedRecord[];
      /** Records in a list, good and bad (1 for a page). */
      total: number;
    }
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

/** Encoding names as browsers read them: a page labelled ISO-8859-1 is windows-1252. */
const LABELS: Record<string, string> = { 'iso-8859-1': 'windows-1252', latin1: 'windows-1252', 'us-ascii': 'windows-1252', utf8: 'utf-8' };

/**
 * Text of a file's bytes: UTF-8 (with or without BOM) when the bytes are UTF-8; else the charset an
 * HTML page declares; else windows-1251 or KOI8-R when the high bytes read as Russian, windows-1252
 * otherwise (see {@link decodeText}). `warning` says when the file was not read as it declared.
 * Throws an {@link ImportError} for binary files.
 */
export function decodeFile(bytes: Buffer): DecodedText {
  if (bytes.includes(0)) throw new ImportError('not a text file (binary content)');
  const named = /<meta[^>]+charset=["']?([\w-]+)/i.exec(bytes.subarray(0, 4096).toString('latin1'))?.[1]?.toLowerCase();
  const declared = named ? LABELS[named] ?? named : undefined;
  return decodeText(bytes, declared && iconv.encodingExists(declared) ? declared : undefined);
}

/**
 * Imports each file into the store: one transaction per file. A file that cannot be read or parsed,
 * or that is a news feed (which belongs in SOURCES_FILE), is reported as failed with the reason;
 * the others go on. In a JSON or NDJSON list each record stands alone: bad ones are reported as
 * rejected (by line or number, with the reason) and the good ones are imported.
 */
export async function importFiles(files: readonly string[], store: ArticleStore, options: ImportOptions = {}): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  for (const file of files) {
    try {
      const bytes = await readFile(file).catch((error: unknown) => {
        const code = (error as { code?: string }).code;
        throw new ImportError(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read it (${code ?? String(error)})`);
      });
      const decoded = decodeFile(bytes);
      if (decoded.text.trim() === '') throw new ImportError('the file is empty');
      const feed = detectFeedFile(decoded.text);
      if (feed) throw new ImportError(feedAdvice(feed));
      const format = detectFormat(file, decoded.text);
      const audit = new TextAudit();
      const { inputs, rejected, total } =
        format === 'json' || format === 'ndjson'
          ? fromList(decoded.text, format, options, audit)
          : { inputs: [pageInput(decoded.text, format, options, audit)], rejected: [], total: 1 };
      const results = store.upsertMany(inputs);
      const warning = audit.warning(decoded.warning);
      if (warning) for (const name of new Set(inputs.map((a) => a.source))) store.sources.recordWarning(store.sources.ensure({ name }), warning);
      outcomes.push({
        kind: 'imported',
        file,
        format,
        articles: inputs.map((a, i) => ({ headline: a.headline, regions: [...a.regions], outcome: results[i]?.kind ?? 'inserted' })),
        warning,
        rejected,
        total,
      });
    } catch (error: unknown) {
      outcomes.push({ kind: 'failed', file, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return outcomes;
}

/**
 * The article of a page (HTML or scraped text). Double-encoded text is repaired before parsing,
 * while no-break spaces are still there; headline, lead and body are cleaned after (see {@link scrubText}).
 */
function pageInput(content: string, format: 'html' | 'text', options: ImportOptions, audit: TextAudit): ArticleInput {
  const flaws: TextFlaws = new Set();
  const text = repairText(content, flaws);
  const parsed = format === 'html' ? parseHtmlPage(text) : parsePageText(text);
  // Scraped page text is plain text: an "&amp;" there was written so.
  const scrub = { entities: format === 'html' };
  const page = { ...parsed, headline: scrubText(parsed.headline, flaws, scrub), lead: scrubText(parsed.lead, flaws, scrub), body: scrubText(parsed.body, flaws, scrub) };
  audit.add(flaws);
  return fromPage(page, options);
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
    matchHeadline: true,
    regions: tagRegions({ sourceRegion: options.region ?? null, sectionRegion: page.sectionRegion, headline: page.headline, text: page.lead, dateline: page.dateline }),
  };
}

function fromList(
  content: string,
  format: 'json' | 'ndjson',
  options: ImportOptions,
  audit: TextAudit,
): { inputs: ArticleInput[]; rejected: RejectedRecord[]; total: number } {
  const list = parseArticleList(content, format);
  const defaultRegion = options.region ? parseRegion(options.region) : undefined;
  const rejected = [...list.rejected];
  const inputs: ArticleInput[] = [];
  for (const { record, where } of list.records) {
    // Fields are plain text: entities stay as written, but broken characters are repaired.
    const flaws: TextFlaws = new Set();
    const plain = { entities: false };
    const r = {
      ...record,
      headline: scrubText(record.headline, flaws, plain),
      lead: record.lead == null ? record.lead : scrubText(record.lead, flaws, plain),
      body: record.body == null ? record.body : scrubText(record.body, flaws, plain),
    };
    audit.add(flaws);
    const source = r.source ?? options.source;
    if (!source) {
      rejected.push({ where, reason: 'no source: give "source" or pass --source NAME' });
      continue;
    }
    const lead = r.lead?.trim() ?? '';
    const regions = r.regions.length > 0 ? r.regions : tagRegions({ sourceRegion: defaultRegion ?? null, headline: r.headline, text: lead, dateline: r.dateline ?? null });
    inputs.push({
      source,
      url: r.url ?? null,
      guid: r.guid ?? (r.url ? null : headlineGuid(r.headline)),
      headline: r.headline,
      lead,
      body: r.body ?? null,
      dateline: r.dateline ?? null,
      publishedAt: r.publishedAt,
      regions,
    });
  }
  if (inputs.length === 0) throw new ImportError(describeRejected(rejected, list.total));
  return { inputs, rejected: sortRejected(rejected), total: list.total };
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
