import type { LogLevel, LogPage, LogQuery, LogRecord, TimeZoneKnowledge } from '../../shared';
import type { FileContent } from '../ingest/content';
import { Interner, LEVEL_CODES, ZONE_CODES, type RecordBatch } from './batch';

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

const LEVELS = LEVEL_CODES;
const ZONES = ZONE_CODES;

function grow<T extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(a: T, n: number): T {
  const C = a.constructor as new (n: number) => T;
  const b = new C(n);
  b.set(a);
  return b;
}

/**
 * Columnar store of every log record of a bundle: typed arrays of positions, times and codes;
 * the text is read lazily from the file when a record is shown. A million records cost ~40 MB.
 */
export class RecordStore {
  private n = 0;
  private cap = 1024;
  private fileId = new Uint32Array(this.cap);
  private line = new Uint32Array(this.cap);
  private lineCount = new Uint32Array(this.cap);
  private offset = new Float64Array(this.cap);
  private length = new Uint32Array(this.cap);
  private time = new Float64Array(this.cap);
  private zone = new Uint8Array(this.cap);
  private level = new Uint8Array(this.cap);
  private source = new Uint16Array(this.cap);
  private thread = new Uint16Array(this.cap);
  private ext = new Uint16Array(this.cap);
  private readonly sources = new Interner();
  private readonly threads = new Interner();
  private readonly exts = new Interner();
  /**
   * Each file's records as runs of consecutive ids, flattened [start, end) pairs: parsers add a file's
   * records together, so a file has one run (or one per parsed range). Per-file work (a clock shift,
   * the single-file view) then costs that file's records, not a scan of the whole store per file.
   */
  private readonly runs = new Map<number, number[]>();
  private lastRun: number[] | null = null;
  private lastRunFile = -1;
  private sortedIndex: Uint32Array | null = null;
  private lastQuery: { key: string; ids: Uint32Array } | null = null;

  constructor(
    private readonly files: { vmPath: string; content: FileContent }[],
  ) {}

  get count(): number {
    return this.n;
  }

  add(fileId: number, r: RecordInput): number {
    if (this.n === this.cap) this.resize(this.cap * 2);
    const i = this.n++;
    this.fileId[i] = fileId;
    this.line[i] = r.line;
    this.lineCount[i] = r.lineCount;
    this.offset[i] = r.offset;
    this.length[i] = Math.min(r.length, 0xffffffff);
    this.time[i] = r.timeMs;
    this.zone[i] = ZONES.indexOf(r.zone);
    this.level[i] = LEVELS.indexOf(r.level);
    this.source[i] = this.sources.id(r.source);
    this.thread[i] = this.threads.id(r.thread);
    this.ext[i] = this.exts.id(r.extension);
    this.noteRun(fileId, i, i + 1);
    this.sortedIndex = null;
    this.lastQuery = null;
    return i;
  }

  /**
   * Appends a batch parsed elsewhere (a parse worker), shifting its lines and offsets by the
   * position of the range it covered and remapping its string ids.
   */
  addBatch(fileId: number, b: RecordBatch, lineBase = 0, offsetBase = 0): void {
    const need = this.n + b.count;
    if (need > this.cap) this.resize(Math.max(need, this.cap * 2));
    const srcMap = b.strings.sources.map((s) => this.sources.id(s));
    const thrMap = b.strings.threads.map((s) => this.threads.id(s));
    const extMap = b.strings.exts.map((s) => this.exts.id(s));
    if (b.count) this.noteRun(fileId, this.n, this.n + b.count);
    for (let k = 0; k < b.count; k++) {
      const i = this.n++;
      this.fileId[i] = fileId;
      this.line[i] = b.line[k] + lineBase;
      this.lineCount[i] = b.lineCount[k];
      this.offset[i] = b.offset[k] + offsetBase;
      this.length[i] = b.length[k];
      this.time[i] = b.time[k];
      this.zone[i] = b.zone[k];
      this.level[i] = b.level[k];
      this.source[i] = srcMap[b.source[k]];
      this.thread[i] = thrMap[b.thread[k]];
      this.ext[i] = extMap[b.ext[k]];
    }
    this.sortedIndex = null;
    this.lastQuery = null;
  }

  /** Records [start, end) belong to `fileId`: extends the file's last run when they follow it. */
  private noteRun(fileId: number, start: number, end: number) {
    let r = fileId === this.lastRunFile ? this.lastRun! : this.runs.get(fileId);
    if (!r) this.runs.set(fileId, (r = []));
    this.lastRun = r;
    this.lastRunFile = fileId;
    if (r.length && r[r.length - 1] === start) r[r.length - 1] = end;
    else r.push(start, end);
  }

