import { z } from 'zod';
import { parseRegion, type Region } from '../../regions/regions.js';

/**
 * One record of a JSON / NDJSON article list, in the shape `latest --json` prints. Fields are plain
 * text, stored as given: no HTML decoding ("&amp;" stays "&amp;"), only outer whitespace trimmed.
 * `id` is accepted and ignored. `regions` names are read with parseRegion ("Middle East" works).
 */
export const articleRecord = z
  .object({
    id: z.unknown().optional(),
    headline: z.string({ error: (issue) => (issue.input === undefined || issue.input === null ? 'headline is missing' : 'headline must be text') }).trim().min(1, 'headline is empty'),
    lead: z.string().nullish(),
    url: z
      .string()
      .trim()
      .regex(/^https?:\/\/\S+$/i, 'url must be an http(s) URL')
      .nullish(),
    source: z.string().trim().min(1).nullish(),
    regions: z
      .array(z.string())
      .nullish()
      .transform((names, ctx) => {
        const out: Region[] = [];
        for (const name of names ?? []) {
          const region = parseRegion(name);
          if (!region) {
            ctx.addIssue({ code: 'custom', message: `unknown region '${name}'` });
            return z.NEVER;
          }
          if (!out.includes(region)) out.push(region);
        }
        return out;
      }),
    publishedAt: z
      .union([z.string(), z.number()])
      .nullish()
      .transform((v, ctx) => {
        if (v === null || v === undefined || v === '') return null;
        const t = typeof v === 'number' ? v : Date.parse(v);
        if (!Number.isFinite(t)) {
          ctx.addIssue({ code: 'custom', message: `publishedAt '${v}' is not a date` });
          return z.NEVER;
        }
        return t;
      }),
    body: z.string().nullish(),
    dateline: z.string().nullish(),
    guid: z.string().nullish(),
  })
  .loose();

export type ArticleRecord = z.output<typeof articleRecord>;

/** Thrown when a list cannot be read at all (not JSON, no records, every record bad). */
export class ArticleListError extends Error {
  override readonly name = 'ArticleListError';
}

/** A record of a list that was left out, and why. */
export interface RejectedRecord {
  /** "line 7" (NDJSON) or "record 3" (JSON array), 1-based. */
  where: string;
  reason: string;
}

/** The good records of a list, and the bad ones named. */
export interface ArticleList {
  records: { record: ArticleRecord; where: string }[];
  rejected: RejectedRecord[];
  /** Records read, good and bad (blank NDJSON lines not counted). */
  total: number;
}

/**
 * The records of a JSON array (or `{ "articles": [...] }`, or one object) or of NDJSON (one object a
 * line, blank lines skipped). Every record is checked on its own: a bad one (broken JSON on its
 * line, a missing headline, an unknown region...) is rejected with its line (NDJSON) or number
 * (JSON) and what is wrong, and the others are kept. Throws an {@link ArticleListError} when the
 * text is not JSON at all, holds no records, or every record is bad.
 */
export function parseArticleList(text: string, format: 'json' | 'ndjson'): ArticleList {
  const raw: { value: unknown; where: string }[] = [];
  const rejected: RejectedRecord[] = [];
  if (format === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error: unknown) {
      throw new ArticleListError(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const list =
      Array.isArray(parsed) ? parsed
      : parsed && typeof parsed === 'object' && Array.isArray((parsed as { articles?: unknown }).articles) ? (parsed as { articles: unknown[] }).articles
      : [parsed];
    list.forEach((value, i) => raw.push({ value, where: `record ${i + 1}` }));
  } else {
    text.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        raw.push({ value: JSON.parse(line), where: `line ${i + 1}` });
      } catch {
        rejected.push({ where: `line ${i + 1}`, reason: 'not valid JSON' });
      }
    });
  }
  const total = raw.length + rejected.length;
  if (total === 0) throw new ArticleListError('no articles in the list');
  const records: ArticleList['records'] = [];
  for (const { value, where } of raw) {
    const result = articleRecord.safeParse(value);
    if (result.success) records.push({ record: result.data, where });
    else rejected.push({ where, reason: result.error.issues.map(describeIssue).join(', ') });
  }
  if (records.length === 0) throw new ArticleListError(describeRejected(rejected, total));
  return { records, rejected: sortRejected(rejected), total };
}

/** "regions: unknown region 'x'", "headline is missing" (a message that names its field is not prefixed again). */
function describeIssue(issue: { path: readonly PropertyKey[]; message: string }): string {
  const field = issue.path.map(String).join('.');
  return field === '' || issue.message.startsWith(`${field} `) ? issue.message : `${field}: ${issue.message}`;
}

/** "3 bad records: line 2: not valid JSON; line 5: headline: ...", naming at most five. */
export function describeRejected(rejected: readonly RejectedRecord[], total: number): string {
  const sorted = sortRejected(rejected);
  const shown = sorted.slice(0, 5).map((r) => `${r.where}: ${r.reason}`);
  const more = sorted.length > shown.length ? `; and ${sorted.length - shown.length} more` : '';
  return `${sorted.length === total ? 'every record is bad' : `${sorted.length} bad record${sorted.length > 1 ? 's' : ''}`}: ${shown.join('; ')}${more}`;
}

/** Rejected records in file order. */
export function sortRejected(rejected: readonly RejectedRecord[]): RejectedRecord[] {
  const n = (r: RejectedRecord) => Number(/\d+/.exec(r.where)?.[0] ?? 0);
  return [...rejected].sort((a, b) => n(a) - n(b));
}
