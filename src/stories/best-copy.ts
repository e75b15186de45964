/** What decides which copy of a story is shown. */
export interface Copy {
  url: string | null;
  lead: string;
}

/**
 * The copy of a story to show when several articles carry it (outlets, or the same page stored
 * twice): one with an address, then the one with the longest lead; on a tie the first given, so
 * the caller's order (earliest for digests, newest for /latest) decides. Undefined for none.
 */
export function bestCopy<T extends Copy>(copies: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const copy of copies) {
    if (!best || better(copy, best)) best = copy;
  }
  return best;
}

function better(a: Copy, b: Copy): boolean {
  if ((a.url !== null) !== (b.url !== null)) return a.url !== null;
  return a.lead.length > b.lead.length;
}
