import type { Fact, FactKind, FactOf } from '../../shared';

/** Facts grouped by kind, each list in time order (facts without a time keep file order). */
export class FactIndex {
  private readonly byKind = new Map<FactKind, Fact[]>();
  constructor(readonly all: readonly Fact[]) {
    for (const f of all) {
      let list = this.byKind.get(f.kind);
      if (!list) this.byKind.set(f.kind, (list = []));
      list.push(f);
    }
    for (const list of this.byKind.values()) {
      list.sort((a, b) => (Number.isFinite(a.timeMs) && Number.isFinite(b.timeMs) ? a.timeMs - b.timeMs : 0));
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
