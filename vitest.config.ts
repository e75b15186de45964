import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-build.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests open real SQLite files and real HTTP servers; two workers fit this 2-core machine.
    pool: 'forks',
    maxWorkers: 2,
  },
});
