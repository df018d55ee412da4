import type { DeferredText, Evidence, Fact, FactKind, TimeZoneKnowledge } from '../../shared';
import { isoTime } from '../../shared/time';
import { BasedColumn, PagedColumn } from './column';
import type { ColumnCopies } from './batch';
import type { RecordStore } from './store';
import { MilestoneTable, type MilestoneInput } from './milestones';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A fact before the parser adds where it was read (`at`, `timeMs`). */
export type FactDraft = DistributiveOmit<Fact, 'at' | 'timeMs'>;

/**
 * The layout of a fact's fields: its kind, keys in order and how each value is kept. A value is a
 * string (an id in the store's string table), a uint32 (in the slot itself), any other number (an id in
 * the value table), or a constant that is part of the layout (booleans, a field no fact of it varies).
 */
interface Shape {
  kind: FactKind;
  keys: string[];
  /** Per key: 's' string id, 'u' uint32, 'v' value id, 'c' constant (consts[k]). */
  types: string[];
  consts: unknown[];
  /** The last tuples stored with this shape, newest first (a repeated message stores no new tuple). */
  recent: number[];
  /**
   * Per tuple of `recent`, its values as compared (`tupleIn`): a uint32's number, a string as the parser gave it, the
   * latest equal one (NOT_SAME for a templated one, never shared), so a repeat is found with no slot read. A parser that
   * keeps a repeated message's texts (an HTTP failure's) gives the same string again, which compares by reference, where
   * its interned copy compared character by character (~11 M characters per 50 MB of a broken agent's log).
   */
  recentValues: unknown[][];
  /**
   * The keys compared to find a repeat, uint32s first (a heartbeat's counter tells it from the last at once), a key a
   * compare fails on moved one place ahead each time; null: none can repeat ('v').
   */
  compared: number[] | null;
  /** The constructor of this layout's row facts (made when the first is built). */
  make?: new (row: number) => RowFact;
  /** Its kind's code (`codeOf`, looked up when its first row is kept). */
  code?: number;
  /** The key read last and its place in `keys` (`keyIndex`; '' and -1 at first). */
  lastKey: string;
  lastK: number;
}

/** The place of `key` in `shape.keys` (-1: none): a pass reads one key of each of its rows, so the last is kept. */
function keyIndex(shape: Shape, key: string): number {
  if (key === shape.lastKey) return shape.lastK;
  const k = shape.keys.indexOf(key);
  shape.lastKey = key;
  shape.lastK = k;
  return k;
}

/** Tuples per layout compared with a new fact's values (a broken agent alternates a few failure texts). */
const RECENT = 8;
/** A templated string's place in `Shape.recentValues`: equal to nothing (a repeat of one is rare, so it is not compared). */
const NOT_SAME = Symbol('not-same');
/** Layouts per kind compared with a new fact's before its layout key is built. */
const LAST_SHAPES = 4;

const OBJECT = 0x80;
/**
 * An object fact whose `ref` has this bit is row `ref & ~MILESTONE` of the milestone table (`milestoneTable`), not an index
 * in `objects`: built by `get` like a row, kept in no object list.
 */
const MILESTONE = 0x80000000;

/** How a field value is kept (Shape.types): the kind and non-string, non-number values are part of the layout. */
function typeOf(key: string, v: unknown): string {
  if (key === 'kind') return 'c';
  return typeof v === 'string' ? 's' : typeof v === 'number' ? (v >>> 0 === v ? 'u' : 'v') : 'c';
}

/** Interns strings up to this many; past it new strings are stored without a lookup (counters, ids). */
const MAX_INTERNED = 200_000;

/** A string slot with this bit is a templated string (`templ`), not an id in `strings`. */
const TEMPLATED = 0x80000000;
/**
 * A string slot with this bit (and not TEMPLATED) is a goal state's id `incarnation_<n>` kept as n (< 2³⁰, written
 * without leading zeros), not an id in `strings`: an INFO-heavy agent's log has a new incarnation every few records, so
 * each was hashed, copied and kept in `strings` and `stringIds` (~60 bytes each, 240,000 in 500 MB).
 */
const NUMBERED = 0x40000000;
const NUMBER_PREFIX = 'incarnation_';
/** Numbered texts kept for reads (`numberedText`), by n modulo this. */
const NUMBERED_KEPT = 256;
/** The slot of `s` if it is NUMBER_PREFIX and a number NUMBERED can hold, else -1. */
function numberedSlot(s: string): number {
  const len = s.length;
  // (the prefix, then 1 to 10 digits; the first and last characters of the prefix tell most strings apart at once)
  if (len < 13 || len > 22 || s.charCodeAt(11) !== 0x5f || s.charCodeAt(0) !== 0x69 || !s.startsWith(NUMBER_PREFIX)) return -1;
  if (s.charCodeAt(12) === 0x30 && len > 13) return -1;
  let n = 0;
  for (let i = 12; i < len; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n < NUMBERED ? NUMBERED + n : -1;
}
/**
 * A GUID (a correlation or activity id): no two failures share one, so it is kept as bytes in a hole of an interned template.
 * What `/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g` finds, found from the dashes.
 */
export const GUID_LEN = 36;
const isHex = (c: number): boolean => (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
/** Whether `s` holds a GUID at `p` (dashes at 8, 13, 18 and 23, hex digits elsewhere). */
export function guidAt(s: string, p: number): boolean {
  if (p < 0 || p + GUID_LEN > s.length) return false;
  for (let c = 0; c < GUID_LEN; c++) {
    const ch = s.charCodeAt(p + c);
    if (c === 8 || c === 13 || c === 18 || c === 23 ? ch !== 0x2d : !isHex(ch)) return false;
  }
  return true;
}
/**
 * The leftmost GUID of `s` at or after `from`, or -1: the regex's next match. A match at p has its first dash at p + 8,
 * so the dashes, in order, give the candidates in order (the regex tried every character, 0.2 s of a broken agent's 150 MB).
 */
export function nextGuid(s: string, from: number): number {
  for (let d = s.indexOf('-', from + 8); d >= 0; d = s.indexOf('-', d + 1)) if (guidAt(s, d - 8)) return d - 8;
  return -1;
}
/**
 * Characters that set a GUID off (`fencedGuid`): a pattern that matches no run of hex digits and dashes alone and no
 * fence character next to one cannot reach into a GUID so fenced, so where and whether it matches does not depend on
 * the GUID's digits.
 */
export const GUID_FENCE: ReadonlySet<number> = new Set([' ', '\t', '[', ']', '(', ')', ',', ';', '"', "'"].map((c) => c.charCodeAt(0)));
/** Whether the GUID at `at` in `s` has a GUID_FENCE character (or the text's start or end) on each side. */
export const fencedGuid = (s: string, at: number): boolean =>
  (at === 0 || GUID_FENCE.has(s.charCodeAt(at - 1))) && (at + GUID_LEN === s.length || GUID_FENCE.has(s.charCodeAt(at + GUID_LEN)));
/** Whether `s[from, to)` holds only hex digits and dashes (what a GUID's place may hold). */
export function hexOrDashes(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x2d && !isHex(c)) return false;
  }
  return true;
}
/**
 * The last few texts with GUIDs, each kept with a value (`keep`), and the one a new text equals but inside its GUIDs
 * (`find`): a broken agent names a fresh correlation ID in each goal-state failure, and comparing its text with a few,
 * segment by segment, costs less than searching it for GUIDs and templating or scanning it again. Where a GUID is found
 * depends only on which characters are hex digits and which dashes (`guidAt`), and whether it is fenced only on the
 * characters around it: a text found has its GUIDs where the kept one had them, and the same fences.
 * (`slice(…) ===` compares in native code: `startsWith(part, from)` cost more than the scans it saves.)
 */
