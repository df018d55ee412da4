import type { BundleFile, Evidence, Fact, FactKind, FactOf, TimeZoneKnowledge } from '../../shared';
import { firstIndexAtOrAfter, gallopIndex, lastAtOrBefore } from '../../shared/sorted';
import { COLLECTION_KINDS } from '../../shared/formats';
import { fileByPath, fileIdOfFact } from '../ingest/roots';
import { milestoneFileOf } from '../records/milestones';
import { FactStore, type TextTest } from '../records/fact-store';

/** Positions of facts, what `Set#has` and `size` of a set answer: the benign set-aside of a 500 MB log holds ~600,000 (a bit each, not ~20 bytes). */
export interface PositionSet {
  has(pos: number): boolean;
  readonly size: number;
}

/** A PositionSet as a bitmap that grows as positions are added. */
export class PositionBits implements PositionSet {
  private bits: Uint32Array;
  private n = 0;
  /** `capacity`: the positions expected (below it, adding never grows the map). */
  constructor(capacity = 2048) {
    this.bits = new Uint32Array(Math.max(1, (capacity + 31) >>> 5));
  }
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
  /** The first position from `from` (below `end`) that was added, or `end`. */
  nextSet(from: number, end: number): number {
    for (let i = from; i < end; ) {
      const w = i >>> 5;
      if (w >= this.bits.length) return end;
      const rest = this.bits[w] >>> (i & 31);
      if (rest !== 0) return Math.min(end, i + 31 - Math.clz32(rest & -rest));
      i = (w + 1) << 5;
    }
    return end;
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
 * Calls `fn` for each fact of `kinds` (all kinds when omitted) in order with its position and kind. A FactStore's rows
 * are built one at a time and are garbage after the call (a pass over millions of rows holds none of them); the kind
 * is told by its code, so a fact of another kind is neither built nor named.
 */
export function eachFact(source: FactSource, kinds: readonly FactKind[] | null, fn: (f: Fact, pos: number, kind: FactKind) => void): void {
  if (source instanceof FactStore) eachPosition(source, kinds, (i, kind) => fn(source.get(i), i, kind));
  else eachPosition(source, kinds, (i, kind) => fn(source[i], i, kind));
}

/** A byte per kind code of `store`: 1 for the codes of `kinds` (of every kind when null), so a pass tests a fact's code. */
function kindMask(store: FactStore, kinds: readonly FactKind[] | null): Uint8Array {
  const wanted = new Uint8Array(store.kindCodes);
  for (let c = 0; c < wanted.length; c++) if (!kinds || kinds.includes(store.kindOfCode(c))) wanted[c] = 1;
  return wanted;
}

/** `eachFact` without the fact: its position and kind (a pass that reads a row by position builds none). */
export function eachPosition(source: FactSource, kinds: readonly FactKind[] | null, fn: (pos: number, kind: FactKind) => void): void {
  if (source instanceof FactStore) {
    source.eachOfCodes(kindMask(source, kinds), (i, c) => fn(i, source.kindOfCode(c)));
    return;
  }
  for (let i = 0; i < source.length; i++) {
    const kind = source[i].kind;
    if (!kinds || kinds.includes(kind)) fn(i, kind);
  }
}

/**
 * `eachPosition` with the kind told by its place in `kinds`: a pass that keeps something per kind reads it from a list,
 * not a map by the kind's name (a FactStore's kind codes are mapped to places once).
 */
export function eachPlaced(source: FactSource, kinds: readonly FactKind[], fn: (pos: number, place: number) => void): void {
  if (source instanceof FactStore) {
    // (a code's place + 1: 0 for a kind not asked for)
    const placeOf = new Uint8Array(source.kindCodes);
    for (let c = 0; c < placeOf.length; c++) placeOf[c] = kinds.indexOf(source.kindOfCode(c)) + 1;
    source.eachOfCodes(placeOf, (i, c) => fn(i, placeOf[c] - 1));
    return;
  }
  for (let i = 0; i < source.length; i++) {
    const k = kinds.indexOf(source[i].kind);
    if (k >= 0) fn(i, k);
  }
}

/**
 * `FactIndex.eachRead` over a source's facts of `kinds` (less the `dropped` positions of a FactStore): one reader, set
 * to each fact in turn, that reads a row by position and builds nothing.
 */
export function readEach(source: FactSource, kinds: readonly FactKind[], fn: (r: FactReader) => void, dropped?: PositionSet): void {
  if (!(source instanceof FactStore)) {
    const r = new FactReader(null);
    for (const f of source) if (kinds.includes(f.kind)) fn(r.setFact(f));
    return;
  }
  const r = new FactReader(source);
  source.eachOfCodes(kindMask(source, kinds), (i, c) => {
    // (a milestone of the store's table reads like a row: its fields without a fact)
    if (!dropped?.has(i)) fn(source.isRow(i) || source.milestoneRowOf(i) >= 0 ? r.setRow(i, source.kindOfCode(c)) : r.setFact(source.get(i)));
  });
}

/**
 * Calls `fn` with the file path and line of each fact's evidence (what explains a line), without building
 * a FactStore's rows: a row's evidence is its record's first line, so `row` gets the record and its file id instead
 * (once for the rows of one record in a row: a goal-state failure is a failed call too).
 */
export function eachEvidenceLine(source: FactSource, fn: (file: string, line: number) => void, row: (record: number, fileId: number, line: number) => void): void {
  if (!(source instanceof FactStore)) {
    for (const f of source) fn(f.at.file, f.at.line);
    return;
  }
  source.eachEvidence(row, (f) => fn(f.at.file, f.at.line), fn);
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
  /** Per kind, its facts' positions in time order (a fact's time is read from the store: its record's, for a row). */
  private readonly positions = new Map<FactKind, Uint32Array>();
  private readonly built = new Map<FactKind, Fact[]>();
  private readonly seriesOf = new Map<FactKind, FactSeries<FactKind>>();
  private readonly store: FactStore | null;
  readonly all: FactSeq;
  /** The bundle's files and each one's VM root (by file id), when the bundle said them. */
  private readonly place?: FilesAndRoots;
  /** Object facts' evidence → file id (made when a path two files share is first asked for). */
  private fileByAt?: Map<Evidence, number>;
  /** VM path → the one file there, -1 where two share it (made when first asked for). */
  private byPath?: Map<string, number>;
  /** How many VM roots the bundle's read files lie under (1 when not said). */
  readonly rootCount: number;
  /** Positions in a FactStore the rules do not see. */
  private readonly dropped?: PositionSet;
  /** `newestLine`, once asked. */
  private newest?: number;
  /** Each FieldTest's answers by its fields' values (passes), for this diagnosis. */
  private readonly trees = new Map<object, ReadTree>();

  /**
   * `dropped`: positions in `source` the rules do not see (benign sightings); `place`: the bundle's files and their
   * VM roots (ingest/roots.ts), which `rootOf` answers from.
   */
  constructor(source: FactSource, dropped?: PositionSet, place?: FilesAndRoots) {
    this.place = place;
    // a root whose files no format reads (a mail, a screenshot beside a collector zip) says nothing of any VM
    this.rootCount = place?.roots ? Math.max(1, new Set(place.roots.filter((_, i) => place.files[i]?.kind !== 'other')).size) : 1;
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
    this.dropped = dropped;
    const posOf = positionsByKind(store, dropped);
    for (let c = 0; c < posOf.length; c++) {
      const pos = posOf[c];
      if (pos.length === 0) continue;
      const kind = store.kindOfCode(c);
      // a log's facts mostly come in time order, and then the positions are the order already (no time is kept per
      // fact: a Float64Array per kind repeated the records' times, 22 MB for a broken agent's 2.8 M facts); the store
      // tells it of a kind of rows from its records' times, or each fact's time is read
      if (store.rowsInTimeOrder(c, pos[0], pos[pos.length - 1]) || timedInOrder(store, pos)) {
        this.positions.set(kind, pos);
        continue;
      }
      const time = new Float64Array(pos.length);
      for (let k = 0; k < pos.length; k++) time[k] = store.timeOf(pos[k]);
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

  /**
   * Every fact timed within [from, to] that `keep` keeps, of any kind, in the order of `all`. A FactStore's facts are
   * found by each kind's positions in time order (timed ones first): only those inside are built (a window near one
   * task holds few of the bundle's facts).
   */
  within(from: number, to: number, keep: (f: Fact) => unknown): Fact[] {
    const store = this.store;
    if (!store) return this.all.filter((f) => Number.isFinite(f.timeMs) && f.timeMs >= from && f.timeMs <= to && keep(f));
    const inside: number[] = [];
    for (const pos of this.positions.values()) {
      const time = (k: number) => store.timeOf(pos[k]);
      // (an untimed fact, after the timed ones, reads as at or after `from` and ends the walk)
      for (let k = firstIndexAtOrAfter(time, from, 0, pos.length); k < pos.length; k++) {
        const t = time(k);
        if (!(t <= to)) break;
        if (Number.isFinite(t)) inside.push(pos[k]);
      }
    }
    inside.sort((a, b) => a - b);
    const out: Fact[] = [];
    for (const i of inside) {
      const f = store.get(i);
      if (keep(f)) out.push(f);
    }
    return out;
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

  /**
   * The facts of `kind` that pass `keep`, in time order (what `of(kind).filter(keep)` gives): a big kind's facts
   * are built one at a time for the test and only the kept ones stay, instead of a list of the whole kind first.
   */
  where<K extends FactKind>(kind: K, keep: (f: FactOf<K>) => unknown): FactOf<K>[] {
    if (!this.store || this.built.has(kind)) return this.of(kind).filter(keep);
    const pos = this.positions.get(kind);
    const out: FactOf<K>[] = [];
    if (!pos) return out;
    for (let k = 0; k < pos.length; k++) {
      const f = this.store.get(pos[k]) as FactOf<K>;
      if (keep(f)) out.push(f);
    }
    return out;
  }

  /**
   * Calls `fn` for each fact the rules see whose kind is one of `kinds`, in the order of `all`: a FactStore's facts of
   * other kinds are skipped by their kind code, neither built nor named.
   */
  eachOf(kinds: readonly FactKind[], fn: (f: Fact) => void): void {
    const store = this.store;
    if (!store) {
      for (const f of this.all) if (kinds.includes(f.kind)) fn(f);
      return;
    }
    const dropped = this.dropped;
    store.eachOfCodes(kindMask(store, kinds), (i) => {
      if (!dropped?.has(i)) fn(store.get(i));
    });
  }

  /**
   * `eachOf` without building a FactStore's rows: `fn` gets one reader, set to each fact in turn (valid during the call
   * only), that reads a row's fields, time and zone where the store keeps them and builds its evidence when asked.
   */
  eachRead(kinds: readonly FactKind[], fn: (r: FactReader) => void): void {
    if (this.store) readEach(this.store, kinds, fn, this.dropped);
    else readEach(this.all as readonly Fact[], kinds, fn);
  }

  /** How many facts of `kind` pass `keep` (`where(kind, keep).length`, keeping none of them). */
  countWhere<K extends FactKind>(kind: K, keep: (f: FactOf<K>) => unknown): number {
    const s = this.series(kind);
    let n = 0;
    for (let i = 0; i < s.length; i++) if (keep(s.get(i))) n++;
    return n;
  }

  /**
   * How many facts pass a FieldTest (`selectBy(t).length`, no bit kept): a FactStore row's answer is its tuple's, so a
   * broken agent's repeated failures are tested once per distinct message and built not at all.
   */
  countBy<K extends FactKind>(t: FieldTest<K>): number {
    const store = this.store;
    const pos = store ? this.positions.get(t.kind) : undefined;
    if (!store || !pos) return this.countWhere(t.kind, t.test);
    const tree = this.treeOf(t);
    let n = 0;
    for (let i = 0; i < pos.length; i++) {
      const p = pos[i];
      if (passes(store, p, t, tree)) n++;
    }
    return n;
  }

  /** How many facts of `kind` the rules see. */
  count(kind: FactKind): number {
    return this.store ? (this.positions.get(kind)?.length ?? 0) : (this.byKind.get(kind)?.length ?? 0);
  }

  /**
   * The FactStore and the positions in it of `kind`'s facts, in `series(kind)` order; undefined for facts given as a
   * list. For a reader of a table the store keeps (its snapshot milestones: FactStore.milestoneRowOf).
   */
  storePositions(kind: FactKind): { store: FactStore; pos: Uint32Array } | undefined {
    return this.store ? { store: this.store, pos: this.positions.get(kind) ?? new Uint32Array(0) } : undefined;
  }

  /** The facts of `kind` as a time-ordered series: times, files and windows without building the facts. */
  series<K extends FactKind>(kind: K): FactSeries<K> {
    let s = this.seriesOf.get(kind);
    if (!s) {
      const store = this.store;
      const pos = this.positions.get(kind);
      if (store && pos) s = new StoreSeries(store, pos);
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
   * and let go; what is kept is a bit per fact of the kind (a position list and a time per pick cost 16 bytes
   * each: +45 MB for the million failures of a 500 MB broken agent's log, per select).
   */
  select<K extends FactKind>(kind: K, keep: (f: FactOf<K>) => unknown): FactSeries<K> {
    const s = this.series(kind);
    const bits = new Uint32Array((s.length + 31) >>> 5);
    for (let i = 0; i < s.length; i++) if (keep(s.get(i))) bits[i >>> 5] |= 1 << (i & 31);
    return new SelectedSeries(s, bits);
  }

  /**
   * `select` by a test of the facts' own fields (`fieldTest`): a FactStore row's answer is its tuple's (rows of one tuple
   * hold the same fields), kept by the store, so a broken agent's 100,000s of repeated failures are tested once per
   * distinct message and built not at all.
   */
  selectBy<K extends FactKind>(t: FieldTest<K>): FactSeries<K> {
    return this.selectAll([t])[0];
  }

  /**
   * `selectBy` of several tests of one kind, in one pass: a row's tuple is read once for all of them (no-network asks
   * six tests of each of a broken agent's hundreds of thousands of failed calls), and its answers read and kept by
   * tuple as `selectBy` keeps them.
   */
  selectAll<K extends FactKind>(tests: readonly FieldTest<K>[]): FactSeries<K>[] {
    const kind = tests[0]?.kind;
    const store = this.store;
    const pos = store && kind !== undefined ? this.positions.get(kind) : undefined;
    // (one pass is one kind's series: a caller with tests of two kinds asks twice)
    if (tests.some((t) => t.kind !== kind)) throw new Error(`selectAll: tests of one kind only (${[...new Set(tests.map((t) => t.kind))].join(', ')})`);
    const s = this.series(kind);
    const bits = tests.map(() => new Uint32Array((s.length + 31) >>> 5));
    if (!store || !pos) {
      for (let i = 0; i < s.length; i++) {
        const f = s.get(i);
        for (let j = 0; j < tests.length; j++) if (tests[j].test(f)) bits[j][i >>> 5] |= 1 << (i & 31);
      }
      return bits.map((b) => new SelectedSeries(s, b));
    }
    const trees = tests.map((t) => this.treeOf(t));
    // (each test's answers by tuple, fetched at the first row: a kind of object facts keeps none)
    let kept: Uint8Array[] | undefined;
    for (let i = 0; i < pos.length; i++) {
      const p = pos[i];
      const w = i >>> 5;
      const m = 1 << (i & 31);
      const tuple = store.rowTuple(p);
      if (tuple < 0) {
        const f = store.get(p) as FactOf<K>;
        for (let j = 0; j < tests.length; j++) if (tests[j].test(f)) bits[j][w] |= m;
        continue;
      }
      kept ??= tests.map((t) => store.tupleAnswersOf(t));
      for (let j = 0; j < tests.length; j++) {
        let a = kept[j][tuple];
        if (a === 0) kept[j][tuple] = a = answerRow(store, p, tests[j], trees[j]) ? 2 : 1;
        if (a === 2) bits[j][w] |= m;
      }
    }
    return bits.map((b) => new SelectedSeries(s, b));
  }

  private treeOf(t: object): ReadTree {
    let tree = this.trees.get(t);
    if (!tree) this.trees.set(t, (tree = new ReadTree()));
    return tree;
  }

  /**
   * The newest time of the VM's own lines, ms (-Infinity when none is timed): the newest record of its own files the
   * bundle gave (`place.newestLine`: a line the parsers took no fact from is still a line the VM wrote, WALinuxAgent
   * #1982), or the newest fact the rules see, whichever is later; never a fact of the collection's own files
   * (COLLECTION_KINDS: results.txt, probes.json are written when the logs are taken, which a folder of the same logs
   * does not say). The one "now" of the logs: an old failure, a recovery and a task still running are weighed against it.
   */
  newestLine(): number {
    if (this.newest !== undefined) return this.newest;
    let newest = this.place?.newestLine ?? -Infinity;
    const collection = new Set(this.place?.files.filter((f) => COLLECTION_KINDS.has(f.kind)).map((f) => f.vmPath));
    const kinds = this.store ? this.positions.keys() : this.byKind.keys();
    for (const kind of kinds) {
      const s = this.series(kind);
      let i = s.timed - 1;
      // (a collection file's facts are a few, at the end of their kinds: the walk back stops at the first own one)
      while (i >= 0 && collection.size && collection.has(s.file(i))) i--;
      if (i >= 0 && s.time(i) > newest) newest = s.time(i);
    }
    return (this.newest = newest);
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

  /** `evidenceTime` of the fact at `i` of a series, a row's without building it (its time is its record's). */
  evidenceTimeAt(s: FactPlaces, i: number): number {
    if (!s.isRow(i)) return this.evidenceTime(s.get(i));
    const t = s.time(i);
    return Number.isFinite(t) ? Math.trunc(t) : NaN;
  }

  /**
   * The time of the first timed record after line `line` of `file` (NaN when none, or without a record store): what
   * bounds an untimed line from above. For the few lines a finding cites; the line keeps no time.
   */
  nextTimeAfter(file: string, line: number): number {
    return this.store ? this.store.nextTimeAfter(file, line) : NaN;
  }

  /**
   * The id of the file a fact's evidence (`f.at`) was read from, -1 when not known: a row's (and a big log's) evidence
   * points into its file; another's VM path names it where one file of the bundle has that path, else (two roots may
   * each hold `var/log/azure/…/extension.log`) the id its parser's caller gave (FactStore.push) does.
   */
  fileIdOf(at: Evidence): number {
    return fileIdOfFact(at, this.place ? (this.byPath ??= fileByPath(this.place.files)) : NO_PATHS, () => this.objectFiles().get(at) ?? milestoneFileOf(at));
  }

  /**
   * The VM root (ingest/roots.ts) of the file a fact's evidence was read from; undefined when the bundle did not say its
   * roots or the file is not known (`fileIdOf`). A bundle of several roots may be several VMs' logs: what one root
   * says of its VM (the running agent's version) is not another root's.
   */
  rootOf(at: Evidence): string | undefined {
    const roots = this.place?.roots;
    const id = roots ? this.fileIdOf(at) : -1;
    return id >= 0 ? roots![id] : undefined;
  }

  /**
   * Whether a line is the judged VM's (`root`, RuleContext.root: the failed task's): every line when none is judged,
   * and a line whose root is not known counts as its.
   */
  ofRoot(at: Evidence, root: string | undefined): boolean {
    if (root === undefined) return true;
    const r = this.rootOf(at);
    return r === undefined || r === root;
  }

  /** Each object fact's evidence and the file id its parser's caller gave (FactStore.push). */
  private objectFiles(): Map<Evidence, number> {
    if (this.fileByAt) return this.fileByAt;
    const map = new Map<Evidence, number>();
    const store = this.store;
    if (store) store.objectFacts.forEach((f, k) => void (store.objectFileOf(k) >= 0 && map.set(f.at, store.objectFileOf(k))));
    return (this.fileByAt = map);
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

/** The bundle's files (by id) and, when said, each one's VM root (ingest/roots.ts rootsOf). */
/**
 * One fact of a pass (`FactIndex.eachRead`): an object fact, or a FactStore row read by position. Answers what the fact
 * and the index would (`f.kind`, `f[key]`, `f.timeMs`, `hasTime(f)`, `zoneOf(f)`, `f.at`).
 */
export class FactReader {
  kind: FactKind = 'agent-event';
  private pos = -1;
  private fact: Fact | undefined;
  private time = NaN;
  /** `(key) => this.field(key)`, made once: a test typed per kind (`FieldOf`) gets it. */
  readonly read = (key: string): unknown => this.field(key);

  constructor(private readonly store: FactStore | null) {}

  setFact(f: Fact): this {
    this.fact = f;
    this.kind = f.kind;
    this.time = f.timeMs;
    return this;
  }
  setRow(pos: number, kind: FactKind): this {
    this.fact = undefined;
    this.pos = pos;
    this.kind = kind;
    this.time = this.store!.timeOf(pos);
    return this;
  }
  field(key: string): unknown {
    if (this.fact) return (this.fact as unknown as Record<string, unknown>)[key];
    const v = this.store!.fieldOf(this.pos, key);
    this.reads?.note(key, v);
    return v;
  }
  get timeMs(): number {
    if (this.reads) this.reads.other = true;
    return this.time;
  }
  /** Whether its evidence has a time (`f.at.time`): a row's has exactly when its record has. */
  hasTime(): boolean {
    if (this.reads) this.reads.other = true;
    return this.fact ? !!this.fact.at.time : Number.isFinite(this.time);
  }
  zone(): TimeZoneKnowledge | undefined {
    if (this.reads) this.reads.other = true;
    return this.fact ? this.fact.at.zone : this.store!.rowZone(this.pos);
  }
  /** Its evidence (`f.at`): a row's is built at each call. */
  at(): Evidence {
    if (this.reads) this.reads.other = true;
    return this.fact ? this.fact.at : this.store!.evidenceOf(this.pos);
  }
  /**
   * `test(this)`, which must read the fact's kind and fields only (`field`, `read`): a row's answer is kept for its
   * tuple (`FactStore.tupleAnswer`) and read from the test's tree for its kind by its fields' values (`ReadTree`), so a
   * repeated message, or one alike in what the test reads, is tested once.
   */
  fieldAnswer(test: (r: FactReader) => boolean): boolean {
    if (this.fact) return test(this);
    const store = this.store!;
    let a = store.tupleAnswer(this.pos, test);
    if (a !== undefined) return a;
    const tree = this.treeOf(test);
    if (tree.growing) a = tree.findRow(store, this.pos);
    if (a === undefined) {
      const reads = tree.growing ? (this.reads = new FieldReads()) : undefined;
      try {
        a = test(this);
      } finally {
        this.reads = undefined;
      }
      if (reads) tree.keep(reads, !!a);
    }
    store.keepTupleAnswer(this.pos, test, a);
    return a;
  }
  /** The fields a test is reading (fieldAnswer), while it reads them. */
  private reads: FieldReads | undefined;
  /** Per test and kind, its answers by its fields' values (the kind is no field: a test may ask it first). */
  private trees: Map<object, Map<FactKind, ReadTree>> | undefined;
  private treeOf(test: object): ReadTree {
    this.trees ??= new Map();
    let byKind = this.trees.get(test);
    if (!byKind) this.trees.set(test, (byKind = new Map()));
    let tree = byKind.get(this.kind);
    if (!tree) byKind.set(this.kind, (tree = new ReadTree()));
    return tree;
  }
}

/**
 * A test of a fact of kind `K` that reads only the fact's own fields (never `at`, `timeMs` or where it lies), made once
 * (at module level: a FactStore keeps its answers per tuple, by the test, for as long as the store lives).
 */
export interface FieldTest<K extends FactKind> {
  readonly kind: K;
  readonly test: (f: FactOf<K>) => boolean;
}

/**
 * Whether store fact `p` passes `t`: a row's answer kept for its tuple (a repeated message), else read from `tree` by
 * its fields' values (`ReadTree`: rows of many tuples alike in what the test reads), else tested; an object fact is
 * tested itself.
 */
function passes<K extends FactKind>(store: FactStore, p: number, t: FieldTest<K>, tree: ReadTree): boolean {
  if (!store.isRow(p)) return !!t.test(store.get(p) as FactOf<K>);
  let a = store.tupleAnswer(p, t);
  if (a !== undefined) return a;
  a = answerRow(store, p, t, tree);
  store.keepTupleAnswer(p, t, a);
  return a;
}

/** Row `p`'s answer to `t` when its tuple has none kept: read from `tree` by its fields' values, else tested. */
function answerRow<K extends FactKind>(store: FactStore, p: number, t: FieldTest<K>, tree: ReadTree): boolean {
  if (!tree.growing) return !!t.test(store.get(p) as FactOf<K>);
  let a = tree.findRow(store, p);
  if (a === undefined) {
    const reads = new FieldReads();
    a = !!t.test(reads.watch(store, p) as FactOf<K>);
    tree.keep(reads, a);
  }
  return a;
}

/** ReadTree's limit on the answers it keeps (a test of a text with GUIDs meets a new one in each row). */
const TREE_EDGES = 4096;

/**
 * The answers of one field test (FieldTest, FactReader.fieldAnswer) by the values of the fields it read, in the order it
 * read them: a decision tree grown as rows are tested. A test that reads only a row's own fields answers alike for rows
 * whose fields it reads are alike, and which field it reads next is told by the values it read before, so a row is
 * answered by reading those fields by position and following their values; only a row whose values lead nowhere yet is
 * tested (and built). A goal state's test of its `event` is a few values however many incarnation ids there are (a
 * tuple per goal state: an answer per tuple missed every time). A test seen to read anything else (its time, its
 * evidence, its keys) or to read otherwise than the tree says is answered row by row from then on (`growing` false).
 */
export class ReadTree {
  private root: ReadNode | boolean | undefined;
  private edges = 0;
  private off = false;
  /**
   * Whether it is asked at all: not once the test was seen not to answer by its fields, nor once it keeps TREE_EDGES
   * answers (a test that reads a text of GUIDs: most rows would be new to it, read for nothing); a row it cannot answer
   * is then tested on a watched row (FieldReads) and kept.
   */
  get growing(): boolean {
    return !this.off && this.edges < TREE_EDGES;
  }
  /** The answer kept for row `p` of `store`, or undefined. */
  findRow(store: FactStore, p: number): boolean | undefined {
    let n = this.root;
    while (typeof n === 'object') {
      const key = n.key;
      if (typeof key === 'string') n = n.next.get(store.fieldOf(p, key));
      else {
        const a = store.answer(p, key);
        if (a === undefined) return undefined;
        n = n.next.get(a);
      }
    }
    return n;
  }
  /** The answer kept for the fact `read` reads the fields (and texts' answers) of, or undefined. */
  find(read: (key: ReadKey) => unknown): boolean | undefined {
    let n = this.root;
    while (typeof n === 'object') n = n.next.get(read(n.key));
    return n;
  }
  /** Keeps answer `a` of a row under the fields its test read (`reads`). */
  keep(reads: FieldReads, a: boolean): void {
    // (a row whose test read its time or evidence is not kept: its answer is not its fields' alone)
    if (reads.other || !this.growing) return;
    const { keys, values } = reads;
    if (keys.length === 0) {
      if (this.root === undefined) this.root = a;
      else if (this.root !== a) this.stop();
      return;
    }
    this.root ??= { key: keys[0], next: new Map() };
    let n: ReadNode | boolean = this.root;
    for (let j = 0; j < keys.length; j++) {
      if (typeof n !== 'object' || n.key !== keys[j]) return this.stop();
      const last = j === keys.length - 1;
      let m: ReadNode | boolean | undefined = n.next.get(values[j]);
      if (m === undefined) {
        m = last ? a : { key: keys[j + 1], next: new Map() };
        n.next.set(values[j], m);
        this.edges++;
      } else if (last && m !== a) return this.stop();
      n = m;
    }
  }
  /** The test read otherwise than its tree says: it is no function of its fields, and nothing kept is answered. */
  private stop(): void {
    this.off = true;
    this.root = undefined;
  }
}

/** What a test reads of a row: a field by name, or the answer of a test of its texts (TextTest: FactStore.answer). */
export type ReadKey = string | TextTest;

interface ReadNode {
  key: ReadKey;
  next: Map<unknown, ReadNode | boolean>;
}

/** The fields a test read of one row, each once, in the order first read (`ReadTree.keep`); `other`: it read something else. */
export class FieldReads {
  readonly keys: ReadKey[] = [];
  readonly values: unknown[] = [];
  other = false;

  /** Notes `key`'s value `v` (the first read of it). */
  note(key: ReadKey, v: unknown): void {
    if (!this.keys.includes(key)) {
      this.keys.push(key);
      this.values.push(v);
    }
  }

  /**
   * Row `p` of `store` built, behind a proxy that notes each field read: a read that is not the row's field as the store
   * reads it by position (`fieldOf`: its time, its evidence, a method of every object) or a look at its keys is `other`.
   */
  watch(store: FactStore, p: number): Fact {
    const row = store.get(p);
    return new Proxy(row, {
      get: (target, key) => {
        const v: unknown = Reflect.get(target, key);
        if (typeof key === 'string') {
          if (key === 'at' || key === 'timeMs' || store.fieldOf(p, key) !== v) this.other = true;
          else this.note(key, v);
        }
        return v;
      },
      has: (target, key) => {
        this.other = true;
        return Reflect.has(target, key);
      },
      ownKeys: (target) => {
        this.other = true;
        return Reflect.ownKeys(target);
      },
      getOwnPropertyDescriptor: (target, key) => {
        this.other = true;
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
    });
  }
}

/** A FieldTest (`FactIndex.selectBy`): `test` must read the fact's fields only. */
export function fieldTest<K extends FactKind>(kind: K, test: (f: FactOf<K>) => boolean): FieldTest<K> {
  return { kind, test };
}

/** A reader of the fields of a fact of kind `K`, by name (`FactReader.read`, typed). */
export type FieldOf<K extends FactKind> = <F extends keyof FactOf<K> & string>(key: F) => FactOf<K>[F];

export interface FilesAndRoots {
  files: readonly Pick<BundleFile, 'vmPath' | 'givenName' | 'kind'>[];
  roots?: readonly string[];
  /** The newest time a record of the VM's own files gives (not the collection's), ms: `newestLine` reads it. */
  newestLine?: number;
}

/** A fact the rules do not see, in the FactIndex constructor's copy of the kind codes (a store has a few dozen kinds). */
const DROPPED = 255;

/**
 * The positions of each kind's facts in `store` (by kind code, in order), less `dropped`: counted first and then filled
 * (a list per kind that grows by pushing held ~24 bytes a fact while it grew: +65 MB of peak for the 2.8 M facts of a
 * 500 MB broken agent's log); the count keeps each fact's code (DROPPED: not seen) for the fill, a byte a fact. (A
 * function of its own: a loop run once, optimized on the stack in a long constructor, ran slower.)
 */
function positionsByKind(store: FactStore, dropped: PositionSet | undefined): Uint32Array[] {
  const n = store.length;
  const codes = store.kindCodeColumn();
  const counts = new Uint32Array(store.kindCodes);
  if (dropped?.size) {
    for (let i = 0; i < n; i++) {
      if (dropped.has(i)) codes[i] = DROPPED;
      else counts[codes[i]]++;
    }
  } else for (let i = 0; i < n; i++) counts[codes[i]]++;
  const posOf: Uint32Array[] = [];
  for (let c = 0; c < counts.length; c++) posOf.push(new Uint32Array(counts[c]));
  const fill = new Uint32Array(counts.length);
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    if (c !== DROPPED) posOf[c][fill[c]++] = i;
  }
  return posOf;
}

/** Whether the facts at `pos` (in order) each have a time, at or after the one before: their positions are then their time order. */
function timedInOrder(store: FactStore, pos: Uint32Array): boolean {
  let prev = store.timeOf(pos[0]);
  if (!Number.isFinite(prev)) return false;
  for (let k = 1; k < pos.length; k++) {
    const t = store.timeOf(pos[k]);
    if (!(t >= prev)) return false;
    prev = t;
  }
  return true;
}

/** Kinds of up to this many facts are built once and kept by `FactIndex.of` (every kind of a small bundle). */
const OF_KEPT = 16_384;
/** No bundle files said: no VM path names a file. */
const NO_PATHS: ReadonlyMap<string, number> = new Map();

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
  /** Field `key` of the fact at `i` (what `get(i)[key]` reads; not `at` or `timeMs`), without building a row's fact. */
  field<F extends keyof FactOf<K> & string>(i: number, key: F): FactOf<K>[F];
  /** The file of the evidence of the fact at `i` (no evidence built for a row). */
  file(i: number): string;
  /** The line of the evidence of the fact at `i` (no evidence built for a row): with `file`, which record it is. */
  line(i: number): number;
  /** Whether the fact at `i` is a FactStore row (`FactIndex.isRow`: its evidence time is its record's). */
  isRow(i: number): boolean;
  /** Whether the evidence of the fact at `i` has a time (`at.time`; a row's has exactly when it is timed). */
  hasTime(i: number): boolean;
  /** The first position whose time is ≥ `t` (or `timed`). */
  atOrAfter(t: number): number;
  /** The first position whose time is > `t` (or `timed`). */
  after(t: number): number;
}

/** Distinct tuples a `byTuple` memo keeps (then it starts again). */
const TUPLES_KEPT = 1024;

/**
 * `fn(i)` for the fact at `i` of `facts.series(kind)`, computed once per tuple of a FactStore's rows: the rows of one
 * tuple hold the same fields (they differ in their record), so a value made of a fact's fields alone, not its time,
 * file or line, is its tuple's (a broken agent's 100,000s of failed operations are a few tuples). An object fact's, and
 * every fact's of a list, is computed each time.
 */
export function byTuple<T>(facts: FactIndex, kind: FactKind, fn: (i: number) => T): (i: number) => T {
  const inStore = facts.storePositions(kind);
  if (!inStore) return fn;
  const { store, pos } = inStore;
  const kept = new Map<number, T>();
  return (i) => {
    const tuple = store.rowTuple(pos[i]);
    if (tuple < 0) return fn(i);
    let v = kept.get(tuple);
    if (v === undefined) {
      v = fn(i);
      if (kept.size >= TUPLES_KEPT) kept.clear();
      kept.set(tuple, v);
    }
    return v;
  };
}

/** What a reader of any kind's series asks of the fact at a place: where it lies, its time, the fact when cited. */
export type FactPlaces = Pick<FactSeries<FactKind>, 'time' | 'get' | 'file' | 'line' | 'isRow'>;

abstract class SeriesBase<K extends FactKind> implements FactSeries<K> {
  private timedCount = -1;
  constructor(readonly length: number) {}
  get timed(): number {
    // counted when first asked (the subclass' fields are not set yet in this constructor)
    if (this.timedCount < 0) {
      let n = this.length;
      while (n > 0 && !Number.isFinite(this.time(n - 1))) n--;
      this.timedCount = n;
    }
    return this.timedCount;
  }
  abstract time(i: number): number;
  abstract get(i: number): FactOf<K>;
  abstract field<F extends keyof FactOf<K> & string>(i: number, key: F): FactOf<K>[F];
  abstract file(i: number): string;
  abstract line(i: number): number;
  abstract isRow(i: number): boolean;
  abstract hasTime(i: number): boolean;
  // the last answer of each search and the time it was for: rules ask in time order (a window per fetch, per failure),
  // so a search at or after the last one gallops from its answer instead of halving the whole series (the indices
  // before that answer are before the time asked, too)
  private atT = -Infinity;
  private atK = 0;
  private afterT = -Infinity;
  private afterK = 0;
  atOrAfter(t: number): number {
    const k = this.search(t, t >= this.atT ? this.atK : 0, true);
    this.atT = t;
    this.atK = k;
    return k;
  }
  after(t: number): number {
    const k = this.search(t, t >= this.afterT ? this.afterK : 0, false);
    this.afterT = t;
    this.afterK = k;
    return k;
  }
  /** The first index from `lo` (every index before it is before `t`) whose time is after `t` (`orAt`: at or after), or `timed`. */
  private search(t: number, lo: number, orAt: boolean): number {
    return gallopIndex((k) => this.time(k), t, lo, this.timed, orAt);
  }
}

class StoreSeries<K extends FactKind> extends SeriesBase<K> {
  constructor(
    private readonly store: FactStore,
    private readonly pos: Uint32Array,
  ) {
    super(pos.length);
  }
  time(i: number): number {
    return this.store.timeOf(this.pos[i]);
  }
  get(i: number): FactOf<K> {
    return this.store.get(this.pos[i]) as FactOf<K>;
  }
  field<F extends keyof FactOf<K> & string>(i: number, key: F): FactOf<K>[F] {
    return this.store.fieldOf(this.pos[i], key) as FactOf<K>[F];
  }
  file(i: number): string {
    const p = this.pos[i];
    return this.store.isRow(p) ? this.store.rowPath(p) : this.store.get(p).at.file;
  }
  line(i: number): number {
    const p = this.pos[i];
    return this.store.isRow(p) ? this.store.rowLine(p) : this.store.get(p).at.line;
  }
  isRow(i: number): boolean {
    return this.store.isRow(this.pos[i]);
  }
  hasTime(i: number): boolean {
    const p = this.pos[i];
    return this.store.isRow(p) ? Number.isFinite(this.store.timeOf(p)) : !!this.store.get(p).at.time;
  }
}

class ListSeries<K extends FactKind> extends SeriesBase<K> {
  constructor(
    private readonly list: readonly Fact[],
    private readonly t: Float64Array,
  ) {
    super(t.length);
  }
  time(i: number): number {
    return this.t[i];
  }
  get(i: number): FactOf<K> {
    return this.list[i] as FactOf<K>;
  }
  field<F extends keyof FactOf<K> & string>(i: number, key: F): FactOf<K>[F] {
    return (this.list[i] as FactOf<K>)[key];
  }
  file(i: number): string {
    return this.list[i].at.file;
  }
  line(i: number): number {
    return this.list[i].at.line;
  }
  isRow(): boolean {
    return false;
  }
  hasTime(i: number): boolean {
    return !!this.list[i].at.time;
  }
}

/**
 * Several series merged in time order: timed facts by time, equal times in the order of the series given
 * (what a stable sort of their concatenation by time gives), then the untimed in that order. Nothing is
 * copied: a window or a count is the sum of the parts' answers, and the i-th fact is found by its rank.
 */
export function byTime<A extends FactKind, B extends FactKind>(a: FactSeries<A>, b: FactSeries<B>): FactSeries<A | B>;
export function byTime<A extends FactKind, B extends FactKind, C extends FactKind>(a: FactSeries<A>, b: FactSeries<B>, c: FactSeries<C>): FactSeries<A | B | C>;
export function byTime(...parts: FactSeries<FactKind>[]): FactSeries<FactKind> {
  return new MergedSeries(parts);
}

// Window queries over a series, read by position: a reader asks where in a big kind (a heartbeat every 30 minutes, a goal
// state a minute) and builds the facts it cites only, instead of a list of the kind to scan.

/** The first position in [from, to) that `test` passes, or `to`. */
export function firstWhere(from: number, to: number, test: (i: number) => boolean): number {
  for (let i = from; i < to; i++) if (test(i)) return i;
  return to;
}

/** The last position in [from, to) that `test` passes, or -1. */
export function lastWhere(from: number, to: number, test: (i: number) => boolean): number {
  for (let i = to - 1; i >= from; i--) if (test(i)) return i;
  return -1;
}

/**
 * Whether a timed fact of `s` is after `t` (and passes `test`, given its position): what `of(kind).some((f) => f.timeMs
 * > t && …)` answers (no time is after NaN).
 */
export function anyAfter<K extends FactKind>(s: FactSeries<K>, t: number, test?: (i: number) => boolean): boolean {
  if (Number.isNaN(t)) return false;
  const from = s.after(t);
  return test ? firstWhere(from, s.timed, test) < s.timed : from < s.timed;
}

/**
 * The record the fact at `i` of a series was read from, as its file and line, without building a row's evidence: a
 * goal-state line is both a failed call and a goal-state error, one record.
 */
export function recordKey<K extends FactKind>(s: FactSeries<K>, i: number): string {
  return `${s.file(i)}\n${s.line(i)}`;
}

/** The evidence of the facts [from, to) of a series, in order. */
export function cite<K extends FactKind>(s: FactSeries<K>, from: number, to: number): Fact['at'][] {
  const out: Fact['at'][] = [];
  for (let i = from; i < to; i++) out.push(s.get(i).at);
  return out;
}

/** Set bits of a 32-bit word. */
function popcount(w: number): number {
  w -= (w >>> 1) & 0x55555555;
  w = (w & 0x33333333) + ((w >>> 2) & 0x33333333);
  return Math.imul((w + (w >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** The facts of a series whose bit is set (`select`), in its order: a bit per fact and a count per 32 of them. */
class SelectedSeries<K extends FactKind> implements FactSeries<K> {
  readonly length: number;
  readonly timed: number;
  /** Per word, the set bits before it (one more entry: the total). */
  private readonly before: Uint32Array;

  constructor(
    private readonly base: FactSeries<K>,
    private readonly bits: Uint32Array,
  ) {
    this.before = new Uint32Array(bits.length + 1);
    for (let w = 0; w < bits.length; w++) this.before[w + 1] = this.before[w] + popcount(bits[w]);
    this.length = this.before[bits.length];
    this.timed = this.rank(base.timed);
  }

  /** How many picked facts come before position `p` of the base series. */
  private rank(p: number): number {
    const w = p >>> 5;
    const b = p & 31;
    return this.before[w] + (b ? popcount(this.bits[w] & ((1 << b) - 1)) : 0);
  }

  /** The base position of the picked fact `i`. */
  private pos(i: number): number {
    // the last word with fewer than i + 1 picks before it holds pick i
    const lo = lastAtOrBefore(this.before, i, 0, this.bits.length - 1);
    let w = this.bits[lo];
    for (let k = i - this.before[lo]; k > 0; k--) w &= w - 1;
    return (lo << 5) + 31 - Math.clz32(w & -w);
  }

  time(i: number): number {
    return this.base.time(this.pos(i));
  }
  get(i: number): FactOf<K> {
    return this.base.get(this.pos(i));
  }
  field<F extends keyof FactOf<K> & string>(i: number, key: F): FactOf<K>[F] {
    return this.base.field(this.pos(i), key);
  }
  file(i: number): string {
    return this.base.file(this.pos(i));
  }
  line(i: number): number {
    return this.base.line(this.pos(i));
  }
  isRow(i: number): boolean {
    return this.base.isRow(this.pos(i));
  }
  hasTime(i: number): boolean {
    return this.base.hasTime(this.pos(i));
  }
  atOrAfter(t: number): number {
    return this.rank(this.base.atOrAfter(t));
  }
  after(t: number): number {
    return this.rank(this.base.after(t));
  }
}

/** Series merged by (time, part, position in the part), then each part's untimed facts: see `byTime`. */
class MergedSeries<K extends FactKind> implements FactSeries<K> {
  readonly length: number;
  readonly timed: number;

  constructor(private readonly parts: readonly FactSeries<K>[]) {
    this.length = parts.reduce((n, p) => n + p.length, 0);
    this.timed = parts.reduce((n, p) => n + p.timed, 0);
  }

  atOrAfter(t: number): number {
    let n = 0;
    for (const p of this.parts) n += p.atOrAfter(t);
    return n;
  }
  after(t: number): number {
    let n = 0;
    for (const p of this.parts) n += p.after(t);
    return n;
  }

  /** The merged rank of fact `j` of part `p`: the facts of earlier parts at its time or before, of later parts before it. */
  private rankOf(p: number, j: number): number {
    const t = this.parts[p].time(j);
    let r = j;
    for (let q = 0; q < this.parts.length; q++) if (q !== p) r += q < p ? this.parts[q].after(t) : this.parts[q].atOrAfter(t);
    return r;
  }

  /** The part and position of merged fact `i`. */
  private locate(i: number): [number, number] {
    if (i >= this.timed) {
      let r = i - this.timed;
      for (let p = 0; p < this.parts.length; p++) {
        const untimed = this.parts[p].length - this.parts[p].timed;
        if (r < untimed) return [p, this.parts[p].timed + r];
        r -= untimed;
      }
      return [0, this.parts[0]?.length ?? 0];
    }
    // a rank is strictly increasing in its part: exactly one fact of one part has rank i
    for (let p = 0; p < this.parts.length; p++) {
      const lo = firstIndexAtOrAfter((k) => this.rankOf(p, k), i, 0, this.parts[p].timed);
      if (lo < this.parts[p].timed && this.rankOf(p, lo) === i) return [p, lo];
    }
    return [0, this.parts[0]?.length ?? 0];
  }

  time(i: number): number {
    const [p, j] = this.locate(i);
    return this.parts[p].time(j);
  }
  get(i: number): FactOf<K> {
    const [p, j] = this.locate(i);
    return this.parts[p].get(j);
  }
  field<F extends keyof FactOf<K> & string>(i: number, key: F): FactOf<K>[F] {
    const [p, j] = this.locate(i);
    return this.parts[p].field(j, key);
  }
  file(i: number): string {
    const [p, j] = this.locate(i);
    return this.parts[p].file(j);
  }
  line(i: number): number {
    const [p, j] = this.locate(i);
    return this.parts[p].line(j);
  }
  isRow(i: number): boolean {
    const [p, j] = this.locate(i);
    return this.parts[p].isRow(j);
  }
  hasTime(i: number): boolean {
    const [p, j] = this.locate(i);
    return this.parts[p].hasTime(j);
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