  private resize(cap: number) {
    this.cap = cap;
    this.fileId = grow(this.fileId, cap);
    this.line = grow(this.line, cap);
    this.lineCount = grow(this.lineCount, cap);
    this.offset = grow(this.offset, cap);
    this.length = grow(this.length, cap);
    this.time = grow(this.time, cap);
    this.zone = grow(this.zone, cap);
    this.level = grow(this.level, cap);
    this.source = grow(this.source, cap);
    this.thread = grow(this.thread, cap);
    this.ext = grow(this.ext, cap);
  }

  /** Shift the times of `local` records of one file by an inferred offset (local − UTC, minutes). */
  applyOffset(fileId: number, offsetMinutes: number): void {
    const localZone = ZONES.indexOf('local');
    const inferred = ZONES.indexOf('local-inferred');
    const runs = this.runs.get(fileId) ?? [];
    for (let k = 0; k < runs.length; k += 2) {
      for (let i = runs[k]; i < runs[k + 1]; i++) {
        if (this.zone[i] === localZone && Number.isFinite(this.time[i])) {
          this.time[i] -= offsetMinutes * 60_000;
          this.zone[i] = inferred;
        }
      }
    }
    this.sortedIndex = null;
    this.lastQuery = null;
  }

  timeOf(i: number): number {
    return this.time[i];
  }
  levelOf(i: number): LogLevel {
    return LEVELS[this.level[i]];
  }
  fileOf(i: number): number {
    return this.fileId[i];
  }
  lineOf(i: number): number {
    return this.line[i];
  }
  zoneOf(i: number): TimeZoneKnowledge {
    return ZONES[this.zone[i]];
  }

  /** Distinct sources and extensions (for filter menus). */
  facets(): { sources: string[]; extensions: string[] } {
    return { sources: this.sources.values.slice(1), extensions: this.exts.values.slice(1) };
  }

