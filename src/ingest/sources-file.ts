import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseRegion, REGIONS, suggestRegion } from '../regions/regions.js';
import type { FeedSource } from './feeds/feed-items.js';

/** SOURCES_FILE could not be read or is not a valid list of feeds; the message says where and why. */
export class SourcesFileError extends Error {
  override readonly name = 'SourcesFileError';
  constructor(
    message: string,
    readonly file: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

/** How a source is read: a feed, or a section page whose article links are followed. No type: found out (a site). */
export const SOURCE_TYPES = ['feed', 'page'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

const entrySchema = z
  .object({
    name: z.string().trim().min(1, 'name must not be empty').max(200),
    url: z.url({ protocol: /^https?$/, message: 'url must be an http:// or https:// address' }),
    region: z
      .string()
      .trim()
      .nullish()
      .transform((value, ctx) => {
        if (!value) return null;
        const region = parseRegion(value);
        if (!region) {
          const hint = suggestRegion(value);
          ctx.addIssue({
            code: 'custom',
            message: `region '${value}' is not a region${hint ? ` (did you mean ${hint}?)` : ''}; use one of ${REGIONS.join(', ')}`,
          });
          return z.NEVER;
        }
        return region;
      }),
    type: z.enum(SOURCE_TYPES, { message: `type must be "feed" or "page" (or left out, for a site whose feed is found)` }).optional(),
    /** false: listed but not fetched (`newsbot sources disable`). */
    enabled: z.boolean({ message: 'enabled must be true or false' }).optional(),
    /** Page sources: CSS selector of the article links (or of elements around them), for sites the heuristics get wrong. */
    articleSelector: z.string().trim().min(1, 'articleSelector must not be empty').max(500).optional(),
    /** Page sources: a regular expression the article links' URLs match, for sites the heuristics get wrong. */
    linkPattern: z
      .string()
      .min(1, 'linkPattern must not be empty')
      .max(500)
      .refine(isRegExp, { message: 'linkPattern must be a regular expression (JavaScript syntax), such as "/news/\\d{4}/"' })
      .optional(),
  })
  .strict()
  .superRefine((entry, ctx) => {
    if (entry.type === 'feed' && (entry.articleSelector !== undefined || entry.linkPattern !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['type'], message: 'articleSelector and linkPattern are for page sources, not "type": "feed"' });
    }
  });

/** One entry of SOURCES_FILE, validated: a feed, a page or a site (no type). */
export type SourceEntry = z.infer<typeof entrySchema>;

/** A source as ingest takes it: an entry of SOURCES_FILE, or a plain feed built by a caller. */
export type IngestSource = FeedSource & {
  type?: SourceType | undefined;
  enabled?: boolean | undefined;
  articleSelector?: string | undefined;
  linkPattern?: string | undefined;
};

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern, 'i');
    return true;
  } catch {
    return false;
  }
}

const fileSchema = z.array(entrySchema).superRefine((entries, ctx) => {
  const names = new Map<string, number>();
  const urls = new Map<string, number>();
  entries.forEach((entry, i) => {
    const name = entry.name.toLowerCase();
    if (names.has(name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `the name '${entry.name}' is used twice` });
    names.set(name, i);
    if (urls.has(entry.url)) ctx.addIssue({ code: 'custom', path: [i, 'url'], message: `the url ${entry.url} is listed twice` });
    urls.set(entry.url, i);
  });
});

/**
 * Validates the parsed contents of a sources file: a JSON array of `{ "name", "url", "region"?,
 * "type"?, "enabled"?, "articleSelector"?, "linkPattern"? }`, names and URLs unique, `region` any
 * name `parseRegion` accepts ("Asia & Pacific", "mideast"), returned as the canonical region.
 * Disabled entries are returned too (`enabled: false`). Throws {@link SourcesFileError} listing
 * every problem.
 */
export function parseSources(json: unknown, file = 'SOURCES_FILE'): SourceEntry[] {
  const parsed = fileSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const [index, field] = issue.path;
    if (typeof index !== 'number') return issue.message;
    const entry = Array.isArray(json) ? (json[index] as { name?: unknown } | undefined) : undefined;
    const label = typeof entry?.name === 'string' && entry.name ? ` (${entry.name})` : '';
    return `entry ${index + 1}${label}${field ? `, ${String(field)}` : ''}: ${issue.message}`;
  });
  const what = Array.isArray(json) ? '' : ' (it must be a JSON array of { "name", "url", "region"?, "type"? })';
  throw new SourcesFileError(`${file} is not a valid list of feeds${what}:\n  ${lines.join('\n  ')}`, file);
}

/** Reads and validates SOURCES_FILE; throws {@link SourcesFileError} naming the file and the problem. */
export function loadSourcesFile(file: string): SourceEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file (set SOURCES_FILE to your list of feeds)' : (error as Error).message;
    throw new SourcesFileError(`cannot read sources file ${file}: ${why}`, file, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error: unknown) {
    throw new SourcesFileError(`sources file ${file} is not valid JSON: ${(error as Error).message}`, file, { cause: error });
  }
  return parseSources(json, file);
}

/** Whether the entry is fetched (entries are, unless `"enabled": false`). */
export function isEnabled(entry: Pick<SourceEntry, 'enabled'>): boolean {
  return entry.enabled !== false;
}