export class GuidShapes<T> {
  private kept: { length: number; at: readonly number[]; parts: string[]; value: T }[] = [];
  private next = 0;

  constructor(private readonly max: number) {}

  /** Keeps `text`, whose GUIDs start at `at` (in order), with `value`: in the place of the oldest when full. */
  keep(text: string, at: readonly number[], value: T): void {
    const parts: string[] = [];
    let from = 0;
    for (const g of at) {
      parts.push(text.slice(from, g));
      from = g + GUID_LEN;
    }
    parts.push(text.slice(from));
    this.kept[this.next] = { length: text.length, at, parts, value };
    this.next = (this.next + 1) % this.max;
  }

  /**
   * The value and GUID starts of a kept text that `text` equals but inside its GUIDs, where `text` holds a GUID (and
   * `accept(value, text, at)` takes it); undefined when none does.
   */
  find(text: string, accept?: (value: T, text: string, at: readonly number[]) => boolean): { value: T; at: readonly number[] } | undefined {
    next: for (let r = 0; r < this.kept.length; r++) {
      const c = this.kept[r];
      if (c.length !== text.length) continue;
      let from = 0;
      for (let k = 0; k < c.at.length; k++) {
        const g = c.at[k];
        if (text.slice(from, g) !== c.parts[k] || !guidAt(text, g)) continue next;
        from = g + GUID_LEN;
      }
      if (text.slice(from) !== c.parts[c.at.length] || (accept && !accept(c.value, text, c.at))) continue;
      return c;
    }
    return undefined;
  }

  clear(): void {
    this.kept = [];
    this.next = 0;
  }
}
/** A GUID's 32 hex digits as bytes (its dashes are always at 8, 13, 18 and 23). */
const GUID_BYTES = 16;
/**
 * Where a template has a hole: a GUID written in lower case (or with no letters), or in upper case. A GUID that
 * mixes both stays in the template as written. Characters no log text has: a string with one is never templated.
 */
const HOLE = '\u0000';
const HOLE_UPPER = '\u0001';
const hasHole = (s: string): boolean => s.includes(HOLE) || s.includes(HOLE_UPPER);
/** A template split at its holes: [text, hole, text, hole, …, text]. */
function splitAtHoles(t: string): string[] {
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] !== HOLE && t[i] !== HOLE_UPPER) continue;
    parts.push(t.slice(from, i), t[i]);
    from = i + 1;
  }
  parts.push(t.slice(from));
  return parts;
}
/** Two hex digits per byte value, in lower and in upper case. */
const HEX_LOWER = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const HEX_UPPER = HEX_LOWER.map((h) => h.toUpperCase());
/** A hex digit's value (the character is one). */
const nibble = (c: number): number => (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x57);
/** Strings shorter than this are kept whole (a GUID alone costs less as a string than as a template). */
const MIN_TEMPLATED = 48;
/** The hole of the GUID at `at` in `s`: HOLE (lower case or no letters), HOLE_UPPER, or null when it mixes cases. */
function holeOf(s: string, at: number): string | null {
  let lower = false;
  let upper = false;
  for (let c = 0; c < GUID_LEN; c++) {
    const ch = s.charCodeAt(at + c);
    if (ch >= 0x61) lower = true;
    else if (ch >= 0x41) upper = true;
  }
  return lower && upper ? null : upper ? HOLE_UPPER : HOLE;
}
/** A template `templatedId` built from a text: its holes' characters, by GUID, and the template's id. */
interface RecentTemplate {
  holes: string[];
  id: number;
}
/** Whether the GUIDs of `s` at `at` are of the case of `t`'s holes (`GuidShapes.find`). */
const sameHoles = (t: RecentTemplate, s: string, at: readonly number[]): boolean => {
  for (let k = 0; k < at.length; k++) if (holeOf(s, at[k]) !== t.holes[k]) return false;
  return true;
};
/** Templates compared with a new text before it is searched for GUIDs (a broken agent alternates a few failure texts). */
const RECENT_TEMPLATES = 4;

const ROW = Symbol('row');

/**
 * A test of one or two string fields of a fact (`keys`; a field a fact does not have is `undefined`), whose answers a
 * FactStore keeps per distinct stored text (`FactStore.answer`): a pass over millions of rows tests each text once.
 * `fenced`: the test says of a text with GUIDs what it says of that text with each GUID replaced by one character no
 * log has (U+0000, U+0001), i.e. no match can touch a GUID (`literalAlternation`); a failure text naming a fresh
 * correlation ID is then answered by its template's answer. Otherwise such a text is put together and tested each time.
 */
export interface TextTest {
  readonly keys: readonly [string] | readonly [string, string];
  readonly fenced: boolean;
  test(a: string | undefined, b?: string | undefined): boolean;
}

const isHexOrDash = (c: number): boolean => c === 0x2d || isHex(c);
/**
 * A regex matching any of `literals` (`flags`: `i` or none) that cannot match a GUID or any part of one, nor a
 * template's hole: each literal starts and ends with a character no GUID has (a GUID is hex digits and dashes) and is
 * shorter than a GUID, so a match cannot begin or end inside one, nor hold a whole one. A TextTest of such regexes only
 * is `fenced`.
 */
export function literalAlternation(literals: readonly string[], flags: '' | 'i' = ''): RegExp {
  for (const l of literals) {
    if (l.length === 0 || l.length >= GUID_LEN || isHexOrDash(l.charCodeAt(0)) || isHexOrDash(l.charCodeAt(l.length - 1)) || hasHole(l)) {
      throw new Error(`literalAlternation: ${JSON.stringify(l)} could touch a GUID`);
    }
  }
  return new RegExp(literals.map((l) => l.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), flags);
}
/**
 * Answers kept per TextTest (~2 MB): a log whose texts are all different (no GUIDs to template, a counter in each) keeps
 * no more, the rest are tested each time.
 */
const ANSWERS_KEPT = 65_536;
/** Ids of stored strings up to this are kept in an answer's key (two to a number below 2⁵³). */
const ANSWER_ID_LIMIT = 1 << 21;

/**
 * A fact built from a row: 32 bytes (its row), every field a getter of its layout's prototype that reads
 * the columns. Consumers read facts, never spread, serialise or write them (checked: nothing in analyze/
 * does), so a row fact reads like a parser's. Kept for a whole diagnosis, millions of them cost what their
 * rows do, not ~350 bytes each. `at` is built at each read and not kept (nothing compares evidence by
 * identity): a rule that checks the file of every heartbeat leaves young garbage, not an evidence per fact.
 */
interface RowFact {
  [ROW]: number;
}

/**
 * Calls `fn(page, at, k, m)` for each page of `col` that values [start, start + n) fall in: values `k` … `k + m - 1` of
 * the source go to `page[at]` … `page[at + m - 1]` (a merge writes a page's values in a loop of its own, not a `set` each).
 */
function spans<A extends Uint8Array | Uint16Array | Uint32Array>(col: PagedColumn<A>, start: number, n: number, fn: (page: A, at: number, k: number, m: number) => void): void {
  for (let k = 0; k < n; ) {
    const i = start + k;
    const page = col.pageOf(i);
    const at = i % page.length;
    const m = Math.min(page.length - at, n - k);
    fn(page, at, k, m);
    k += m;
  }
}

