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
    headline: z.string().trim().min(1, 'headline is empty'),
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

/** Thrown when a list cannot be read; the message names the record and what is wrong with it. */
export class ArticleListError extends Error {
  override readonly name = 'ArticleListError';
}

/**
 * The records of a JSON array (or `{ "articles": [...] }`, or one object) or of NDJSON (one object a
 * line, blank lines skipped). Every record is checked; any bad one fails the whole list, naming up to
 * five bad records by number (1-based) and, for NDJSON, line.
 */
export function parseArticleList(text: string, format: 'json' | 'ndjson'): ArticleRecord[] {
  const raw: { value: unknown; where: string }[] = [];
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
    const lines = text.split(/\r?\n/);
    let n = 0;
    const bad: string[] = [];
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      n += 1;
      try {
        raw.push({ value: JSON.parse(line), where: `record ${n} (line ${i + 1})` });
      } catch {
        bad.push(`record ${n} (line ${i + 1}): not valid JSON`);
      }
    });
    if (bad.length > 0) throw new ArticleListError(bad.slice(0, 5).join('; '));
  }
  if (raw.length === 0) throw new ArticleListError('no articles in the list');
  const out: ArticleRecord[] = [];
  const problems: string[] = [];
  for (const { value, where } of raw) {
    const result = articleRecord.safeParse(value);
    if (result.success) out.push(result.data);
    else problems.push(`${where}: ${result.error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join(', ')}`);
  }
  if (problems.length > 0) {
    throw new ArticleListError(`${problems.length} bad record${problems.length > 1 ? 's' : ''}: ${problems.slice(0, 5).join('; ')}`);
  }
  return out;
}
