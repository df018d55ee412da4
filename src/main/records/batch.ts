import { MessageChannel } from 'node:worker_threads';
import type { LogLevel, TimeZoneKnowledge } from '../../shared';

/** What a parser hands over for one record: positions and columns, never the text itself. */
export interface RecordInput {
  /** 1-based line of the first physical line. */
  line: number;
  lineCount: number;
  /** Byte offset of the record in the file, and its byte length (all its lines). */
  offset: number;
  length: number;
  /** Epoch ms (see TimeZoneKnowledge for `local`); NaN when the record has no time. */
  timeMs: number;
  zone: TimeZoneKnowledge;
  level: LogLevel;
  source: string;
  thread?: string;
  extension?: string;
}

export const LEVEL_CODES: LogLevel[] = ['verbose', 'info', 'warning', 'error', 'unknown'];
export const ZONE_CODES: TimeZoneKnowledge[] = ['utc', 'local', 'local-inferred', 'none'];

/** `LEVEL_CODES.indexOf(level)`, by a switch: a store codes the level of every record of a log. */
export function levelCode(level: LogLevel): number {
  switch (level) {
    case 'verbose':
      return 0;
    case 'info':
      return 1;
    case 'warning':
      return 2;
    case 'error':
      return 3;
    case 'unknown':
      return 4;
    default:
      return -1;
  }
}

/** `ZONE_CODES.indexOf(zone)`, by a switch. */
export function zoneCode(zone: TimeZoneKnowledge): number {
  switch (zone) {
    case 'utc':
      return 0;
    case 'local':
      return 1;
    case 'local-inferred':
      return 2;
    case 'none':
      return 3;
    default:
      return -1;
  }
}

/** Records of one file (or file range) as transferable columns, built in a parse worker. */
export interface RecordBatch {
  count: number;
  line: Uint32Array;
  lineCount: Uint32Array;
  offset: Float64Array;
  length: Uint32Array;
  time: Float64Array;
  zone: Uint8Array;
  level: Uint8Array;
  source: Uint16Array;
  thread: Uint16Array;
  ext: Uint16Array;
  /** String tables for source/thread/ext ids (index 0 = none). */
  strings: { sources: string[]; threads: string[]; exts: string[] };
}

/** Interns strings to small ids (0 = none); shared by the batch builder and the store. */
export class Interner {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [''];
  /** Consecutive records mostly share their source/thread: the last answer is kept. */
  private last: string | undefined;
  private lastId = 0;
  id(s: string | undefined): number {
    if (!s) return 0;
    if (s === this.last) return this.lastId;
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(s);
      this.ids.set(s, id);
    }
    this.last = s;
    this.lastId = id;
    return id;
  }
}

/** Accumulates RecordInput into columns; `finish()` trims them for transfer. */
export class RecordBatchBuilder {
  private n = 0;
  private cap: number;
  private c: ReturnType<typeof RecordBatchBuilder.alloc>;
  private sources = new Interner();
  private threads = new Interner();
  private exts = new Interner();

  /** `capacity`: the records expected; a small file's builder need not start with 4,096 rows (it grows as needed). */
  constructor(capacity = 4096) {
    this.cap = Math.max(16, Math.ceil(capacity));
    this.c = RecordBatchBuilder.alloc(this.cap);
  }

  private static alloc(cap: number) {
    return {
      line: new Uint32Array(cap),
      lineCount: new Uint32Array(cap),
      offset: new Float64Array(cap),
      length: new Uint32Array(cap),
      time: new Float64Array(cap),
      zone: new Uint8Array(cap),
      level: new Uint8Array(cap),
      source: new Uint16Array(cap),
      thread: new Uint16Array(cap),
      ext: new Uint16Array(cap),
    };
  }

  /** Empties the builder, keeping its arrays (a parse worker's next chunk): after `finish` copied them out. */
  reset(): void {
    this.n = 0;
    this.sources = new Interner();
    this.threads = new Interner();
    this.exts = new Interner();
  }

  /** Records added so far (the next one's index in the batch). */
  get count(): number {
    return this.n;
  }