/**
 * A FactStore's facts as transferable columns (`FactStore.toBatch`): what a parse worker sends for its range of a
 * big log, merged by `FactStore.addBatch` without a fact object per row. Record ids are the batch's own (0 is the
 * first record of the range); object facts are the few a parser builds with evidence of their own.
 */
export interface FactBatch {
  count: number;
  /** Per fact: its code in `kinds`, the object bit set for an object fact. */
  kind: Uint8Array;
  /** Per fact: its index in `objects`, or its tuple. */
  ref: Uint32Array;
  /** Per row: its record in the batch, and the bytes of that record's first line. */
  rec: Uint32Array;
  len: Uint16Array;
  kinds: FactKind[];
  objects: Fact[];
  shapes: { kind: FactKind; keys: string[]; types: string[]; consts: unknown[] }[];
  tupleShape: Uint32Array;
  tupleStart: Uint32Array;
  slots: Uint32Array;
  strings: string[];
  templ: Uint32Array;
  holeAt: Uint32Array;
  holeBytes: Uint8Array;
  values: unknown[];
}

/** A layout's key in `shapeIds`: its keys, how each value is kept, and the constants. */
function layoutKey(keys: readonly string[], types: readonly string[], consts: readonly unknown[]): string {
  let key = '';
  for (let j = 0; j < keys.length; j++) {
    const v = consts[j];
    key += types[j] === 'c' ? `${keys[j]}=${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)};` : `${keys[j]}:${types[j]};`;
  }
  return key;
}

/**
 * Every fact of a bundle in the order the parsers gave them. Most are few and kept as objects; the
 * facts a big log yields per record (heartbeats, goal states, HTTP failures, handler state, repeated
 * errors: millions in a broken agent's 500 MB log) are kept as rows of typed columns instead — the record
 * they were read from (its line, time, zone and offset are in the RecordStore), the bytes of its first
 * line, and a tuple of field values in a slot pool, shared with a recent fact of the same layout when
 * the values repeat. A row costs ~11 bytes (~30 with a tuple of its own) instead of ~350 as an object
 * with its evidence; `get` builds the object (same shape as the parser's) when a consumer asks for it.
 *
 * A row's time and zone are read from its record, so a clock offset applied to the record store
 * (RecordStore.applyOffset) moves the row's fact exactly as `shiftObjects` moves an object fact.
 */
export class FactStore implements Iterable<Fact> {
  private n = 0;
  /** Kind code (index into `kinds`), OBJECT bit set for an object fact. */
  private readonly kind = new PagedColumn((n) => new Uint8Array(n));
  /** Object index (object facts) or tuple id (rows). */
  private readonly ref = new PagedColumn((n) => new Uint32Array(n));
  /** Record id (rows: ascending, 2 bytes a row where a page's rows span under 65,536 records) and first-line bytes. */
  private readonly rec = new BasedColumn('uint');
  private readonly len = new PagedColumn((n) => new Uint16Array(n));
  private readonly kinds: FactKind[] = [];
  private readonly kindCode = new Map<FactKind, number>();
  /** Per kind code, 1 when a fact of it is kept as an object (`rowsInTimeOrder`). */
  private readonly objectKinds: number[] = [];
  /** The record of the last row, and whether every row's record is at or after the one before (`rowsInTimeOrder`). */
  private lastRec = 0;
  private recsAscend = true;
  /** Facts kept as objects, in order. */
  private objects: Fact[] = [];
  /** The file id each object fact was read from (-1: not said), by object index: a VM path alone is not its root. */
  private readonly objectFile: number[] = [];
  private tuples = 0;
  private readonly tupleShape = new PagedColumn((n) => new Uint32Array(n));
  private readonly tupleStart = new PagedColumn((n) => new Uint32Array(n));
  private slotCount = 0;
  private readonly slots = new PagedColumn((n) => new Uint32Array(n));
  private readonly shapes: Shape[] = [];
  private readonly shapeIds = new Map<string, number>();
  /**
   * Per kind code, the layouts of its last rows, the latest first (a kind's facts share a few: an HTTP failure with
   * its URL or without one), so a repeated layout builds no key string.
   */
  private readonly lastShapes: number[][] = [];
  private readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();
  /**
   * Templated strings (a long text with GUIDs, e.g. a goal-state failure's correlation ID): per string its
   * template's id in `strings` (a GUID replaced by a hole) and where its GUIDs' bytes start in `holeBytes`,
   * 16 a GUID. A broken agent's 500 MB log has ~500,000 such failure texts, no two equal: ~90 MB as strings,
   * 24 bytes each so (44 with the GUID's 36 characters as bytes).
   */
  private templated = 0;
  private readonly templ = new PagedColumn((n) => new Uint32Array(n));
  private readonly holeAt = new PagedColumn((n) => new Uint32Array(n));
  private holeByteCount = 0;
  private readonly holeBytes = new PagedColumn((n) => new Uint8Array(n));
  /** Per template id, its text split at the holes, each hole's character between (made when a templated string is first read). */
  private readonly templParts = new Map<number, string[]>();
  private readonly values: unknown[] = [];
  /** Per key, answers by tuple (0: none yet, 1 false, 2 true; `tupleAnswer`). */
  private readonly tupleAnswers = new Map<object, Uint8Array>();
  /** Per TextTest, its answers by its texts' ids (`answer`). */
  private readonly answers = new Map<TextTest, Map<number, boolean>>();
  /** The extension.log's snapshot milestones (`pushMilestone`): facts of kind `snapshot-milestone` kept as columns. */
  readonly milestoneTable: MilestoneTable;

  constructor(
    private readonly records: RecordStore,
    private readonly files: readonly { vmPath: string }[],
  ) {
    this.milestoneTable = new MilestoneTable(files);
  }

  get length(): number {
    return this.n;
  }

  /** Facts kept as objects, in order (what a clock inference over object facts needs). */
  get objectFacts(): readonly Fact[] {
    return this.objects;
  }

  /** An object fact; `fileId`: the bundle file it was read from (two roots may hold a file at its VM path). */
  push(f: Fact, fileId = -1): void {
    const i = this.n++;
    const code = this.codeOf(f.kind);
    this.objectKinds[code] = 1;
    this.kind.set(i, code | OBJECT);
    this.ref.set(i, this.objects.length);
    this.objects.push(f);
    this.objectFile.push(fileId);
  }

  /** A snapshot milestone read from file `fileId`, kept as a row of `milestoneTable` (in the facts' order, as an object fact). */
  pushMilestone(m: MilestoneInput, fileId: number): void {
    const i = this.n++;
    const code = this.codeOf('snapshot-milestone');
    this.objectKinds[code] = 1;
    this.kind.set(i, code | OBJECT);
    this.ref.set(i, MILESTONE | this.milestoneTable.push(m, fileId));
  }

  /** The row of `milestoneTable` fact `i` is, or -1 (another fact). */
  milestoneRowOf(i: number): number {
    const ref = this.ref.get(i);
    return this.kind.get(i) & OBJECT && ref & MILESTONE ? ref & ~MILESTONE : -1;
  }

  /** The file id of object fact `k` of `objectFacts` (-1 when its parser's caller did not say). */
  objectFileOf(k: number): number {
    return this.objectFile[k] ?? -1;
  }

  /**
   * A fact read from the first line of record `record` (its time, zone and evidence are the record's):
   * kept as a row. `firstLen` is the bytes of that line the evidence text is read from (≤ 65535).
   */
  pushAtRecord(draft: FactDraft, record: number, firstLen: number): void {
    const i = this.n++;
    const code = this.codeOf(draft.kind);
    this.kind.set(i, code);
    this.ref.set(i, this.tupleOf(draft, code));
    this.setRec(i, record);
    this.len.set(i, firstLen);
  }

