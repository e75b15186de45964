import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseDateline } from '../../src/ingest/import/page-article.js';
import { REGIONS, type Region } from '../../src/regions/regions.js';
import { tagRegions } from '../../src/regions/tagger.js';

const region = z.enum(REGIONS);

const caseSchema = z
  .object({
    id: z.string().min(1),
    lang: z.enum(['en', 'ru']),
    outlet: z.string().min(1),
    outletRegion: region.nullable(),
    headline: z.string().min(1),
    lead: z.string(),
    primary: region,
    acceptable: z.array(region).min(1),
    topic: z.string().min(1),
    note: z.string().optional(),
  })
  .refine((c) => c.acceptable.includes(c.primary), { message: 'acceptable must include primary' });

/** One labelled story of the evaluation set (see eval/regions/README.md). */
export type EvalCase = z.infer<typeof caseSchema>;

/** The files of the set, in eval/regions/. */
export const EVAL_FILES = {
  tuning: new URL('./tuning.ndjson', import.meta.url),
  holdout: new URL('./holdout.ndjson', import.meta.url),
} as const;

export type EvalSet = keyof typeof EVAL_FILES;

/** The cases of one file; a malformed line throws with its line number. */
export function loadCases(set: EvalSet): EvalCase[] {
  const lines = readFileSync(EVAL_FILES[set], 'utf8').split('\n');
  const cases: EvalCase[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const parsed = caseSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${set}.ndjson line ${i + 1}: ${parsed.error.message}`);
    cases.push(parsed.data);
  });
  return cases;
}

/**
 * The regions the tagger gives a case, called as ingest calls it: the outlet's region as the
 * source region, the headline apart, and a dateline opening the lead taken off it.
 */
export function tagCase(c: EvalCase): Region[] {
  const opening = parseDateline(c.lead);
  return tagRegions({
    sourceRegion: c.outletRegion,
    headline: c.headline,
    text: opening ? opening.rest : c.lead,
    dateline: opening?.dateline ?? null,
  });
}

export interface Outcome {
  case: EvalCase;
  regions: Region[];
  /** The first region is the labelled primary. */
  correct: boolean;
  /** Regions given that the label does not accept. */
  extra: Region[];
}

export interface Score {
  total: number;
  correct: number;
  /** correct / total, 0..1 (1 for an empty set). */
  accuracy: number;
  /** Cases whose first region is at least acceptable, 0..1. */
  acceptableAccuracy: number;
  /** Cases tagged with some region the label does not accept. */
  withExtra: number;
  /** expected primary → given primary → count. */
  confusion: Record<Region, Record<Region, number>>;
  outcomes: Outcome[];
}

/** Runs the tagger over `cases` and scores the primary region. */
export function evaluate(cases: readonly EvalCase[]): Score {
  const confusion = Object.fromEntries(REGIONS.map((r) => [r, Object.fromEntries(REGIONS.map((g) => [g, 0]))])) as Record<Region, Record<Region, number>>;
  const outcomes: Outcome[] = [];
  let correct = 0;
  let acceptable = 0;
  let withExtra = 0;
  for (const c of cases) {
    const regions = tagCase(c);
    const first = regions[0] ?? 'world';
    const ok = first === c.primary;
    if (ok) correct += 1;
    if (c.acceptable.includes(first)) acceptable += 1;
    const extra = regions.filter((r) => !c.acceptable.includes(r));
    if (extra.length > 0) withExtra += 1;
    confusion[c.primary][first] += 1;
    outcomes.push({ case: c, regions, correct: ok, extra });
  }
  const total = cases.length;
  return {
    total,
    correct,
    accuracy: total === 0 ? 1 : correct / total,
    acceptableAccuracy: total === 0 ? 1 : acceptable / total,
    withExtra,
    confusion,
    outcomes,
  };
}