  /** Records merged by time; records without a time keep their place after the previous record of their file. */
  private merged(): Uint32Array {
    if (this.sortedIndex) return this.sortedIndex;
    const n = this.n;
    const key = new Float64Array(n);
    const lastByFile = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const t = this.time[i];
      const f = this.fileId[i];
      if (Number.isFinite(t)) {
        key[i] = t;
        lastByFile.set(f, t);
      } else key[i] = lastByFile.get(f) ?? -8.64e15;
    }
    const idx = new Uint32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    // stable sort by (time, file, line) — typed array sort with comparator
    idx.sort((a, b) => key[a] - key[b] || this.fileId[a] - this.fileId[b] || this.line[a] - this.line[b]);
    this.sortedIndex = idx;
    return idx;
  }

  /** Ids matching a query (cached for the last query, so paging is cheap). */
  async select(q: Omit<LogQuery, 'offset' | 'limit'>, signal?: AbortSignal): Promise<{ ids: Uint32Array; error?: string }> {
    const key = JSON.stringify({ ...q });
    if (this.lastQuery?.key === key) return { ids: this.lastQuery.ids };
    const fileSet = q.fileIds && q.fileIds.length ? new Set(q.fileIds) : null;
    const levelSet = q.levels && q.levels.length ? new Set(q.levels.map((l) => LEVELS.indexOf(l))) : null;
    const srcSet = q.sources && q.sources.length ? new Set(q.sources.map((s) => this.sources.values.indexOf(s))) : null;
    const extSet = q.extensions && q.extensions.length ? new Set(q.extensions.map((s) => this.exts.values.indexOf(s))) : null;
    const from = q.from ? Date.parse(q.from) : -Infinity;
    const to = q.to ? Date.parse(q.to) : Infinity;
    let matcher: ((s: string) => boolean) | null = null;
    if (q.text) {
      if (q.regex) {
        try {
          const re = new RegExp(q.text, 'i');
          matcher = (s) => re.test(s);
        } catch (e) {
          return { ids: new Uint32Array(0), error: `invalid regular expression: ${(e as Error).message}` };
        }
      } else {
        const needle = q.text.toLowerCase();
        matcher = (s) => s.toLowerCase().includes(needle);
      }
    }
    const order = fileSet && fileSet.size === 1 ? this.fileOrder([...fileSet][0]) : this.merged();
    const out: number[] = [];
    const candidates: number[] = [];
    for (let k = 0; k < order.length; k++) {
      const i = order[k];
      if (fileSet && !fileSet.has(this.fileId[i])) continue;
      if (levelSet && !levelSet.has(this.level[i])) continue;
      if (srcSet && !srcSet.has(this.source[i])) continue;
      if (extSet && !extSet.has(this.ext[i])) continue;
      const t = this.time[i];
      if ((q.from || q.to) && (!Number.isFinite(t) || t < from || t > to)) continue;
      if (matcher) candidates.push(i);
      else out.push(i);
    }
    if (matcher) {
      const hits = await this.matchText(candidates, matcher, signal);
      for (const i of candidates) if (hits.has(i)) out.push(i);
    }
    const ids = Uint32Array.from(out);
    this.lastQuery = { key, ids };
    return { ids };
  }

  private fileOrder(fileId: number): Uint32Array {
    const runs = this.runs.get(fileId) ?? [];
    let size = 0;
    for (let k = 0; k < runs.length; k += 2) size += runs[k + 1] - runs[k];
    const out = new Uint32Array(size);
    let j = 0;
    for (let k = 0; k < runs.length; k += 2) for (let i = runs[k]; i < runs[k + 1]; i++) out[j++] = i;
    return out;
  }

  private async matchText(ids: number[], match: (s: string) => boolean, signal?: AbortSignal): Promise<Set<number>> {
    const byFile = new Map<number, number[]>();
    for (const i of ids) {
      const f = this.fileId[i];
      let list = byFile.get(f);
      if (!list) byFile.set(f, (list = []));
      list.push(i);
    }
    const hits = new Set<number>();
    for (const [f, list] of byFile) {
      list.sort((a, b) => this.offset[a] - this.offset[b]);
      const texts = await this.readTexts(f, list, signal);
      list.forEach((i, k) => {
        if (match(texts[k])) hits.add(i);
      });
    }
    return hits;
  }

  /** Reads the texts of records of one file (sorted by offset) in spans, not one read per record. */
  private async readTexts(fileId: number, ids: number[], signal?: AbortSignal): Promise<string[]> {
    const content = this.files[fileId].content;
    const out: string[] = new Array(ids.length);
    const SPAN = 4 << 20;
    const MAX_TEXT = 256 * 1024;
    let k = 0;
    while (k < ids.length) {
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      const start = this.offset[ids[k]];
      let end = k;
      while (end + 1 < ids.length && this.offset[ids[end + 1]] + Math.min(this.length[ids[end + 1]], MAX_TEXT) - start <= SPAN) end++;
      const last = ids[end];
      const buf = await content.read(start, this.offset[last] + Math.min(this.length[last], MAX_TEXT) - start);
      for (let j = k; j <= end; j++) {
        const i = ids[j];
        const rel = this.offset[i] - start;
        out[j] = buf.toString('utf8', rel, rel + Math.min(this.length[i], MAX_TEXT));
      }
      k = end + 1;
    }
    return out;
  }

  async page(q: LogQuery, signal?: AbortSignal): Promise<LogPage> {
    const { ids, error } = await this.select(q, signal);
    const slice = Array.from(ids.subarray(q.offset, q.offset + Math.max(0, Math.min(q.limit, 5000))));
    return { total: ids.length, offset: q.offset, records: await this.materialize(slice), ...(error ? { error } : {}) };
  }

  /** Position of (file, line) in the filtered view, or null. */
  async locate(q: Omit<LogQuery, 'offset' | 'limit'>, fileId: number, line: number): Promise<number | null> {
    const { ids } = await this.select(q);
    let best: number | null = null;
    for (let k = 0; k < ids.length; k++) {
      const i = ids[k];
      if (this.fileId[i] !== fileId) continue;
      if (this.line[i] <= line && line < this.line[i] + Math.max(1, this.lineCount[i])) return k;
      if (this.line[i] <= line) best = k;
    }
    return best;
  }

  async materialize(ids: number[]): Promise<LogRecord[]> {
    const byFile = new Map<number, number[]>();
    ids.forEach((i) => {
      const f = this.fileId[i];
      let l = byFile.get(f);
      if (!l) byFile.set(f, (l = []));
      l.push(i);
    });
    const text = new Map<number, string>();
    for (const [f, list] of byFile) {
      const sorted = [...list].sort((a, b) => this.offset[a] - this.offset[b]);
      const texts = await this.readTexts(f, sorted);
      sorted.forEach((i, k) => text.set(i, texts[k]));
    }
    return ids.map((i) => this.toRecord(i, text.get(i) ?? ''));
  }

  private toRecord(i: number, text: string): LogRecord {
    const t = this.time[i];
    const zone = ZONES[this.zone[i]];
    return {
      id: i,
      fileId: this.fileId[i],
      file: this.files[this.fileId[i]].vmPath,
      line: this.line[i],
      lineCount: this.lineCount[i],
      time: Number.isFinite(t) ? new Date(t).toISOString() : null,
      zone: Number.isFinite(t) ? zone : 'none',
      level: LEVELS[this.level[i]],
      source: this.sources.values[this.source[i]],
      ...(this.thread[i] ? { thread: this.threads.values[this.thread[i]] } : {}),
      ...(this.ext[i] ? { extension: this.exts.values[this.ext[i]] } : {}),
      text: text.replace(/\r?\n$/, ''),
    };
  }
}