  /** Row `i` read from record `record`. */
  private setRec(i: number, record: number): void {
    if (record < this.lastRec) this.recsAscend = false;
    this.lastRec = record;
    this.rec.set(i, record);
  }

  /**
   * The layout of the facts like `sample` (its kind, keys in order, each value's type and the constants), for
   * `pushRowAtRecord`: the layout `pushAtRecord` gives such a fact, so rows written either way share it.
   */
  layoutOf(sample: FactDraft): number {
    return this.shapeOf(sample, sample as unknown as Record<string, unknown>);
  }

  /** Whether a fact with `values` (by layout `sid`'s keys, in order) has that layout: each a string, a uint32 or its constant. */
  private fits(sid: number, values: readonly unknown[]): boolean {
    const shape = this.shapes[sid];
    for (let j = 0; j < shape.keys.length; j++) {
      const t = shape.types[j];
      const v = values[j];
      if (t === 's' ? typeof v !== 'string' : t === 'u' ? typeof v !== 'number' || v >>> 0 !== v : t !== 'c' || v !== shape.consts[j]) return false;
    }
    return true;
  }

  /**
   * `pushAtRecord` of a fact given as its layout (`layoutOf`) and its values by the layout's keys, in order (the kind's
   * too): a parser's catalogue entry writes its fields here, with no draft object per fact. False, and nothing kept,
   * when a value does not fit the layout (a number past 2³², kept otherwise): the caller pushes it as a draft.
   */
  pushRowAtRecord(sid: number, values: readonly unknown[], record: number, firstLen: number): boolean {
    if (!this.fits(sid, values)) return false;
    const i = this.n++;
    const shape = this.shapes[sid];
    const code = (shape.code ??= this.codeOf(shape.kind));
    this.kind.set(i, code);
    // (the kind's latest layout, so a draft of this layout after it builds no key string either)
    const last = (this.lastShapes[code] ??= []);
    if (last[0] !== sid) this.toFront(last, sid);
    this.ref.set(i, this.tupleIn(sid, values));
    this.setRec(i, record);
    this.len.set(i, firstLen);
    return true;
  }

  /**
   * The facts as transferable columns (a parse worker's, whose records are its batch's: `rec` is a batch record id).
   * Strings past MAX_INTERNED go too: every id a slot holds is in `strings`.
   */
  toBatch(to?: ColumnCopies): FactBatch {
    const n = this.n;
    const rec = to ? to.alloc(new Uint32Array(0), n) : new Uint32Array(n);
    for (let i = 0; i < n; i++) if ((this.kind.get(i) & OBJECT) === 0) rec[i] = this.rec.get(i);
    return {
      count: n,
      kind: this.kind.copyOut(n, to),
      ref: this.ref.copyOut(n, to),
      rec,
      len: this.len.copyOut(n, to),
      kinds: this.kinds,
      objects: this.objects,
      shapes: this.shapes.map(({ kind, keys, types, consts }) => ({ kind, keys, types, consts })),
      tupleShape: this.tupleShape.copyOut(this.tuples, to),
      tupleStart: this.tupleStart.copyOut(this.tuples, to),
      slots: this.slots.copyOut(this.slotCount, to),
      strings: this.strings.slice(),
      templ: this.templ.copyOut(this.templated, to),
      holeAt: this.holeAt.copyOut(this.templated, to),
      holeBytes: this.holeBytes.copyOut(this.holeByteCount, to),
      values: this.values.slice(),
    };
  }

  /**
   * `toBatch`, then the store emptied but for its layouts (a parser keeps their ids): a parse worker sends its range a
   * chunk at a time, so neither side holds a whole range's columns twice.
   */
  takeBatch(to?: ColumnCopies): FactBatch {
    const b = this.toBatch(to);
    this.n = 0;
    this.objectKinds.length = 0;
    this.lastRec = 0;
    this.recsAscend = true;
    this.objects = [];
    this.objectFile.length = 0;
    this.tuples = 0;
    this.slotCount = 0;
    this.strings.length = 0;
    this.stringIds.clear();
    this.templated = 0;
    this.holeByteCount = 0;
    this.templParts.clear();
    this.values.length = 0;
    this.recentTemplates.clear();
    for (const shape of this.shapes) {
      shape.recent.length = 0;
      shape.recentValues.length = 0;
    }
    return b;
  }

  /**
   * Appends a batch (`toBatch` of a parse worker's store) as if its facts had been pushed here one by one: its rows'
   * records are `recordBase` on (the range's records, already added to the RecordStore), its object facts' evidence
   * moves by `lineBase` lines and `offsetBase` bytes (into file coordinates), and `fileId` is the file they were read
   * from. Its strings, layouts and tuples are mapped once each, the rows copied a column at a time.
   */
  addBatch(b: FactBatch, fileId: number, recordBase: number, lineBase = 0, offsetBase = 0): void {
    const kindMap = b.kinds.map((k) => this.codeOf(k));
    const stringMap = new Uint32Array(b.strings.length);
    for (let k = 0; k < b.strings.length; k++) stringMap[k] = this.internOwn(b.strings[k]);
    const templBase = this.templated;
    const holeBase = this.holeByteCount;
    spans(this.templ, templBase, b.templ.length, (page, at, k, m) => {
      for (let j = 0; j < m; j++) page[at + j] = stringMap[b.templ[k + j]];
    });
    spans(this.holeAt, templBase, b.templ.length, (page, at, k, m) => {
      for (let j = 0; j < m; j++) page[at + j] = b.holeAt[k + j] + holeBase;
    });
    this.templated += b.templ.length;
    this.holeBytes.copyIn(holeBase, b.holeBytes);
    this.holeByteCount += b.holeBytes.length;
    const valueBase = this.values.length;
    for (const v of b.values) this.values.push(v);
    const shapeMap = b.shapes.map(({ kind, keys, types, consts }) => {
      const key = layoutKey(keys, types, consts);
      return this.shapeIds.get(key) ?? this.newShape(key, kind, keys, types, consts);
    });
    const tupleBase = this.tuples;
    this.mergeTuples(b, shapeMap, stringMap, templBase, valueBase);
    const objectBase = this.objects.length;
    // (a record's facts share their evidence object: moved once)
    const moved = lineBase || offsetBase ? new Set<object>() : null;
    for (const f of b.objects) {
      if (moved && !moved.has(f.at)) {
        moved.add(f.at);
        f.at.line += lineBase;
        if (f.at.textAt) f.at.textAt.offset += offsetBase;
      }
      this.objects.push(f);
      this.objectFile.push(fileId);
    }
    this.mergeRows(b, kindMap, objectBase, tupleBase, recordBase);
  }

  // (addBatch's loops, each a method of its own: a merge runs once or twice in a process, and a loop optimized on the
  // stack (OSR) in one long function fell back to the interpreter at each later part it had no feedback for yet)

