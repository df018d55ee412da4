import type { Fact, FactKind, FactOf } from '../../shared';

/**
 * Facts grouped by kind, each list in time order: timed facts by time (equal times keep input order),
 * then the facts without a time in input order. (A comparator that calls an untimed fact "equal" to
 * everything is not an ordering: the sort would leave timed facts out of order around it.)
 */
export class FactIndex {
  private readonly byKind = new Map<FactKind, Fact[]>();
  constructor(readonly all: readonly Fact[]) {
    for (const f of all) {
      let list = this.byKind.get(f.kind);
      if (!list) this.byKind.set(f.kind, (list = []));
      list.push(f);
    }
    for (const [kind, list] of this.byKind) {
      const timed = list.filter((f) => Number.isFinite(f.timeMs));
      if (timed.length === list.length) list.sort((a, b) => a.timeMs - b.timeMs);
      else this.byKind.set(kind, [...timed.sort((a, b) => a.timeMs - b.timeMs), ...list.filter((f) => !Number.isFinite(f.timeMs))]);
    }
  }
  of<K extends FactKind>(kind: K): FactOf<K>[] {
    return (this.byKind.get(kind) as FactOf<K>[] | undefined) ?? [];
  }
  has(kind: FactKind): boolean {
    return (this.byKind.get(kind)?.length ?? 0) > 0;
  }
  last<K extends FactKind>(kind: K): FactOf<K> | undefined {
    const l = this.of(kind);
    return l[l.length - 1];
  }
}

/** Whether an ascending list of times holds one within [from, to] (binary search: rules ask this per fact). */
export function anyTimeWithin(sorted: readonly number[], from: number, to: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] <= to;
}
