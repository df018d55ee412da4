import type { Fact, FactKind, FactOf, TimeZoneKnowledge } from '../../shared';
import { FactStore } from '../records/fact-store';

/** Positions of facts, what `Set#has` and `size` of a set answer: the benign set-aside of a 500 MB log holds ~600,000 (a bit each, not ~20 bytes). */
export interface PositionSet {
  has(pos: number): boolean;
  readonly size: number;
}

/** A PositionSet as a bitmap that grows as positions are added. */
export class PositionBits implements PositionSet {
  private bits = new Uint32Array(64);
  private n = 0;
  get size(): number {
    return this.n;
  }
  add(pos: number): void {
    const w = pos >>> 5;
    if (w >= this.bits.length) {
      const grown = new Uint32Array(Math.max(w + 1, this.bits.length * 2));
      grown.set(this.bits);
      this.bits = grown;
    }
    const m = 1 << (pos & 31);
    if ((this.bits[w] & m) === 0) {
      this.bits[w] |= m;
      this.n++;
    }
  }
  has(pos: number): boolean {
    const w = pos >>> 5;
    return w < this.bits.length && (this.bits[w] & (1 << (pos & 31))) !== 0;
  }
}

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
 * a FactStore's rows: a row's evidence is its record's first line, so `row` gets the record and its file id instead.
 */