  /**
   * A batch's tuples and their slots appended, its string, templated string and value ids mapped to this store's: the
   * slots mapped in a scratch array (a layout's string and value keys only), then each column written a page at a time.
   */
  private mergeTuples(b: FactBatch, shapeMap: readonly number[], stringMap: Uint32Array, templBase: number, valueBase: number): void {
    const tupleBase = this.tuples;
    const slotBase = this.slotCount;
    const count = b.tupleShape.length;
    spans(this.tupleShape, tupleBase, count, (page, at, k, m) => {
      for (let j = 0; j < m; j++) page[at + j] = shapeMap[b.tupleShape[k + j]];
    });
    spans(this.tupleStart, tupleBase, count, (page, at, k, m) => {
      for (let j = 0; j < m; j++) page[at + j] = b.tupleStart[k + j] + slotBase;
    });
    // per layout of the batch, how each slot is mapped: 0 as it is, 1 a string, 2 a value (null: none mapped)
    const maps = shapeMap.map((sid) => {
      const types = this.shapes[sid].types;
      return types.some((t) => t === 's' || t === 'v') ? Uint8Array.from(types, (t) => (t === 's' ? 1 : t === 'v' ? 2 : 0)) : null;
    });
    const slotCount = b.slots.length;
    if (this.mergeSlots.length < slotCount) this.mergeSlots = new Uint32Array(slotCount);
    const out = this.mergeSlots;
    out.set(b.slots);
    for (let t = 0; t < count; t++) {
      const map = maps[b.tupleShape[t]];
      if (map === null) continue;
      const start = b.tupleStart[t];
      for (let j = 0; j < map.length; j++) {
        const how = map[j];
        if (how === 0) continue;
        const v = out[start + j];
        out[start + j] = how === 2 ? v + valueBase : v >= TEMPLATED ? v + templBase : v >= NUMBERED ? v : stringMap[v];
      }
    }
    this.slots.copyIn(slotBase, out.subarray(0, slotCount));
    this.tuples += count;
    this.slotCount += slotCount;
  }
  /** addBatch's slots, mapped before they are written (`mergeTuples`): one array reused, not one a chunk. */
  private mergeSlots = new Uint32Array(0);

  /** A batch's facts appended: kinds mapped, object indexes and tuples moved past this store's, rows' records by `recordBase`. */
  private mergeRows(b: FactBatch, kindMap: readonly number[], objectBase: number, tupleBase: number, recordBase: number): void {
    const base = this.n;
    const n = b.count;
    let objects = false;
    for (let k = 0; k < n && !objects; k++) objects = (b.kind[k] & OBJECT) !== 0;
    if (!objects && n) {
      // rows only (a waagent.log range's): each column a page at a time
      spans(this.kind, base, n, (page, at, k, m) => {
        for (let j = 0; j < m; j++) page[at + j] = kindMap[b.kind[k + j]];
      });
      spans(this.ref, base, n, (page, at, k, m) => {
        for (let j = 0; j < m; j++) page[at + j] = b.ref[k + j] + tupleBase;
      });
      let last = this.lastRec;
      let ascend = this.recsAscend;
      for (let k = 0; k < n; k++) {
        const r = b.rec[k] + recordBase;
        if (r < last) ascend = false;
        last = r;
      }
      this.lastRec = last;
      this.recsAscend = ascend;
      this.rec.setRange(base, b.rec, n, recordBase);
      this.len.copyIn(base, b.len.subarray(0, n));
      this.n += n;
      return;
    }
    for (let k = 0; k < n; k++) {
      const code = b.kind[k];
      const i = base + k;
      if (code & OBJECT) {
        this.objectKinds[kindMap[code & ~OBJECT]] = 1;
        this.kind.set(i, kindMap[code & ~OBJECT] | OBJECT);
        this.ref.set(i, b.ref[k] + objectBase);
      } else {
        this.kind.set(i, kindMap[code]);
        this.ref.set(i, b.ref[k] + tupleBase);
        this.setRec(i, b.rec[k] + recordBase);
        this.len.set(i, b.len[k]);
      }
    }
    this.n += n;
  }

  /** Takes back the last fact, an object fact (a split log's range ended on a start its next range completes). */
  popObject(): Fact | undefined {
    if (this.n === 0 || !(this.kind.get(this.n - 1) & OBJECT) || this.milestoneRowOf(this.n - 1) >= 0) return undefined;
    this.n--;
    this.objectFile.pop();
    return this.objects.pop();
  }

  /** Replaces every object fact by `fn(f, k)` (`k`: its place in `objectFacts`; a clock shift); rows follow their records. */
  mapObjects(fn: (f: Fact, k: number) => Fact): void {
    this.objects = this.objects.map(fn);
  }

  kindOf(i: number): FactKind {
    return this.kinds[this.kind.get(i) & ~OBJECT];
  }

  /** The kind of fact `i` as a small number (`kindOfCode` names it): a pass over millions of facts looks up no strings. */
  kindCodeOf(i: number): number {
    return this.kind.get(i) & ~OBJECT;
  }
  /**
   * Calls `fn(i, code)` for each fact `i` whose kind code `wanted` marks (`wanted[code] !== 0`), in order: the kind column
   * read a page at a time.
   */
  eachOfCodes(wanted: Uint8Array, fn: (i: number, code: number) => void): void {
    this.kind.eachPage(this.n, (page, base, m) => {
      for (let k = 0; k < m; k++) {
        const c = page[k] & ~OBJECT;
        if (wanted[c] !== 0) fn(base + k, c);
      }
    });
  }

  /**
   * Calls `fn(i, mark, tuple)` for each fact `i` whose kind code `wanted` marks (`mark`: `wanted[code]`, not 0), in order,
   * with its tuple (`rowTuple`: what its answers are kept by), -1 for an object fact: the kind and ref columns read a
   * page at a time (a pass that asks a test of each row reads its kept answer, no lookup a row).
   */
  eachTupleOfCodes(wanted: Uint8Array, fn: (i: number, mark: number, tuple: number) => void): void {
    this.kind.eachPage(this.n, (page, base, m) => {
      const refs = this.ref.pageOf(base);
      for (let k = 0; k < m; k++) {
        const v = page[k];
        const mark = wanted[v & ~OBJECT];
        if (mark !== 0) fn(base + k, mark, v & OBJECT ? -1 : refs[k]);
      }
    });
  }

  /**
   * Calls `row(record, fileId, line)` with the record rows were read from (their evidence is its first line), once for a
   * run of rows of one record, and `object(f)` for each object fact, in order: the kind column read a page at a time.
   */
  eachEvidence(row: (record: number, fileId: number, line: number) => void, object: (f: Fact) => void, milestone?: (file: string, line: number) => void): void {
    let last = -1;
    this.kind.eachPage(this.n, (page, base, m) => {
      for (let k = 0; k < m; k++) {
        if (page[k] & OBJECT) {
          const ref = this.ref.get(base + k);
          if (!(ref & MILESTONE)) object(this.objects[ref]);
          else {
            // a row of the milestone table: its file and line (`milestone`), or its fact
            const r = ref & ~MILESTONE;
            if (milestone) milestone(this.milestoneTable.pathOf(this.milestoneTable.fileOf(r)), this.milestoneTable.lineOf(r));
            else object(this.milestoneTable.fact(r));
          }
          continue;
        }
        const r = this.rec.get(base + k);
        if (r === last) continue;
        last = r;
        row(r, this.records.fileOf(r), this.records.lineOf(r));
      }
    });
  }

  /** Every fact's kind code (`kindCodeOf`), in one array. */
  kindCodeColumn(): Uint8Array {
    const out = new Uint8Array(this.n);
    this.kind.eachPage(this.n, (page, base, m) => {
      for (let k = 0; k < m; k++) out[base + k] = page[k] & ~OBJECT;
    });
    return out;
  }
  kindOfCode(code: number): FactKind {
    return this.kinds[code];
  }
  /** How many kind codes there are (codes are 0 … kindCodes - 1). */
  get kindCodes(): number {
    return this.kinds.length;
  }

