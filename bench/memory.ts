import type { BenchContext, Figures } from './context.js';

/** Placeholder until the piece this scenario measures lands. */
export async function memoryScenario(_ctx: BenchContext): Promise<Figures> {
  return { scenario: 'memory', skipped: 'not wired yet' };
}