export function eachEvidenceLine(source: FactSource, fn: (file: string, line: number) => void, row: (record: number, fileId: number, line: number) => void): void {
  if (!(source instanceof FactStore)) {
    for (const f of source) fn(f.at.file, f.at.line);
    return;
  }
  for (let i = 0; i < source.length; i++) {
    if (source.isRow(i)) row(source.rowRecord(i), source.rowFile(i), source.rowLine(i));
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
  /** Per kind, the times of `positions` (the same order): windows and counts without building a fact. */
  private readonly times = new Map<FactKind, Float64Array>();
  private readonly built = new Map<FactKind, Fact[]>();
  private readonly seriesOf = new Map<FactKind, FactSeries<FactKind>>();
  private readonly store: FactStore | null;
  readonly all: FactSeq;

  /** `dropped`: positions in `source` the rules do not see (benign sightings). */
  constructor(source: FactSource, dropped?: PositionSet) {
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
    // the positions of each kind, counted first and then filled (a list per kind that grows by pushing held
    // ~24 bytes a fact while it grew: +65 MB of peak for the 2.8 M facts of a 500 MB broken agent's log)
    const counts = new Uint32Array(store.kindCodes);
    for (let i = 0; i < store.length; i++) if (!dropped?.has(i)) counts[store.kindCodeOf(i)]++;
    const posOf = Array.from(counts, (n) => new Uint32Array(n));
    const fill = new Uint32Array(counts.length);
    for (let i = 0; i < store.length; i++) {
      if (dropped?.has(i)) continue;
      const c = store.kindCodeOf(i);
      posOf[c][fill[c]++] = i;
    }
    for (let c = 0; c < posOf.length; c++) {
      const pos = posOf[c];
      if (pos.length === 0) continue;
      const time = new Float64Array(pos.length);
      // a log's facts mostly come in time order: then the positions are the order already
      let inOrder = true;
      for (let k = 0; k < pos.length; k++) {
        time[k] = store.timeOf(pos[k]);
        if (inOrder && !(k === 0 ? Number.isFinite(time[0]) : time[k] >= time[k - 1])) inOrder = false;
      }
      const kind = store.kindOfCode(c);
      if (inOrder) {
        this.positions.set(kind, pos);
        this.times.set(kind, time);
        continue;
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
      const sortedTime = new Float64Array(pos.length);
      for (let k = 0; k < order.length; k++) {
        sorted[k] = pos[order[k]];
        sortedTime[k] = time[order[k]];
      }
      this.positions.set(kind, sorted);
      this.times.set(kind, sortedTime);
    }
    this.all = new StoreSeq(store, dropped);
  }

  /**
   * Every fact of `kind` in time order. A FactStore's kind of up to OF_KEPT facts is built once and kept; a
   * bigger one (the heartbeats, goal states and failures of a big log) is built for this call only: kept,
   * it would hold 40 bytes a fact for the whole diagnosis. Rules that want a window, a count or the last
   * fact of a big kind ask `series` instead and build only the facts they cite.
   */
  of<K extends FactKind>(kind: K): FactOf<K>[] {
    if (!this.store) return (this.byKind.get(kind) as FactOf<K>[] | undefined) ?? [];
    const hit = this.built.get(kind);
    if (hit) return hit as FactOf<K>[];
    const pos = this.positions.get(kind);
    if (!pos) return [];
    // a loop, not Array.from(pos, fn): that walks the typed array with an iterator and grows the list as it goes
    const list = new Array<Fact>(pos.length);
    for (let k = 0; k < pos.length; k++) list[k] = this.store.get(pos[k]);
    if (list.length <= OF_KEPT) this.built.set(kind, list);
    return list as FactOf<K>[];
  }

  /** How many facts of `kind` the rules see. */
  count(kind: FactKind): number {
    return this.store ? (this.positions.get(kind)?.length ?? 0) : (this.byKind.get(kind)?.length ?? 0);
  }

  /** The facts of `kind` as a time-ordered series: times, files and windows without building the facts. */
  series<K extends FactKind>(kind: K): FactSeries<K> {
    let s = this.seriesOf.get(kind);
    if (!s) {
      const store = this.store;
      const pos = this.positions.get(kind);
      if (store && pos) s = new StoreSeries(store, pos, this.times.get(kind)!);
      else {
        const list = this.byKind.get(kind) ?? [];
        s = new ListSeries(list, Float64Array.from(list, (f) => f.timeMs));
      }
      this.seriesOf.set(kind, s);
    }
    return s as unknown as FactSeries<K>;
  }

  /**
   * The facts of `kind` that pass `keep`, as a series in the same order: each fact is built for the test
   * and let go, only its position and time are kept (a whole-kind list of a big log's facts lives through
   * the filter and is promoted: tens of MB of garbage for the old generation).
   */
  select<K extends FactKind>(kind: K, keep: (f: FactOf<K>) => unknown): FactSeries<K> {
    const s = this.series(kind);
    const picked: number[] = [];
    for (let i = 0; i < s.length; i++) if (keep(s.get(i))) picked.push(i);
    return PickedSeries.of([s], [Uint32Array.from(picked)]);
  }

  /** The latest time of any fact the rules see (-Infinity when none is timed): the newest of each kind's series. */
  newestTime(): number {
    let newest = -Infinity;
    const kinds = this.store ? this.positions.keys() : this.byKind.keys();
    for (const kind of kinds) {
      const s = this.series(kind);
      if (s.timed && s.time(s.timed - 1) > newest) newest = s.time(s.timed - 1);
    }
    return newest;
  }

  /** Whether `f` was built from a FactStore row (its evidence is built at each read of `at`; its time is its record's). */
  isRow(f: Fact): boolean {
    return (this.store?.rowOf(f) ?? -1) >= 0;
  }

  /** The file of a fact's evidence (`f.at.file`) without building a row's evidence. */
  fileOf(f: Fact): string {
    const row = this.store?.rowOf(f) ?? -1;
    return row >= 0 ? this.store!.rowPath(row) : f.at.file;
  }

  /** The zone of a fact's evidence (`f.at.zone`) without building a row's evidence. */
  zoneOf(f: Fact): TimeZoneKnowledge | undefined {
    const row = this.store?.rowOf(f) ?? -1;
    return row >= 0 ? this.store!.rowZone(row) : f.at.zone;
  }

  /** The line of a fact's evidence (`f.at.line`) without building a row's evidence. */
  lineOf(f: Fact): number {
    const row = this.store?.rowOf(f) ?? -1;
    return row >= 0 ? this.store!.rowLine(row) : f.at.line;
  }

  /**
   * The time of a fact's evidence as the weighing reads it (`Date.parse(f.at.time)`, NaN when untimed) without
   * building a row's evidence: a row's ISO time is its record's time to the millisecond.
   */
  evidenceTime(f: Fact): number {
    const row = this.store?.rowOf(f) ?? -1;
    if (row < 0) return f.at.time ? Date.parse(f.at.time) : NaN;
    const t = f.timeMs;
    return Number.isFinite(t) ? Math.trunc(t) : NaN;
  }

  /** Whether a fact's evidence has a time (`f.at.time`): a row's has exactly when its record has. */
  hasTime(f: Fact): boolean {
    const row = this.store?.rowOf(f) ?? -1;
    return row >= 0 ? Number.isFinite(f.timeMs) : !!f.at.time;
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

/** Kinds of up to this many facts are built once and kept by `FactIndex.of` (every kind of a small bundle). */
const OF_KEPT = 16_384;

/**
 * One kind's facts in time order (the timed ones by time, then the untimed ones), read by position: a big
 * kind's times are a column, a fact is built only when `get` asks for it.
 */
export interface FactSeries<K extends FactKind> {
  readonly length: number;
  /** How many have a time (they come first). */
  readonly timed: number;
  /** The time of the fact at `i` (NaN for the untimed). */
  time(i: number): number;
  /** The fact at `i` (a row's is built now and not kept). */
  get(i: number): FactOf<K>;
  /** The file of the evidence of the fact at `i` (no evidence built for a row). */
  file(i: number): string;
  /** Whether the evidence of the fact at `i` has a time (`at.time`; a row's has exactly when it is timed). */
  hasTime(i: number): boolean;
  /** The first position whose time is ≥ `t` (or `timed`). */
  atOrAfter(t: number): number;
  /** The first position whose time is > `t` (or `timed`). */
  after(t: number): number;
}

abstract class SeriesBase<K extends FactKind> implements FactSeries<K> {
  readonly timed: number;
  constructor(protected readonly t: Float64Array) {
    let n = t.length;
    while (n > 0 && !Number.isFinite(t[n - 1])) n--;
    this.timed = n;
  }
  get length(): number {
    return this.t.length;
  }
  time(i: number): number {
    return this.t[i];
  }
  abstract get(i: number): FactOf<K>;
  abstract file(i: number): string;
  abstract hasTime(i: number): boolean;
  atOrAfter(t: number): number {
    return this.bound(t, false);
  }
  after(t: number): number {
    return this.bound(t, true);
  }
  private bound(t: number, strict: boolean): number {
    let lo = 0;
    let hi = this.timed;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.t[mid] < t || (strict && this.t[mid] === t)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

class StoreSeries<K extends FactKind> extends SeriesBase<K> {
  constructor(
    private readonly store: FactStore,
    private readonly pos: Uint32Array,
    t: Float64Array,
  ) {
    super(t);
  }
  get(i: number): FactOf<K> {
    return this.store.get(this.pos[i]) as FactOf<K>;
  }
  file(i: number): string {
    const p = this.pos[i];
    return this.store.isRow(p) ? this.store.rowPath(p) : this.store.get(p).at.file;
  }
  hasTime(i: number): boolean {
    const p = this.pos[i];
    return this.store.isRow(p) ? Number.isFinite(this.t[i]) : !!this.store.get(p).at.time;
  }
}

class ListSeries<K extends FactKind> extends SeriesBase<K> {
  constructor(
    private readonly list: readonly Fact[],
    t: Float64Array,
  ) {
    super(t);
  }
  get(i: number): FactOf<K> {
    return this.list[i] as FactOf<K>;
  }
  file(i: number): string {
    return this.list[i].at.file;
  }
  hasTime(i: number): boolean {
    return !!this.list[i].at.time;
  }
}

/**
 * Several series merged in time order: timed facts by time, equal times in the order of the series given
 * (what a stable sort of their concatenation by time gives), then the untimed in that order.
 */
export function byTime<A extends FactKind, B extends FactKind>(a: FactSeries<A>, b: FactSeries<B>): FactSeries<A | B>;
export function byTime<A extends FactKind, B extends FactKind, C extends FactKind>(a: FactSeries<A>, b: FactSeries<B>, c: FactSeries<C>): FactSeries<A | B | C>;
export function byTime(...parts: FactSeries<FactKind>[]): FactSeries<FactKind> {
  return PickedSeries.of(parts, parts.map((p) => Uint32Array.from({ length: p.length }, (_, i) => i)));
}

/** The evidence of the facts [from, to) of a series, in order. */
export function cite<K extends FactKind>(s: FactSeries<K>, from: number, to: number): Fact['at'][] {
  const out: Fact['at'][] = [];
  for (let i = from; i < to; i++) out.push(s.get(i).at);
  return out;
}

/** Positions in some series (a part number and an index in it per fact), with their times as a column. */
class PickedSeries<K extends FactKind> extends SeriesBase<K> {
  private constructor(
    private readonly parts: readonly FactSeries<K>[],
    private readonly part: Uint8Array,
    private readonly idx: Uint32Array,
    t: Float64Array,
  ) {
    super(t);
  }

  /** Merges `picks[p]` (ascending indexes into `parts[p]`, each in its series' order) by time. */
  static of<K extends FactKind>(parts: readonly FactSeries<K>[], picks: readonly Uint32Array[]): PickedSeries<K> {
    const n = picks.reduce((s, p) => s + p.length, 0);
    const part = new Uint8Array(n);
    const idx = new Uint32Array(n);
    const t = new Float64Array(n);
    const head = picks.map(() => 0);
    // the timed ones of each part come first in it: merge those, then append each part's untimed
    const timedEnd = picks.map((pk, p) => {
      let e = 0;
      while (e < pk.length && pk[e] < parts[p].timed) e++;
      return e;
    });
    let k = 0;
    for (;;) {
      let best = -1;
      let bestT = Infinity;
      for (let p = 0; p < picks.length; p++) {
        if (head[p] >= timedEnd[p]) continue;
        const tp = parts[p].time(picks[p][head[p]]);
        if (best < 0 || tp < bestT) {
          best = p;
          bestT = tp;
        }
      }
      if (best < 0) break;
      part[k] = best;
      idx[k] = picks[best][head[best]++];
      t[k++] = bestT;
    }
    for (let p = 0; p < picks.length; p++) {
      for (let h = head[p]; h < picks[p].length; h++) {
        part[k] = p;
        idx[k] = picks[p][h];
        t[k++] = NaN;
      }
    }
    return new PickedSeries(parts, part, idx, t);
  }

  get(i: number): FactOf<K> {
    return this.parts[this.part[i]].get(this.idx[i]);
  }
  file(i: number): string {
    return this.parts[this.part[i]].file(this.idx[i]);
  }
  hasTime(i: number): boolean {
    return this.parts[this.part[i]].hasTime(this.idx[i]);
  }
}

/** A FactStore's facts in order, less the dropped ones, each built when reached. */
class StoreSeq implements FactSeq {
  readonly length: number;
  constructor(
    private readonly store: FactStore,
    private readonly dropped?: PositionSet,
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
