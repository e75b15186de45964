/** The p-th percentile (0-100) of `samples`, by nearest rank; NaN when empty. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Rounds for printing: 3 significant decimals below 10, 1 below 1000, whole numbers above. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const abs = Math.abs(value);
  const digits = abs < 1 ? 4 : abs < 10 ? 3 : abs < 1000 ? 1 : 0;
  return Number(value.toFixed(digits));
}

/** Milliseconds taken by each of `n` calls of `fn` (after `warmup` untimed calls). */
export function sampleMs(n: number, fn: (i: number) => void, warmup = Math.min(50, n)): number[] {
  for (let i = 0; i < warmup; i++) fn(i);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn(i);
    out[i] = performance.now() - t;
  }
  return out;
}

/** Thrown when a scenario's result is wrong (not merely slow): the run then exits non-zero. */
export class WrongResult extends Error {
  override readonly name = 'WrongResult';
}

/** Throws {@link WrongResult} with `message` unless `ok`. */
export function check(ok: unknown, message: string): asserts ok {
  if (!ok) throw new WrongResult(message);
}
