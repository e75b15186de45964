import type { BenchContext, Figures } from './context.js';

/** Placeholder until the piece this scenario measures lands. */
export async function deliveryScenario(_ctx: BenchContext): Promise<Figures> {
  return { scenario: 'delivery', skipped: 'not wired yet' };
}
