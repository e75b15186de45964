import { defineConfig } from 'vitest/config';
import { LongestFirst } from './test/helpers/longest-first.js';

export default defineConfig({
  // The last run's durations (the order test files start in) are this checkout's own: in the
  // default place, node_modules/.vite, every worktree sharing one node_modules by a symlink read and
  // wrote the same file, and a run's order came from whichever checkout ran last.
  cacheDir: '.vitest-cache',
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-build.ts', 'test/helpers/global-temp.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests open real SQLite files and real HTTP servers; two workers fit this 2-core machine.
    pool: 'forks',
    maxWorkers: 2,
    // Each worker keeps its modules from one test file to the next instead of importing them all
    // again (Telegraf, linkedom, the region gazetteer...): that import was half the suite's CPU.
    // Tests share no module state that matters: settings come from an env given to each call, fake
    // timers are restored in afterEach or finally, servers and databases are per test.
    isolate: false,
    // Without the last run's durations (a fresh clone), the files that start processes go first.
    sequence: { sequencer: LongestFirst },
  },
});
