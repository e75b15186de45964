import type { BenchContext, Figures } from './context.js';

/** Placeholder until the piece this scenario measures lands. */
export async function ingestScenario(_ctx: BenchContext): Promise<Figures> {
  return { scenario: 'ingest', skipped: 'not wired yet' };
}
