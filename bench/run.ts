/**
 * `npm run bench [-- --quick] [--only latest,digest] [--cache-dir DIR] [--markdown]`
 *
 * Runs issue 5's and issue 14's scenarios and prints one JSON line per scenario on stdout (progress goes to
 * stderr). Figures are never asserted against time: the exit code is non-zero only when a scenario
 * crashes or produces a wrong result, so a slow machine never fails CI.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { BenchContext, Figures, Scenario } from './context.js';
import { deliveryScenario } from './delivery.js';
import { digestScenario } from './digest.js';
import { ingestScenario } from './ingest.js';
import { latestScenario } from './latest.js';
import { memoryScenario } from './memory.js';
import { scaleScenario } from './scale.js';
import { markdownTable, misses } from './table.js';

const SCENARIOS: readonly Scenario[] = [
  { name: 'ingest', run: ingestScenario },
  { name: 'latest', run: latestScenario },
  { name: 'digest', run: digestScenario },
  { name: 'delivery', run: deliveryScenario },
  { name: 'memory', run: memoryScenario },
  { name: 'scale', run: scaleScenario },
];

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      'cache-dir': { type: 'string', default: path.join(tmpdir(), 'newsbot-bench') },
      markdown: { type: 'boolean', default: false },
      'scale-sizes': { type: 'string' },
    },
  });
  const only = values.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((name) => !SCENARIOS.some((s) => s.name === name)) ?? [];
  if (unknown.length > 0) {
    process.stderr.write(`Unknown scenario ${unknown.join(', ')}; scenarios: ${SCENARIOS.map((s) => s.name).join(', ')}\n`);
    return 2;
  }
  const workDir = mkdtempSync(path.join(tmpdir(), 'newsbot-bench-run-'));
  const started = performance.now();
  const ctx: BenchContext = {
    quick: values.quick,
    cacheDir: values['cache-dir'],
    workDir,
    ...(values['scale-sizes'] ? { scaleSizes: values['scale-sizes'].split(',').map(Number) } : {}),
    log: (message) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1)}s] ${message}\n`),
  };
  const machine = {
    machine: {
      nproc: cpus().length,
      cpu: cpus()[0]?.model.trim() ?? 'unknown',
      memGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
    },
    quick: values.quick,
  };
  process.stdout.write(`${JSON.stringify(machine)}\n`);
  const results: Figures[] = [];
  let failed = false;
  try {
    for (const scenario of SCENARIOS) {
      if (only && !only.includes(scenario.name)) continue;
      ctx.log(`${scenario.name}: start`);
      const t = performance.now();
      let lines: Figures[];
      // A hung scenario must fail the run, not stall CI.
      const limitSeconds = values.quick ? 180 : 1800;
      let watchdog: NodeJS.Timeout | undefined;
      try {
        const figures = await Promise.race([
          scenario.run(ctx),
          new Promise<never>((_, reject) => {
            watchdog = setTimeout(() => reject(new Error(`${scenario.name} did not finish within ${limitSeconds} s`)), limitSeconds * 1000);
          }),
        ]);
        lines = Array.isArray(figures) ? figures : [figures];
      } catch (error: unknown) {
        failed = true;
        lines = [{ scenario: scenario.name, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }];
        if (error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
      } finally {
        clearTimeout(watchdog);
      }
      ctx.log(`${scenario.name}: done in ${((performance.now() - t) / 1000).toFixed(1)}s`);
      for (let figures of lines) {
        // Targets are for the full sizes; a --quick run's figures say nothing about them.
        const missed = ctx.quick ? [] : misses(figures);
        if (missed.length > 0) figures = { ...figures, missesTarget: missed };
        results.push(figures);
        process.stdout.write(`${JSON.stringify(figures)}\n`);
      }
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  if (values.markdown) process.stdout.write(`\n${markdownTable(machine.machine, results)}\n`);
  // A scenario that timed out may have left timers or a child behind: exit rather than wait.
  if (failed) process.stdout.write('', () => process.exit(1));
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
