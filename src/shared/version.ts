/** Compares dotted numeric versions (`2.2.53.1` vs `2.2.45`); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** The minimum supported goal-state agent version (Microsoft KB 4049215). */
export const MIN_SUPPORTED_AGENT = '2.2.53.1';