  /**
   * Whether facts of kind `code` at positions `first` … `last` (a kind's facts, in order, or some of them) come in time
   * order with a time each, told without reading them: true when the kind has only rows, rows' records ascend and the
   * records' times from the first's to the last's are in order (RecordStore.timesInOrder). False says nothing.
   */
  rowsInTimeOrder(code: number, first: number, last: number): boolean {
    return this.recsAscend && this.objectKinds[code] !== 1 && this.records.timesInOrder(this.rec.get(first), this.rec.get(last));
  }

  isRow(i: number): boolean {
    return (this.kind.get(i) & OBJECT) === 0;
  }

  timeOf(i: number): number {
    if (this.isRow(i)) return this.records.timeOf(this.rec.get(i));
    const ref = this.ref.get(i);
    return ref & MILESTONE ? this.milestoneTable.timeOf(ref & ~MILESTONE) : this.objects[ref].timeMs;
  }

  /** The row a fact built by `get` reads, or -1 for an object fact (a parser's own, or another store's). */
  rowOf(f: Fact): number {
    const r = (f as unknown as Partial<RowFact>)[ROW];
    return r === undefined ? -1 : r;
  }

  /** The file path and zone of a row's evidence, without building it (what `evidenceOf` gives). */
  rowPath(i: number): string {
    return this.files[this.records.fileOf(this.rec.get(i))].vmPath;
  }
  rowZone(i: number): TimeZoneKnowledge {
    const m = this.milestoneRowOf(i);
    if (m >= 0) return this.milestoneTable.zoneOf(m);
    const r = this.rec.get(i);
    return Number.isFinite(this.records.timeOf(r)) ? this.records.zoneOf(r) : 'none';
  }

  /** The time of the first timed record after line `line` of file `path` (NaN when none): RecordStore.nextTimeAfterLine. */
  nextTimeAfter(path: string, line: number): number {
    const id = this.files.findIndex((f) => f.vmPath === path);
    return id < 0 ? NaN : this.records.nextTimeAfterLine(id, line);
  }

  /** The record a row was read from (its evidence is that record's first line). */
  rowRecord(i: number): number {
    return this.rec.get(i);
  }

  /** File id and line of the evidence of a row (without building it). */
  rowFile(i: number): number {
    return this.records.fileOf(this.rec.get(i));
  }
  rowLine(i: number): number {
    return this.records.lineOf(this.rec.get(i));
  }

  /**
   * Fact `i`: the object, or a new object built from the row (same keys and order as the parser's; its
   * `at` is built on first read, so a pass over millions of rows makes no evidence it does not cite).
   */
  get(i: number): Fact {
    const code = this.kind.get(i);
    if (code & OBJECT) {
      const ref = this.ref.get(i);
      return ref & MILESTONE ? this.milestoneTable.fact(ref & ~MILESTONE) : this.objects[ref];
    }
    const shape = this.shapes[this.tupleShape.get(this.ref.get(i))];
    return new (shape.make ??= this.rowClass(shape))(i) as unknown as Fact;
  }

  /**
   * Field `key` of fact `i` as `get(i)[key]` reads it (a parser's field: not `at` or `timeMs`), without building a
   * row's fact: a pass over a broken agent's hundreds of thousands of rows reads a field or two of each.
   */
  fieldOf(i: number, key: string): unknown {
    // (the row's tuple read once, its slot found here: readers call this for every row of a big kind)
    const ref = this.ref.get(i);
    if (this.kind.get(i) & OBJECT) return ref & MILESTONE ? this.milestoneTable.field(ref & ~MILESTONE, key) : (this.objects[ref] as unknown as Record<string, unknown>)[key];
    const shape = this.shapes[this.tupleShape.get(ref)];
    const k = keyIndex(shape, key);
    return k < 0 ? undefined : this.tupleField(ref, shape, k);
  }

  /**
   * The answer of `t` to fact `i`'s strings at `t.keys`, kept per distinct text (pair of texts); `undefined` when it
   * is not kept: fact `i` is an object, or a field is not a string of its layout (a constant), or a text with GUIDs
   * for a test not `fenced`, or a goal state's numbered id — test the fact itself then.
   */
  answer(i: number, t: TextTest): boolean | undefined {
    if (this.kind.get(i) & OBJECT) return undefined;
    const tuple = this.ref.get(i);
    const shape = this.shapes[this.tupleShape.get(tuple)];
    const start = this.tupleStart.get(tuple);
    const keys = t.keys;
    let key = 0;
    for (let n = 0; n < keys.length; n++) {
      const k = keyIndex(shape, keys[n]);
      // (0: the fact has no such field; else the text's id + 1)
      let id = 0;
      if (k >= 0) {
        if (shape.types[k] !== 's') return undefined;
        let slot = this.slots.get(start + k);
        if (slot >= TEMPLATED) {
          if (!t.fenced) return undefined;
          slot = this.templ.get(slot - TEMPLATED);
        }
        if (slot + 1 >= ANSWER_ID_LIMIT) return undefined;
        id = slot + 1;
      }
      key = key * ANSWER_ID_LIMIT + id;
    }
    let kept = t === this.lastTest ? this.lastAnswers! : this.answers.get(t);
    if (!kept) this.answers.set(t, (kept = new Map()));
    this.lastTest = t;
    this.lastAnswers = kept;
    let a = kept.get(key);
    if (a === undefined) {
      // the texts again from their ids (a template's with its holes)
      const idB = key % ANSWER_ID_LIMIT;
      const idA = keys.length === 2 ? (key - idB) / ANSWER_ID_LIMIT : idB;
      const textA = idA === 0 ? undefined : this.strings[idA - 1];
      a = keys.length === 2 ? t.test(textA, idB === 0 ? undefined : this.strings[idB - 1]) : t.test(textA);
      if (kept.size < ANSWERS_KEPT) kept.set(key, a);
    }
    return a;
  }

  /**
   * The answer kept under `key` for row `i`'s tuple (`keepTupleAnswer`), or `undefined`: none yet, or fact `i` is an
   * object. The rows of a tuple have the same fields (they differ in their record: time and evidence), so a test that
   * reads neither answers them all alike: a repeated message is tested once.
   */
  tupleAnswer(i: number, key: object): boolean | undefined {
    if (this.kind.get(i) & OBJECT) return undefined;
    const kept = key === this.lastKey ? this.lastKept : this.tupleAnswers.get(key);
    const tuple = this.ref.get(i);
    const a = kept !== undefined && tuple < kept.length ? kept[tuple] : 0;
    return a === 0 ? undefined : a === 2;
  }
  /** Keeps `a` under `key` for row `i`'s tuple (nothing for an object fact). */
  keepTupleAnswer(i: number, key: object, a: boolean): void {
    if (this.kind.get(i) & OBJECT) return;
    this.tupleAnswersOf(key)[this.ref.get(i)] = a ? 2 : 1;
  }
  /**
   * The answers kept under `key`, by tuple (`rowTuple`): 0 none yet, 1 false, 2 true; a pass that asks several keys of
   * each row reads and keeps them here itself. Valid while the store gets no new tuple.
   */
  tupleAnswersOf(key: object): Uint8Array {
    let kept = key === this.lastKey ? this.lastKept : this.tupleAnswers.get(key);
    if (kept === undefined || kept.length < this.tuples) {
      const grown = new Uint8Array(this.tuples);
      if (kept) grown.set(kept);
      this.tupleAnswers.set(key, (kept = grown));
    }
    this.lastKey = key;
    this.lastKept = kept;
    return kept;
  }
  /** The tuple of row `i` (what its answers are kept by: `tupleAnswersOf`), -1 for an object fact. */
  rowTuple(i: number): number {
    return this.kind.get(i) & OBJECT ? -1 : this.ref.get(i);
  }
  // the key asked last and its answers (a pass asks one key of each of its rows: no map lookup a row)
  private lastKey: object | undefined;
  private lastKept: Uint8Array | undefined;
  // (`answer`'s, likewise)
  private lastTest: TextTest | undefined;
  private lastAnswers: Map<number, boolean> | undefined;

