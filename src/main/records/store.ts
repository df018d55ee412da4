import type { LogLevel, LogPage, LogQuery, LogRecord, TimeZoneKnowledge } from '../../shared';
import type { FileContent } from '../ingest/content';
import { Interner, LEVEL_CODES, ZONE_CODES, type RecordBatch, type RecordInput } from './batch';
import { PagedColumn } from './column';
import { compileText, scanFile, type TextMatcher } from './text-filter';

export type { RecordInput } from './batch';

const LEVELS = LEVEL_CODES;
const ZONES = ZONE_CODES;
/** Query answers kept (each up to 4 bytes a record). */
const KEPT_ANSWERS = 3;

/**
 * Columnar store of every log record of a bundle: typed arrays of positions, times and codes;
 * the text is read lazily from the file when a record is shown. A million records cost ~43 MB, in
 * pages that a growing store never copies (column.ts).
 */
export class RecordStore {
  private n = 0;
  private readonly fileId = new PagedColumn((n) => new Uint32Array(n));
  private readonly line = new PagedColumn((n) => new Uint32Array(n));
  private readonly lineCount = new PagedColumn((n) => new Uint32Array(n));
  private readonly offset = new PagedColumn((n) => new Float64Array(n));
  private readonly length = new PagedColumn((n) => new Uint32Array(n));
  private readonly time = new PagedColumn((n) => new Float64Array(n));
  private readonly zone = new PagedColumn((n) => new Uint8Array(n));
  private readonly level = new PagedColumn((n) => new Uint8Array(n));
  private readonly source = new PagedColumn((n) => new Uint16Array(n));
  private readonly thread = new PagedColumn((n) => new Uint16Array(n));
  private readonly ext = new PagedColumn((n) => new Uint16Array(n));
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
  /** Answers of recent queries (a Map in use order), and the text scans running. */
  private readonly answers = new Map<string, Promise<{ ids: Uint32Array; error?: string }>>();
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly files: { vmPath: string; content: FileContent }[],
  ) {}

  get count(): number {
    return this.n;
  }

  add(fileId: number, r: RecordInput): number {
    const i = this.n++;
    this.fileId.set(i, fileId);
    this.line.set(i, r.line);
    this.lineCount.set(i, r.lineCount);
    this.offset.set(i, r.offset);
    this.length.set(i, Math.min(r.length, 0xffffffff));
    this.time.set(i, r.timeMs);
    this.zone.set(i, ZONES.indexOf(r.zone));
    this.level.set(i, LEVELS.indexOf(r.level));
    this.source.set(i, this.sources.id(r.source));
    this.thread.set(i, this.threads.id(r.thread));
    this.ext.set(i, this.exts.id(r.extension));
    this.noteRun(fileId, i, i + 1);
    this.sortedIndex = null;
    if (this.answers.size) this.answers.clear();
    return i;
  }

  /**
   * Appends a batch parsed elsewhere (a parse worker), shifting its lines and offsets by the
   * position of the range it covered and remapping its string ids.
   */
  addBatch(fileId: number, b: RecordBatch, lineBase = 0, offsetBase = 0): void {
    const srcMap = b.strings.sources.map((s) => this.sources.id(s));
    const thrMap = b.strings.threads.map((s) => this.threads.id(s));
    const extMap = b.strings.exts.map((s) => this.exts.id(s));
    if (b.count) this.noteRun(fileId, this.n, this.n + b.count);
    for (let k = 0; k < b.count; k++) {
      const i = this.n++;
      this.fileId.set(i, fileId);
      this.line.set(i, b.line[k] + lineBase);
      this.lineCount.set(i, b.lineCount[k]);
      this.offset.set(i, b.offset[k] + offsetBase);
      this.length.set(i, b.length[k]);
      this.time.set(i, b.time[k]);
      this.zone.set(i, b.zone[k]);
      this.level.set(i, b.level[k]);
      this.source.set(i, srcMap[b.source[k]]);
      this.thread.set(i, thrMap[b.thread[k]]);
      this.ext.set(i, extMap[b.ext[k]]);
    }
    this.sortedIndex = null;
    if (this.answers.size) this.answers.clear();
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

  /** Shift the times of `local` records of one file by an inferred offset (local − UTC, minutes). */
  applyOffset(fileId: number, offsetMinutes: number): void {
    const localZone = ZONES.indexOf('local');
    const inferred = ZONES.indexOf('local-inferred');
    const runs = this.runs.get(fileId) ?? [];
    for (let k = 0; k < runs.length; k += 2) {
      for (let i = runs[k]; i < runs[k + 1]; i++) {
        if (this.zone.get(i) === localZone && Number.isFinite(this.time.get(i))) {
          this.time.set(i, this.time.get(i) - offsetMinutes * 60_000);
          this.zone.set(i, inferred);
        }
      }
    }
    this.sortedIndex = null;
    if (this.answers.size) this.answers.clear();
  }

  timeOf(i: number): number {
    return this.time.get(i);
  }
  levelOf(i: number): LogLevel {
    return LEVELS[this.level.get(i)];
  }
  fileOf(i: number): number {
    return this.fileId.get(i);
  }
  lineOf(i: number): number {
    return this.line.get(i);
  }
  zoneOf(i: number): TimeZoneKnowledge {
    return ZONES[this.zone.get(i)];
  }
  offsetOf(i: number): number {
    return this.offset.get(i);
  }
  sourceOf(i: number): string {
    return this.sources.values[this.source.get(i)];
  }
  lineCountOf(i: number): number {
    return this.lineCount.get(i);
  }

  /** The first line (at most `max` characters) of each record, in the order given; read in spans per file. */
  async firstLines(ids: readonly number[], max = 1000, signal?: AbortSignal): Promise<string[]> {
    const out: string[] = new Array(ids.length).fill('');
    const byFile = new Map<number, number[]>();
    ids.forEach((i, k) => {
      const f = this.fileId.get(i);
      let l = byFile.get(f);
      if (!l) byFile.set(f, (l = []));
      l.push(k);
    });
    for (const [f, ks] of byFile) {
      ks.sort((a, b) => this.offset.get(ids[a]) - this.offset.get(ids[b]));
      const texts = await this.readTexts(f, ks.map((k) => ids[k]), signal);
      ks.forEach((k, j) => {
        const t = texts[j];
        const nl = t.indexOf('\n');
        const line = (nl >= 0 ? t.slice(0, nl) : t).replace(/\r$/, '');
        out[k] = line.length > max ? line.slice(0, max) : line;
      });
    }
    return out;
  }

  /** Distinct sources and extensions (for filter menus). */
  facets(): { sources: string[]; extensions: string[] } {
    return { sources: this.sources.values.slice(1), extensions: this.exts.values.slice(1) };
  }

  /**
   * Records merged by time; records without a time, or a time a little earlier within the same second as the
   * previous record of their file, keep their place after it; equal times go by file, then line. Each file's records are already in order but for where its
   * clock steps back (a local-time head, a rotated log appended), so the file is cut into its ascending
   * runs and the runs are merged (k-way, a heap of run heads): a comparator sort of every record took 3–5×
   * the CPU (docs/PERFORMANCE.md).
   */
  private merged(): Uint32Array {
    if (this.sortedIndex) return this.sortedIndex;
    const n = this.n;
    const key = new Float64Array(n);
    // each file's ids in id order, cut into ascending runs of (key, line): bounds holds [start, end) pairs of seq
    const seq = new Uint32Array(n);
    const bounds: number[] = [];
    let j = 0;
    for (const runs of this.runs.values()) {
      let last = -8.64e15;
      let runStart = j;
      for (let r = 0; r < runs.length; r += 2) {
        for (let i = runs[r]; i < runs[r + 1]; i++) {
          const t = this.time.get(i);
          // a step back within the same second is a coarser clock (a local-time line has whole seconds), not
          // an earlier event: the record keeps its place in the file (issue 21 point 6)
          if (Number.isFinite(t) && !(t < last && Math.floor(t / 1000) === Math.floor(last / 1000))) last = t;
          key[i] = last;
          if (j > runStart) {
            const p = seq[j - 1];
            if (last < key[p] || (last === key[p] && this.line.get(i) < this.line.get(p))) {
              bounds.push(runStart, j);
              runStart = j;
            }
          }
          seq[j++] = i;
        }
      }
      if (j > runStart) bounds.push(runStart, j);
    }
    const before = (a: number, b: number) => {
      if (key[a] !== key[b]) return key[a] < key[b];
      const fa = this.fileId.get(a);
      const fb = this.fileId.get(b);
      if (fa !== fb) return fa < fb;
      const la = this.line.get(a);
      const lb = this.line.get(b);
      return la !== lb ? la < lb : a < b;
    };
    this.sortedIndex = mergeRuns(seq, bounds, before);
    return this.sortedIndex;
  }

  /**
   * Ids matching a query. The last few answers are kept (the view's query and find's alternate while F3
   * walks the hits), and a query asked again while it runs waits for that run instead of starting another.
   */
  select(q: Omit<LogQuery, 'offset' | 'limit'>): Promise<{ ids: Uint32Array; error?: string }> {
    const key = JSON.stringify({ ...q });
    const known = this.answers.get(key);
    if (known) {
      // most recently used last
      this.answers.delete(key);
      this.answers.set(key, known);
      return known;
    }
    const ctrl = new AbortController();
    const p = this.compute(q, ctrl.signal);
    this.answers.set(key, p);
    this.running.set(key, ctrl);
    // Typing starts a text scan per pause: one that two newer ones overtook is no longer asked for.
    if (this.running.size > 2) {
      const [oldKey, old] = this.running.entries().next().value!;
      old.abort(new Error('superseded by a newer filter'));
      this.running.delete(oldKey);
    }
    p.then(
      () => this.running.delete(key),
      () => {
        this.running.delete(key);
        if (this.answers.get(key) === p) this.answers.delete(key);
      },
    );
    while (this.answers.size > KEPT_ANSWERS) this.answers.delete(this.answers.keys().next().value!);
    return p;
  }

  private async compute(q: Omit<LogQuery, 'offset' | 'limit'>, signal: AbortSignal): Promise<{ ids: Uint32Array; error?: string }> {
    const fileSet = q.fileIds && q.fileIds.length ? new Set(q.fileIds) : null;
    const levelSet = q.levels && q.levels.length ? new Set(q.levels.map((l) => LEVELS.indexOf(l))) : null;
    const srcSet = q.sources && q.sources.length ? new Set(q.sources.map((s) => this.sources.values.indexOf(s))) : null;
    const extSet = q.extensions && q.extensions.length ? new Set(q.extensions.map((s) => this.exts.values.indexOf(s))) : null;
    const from = q.from ? Date.parse(q.from) : -Infinity;
    const to = q.to ? Date.parse(q.to) : Infinity;
    let text: TextMatcher | null = null;
    if (q.text) {
      const c = compileText(q.text, !!q.regex);
      if ('error' in c) return { ids: new Uint32Array(0), error: c.error };
      text = c;
    }
    const order = fileSet && fileSet.size === 1 ? this.fileOrder([...fileSet][0]) : this.merged();
    // with a text: 1 = passes the other filters (a candidate), 2 = its text matches too
    const mark = text ? new Uint8Array(this.n) : null;
    const out = new Uint32Array(order.length);
    let count = 0;
    const filtered = fileSet || levelSet || srcSet || extSet || q.from || q.to;
    // no filter but the text: every record is a candidate (one pass over 2.7 M records less)
    if (mark && !filtered) mark.fill(1);
    else for (let k = 0; k < order.length; k++) {
      const i = order[k];
      if (fileSet && !fileSet.has(this.fileId.get(i))) continue;
      if (levelSet && !levelSet.has(this.level.get(i))) continue;
      if (srcSet && !srcSet.has(this.source.get(i))) continue;
      if (extSet && !extSet.has(this.ext.get(i))) continue;
      const t = this.time.get(i);
      if ((q.from || q.to) && (!Number.isFinite(t) || t < from || t > to)) continue;
      if (mark) mark[i] = 1;
      else out[count++] = i;
    }
    if (text && mark) {
      await this.matchText(text, mark, signal);
      for (let k = 0; k < order.length; k++) if (mark[order[k]] === 2) out[count++] = order[k];
    }
    return { ids: out.slice(0, count) };
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

  /** Sets mark 1 → 2 for the candidates whose text matches, file by file in offset order (text-filter.ts). */
  private async matchText(m: TextMatcher, mark: Uint8Array, signal: AbortSignal): Promise<void> {
    const cols = { offsetOf: (i: number) => this.offset.get(i), lengthOf: (i: number) => this.length.get(i) };
    for (const [f, runs] of this.runs) {
      let size = 0;
      for (let k = 0; k < runs.length; k += 2) for (let i = runs[k]; i < runs[k + 1]; i++) size += mark[i] & 1;
      if (size === 0) continue;
      const ids = new Uint32Array(size);
      let j = 0;
      for (let k = 0; k < runs.length; k += 2) for (let i = runs[k]; i < runs[k + 1]; i++) if (mark[i] === 1) ids[j++] = i;
      // a file's records are added in file order; the sort is a safeguard
      if (!(await scanFile(m, this.files[f].content, ids, cols, mark, signal))) {
        ids.sort((a, b) => this.offset.get(a) - this.offset.get(b));
        await scanFile(m, this.files[f].content, ids, cols, mark, signal);
      }
    }
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
      const start = this.offset.get(ids[k]);
      let end = k;
      while (end + 1 < ids.length && this.offset.get(ids[end + 1]) + Math.min(this.length.get(ids[end + 1]), MAX_TEXT) - start <= SPAN) end++;
      const last = ids[end];
      const buf = await content.read(start, this.offset.get(last) + Math.min(this.length.get(last), MAX_TEXT) - start);
      for (let j = k; j <= end; j++) {
        const i = ids[j];
        const rel = this.offset.get(i) - start;
        out[j] = buf.toString('utf8', rel, rel + Math.min(this.length.get(i), MAX_TEXT));
      }
      k = end + 1;
    }
    return out;
  }

  async page(q: LogQuery): Promise<LogPage> {
    const { ids, error } = await this.select(q);
    const slice = Array.from(ids.subarray(q.offset, q.offset + Math.max(0, Math.min(q.limit, 5000))));
    return { total: ids.length, offset: q.offset, records: await this.materialize(slice), ...(error ? { error } : {}) };
  }

  /** Position of (file, line) in the filtered view, or null. */
  async locate(q: Omit<LogQuery, 'offset' | 'limit'>, fileId: number, line: number): Promise<number | null> {
    const { ids } = await this.select(q);
    let best: number | null = null;
    for (let k = 0; k < ids.length; k++) {
      const i = ids[k];
      if (this.fileId.get(i) !== fileId) continue;
      if (this.line.get(i) <= line && line < this.line.get(i) + Math.max(1, this.lineCount.get(i))) return k;
      if (this.line.get(i) <= line) best = k;
    }
    return best;
  }

  async materialize(ids: number[]): Promise<LogRecord[]> {
    const byFile = new Map<number, number[]>();
    ids.forEach((i) => {
      const f = this.fileId.get(i);
      let l = byFile.get(f);
      if (!l) byFile.set(f, (l = []));
      l.push(i);
    });
    const text = new Map<number, string>();
    for (const [f, list] of byFile) {
      const sorted = [...list].sort((a, b) => this.offset.get(a) - this.offset.get(b));
      const texts = await this.readTexts(f, sorted);
      sorted.forEach((i, k) => text.set(i, texts[k]));
    }
    return ids.map((i) => this.toRecord(i, text.get(i) ?? ''));
  }

  private toRecord(i: number, text: string): LogRecord {
    const t = this.time.get(i);
    const zone = ZONES[this.zone.get(i)];
    return {
      id: i,
      fileId: this.fileId.get(i),
      file: this.files[this.fileId.get(i)].vmPath,
      line: this.line.get(i),
      lineCount: this.lineCount.get(i),
      time: Number.isFinite(t) ? new Date(t).toISOString() : null,
      zone: Number.isFinite(t) ? zone : 'none',
      level: LEVELS[this.level.get(i)],
      source: this.sources.values[this.source.get(i)],
      ...(this.thread.get(i) ? { thread: this.threads.values[this.thread.get(i)] } : {}),
      ...(this.ext.get(i) ? { extension: this.exts.values[this.ext.get(i)] } : {}),
      text: text.replace(/\r?\n$/, ''),
    };
  }
}

