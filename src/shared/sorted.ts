/** The last index in `lo..hi` whose value is at or before `x`, in an ascending array (`lo` when none is). */
export function lastAtOrBefore(sorted: ArrayLike<number>, x: number, lo = 0, hi = sorted.length - 1): number {
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (sorted[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
