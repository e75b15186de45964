/**
 * Small helpers over sorted number lists and bitset words that the window matcher and the digest
 * selection use in their hot loops: binary and forward search, union, intersection, difference,
 * and the set bits of a word. Plain functions with no state.
 */

/** Set bits of a 32-bit word. */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Index of the first element of sorted `list` that is >= `value`. */
export function lowerBound(list: ArrayLike<number>, value: number, lo = 0): number {
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Index of the first element of sorted `list` at or after `i` that is >= `value`, when the elements
 * before `i` are below it: a few steps forward, or a binary search when it is further.
 */
export function forward(list: ArrayLike<number>, i: number, value: number): number {
  for (let steps = 0; i < list.length && (list[i] as number) < value; i++) {
    if (++steps > 8) return lowerBound(list, value, i);
  }
  return i;
}

/** Sorted union of sorted lists. */
export function union(lists: readonly number[][]): number[] {
  if (lists.length === 0) return [];
  if (lists.length === 1) return lists[0] as number[];
  const all: number[] = [];
  for (const l of lists) for (const x of l) all.push(x);
  all.sort((a, b) => a - b);
  let w = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[w++] = all[i] as number;
  all.length = w;
  return all;
}

/** Sorted intersection of two sorted lists. */
export function intersect(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      out.push(x);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out;
}

/** Sorted `a` without the elements of sorted `b`. */
export function subtract(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let j = 0;
  for (const x of a) {
    while (j < b.length && (b[j] as number) < x) j++;
    if (j >= b.length || b[j] !== x) out.push(x);
  }
  return out;
}
