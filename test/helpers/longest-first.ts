import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** What a test file that starts processes of its own (the CLI, node, npm) calls. */
const STARTS_PROCESSES = /\b(spawnCli|runCli|cliRuns)\(|spawn\(process\.execPath|execFile\b/;

/**
 * The order test files start in: vitest's own (files that failed last time first, then the
 * longest by the last run's durations), but when a file has no duration yet (a fresh clone, a new
 * file), the files that start `newsbot` processes go first. Those are the suite's longest files
 * (the process starts, the bots they run, their waits) and among its smallest in bytes, which is
 * vitest's order without durations: they came last, and one of them left running alone made the
 * run's tail (cli-process.test.ts started 14 s before the other worker finished and ran 34 s more).
 */
export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const cache = this.ctx.cache;
    const unknown = (spec: TestSpecification) =>
      !cache.getFileTestResults(`${spec.project.name}:${path.relative(this.ctx.config.root, spec.moduleId)}`);
    if (!sorted.some(unknown)) return sorted;
    const startsProcesses = (spec: TestSpecification) => STARTS_PROCESSES.test(readFileSync(spec.moduleId, 'utf8'));
    const first = sorted.filter((spec) => unknown(spec) && startsProcesses(spec));
    return [...first, ...sorted.filter((spec) => !first.includes(spec))];
  }
}
