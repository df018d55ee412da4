/** The last index in `lo..hi` whose value is at or before `x`, in an ascending array (`lo` when none is). */
export function lastAtOrBefore(sorted: ArrayLike<number>, x: number, lo = 0, hi = sorted.length - 1): number {
  return lastIndexAtOrBefore((k) => sorted[k], x, lo, hi);
}

/** `lastAtOrBefore` over values read by index (a column, a file's lines). */
export function lastIndexAtOrBefore(valueAt: (k: number) => number, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (valueAt(mid) <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The first index of an ascending array whose value is > x (`orAt`: ≥ x). */
export function firstAfter(arr: ArrayLike<number>, x: number, orAt = false): number {
  return orAt ? firstIndexAtOrAfter((k) => arr[k], x, 0, arr.length) : firstIndexAfter((k) => arr[k], x, 0, arr.length);
}

/** The first index in `lo..hi - 1` whose value is after `x` (`hi` when none is), values read by index. */
export function firstIndexAfter(valueAt: (k: number) => number, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (valueAt(mid) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index in `lo..hi - 1` whose value is at or after `x` (`hi` when none is), values read by index. */
export function firstIndexAtOrAfter(valueAt: (k: number) => number, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (valueAt(mid) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `firstIndexAfter` (`orAt`: `firstIndexAtOrAfter`) in `lo..hi - 1` for an `x` expected near `lo` (every index before
 * `lo` is before `x`): gallops from `lo` (1, 3, 7, … ahead) until a value is not before `x`, then halves what is left,
 * so questions asked in order cost the log of the distance moved rather than of the whole range.
 */
export function gallopIndex(valueAt: (k: number) => number, x: number, lo: number, hi: number, orAt: boolean): number {
  let step = 1;
  let end = lo;
  while (end < hi && (orAt ? valueAt(end) < x : valueAt(end) <= x)) {
    lo = end + 1;
    end = lo + step - 1;
    step *= 2;
  }
  end = Math.min(end, hi);
  return orAt ? firstIndexAtOrAfter(valueAt, x, lo, end) : firstIndexAfter(valueAt, x, lo, end);
}

/** Whether an ascending array holds a value in [from, to] (`to` included). */
export function anyWithin(sorted: ArrayLike<number>, from: number, to: number): boolean {
  const k = firstAfter(sorted, from, true);
  return k < sorted.length && sorted[k] <= to;
}

/** Whether an ascending array holds a value in [from, to). */
export function anyIn(sorted: ArrayLike<number> | undefined, from: number, to: number): boolean {
  if (!sorted?.length) return false;
  const k = firstAfter(sorted, from, true);
  return k < sorted.length && sorted[k] < to;
}
