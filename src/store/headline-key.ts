const STOPWORDS = new Set(
  'a an the and or but of in on at to for from by with as is are was were be been has have had it its this that these those over after into says say said will would can could not no new'.split(' '),
);

/** The significant words of a headline: lower case, no punctuation or stop words, crude plural folding. */
export function headlineTokens(headline: string): string[] {
  const words = headline
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/['’`]s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !STOPWORDS.has(w))
    .map((w) => (w.length > 4 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
  return [...new Set(words)];
}

/** Order-independent key of a headline: its sorted significant words. */
export function headlineKey(headline: string): string {
  return headlineTokens(headline).sort().join(' ');
}

/** Jaccard similarity of two token sets, 0..1. */
export function similarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const setB = new Set(b);
  let shared = 0;
  for (const t of a) if (setB.has(t)) shared++;
  return shared / (a.length + b.length - shared);
}
