import type { Fact, FactKind, FactOf } from '../../shared';
import { FactStore } from '../records/fact-store';

/** The facts a diagnosis reads: a list of objects (tests, small bundles) or a bundle's FactStore (rows built on demand). */
export type FactSource = readonly Fact[] | FactStore;

/** Every fact in order, for the few passes over all of them (a FactStore's rows are built one at a time, never all at once). */
export interface FactSeq extends Iterable<Fact> {
  readonly length: number;
  filter(keep: (f: Fact) => unknown): Fact[];
}

/**
 * Calls `fn` for each fact of `kinds` (all kinds when omitted) in order with its position. A FactStore's rows
 * are built one at a time and are garbage after the call (a pass over millions of rows holds none of them).
 */
export function eachFact(source: FactSource, kinds: readonly FactKind[] | null, fn: (f: Fact, pos: number) => void): void {
  if (source instanceof FactStore) {
    const wanted = kinds ? new Set(kinds) : null;
    for (let i = 0; i < source.length; i++) if (!wanted || wanted.has(source.kindOf(i))) fn(source.get(i), i);
    return;
  }
  for (let i = 0; i < source.length; i++) if (!kinds || kinds.includes(source[i].kind)) fn(source[i], i);
}

/**
 * Calls `fn` with the file path and line of each fact's evidence (what explains a line), without building
 * a FactStore's rows.
 */
export function eachEvidenceLine(source: FactSource, pathOf: (fileId: number) => string, fn: (file: string, line: number) => void): void {
  if (!(source instanceof FactStore)) {
    for (const f of source) fn(f.at.file, f.at.line);
    return;
  }
  for (let i = 0; i < source.length; i++) {
    if (source.isRow(i)) fn(pathOf(source.rowFile(i)), source.rowLine(i));
    else {
      const f = source.get(i);
      fn(f.at.file, f.at.line);
    }
  }
}

/**
 * Facts grouped by kind, each list in time order: timed facts by time (equal times keep input order),
 * then the facts without a time in input order. (A comparator that calls an untimed fact "equal" to
 * everything is not an ordering: the sort would leave timed facts out of order around it.)
 *
 * Over a FactStore the index holds positions (4 bytes a fact) and builds a kind's facts the first time
 * it is asked for (a row's fact is 32 bytes that read the store's columns: records/fact-store.ts).
 */
export class FactIndex {
  private readonly byKind = new Map<FactKind, Fact[]>();
  private readonly positions = new Map<FactKind, Uint32Array>();
  private readonly built = new Map<FactKind, Fact[]>();
  private readonly store: FactStore | null;
  readonly all: FactSeq;

  /** `dropped`: positions in `source` the rules do not see (benign sightings). */
  constructor(source: FactSource, dropped?: ReadonlySet<number>) {
    if (!(source instanceof FactStore)) {
      this.store = null;
      const all = dropped?.size ? source.filter((_, i) => !dropped.has(i)) : source;
      this.all = all;
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
      return;
    }
    const store = source;
    this.store = store;
    const lists = new Map<FactKind, number[]>();
    for (let i = 0; i < store.length; i++) {
      if (dropped?.has(i)) continue;
      const kind = store.kindOf(i);
      let l = lists.get(kind);
      if (!l) lists.set(kind, (l = []));
      l.push(i);
    }
    for (const [kind, l] of lists) {
      const pos = Uint32Array.from(l);
      const time = new Float64Array(pos.length);
      for (let k = 0; k < pos.length; k++) {
        time[k] = store.timeOf(pos[k]);
      }
      const order = new Uint32Array(pos.length);
      for (let k = 0; k < order.length; k++) order[k] = k;
      // timed by time (ties in input order), then the untimed in input order
      order.sort((a, b) => {
        const ta = time[a];
        const tb = time[b];
        const fa = Number.isFinite(ta);
        const fb = Number.isFinite(tb);
        if (fa && fb) return ta - tb || a - b;
        if (fa !== fb) return fa ? -1 : 1;
        return a - b;
      });
      const sorted = new Uint32Array(pos.length);
      for (let k = 0; k < order.length; k++) sorted[k] = pos[order[k]];
      this.positions.set(kind, sorted);
    }
    this.all = new StoreSeq(store, dropped);
  }

  of<K extends FactKind>(kind: K): FactOf<K>[] {
    if (!this.store) return (this.byKind.get(kind) as FactOf<K>[] | undefined) ?? [];
    const hit = this.built.get(kind);
    if (hit) return hit as FactOf<K>[];
    const pos = this.positions.get(kind);
    if (!pos) return [];
    const store = this.store;
    const list = Array.from(pos, (p) => store.get(p));
    this.built.set(kind, list);
    return list as FactOf<K>[];
  }
  has(kind: FactKind): boolean {
    if (!this.store) return (this.byKind.get(kind)?.length ?? 0) > 0;
    return (this.positions.get(kind)?.length ?? 0) > 0;
  }
  last<K extends FactKind>(kind: K): FactOf<K> | undefined {
    if (!this.store) {
      const l = this.of(kind);
      return l[l.length - 1];
    }
    const built = this.built.get(kind);
    if (built) return built[built.length - 1] as FactOf<K> | undefined;
    const pos = this.positions.get(kind);
    return pos?.length ? (this.store.get(pos[pos.length - 1]) as FactOf<K>) : undefined;
  }
}

/** A FactStore's facts in order, less the dropped ones, each built when reached. */
class StoreSeq implements FactSeq {
  readonly length: number;
  constructor(
    private readonly store: FactStore,
    private readonly dropped?: ReadonlySet<number>,
  ) {
    this.length = store.length - (dropped?.size ?? 0);
  }
  *[Symbol.iterator](): Iterator<Fact> {
    for (let i = 0; i < this.store.length; i++) if (!this.dropped?.has(i)) yield this.store.get(i);
  }
  filter(keep: (f: Fact) => unknown): Fact[] {
    const out: Fact[] = [];
    for (const f of this) if (keep(f)) out.push(f);
    return out;
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
