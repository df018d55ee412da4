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
  private readonly sources = new Interner();
  private readonly threads = new Interner();
  private readonly exts = new Interner();

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
    c.zone[i] = ZONE_CODES.indexOf(r.zone);
    c.level[i] = LEVEL_CODES.indexOf(r.level);
    c.source[i] = this.sources.id(r.source);
    c.thread[i] = this.threads.id(r.thread);
    c.ext[i] = this.exts.id(r.extension);
  }

  finish(): RecordBatch {
    const n = this.n;
    const c = this.c;
    return {
      count: n,
      line: c.line.slice(0, n),
      lineCount: c.lineCount.slice(0, n),
      offset: c.offset.slice(0, n),
      length: c.length.slice(0, n),
      time: c.time.slice(0, n),
      zone: c.zone.slice(0, n),
      level: c.level.slice(0, n),
      source: c.source.slice(0, n),
      thread: c.thread.slice(0, n),
      ext: c.ext.slice(0, n),
      strings: { sources: this.sources.values, threads: this.threads.values, exts: this.exts.values },
    };
  }
}

/** The ArrayBuffers of a batch, for postMessage transfer lists. */
export function batchTransferables(b: RecordBatch): ArrayBuffer[] {
  return [b.line, b.lineCount, b.offset, b.length, b.time, b.zone, b.level, b.source, b.thread, b.ext].map((a) => a.buffer as ArrayBuffer);
}
