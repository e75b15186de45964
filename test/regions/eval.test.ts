import { describe, expect, it } from 'vitest';
import { evaluate, loadCases } from '../../eval/regions/evaluate.js';

const tuning = loadCases('tuning');
const holdout = loadCases('holdout');
const all = [...tuning, ...holdout];

describe('region evaluation set (eval/regions, npm run eval:regions)', () => {
  it('when the whole labelled set is tagged as ingest tags it, then at least 93% of primary regions are right, in English and in Russian', () => {
    const score = evaluate(all);
    const wrong = score.outcomes.filter((o) => !o.correct).map((o) => `${o.case.id}: want ${o.case.primary}, got ${o.regions.join(',')}`);
    expect(score.accuracy, wrong.join('\n')).toBeGreaterThanOrEqual(0.93);
    for (const lang of ['en', 'ru'] as const) {
      const part = evaluate(all.filter((c) => c.lang === lang));
      expect(part.accuracy, lang).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('when the set is read, then it holds 400+ stories with leads, a quarter held out, a third from outlets of another region', () => {
    expect(all.length).toBeGreaterThanOrEqual(400);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    expect(holdout.length / all.length).toBeGreaterThanOrEqual(0.24);
    expect(all.filter((c) => c.lead.trim().length > 0).length).toBe(all.length);
    expect(all.filter((c) => c.outletRegion !== null && c.outletRegion !== c.primary).length / all.length).toBeGreaterThanOrEqual(1 / 3);
    expect(all.filter((c) => c.lang === 'ru').length).toBeGreaterThanOrEqual(120);
    for (const region of ['asia', 'europe', 'middle-east', 'africa', 'americas', 'world'] as const) {
      expect(all.filter((c) => c.primary === region).length, region).toBeGreaterThanOrEqual(10);
    }
  });
});
