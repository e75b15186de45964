/**
 * `npm run eval:regions [-- --set tuning|holdout] [--lang en|ru] [--extras]`
 *
 * Prints the region tagger's primary-region accuracy on the labelled set (tuning, holdout,
 * overall), a confusion table (rows: the labelled primary, columns: the tagger's), and the misses.
 * `--set tuning` prints only the tuning set: use it while changing the tagger, so the holdout keeps
 * measuring stories the tagger was not fitted to. `--extras` also lists cases given a region the
 * label does not accept. `--speed` also times the tagger over the set's stories (calls per CPU
 * second, English and Russian apart).
 */
import { parseArgs } from 'node:util';
import { REGIONS } from '../../src/regions/regions.js';
import { type EvalCase, type EvalSet, evaluate, loadCases, type Outcome, type Score, tagCase } from './evaluate.js';

const { values } = parseArgs({
  options: {
    set: { type: 'string' },
    lang: { type: 'string' },
    extras: { type: 'boolean', default: false },
    speed: { type: 'boolean', default: false },
  },
});

const sets: EvalSet[] = values.set === 'tuning' || values.set === 'holdout' ? [values.set] : ['tuning', 'holdout'];
const byLang = (cases: EvalCase[]) => (values.lang ? cases.filter((c) => c.lang === values.lang) : cases);
const loaded = sets.map((set) => ({ set, cases: byLang(loadCases(set)) }));

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const line = (name: string, s: Score) =>
  `${name.padEnd(8)} ${pct(s.accuracy).padStart(6)}  (${s.correct}/${s.total})   primary acceptable ${pct(s.acceptableAccuracy)}   with a region not accepted ${s.withExtra}`;

const out: string[] = ['Primary-region accuracy'];
const scores = loaded.map(({ set, cases }) => ({ set, score: evaluate(cases) }));
for (const { set, score } of scores) {
  out.push(line(set, score));
  for (const lang of ['en', 'ru'] as const) {
    const part = score.outcomes.filter((o) => o.case.lang === lang);
    if (part.length > 0 && !values.lang) out.push(`  ${lang.padEnd(6)} ${pct(part.filter((o) => o.correct).length / part.length).padStart(6)}  (${part.filter((o) => o.correct).length}/${part.length})`);
  }
}
const all = evaluate(loaded.flatMap((l) => l.cases));
if (scores.length > 1) out.push(line('overall', all));

out.push('', 'Confusion (rows: labelled primary, columns: tagger primary)');
const short = { asia: 'asia', europe: 'europe', 'middle-east': 'mideast', africa: 'africa', americas: 'americas', world: 'world' } as const;
out.push(`${''.padEnd(10)}${REGIONS.map((r) => short[r].padStart(9)).join('')}`);
for (const r of REGIONS) out.push(`${short[r].padEnd(10)}${REGIONS.map((g) => String(all.confusion[r][g]).padStart(9)).join('')}`);

const describe = (o: Outcome) =>
  `  ${o.case.id} [${o.case.outlet}${o.case.outletRegion ? `, ${o.case.outletRegion}` : ''}] want ${o.case.primary}, got ${o.regions.join(', ')}\n    ${o.case.headline}\n    ${o.case.lead.slice(0, 160)}`;
const misses = all.outcomes.filter((o) => !o.correct);
out.push('', `Misses (${misses.length})`, ...misses.map(describe));
if (values.extras) {
  const extras = all.outcomes.filter((o) => o.correct && o.extra.length > 0);
  out.push('', `Right primary, a region not accepted (${extras.length})`, ...extras.map((o) => `${describe(o)}\n    not accepted: ${o.extra.join(', ')}`));
}
if (values.speed) {
  out.push('', 'Tagger speed (headline and lead as ingest passes them; calls per second of CPU time)');
  for (const lang of ['en', 'ru'] as const) {
    const cases = loaded.flatMap((l) => l.cases).filter((c) => c.lang === lang);
    if (cases.length > 0) out.push(`  ${lang}: ${Math.round(callsPerSecond(cases)).toLocaleString('en-US')} calls/s`);
  }
}
process.stdout.write(`${out.join('\n')}\n`);

/**
 * Calls per second of tagCase over `cases`, after a warm-up, over about a second of this process's
 * CPU time (so other processes on a busy machine do not count against it).
 */
function callsPerSecond(cases: readonly EvalCase[]): number {
  for (let i = 0; i < 5000; i++) tagCase(cases[i % cases.length] as EvalCase);
  let calls = 0;
  const start = process.cpuUsage();
  for (;;) {
    for (const c of cases) tagCase(c);
    calls += cases.length;
    const used = process.cpuUsage(start);
    const seconds = (used.user + used.system) / 1e6;
    if (seconds >= 1) return calls / seconds;
  }
}
