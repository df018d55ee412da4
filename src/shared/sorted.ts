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