  /** Value of key `k` of row `row` (a row fact's getter). */
  private field(row: number, shape: Shape, k: number): unknown {
    return this.tupleField(this.ref.get(row), shape, k);
  }

  /** Field `k` of the tuple `ref` (a row's `ref`), whose shape is `shape`. */
  private tupleField(ref: number, shape: Shape, k: number): unknown {
    const t = shape.types[k];
    if (t === 'c') return shape.consts[k];
    const v = this.slots.get(this.tupleStart.get(ref) + k);
    return t === 'u' ? v : t === 's' ? this.stringOf(v) : this.values[v];
  }

  /** The string of a string slot (a templated one is put together from its template and GUID bytes). */
  private stringOf(slot: number): string {
    if (slot < NUMBERED) return this.strings[slot];
    if (slot < TEMPLATED) return this.numberedText(slot - NUMBERED);
    const t = slot - TEMPLATED;
    const tid = this.templ.get(t);
    let parts = this.templParts.get(tid);
    if (!parts) this.templParts.set(tid, (parts = splitAtHoles(this.strings[tid])));
    let at = this.holeAt.get(t);
    let out = parts[0];
    for (let h = 1; h < parts.length; h += 2) {
      const hex = parts[h] === HOLE ? HEX_LOWER : HEX_UPPER;
      let guid = '';
      for (let b = 0; b < GUID_BYTES; b++) {
        if (b === 4 || b === 6 || b === 8 || b === 10) guid += '-';
        guid += hex[this.holeBytes.get(at++)];
      }
      out += guid + parts[h + 1];
    }
    return out;
  }

  /**
   * `incarnation_<n>`, the text of the last reads kept (a pass reads a goal state's id for each of its facts and its
   * handlers' target states, ~100,000 reads per 50 MB of an INFO-heavy log): one string, not one per read.
   */
  private numberedText(n: number): string {
    const k = n & (NUMBERED_KEPT - 1);
    if (this.numberedN[k] !== n) {
      this.numberedN[k] = n;
      this.numberedS[k] = NUMBER_PREFIX + n;
    }
    return this.numberedS[k];
  }
  private readonly numberedN = new Int32Array(NUMBERED_KEPT).fill(-1);
  private readonly numberedS: string[] = new Array<string>(NUMBERED_KEPT).fill('');

  private rowClass(shape: Shape): new (row: number) => RowFact {
    const make = class {
      [ROW]: number;
      constructor(row: number) {
        this[ROW] = row;
      }
    };
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the getters below are called on row facts
    const store = this;
    const props: PropertyDescriptorMap = {};
    shape.keys.forEach((key, k) => {
      props[key] = {
        enumerable: true,
        get(this: RowFact) {
          return store.field(this[ROW], shape, k);
        },
      };
    });
    props.at = {
      enumerable: true,
      get(this: RowFact) {
        return store.evidenceOf(this[ROW]);
      },
    };
    props.timeMs = {
      enumerable: true,
      get(this: RowFact) {
        return store.timeOf(this[ROW]);
      },
    };
    Object.defineProperties(make.prototype, props);
    return make;
  }

  /** The evidence of row `i`: its record's first line, the text left in the file (`textAt`). */
  evidenceOf(i: number): Evidence {
    const m = this.milestoneRowOf(i);
    if (m >= 0) return this.milestoneTable.fact(m).at;
    const r = this.rec.get(i);
    const timeMs = this.records.timeOf(r);
    const fileId = this.records.fileOf(r);
    const textAt: DeferredText = { fileId, offset: this.records.offsetOf(r), length: this.len.get(i) };
    return {
      file: this.files[fileId].vmPath,
      line: this.records.lineOf(r),
      time: Number.isFinite(timeMs) ? isoTime(timeMs) : null,
      zone: Number.isFinite(timeMs) ? this.records.zoneOf(r) : 'none',
      text: '',
      textAt,
    };
  }

  *[Symbol.iterator](): Iterator<Fact> {
    for (let i = 0; i < this.n; i++) yield this.get(i);
  }

  private codeOf(kind: FactKind): number {
    let c = this.kindCode.get(kind);
    if (c === undefined) {
      c = this.kinds.length;
      this.kinds.push(kind);
      this.kindCode.set(kind, c);
    }
    return c;
  }

  /** The id of `s` as stored (a template, or a string kept whole by a batch's store): no templating. */
  private internOwn(s: string): number {
    const id = this.stringIds.get(s);
    if (id !== undefined) return id;
    this.strings.push(s);
    if (this.stringIds.size < MAX_INTERNED) this.stringIds.set(s, this.strings.length - 1);
    return this.strings.length - 1;
  }

  private stringId(s: string): number {
    const numbered = numberedSlot(s);
    if (numbered >= 0) return numbered;
    // a string with a GUID is templated before it is looked up: it is never kept whole (unless every GUID in it mixes
    // cases), so the lookup, which hashes all of a new failure text, could only miss
    if (s.length >= MIN_TEMPLATED) {
      const same = this.sameTemplate(s);
      if (same >= 0) return same;
      if (!hasHole(s) && nextGuid(s, 0) >= 0) {
        const t = this.templatedId(s);
        if (t >= 0) return t;
      }
    }
    const id = this.stringIds.get(s);
    if (id !== undefined) return id;
    // a copy that owns its characters: a regex capture keeps the whole decoded line alive in V8
    const own = s.length >= 13 ? Buffer.from(s, 'utf8').toString('utf8') : s;
    this.strings.push(own);
    if (this.stringIds.size < MAX_INTERNED) this.stringIds.set(own, this.strings.length - 1);
    return this.strings.length - 1;
  }

  /**
   * A string with GUIDs as a template (interned: the failures of one kind share a few) and the GUIDs' bytes;
   * -1 when every GUID in it mixes lower and upper case (kept as written: there is then nothing to template).
   */
  private templatedId(s: string): number {
    const bytesAt = this.holeByteCount;
    let template = '';
    let from = 0;
    const at: number[] = [];
    const holes: string[] = [];
    for (let g = nextGuid(s, 0); g >= 0; g = nextGuid(s, g + GUID_LEN)) {
      const hole = holeOf(s, g);
      // (a GUID in mixed case stays in the template as written: its bytes would not say which letters were capitals)
      if (hole === null) continue;
      template += s.slice(from, g) + hole;
      at.push(g);
      holes.push(hole);
      this.writeGuid(s, g);
      from = g + GUID_LEN;
    }
    if (this.holeByteCount === bytesAt) return -1;
    const t = this.templated++;
    this.holeAt.set(t, bytesAt);
    const text = template + s.slice(from);
    const id = this.stringId(text);
    this.templ.set(t, id);
    // (only an interned template: a text past MAX_INTERNED is stored anew each time, as `stringId` does)
    if (this.stringIds.get(text) === id) this.recentTemplates.keep(s, at, { holes, id });
    return TEMPLATED + t;
  }