/**
 * Merges the ascending runs [bounds[2r], bounds[2r + 1]) of `seq` into one ascending array: a binary heap
 * of the runs by their head, log k comparisons a record (none with one run).
 */
function mergeRuns(seq: Uint32Array, bounds: readonly number[], before: (a: number, b: number) => boolean): Uint32Array {
  const k = bounds.length / 2;
  if (k <= 1) return seq;
  const pos = new Float64Array(k);
  const end = new Float64Array(k);
  const heap = new Uint32Array(k);
  for (let r = 0; r < k; r++) {
    pos[r] = bounds[2 * r];
    end[r] = bounds[2 * r + 1];
    heap[r] = r;
  }
  let size = k;
  const less = (x: number, y: number) => before(seq[pos[x]], seq[pos[y]]);
  const down = (h: number) => {
    const r = heap[h];
    for (;;) {
      let c = 2 * h + 1;
      if (c >= size) break;
      if (c + 1 < size && less(heap[c + 1], heap[c])) c++;
      if (!less(heap[c], r)) break;
      heap[h] = heap[c];
      h = c;
    }
    heap[h] = r;
  };
  for (let h = (size >> 1) - 1; h >= 0; h--) down(h);
  const out = new Uint32Array(seq.length);
  let o = 0;
  while (size > 0) {
    const r = heap[0];
    out[o++] = seq[pos[r]++];
    if (pos[r] === end[r]) heap[0] = heap[--size];
    if (size > 0) down(0);
  }
  return out;
}