  add(r: RecordInput): void {
    if (this.n === this.cap) {
      const next = RecordBatchBuilder.alloc(this.cap * 2);
      for (const k of Object.keys(next) as (keyof typeof next)[]) (next[k] as Uint32Array).set(this.c[k] as Uint32Array);
      this.c = next;
      this.cap *= 2;
    }
    const i = this.n++;
    const c = this.c;
    c.line[i] = r.line;
    c.lineCount[i] = r.lineCount;
    c.offset[i] = r.offset;
    c.length[i] = Math.min(r.length, 0xffffffff);
    c.time[i] = r.timeMs;
    c.zone[i] = zoneCode(r.zone);
    c.level[i] = levelCode(r.level);
    c.source[i] = this.sources.id(r.source);
    c.thread[i] = this.threads.id(r.thread);
    c.ext[i] = this.exts.id(r.extension);
  }

  /** The records added as a batch over the builder's own columns, not copied (read before the next `reset`). */
  view(): RecordBatch {
    return { count: this.n, ...this.c, strings: { sources: this.sources.values, threads: this.threads.values, exts: this.exts.values } };
  }

  /** The columns trimmed to the records added (`to`: where their copies go; default arrays of their own). */
  finish(to: ColumnCopies = ownCopies): RecordBatch {
    const n = this.n;
    const c = this.c;
    return {
      count: n,
      line: to.copy(c.line, n),
      lineCount: to.copy(c.lineCount, n),
      offset: to.copy(c.offset, n),
      length: to.copy(c.length, n),
      time: to.copy(c.time, n),
      zone: to.copy(c.zone, n),
      level: to.copy(c.level, n),
      source: to.copy(c.source, n),
      thread: to.copy(c.thread, n),
      ext: to.copy(c.ext, n),
      strings: { sources: this.sources.values, threads: this.threads.values, exts: this.exts.values },
    };
  }
}

type Typed = Uint8Array | Uint16Array | Uint32Array | Float64Array;

/** Where a batch's columns are copied to (`RecordBatchBuilder.finish`, `FactStore.toBatch`). */
export interface ColumnCopies {
  /** A new array of `n` values of the type of `like`. */
  alloc<A extends Typed>(like: A, n: number): A;
  /** The first `n` values of `a` in a new array of its type. */
  copy<A extends Typed>(a: A, n: number): A;
}
const ownCopies: ColumnCopies = {
  alloc: (like, n) => new (like.constructor as new (n: number) => typeof like)(n),
  copy: (a, n) => a.slice(0, n) as typeof a,
};

/**
 * Copies into buffers of their own, PACK_BYTES each (virtual: only the pages written to are resident), handed over
 * whole: a parse worker's chunk of columns, transferred to the main thread and freed there at once after its merge
 * (`freeBuffers`). A buffer that size is always a mapping of its own (glibc maps any allocation over 32 MB), so its
 * memory goes back to the system when freed; a smaller one is freed into the worker thread's malloc arena, which the
 * main thread never reuses: tens of MB of a big log's chunks stayed resident after their merge (docs/PERFORMANCE.md,
 * session 20).
 */
export class PackedColumns implements ColumnCopies {
  static readonly PACK_BYTES = 33 * 1024 * 1024;
  /** The buffers written so far, the last one being filled. */
  readonly buffers: ArrayBuffer[] = [];
  private used = 0;

  alloc<A extends Typed>(like: A, n: number): A {
    const bytes = n * like.BYTES_PER_ELEMENT;
    // (8-byte aligned: a Float64Array view needs it)
    let at = (this.used + 7) & ~7;
    let buf = this.buffers[this.buffers.length - 1];
    if (!buf || at + bytes > buf.byteLength) {
      buf = new ArrayBuffer(Math.max(PackedColumns.PACK_BYTES, bytes));
      this.buffers.push(buf);
      at = 0;
    }
    this.used = at + bytes;
    return new (like.constructor as new (b: ArrayBuffer, at: number, n: number) => A)(buf, at, n);
  }

  copy<A extends Typed>(a: A, n: number): A {
    const out = this.alloc(a, n);
    out.set(a.subarray(0, n) as never);
    return out;
  }
}

/**
 * Frees `buffers` now, not when the garbage collector comes to them (chunks wait for their merge long enough to be
 * old, and a major collection may come late): transferred to a closed port, they are detached and dropped at once.
 */
export function freeBuffers(buffers: readonly ArrayBuffer[]): void {
  if (!buffers.length) return;
  const { port1 } = new MessageChannel();
  port1.close();
  port1.postMessage(null, buffers as ArrayBuffer[]);
}

/** The ArrayBuffers of a batch, for postMessage transfer lists. */
export function batchTransferables(b: RecordBatch): ArrayBuffer[] {
  return [b.line, b.lineCount, b.offset, b.length, b.time, b.zone, b.level, b.source, b.thread, b.ext].map((a) => a.buffer as ArrayBuffer);
}