  /** A GUID's 32 hex digits to `holeBytes`, two a byte, the dashes skipped. */
  private writeGuid(s: string, at: number): void {
    for (let c = 0; c < GUID_LEN; c += 2) {
      if (c === 8 || c === 13 || c === 18 || c === 23) c++;
      this.holeBytes.set(this.holeByteCount++, (nibble(s.charCodeAt(at + c)) << 4) | nibble(s.charCodeAt(at + c + 1)));
    }
  }

  /**
   * `templatedId(s)` where `s` is a recent template's text with other GUIDs of the same case in its holes, else -1: the
   * template is not built and hashed again for each failure that names a fresh correlation ID (`GuidShapes`).
   */
  private sameTemplate(s: string): number {
    const same = this.recentTemplates.find(s, sameHoles);
    if (same === undefined) return -1;
    const t = this.templated++;
    this.holeAt.set(t, this.holeByteCount);
    for (let k = 0; k < same.at.length; k++) this.writeGuid(s, same.at[k]);
    this.templ.set(t, same.value.id);
    return TEMPLATED + t;
  }
  /** The last templates `templatedId` built (`sameTemplate`). */
  private readonly recentTemplates = new GuidShapes<RecentTemplate>(RECENT_TEMPLATES);

  /** The layout of `fields` if it is that of the kind's last fact (one a row in a big log: no key string built). */
  private sameShape(sid: number, fields: Record<string, unknown>): boolean {
    const shape = this.shapes[sid];
    let j = 0;
    for (const k in fields) {
      if (k !== shape.keys[j]) return false;
      const v = fields[k];
      const t = typeOf(k, v);
      if (t !== shape.types[j]) return false;
      // (a constant that is an object is compared by its JSON in the key: leave it to the key)
      if (t === 'c' && (v !== shape.consts[j] || (typeof v === 'object' && v !== null))) return false;
      j++;
    }
    return j === shape.keys.length;
  }

  private tupleOf(draft: FactDraft, code: number): number {
    const fields = draft as unknown as Record<string, unknown>;
    const last = (this.lastShapes[code] ??= []);
    let r = 0;
    while (r < last.length && !this.sameShape(last[r], fields)) r++;
    const sid = r < last.length ? last[r] : this.shapeOf(draft, fields);
    // (to the front, or in first: a miss of an empty list is r = 0 too)
    if (r !== 0 || last.length === 0) this.toFront(last, sid, r);
    // the values in key order (one keyed read a field; the tuple compares and writes read them by place)
    const keys = this.shapes[sid].keys;
    const values = this.draftValues;
    values.length = keys.length;
    for (let j = 0; j < keys.length; j++) values[j] = fields[keys[j]];
    return this.tupleIn(sid, values);
  }

  /** Moves layout `sid` (at `r` in `last`, or not in it when `r` is -1 or past its end) to the front, in place. */
  private toFront(last: number[], sid: number, r = last.indexOf(sid)): void {
    if (r < 0) r = last.length;
    if (r === last.length && last.length < LAST_SHAPES) last.push(sid);
    for (let q = Math.min(r, last.length - 1); q > 0; q--) last[q] = last[q - 1];
    last[0] = sid;
  }

  private shapeOf(draft: FactDraft, fields: Record<string, unknown>): number {
    // the layout key: keys, how each value is kept, and the constants
    let key = '';
    for (const k in fields) {
      const v = fields[k];
      const t = typeOf(k, v);
      key += t === 'c' ? `${k}=${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)};` : `${k}:${t};`;
    }
    let sid = this.shapeIds.get(key);
    if (sid === undefined) {
      const keys = Object.keys(fields);
      const types = keys.map((k) => typeOf(k, fields[k]));
      sid = this.newShape(key, draft.kind, keys, types, keys.map((k, j) => (types[j] === 'c' ? fields[k] : undefined)));
    }
    return sid;
  }

  private newShape(key: string, kind: FactKind, keys: string[], types: string[], consts: unknown[]): number {
    const sid = this.shapes.length;
    const compared = types.includes('v') ? null : [...types.keys()].filter((j) => types[j] === 'u').concat([...types.keys()].filter((j) => types[j] === 's'));
    this.shapes.push({ kind, keys, types, consts, recent: [], recentValues: [], compared, lastKey: '', lastK: -1 });
    this.shapeIds.set(key, sid);
    return sid;
  }

  /** A draft's values in key order (reused: `tupleIn` keeps none of it). */
  private readonly draftValues: unknown[] = [];

  /**
   * `stringId(s)` for field `j` of a new tuple: the string a recent tuple of the layout holds there when it is `s` (a new
   * tuple differs from the recent ones in a field or two: a heartbeat's counter, not its version), so the string is
   * compared with a few, not hashed and looked up.
   */
  private recentString(shape: Shape, j: number, s: string): number {
    const values = shape.recentValues;
    for (let r = 0; r < values.length; r++) if (values[r][j] === s) return this.slots.get(this.tupleStart.get(shape.recent[r]) + j);
    return this.stringId(s);
  }

  private tupleIn(sid: number, values: readonly unknown[]): number {
    const shape = this.shapes[sid];
    // the same values as a recent tuple of this layout (a repeated message): share it, before any string is interned
    const recent = shape.recent;
    const recentValues = shape.recentValues;
    const compared = shape.compared;
    if (compared !== null) {
      next: for (let r = 0; r < recent.length; r++) {
        const kept = recentValues[r];
        for (let c = 0; c < compared.length; c++) {
          const k = compared[c];
          if (kept[k] === values[k]) continue;
          // (a key that tells tuples apart moves ahead: a target state's goal-state id, not its handler's name)
          if (c > 0) {
            compared[c] = compared[c - 1];
            compared[c - 1] = k;
          }
          continue next;
        }
        for (let c = 0; c < compared.length; c++) kept[compared[c]] = values[compared[c]];
        // (moved to the front in place: no arrays made per repeated fact)
        const tuple = recent[r];
        for (let q = r; q > 0; q--) {
          recent[q] = recent[q - 1];
          recentValues[q] = recentValues[q - 1];
        }
        recent[0] = tuple;
        recentValues[0] = kept;
        return tuple;
      }
    }
    // the slots written where they go (stringId stores no slots, so none are interleaved)
    const start = this.slotCount;
    const keys = shape.keys;
    this.slotCount += keys.length;
    // (the values array of the tuple that leaves the recent ones is refilled)
    const kept = recent.length < RECENT ? new Array<unknown>(keys.length) : recentValues[recent.length - 1];
    for (let j = 0; j < keys.length; j++) {
      const t = shape.types[j];
      const v = values[j];
      let slot = 0;
      if (t === 'u') slot = v as number;
      else if (t === 's') slot = this.recentString(shape, j, v as string);
      else if (t !== 'c') {
        this.values.push(v);
        slot = this.values.length - 1;
      }
      this.slots.set(start + j, slot);
      kept[j] = t === 'u' || (t === 's' && slot < TEMPLATED) ? v : t === 's' ? NOT_SAME : undefined;
    }
    const tuple = this.tuples++;
    this.tupleShape.set(tuple, sid);
    this.tupleStart.set(tuple, start);
    if (recent.length < RECENT) {
      recent.push(0);
      recentValues.push(kept);
    }
    for (let q = recent.length - 1; q > 0; q--) {
      recent[q] = recent[q - 1];
      recentValues[q] = recentValues[q - 1];
    }
    recent[0] = tuple;
    recentValues[0] = kept;
    return tuple;
  }
}
