import type { LogFindRequest, LogFindResult, LogLevel, LogPage, LogQuery, LogRecord, TimeZoneKnowledge } from '../../shared';
import type { FileContent } from '../ingest/content';
import { Interner, LEVEL_CODES, levelCode, RecordBatchBuilder, ZONE_CODES, zoneCode, type RecordBatch, type RecordInput } from './batch';
import { BasedColumn, NarrowColumn, NarrowPageColumn, OffsetColumn, PagedColumn, SparseColumn } from './column';
import { compileText, joinsSpan, scanFile, scanRun, ScanScratch, spanReader, textEnd, type TextMatcher } from './text-filter';
import { firstAfter, firstIndexAtOrAfter, lastIndexAtOrBefore } from '../../shared/sorted';
import { blockBytesFor, candidateBlocks, candidateRanges, inCandidateBlocks, indexFile, requiredBits, type FileIndex } from './text-index';

export type { RecordInput } from './batch';

const LEVELS = LEVEL_CODES;
const ZONES = ZONE_CODES;
/** Query answers kept (each up to 4 bytes a record). */
const KEPT_ANSWERS = 3;
/** Records `stage` keeps aside before it writes them to the columns. */
const STAGE = 4096;
/** Breaks of the records' time order kept at most (`timesInOrder`): a log mostly untimed answers "no" at once. */
const MAX_BREAKS = 1 << 16;
const MANY_BREAKS = new Uint32Array(0);
/** Records of the view's order searched for a text at a time (a step's hits are final; ~10 MB of a verbose log). */
const STEP = 1 << 16;
/**
 * The first step: a common text's first page is found in it (status code: 200 hits in the first 4,096 records
 * instead of all 65,536 searched first); the steps double up to STEP, whose per-step work then no longer counts.
 */
const FIRST_STEP = 1 << 12;
/**
 * The first step of a narrowed search (typing on): its candidates are a shorter text's hits, far apart, a read
 * each, and nearly all of them hits: "HEART" → "HEARTBEAT" answered page 0 after all 2,052 instead of ~256.
 */
const FIRST_NARROWED = 1 << 8;
/** Consecutive records of a file, at least this many, are searched as one range of its bytes (scanRun). */
const MIN_RUN = 16;

/**
 * Columnar store of every log record of a bundle: typed arrays of positions, times and codes;
 * the text is read lazily from the file when a record is shown. A million records of a log cost ~18 MB, in
 * pages that a growing store never copies (column.ts).
 */
export class RecordStore {
  private n = 0;
  // 15 bytes a record where a waagent.log's records are (40 with every column wide): the file id once per page of one
  // file's records and the source in 8 bits (NarrowPageColumn), line count and length narrow with the rare larger
  // value aside, the offset's high bits, the zone, thread and extension allocated only for pages that have a value
  // other than 0, the time and line as offsets from a base per page
  private readonly fileId = new NarrowPageColumn();
  private readonly line = new BasedColumn('uint');
  private readonly lineCount = new NarrowColumn(8);
  private readonly offset = new OffsetColumn();
  private readonly length = new NarrowColumn(16);
  private readonly time = new BasedColumn('time');
  private readonly zone = new SparseColumn((n) => new Uint8Array(n));
  private readonly level = new PagedColumn((n) => new Uint8Array(n));
  private readonly source = new NarrowPageColumn();
  private readonly thread = new SparseColumn((n) => new Uint16Array(n));
  private readonly ext = new SparseColumn((n) => new Uint16Array(n));
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
  /** The records whose time is not finite or earlier than the one before (`timesInOrder`), made when first asked for. */
  private timeBreaks: Uint32Array | null = null;
  /** Each record's place in `sortedIndex` (F3 compares places in the view's order). */
  private rank: { of: Uint32Array; index: Uint32Array } | null = null;
  /** Answers of recent queries (a Map in use order), and the text scans running. */
  private readonly answers = new Map<string, Answer>();
  private readonly running = new Map<string, AbortController>();
  /** The keys of the list's latest page query and F3's latest find: a newer scan does not give them up. */
  private readonly latest = { view: '', find: '' };
  /** Which files are laid out in id order (`laidOut`), for a count of records. */
  private layout: { n: number; files: Map<number, boolean> } | null = null;
  /** The text filter's block index of each file built so far, for a count of records (text-index.ts). */
  private textIndex: { n: number; files: Map<number, FileIndex> } | null = null;

  constructor(
    private readonly files: { vmPath: string; content: FileContent }[],
  ) {}

  get count(): number {
    return this.n;
  }

  /** Records of file `stagedFile` handed to `stage` and not written to the columns yet. */
  private staged: RecordBatchBuilder | null = null;
  private stagedFile = -1;

  /**
   * `add`, with the record kept aside and written with the next few thousand a column at a time (`settle`): a parser's
   * records, one `add` each, cost ~11 calls into the columns a record. Nothing may read the store until `settle`
   * (nor `count` count them): the caller settles once its file's parse ends, and reads nothing before.
   */
  stage(fileId: number, r: RecordInput): number {
    if (fileId !== this.stagedFile || this.staged?.count === STAGE) this.settle();
    const staged = (this.staged ??= new RecordBatchBuilder(STAGE));
    this.stagedFile = fileId;
    staged.add(r);
    return this.n + staged.count - 1;
  }

  /** Writes the staged records to the columns (`stage`). */
  settle(): void {
    const staged = this.staged;
    if (staged === null || staged.count === 0) return;
    this.addBatch(this.stagedFile, staged.view());
    staged.reset();
  }

  add(fileId: number, r: RecordInput): number {
    const i = this.n++;
    this.fileId.set(i, fileId);
    this.line.set(i, r.line);
    this.lineCount.set(i, r.lineCount);
    this.offset.set(i, r.offset);
    this.length.set(i, Math.min(r.length, 0xffffffff));
    this.time.set(i, r.timeMs);
    this.zone.set(i, zoneCode(r.zone));
    this.level.set(i, levelCode(r.level));
    this.source.set(i, this.sources.id(r.source));
    this.thread.set(i, this.threads.id(r.thread));
    this.ext.set(i, this.exts.id(r.extension));
    this.noteRun(fileId, i, i + 1);
    this.sortedIndex = null;
    this.timeBreaks = null;
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
    const n = b.count;
    const start = this.n;
    if (n) this.noteRun(fileId, start, start + n);
    // column by column, a page at a time: 11 `set`s a record cost 223 ms for a logs.zip's 770,000 (docs/PERFORMANCE.md)
    this.fileId.fill(start, n, fileId);
    this.line.setRange(start, b.line, n, lineBase);
    this.lineCount.setRange(start, b.lineCount, n);
    this.offset.setRange(start, b.offset, n, offsetBase);
    this.length.setRange(start, b.length, n);
    this.time.setRange(start, b.time, n);
    this.zone.setRange(start, b.zone, n);
    this.level.copyIn(start, b.level.subarray(0, n));
    this.source.setRange(start, b.source, n, srcMap);
    this.thread.setRange(start, b.thread, n, thrMap);
    this.ext.setRange(start, b.ext, n, extMap);
    this.n += n;
    this.sortedIndex = null;
    this.timeBreaks = null;
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
    this.timeBreaks = null;
    if (this.answers.size) this.answers.clear();
  }

  /**
   * Calls `fn(base, m, level, time)` for each page of records in id order: records `base` … `base + m - 1`, their level
   * codes (LEVEL_CODES) in `level[0, m)` and, when `times`, their times in `time[0, m)` (`timeOf`; a scratch array, valid
   * during the call only). A pass over every record of a big log reads typed arrays, not a page lookup a record and column.
   */
  eachPage(times: boolean, fn: (base: number, m: number, level: Uint8Array, time: Float64Array) => void): void {
    let time = new Float64Array(0);
    this.level.eachPage(this.n, (level, base, m) => {
      if (times) {
        if (time.length < m) time = new Float64Array(m);
        this.time.readPage(base, m, time);
      }
      fn(base, m, level, time);
    });
  }

  timeOf(i: number): number {
    return this.time.get(i);
  }

  /**
   * Whether records `from` … `to` all have a time, each at or after the one before: a reader of facts at records in
   * that range, in record order, then has their times in order without reading them. The records where the order breaks
   * are found in one pass over the time column, at the first question after the times last changed.
   */
  timesInOrder(from: number, to: number): boolean {
    if (!Number.isFinite(this.time.get(from))) return false;
    const breaks = (this.timeBreaks ??= this.findTimeBreaks());
    if (breaks === MANY_BREAKS) return false;
    const next = firstAfter(breaks, from);
    return next >= breaks.length || breaks[next] > to;
  }

  private findTimeBreaks(): Uint32Array {
    const breaks: number[] = [];
    let prev = NaN;
    this.eachPage(true, (base, m, _level, time) => {
      for (let k = 0; k < m && breaks.length <= MAX_BREAKS; k++) {
        const t = time[k];
        if (!Number.isFinite(t) || t < prev) breaks.push(base + k);
        prev = t;
      }
    });
    return breaks.length > MAX_BREAKS ? MANY_BREAKS : Uint32Array.from(breaks);
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
  lengthOf(i: number): number {
    return this.length.get(i);
  }
  sourceOf(i: number): string {
    return this.sources.values[this.source.get(i)];
  }
  /** The source of record `i` as a number (`sourceName` names it; '' is 0): a pass that counts by source looks up no strings. */
  sourceIdOf(i: number): number {
    return this.source.get(i);
  }
  sourceName(id: number): string {
    return this.sources.values[id];
  }
  lineCountOf(i: number): number {
    return this.lineCount.get(i);
  }

  /**
   * The first line (at most `max` characters) of each record, in the order given; read in spans per file.
   * `scratch`: a buffer for the spans that a caller's batches, one after the other, share (a span is up to
   * 4 MB: a new one per batch left tens of MB outside the heap until a GC found them).
   */
  async firstLines(ids: readonly number[], max = 1000, signal?: AbortSignal, scratch?: { buf: Buffer }): Promise<string[]> {
    const out: string[] = new Array(ids.length).fill('');
    await this.eachText(ids, (k, buf, start, end) => (out[k] = firstLineOf(buf.toString('utf8', start, end), max)), signal, scratch);
    return out;
  }

  /**
   * Calls `fn(k, buf, start, end)` for each record `ids[k]` with its text as the bytes `buf[start, end)` (cut at MAX_TEXT),
   * read as `firstLines` reads them: in spans per file, a file's records in the order of their bytes. `buf` is valid
   * during the call only: a caller that needs only something of each text (a template) decodes no string per record.
   */
  async eachText(ids: readonly number[], fn: (k: number, buf: Buffer, start: number, end: number) => void, signal?: AbortSignal, scratch?: { buf: Buffer }): Promise<void> {
    const byFile = new Map<number, number[]>();
    ids.forEach((i, k) => {
      const f = this.fileId.get(i);
      let l = byFile.get(f);
      if (!l) byFile.set(f, (l = []));
      l.push(k);
    });
    for (const [f, ks] of byFile) {
      ks.sort((a, b) => this.offset.get(ids[a]) - this.offset.get(ids[b]));
      await this.readSpans(f, ks.map((k) => ids[k]), (j, buf, start, end) => fn(ks[j], buf, start, end), signal, scratch);
    }
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
    return this.answerOf(q).final;
  }

  /** One answer for every page of a query: a page's offset and limit are no part of its key. */
  private static keyOfQuery(query: Omit<LogQuery, 'offset' | 'limit'>): { key: string; q: Omit<LogQuery, 'offset' | 'limit'> } {
    const { offset: _o, limit: _l, ...q } = query as LogQuery;
    return { key: JSON.stringify(q), q };
  }

  private answerOf(query: Omit<LogQuery, 'offset' | 'limit'>): Answer {
    const { key, q } = RecordStore.keyOfQuery(query);
    const known = this.answers.get(key);
    if (known) {
      // most recently used last
      this.answers.delete(key);
      this.answers.set(key, known);
      return known;
    }
    const ctrl = new AbortController();
    const a = new Answer(q);
    a.final = this.compute(q, a, ctrl.signal).then(
      (r) => a.finish(r),
      (e: unknown) => {
        a.fail(e);
        throw e;
      },
    );
    this.answers.set(key, a);
    this.running.set(key, ctrl);
    // Typing starts a text scan per pause: one that two newer ones overtook is no longer asked for, unless it
    // is the list's latest query or F3's latest find (the view counts its hits while a find text is typed).
    if (this.running.size > 2) {
      for (const [oldKey, old] of this.running) {
        if (oldKey === key || oldKey === this.latest.view || oldKey === this.latest.find) continue;
        old.abort(new Error('superseded by a newer filter'));
        this.running.delete(oldKey);
        break;
      }
    }
    a.final.then(
      () => this.running.delete(key),
      () => {
        this.running.delete(key);
        if (this.answers.get(key) === a) this.answers.delete(key);
      },
    );
    while (this.answers.size > KEPT_ANSWERS) this.answers.delete(this.answers.keys().next().value!);
    return a;
  }

  /**
   * The view's order of the records a query may match: all, or while typing the hits of a kept, finished
   * answer whose plain text the new one contains (`narrows`): "snap" → "snapshot" reads only the hits of "snap".
   */
  private candidatesOf(q: Omit<LogQuery, 'offset' | 'limit'>, fileSet: Set<number> | null): { order: Uint32Array; narrowed: boolean } {
    let best: Uint32Array | null = null;
    // only a finished answer: one still counting holds the hits of the records searched so far
    for (const a of this.answers.values()) if (a.done && a.ids && !a.error && narrows(a.query, q) && (!best || a.ids.length < best.length)) best = a.ids;
    if (best) return { order: best, narrowed: true };
    return { order: fileSet && fileSet.size === 1 ? this.fileOrder([...fileSet][0]) : this.merged(), narrowed: false };
  }

  private async compute(q: Omit<LogQuery, 'offset' | 'limit'>, a: Answer, signal: AbortSignal): Promise<{ ids: Uint32Array; error?: string }> {
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
    const { order, narrowed } = text ? this.candidatesOf(q, fileSet) : { order: fileSet && fileSet.size === 1 ? this.fileOrder([...fileSet][0]) : this.merged(), narrowed: false };
    const filtered = !narrowed && (fileSet || levelSet || srcSet || extSet || q.from || q.to);
    const passes = (i: number) => {
      if (fileSet && !fileSet.has(this.fileId.get(i))) return false;
      if (levelSet && !levelSet.has(this.level.get(i))) return false;
      if (srcSet && !srcSet.has(this.source.get(i))) return false;
      if (extSet && !extSet.has(this.ext.get(i))) return false;
      const t = this.time.get(i);
      return !((q.from || q.to) && (!Number.isFinite(t) || t < from || t > to));
    };
    // a text's hits: grown as they are found (a rare text's 2,052 hits need no array of 2.7 M)
    let out = new Uint32Array(text ? Math.min(order.length, STEP) : order.length);
    let count = 0;
    if (!text) {
      if (!filtered) out.set(order);
      else for (let k = 0; k < order.length; k++) if (passes(order[k])) out[count++] = order[k];
      return { ids: filtered ? out.slice(0, count) : out };
    }
    // The text is searched a step of the view's order at a time, and the hits of each step are final: the
    // first page is answered once it is found while the search goes on (page 0 of a common word in
    // milliseconds instead of after every byte of the bundle).
    const mark = new Uint8Array(this.n);
    const ids = new Uint32Array(Math.min(order.length, STEP));
    const work = new Uint32Array(Math.min(order.length, STEP));
    const scratch = new ScanScratch();
    const blocks = this.blocksOf(q.text!, !!q.regex);
    try {
      for (let k0 = 0, step = narrowed ? FIRST_NARROWED : FIRST_STEP; k0 < order.length; k0 += step, step = Math.min(STEP, 2 * step)) {
        const k1 = Math.min(order.length, k0 + step);
        let stepIds = order.subarray(k0, k1);
        if (filtered) {
          let size = 0;
          for (let k = k0; k < k1; k++) if (passes(order[k])) ids[size++] = order[k];
          stepIds = ids.subarray(0, size);
        }
        if (stepIds.length) await this.matchText(text, stepIds, mark, signal, scratch, blocks, work);
        if (count + (k1 - k0) > out.length) {
          const grown = new Uint32Array(Math.min(order.length, Math.max(2 * out.length, count + (k1 - k0))));
          grown.set(out.subarray(0, count));
          out = grown;
        }
        for (let k = k0; k < k1; k++) if (mark[order[k]] === 2) out[count++] = order[k];
        // a page found goes out (its records read, its answer posted) before the search goes on
        if (a.reach(out, count)) await scratch.yieldNow();
        else await scratch.turn();
      }
    } finally {
      scratch.close();
    }
    return { ids: out.slice(0, count) };
  }

  /** The ids of one file's records, in id order. */
  idsOfFile(fileId: number): Uint32Array {
    return this.fileOrder(fileId);
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

  /**
   * Builds the text filter's block index (text-index.ts) of each file whose records follow each other in id
   * order, a file at a time and yielding between spans (the worker answers pages meanwhile; a running search
   * pauses it); a search uses a file's index once it is built. Records added since make it unused. Throws the signal's reason when aborted.
   */
  async indexText(signal?: AbortSignal, blockBytes?: number): Promise<void> {
    const index = { n: this.n, files: new Map<number, FileIndex>() };
    this.textIndex = index;
    let bytes = 0;
    for (const f of this.runs.keys()) bytes += this.files[f].content.size;
    const cols = { offsetOf: (i: number) => this.offset.get(i), lengthOf: (i: number) => this.length.get(i) };
    for (const [f, runs] of [...this.runs]) {
      if (this.textIndex !== index || this.n !== index.n) return;
      if (this.laidOut(f)) index.files.set(f, await indexFile(this.files[f].content, runs, cols, blockBytes ?? blockBytesFor(bytes), signal, () => this.running.size > 0));
    }
  }

  /**
   * A query's candidate blocks of a file (1: may hold a match), or undefined when its index is not built or
   * the text has no trigram to look up (every record is searched).
   */
  private blocksOf(text: string, regex: boolean): (fileId: number) => { fi: FileIndex; cand: Uint8Array; none: boolean } | undefined {
    const index = this.textIndex;
    const need = index && index.n === this.n ? requiredBits(text, regex) : null;
    if (!index || !need) return () => undefined;
    const known = new Map<number, { fi: FileIndex; cand: Uint8Array; none: boolean }>();
    return (f) => {
      let k = known.get(f);
      const fi = index.files.get(f);
      if (!k && fi) {
        const cand = candidateBlocks(fi, need);
        known.set(f, (k = { fi, cand, none: cand.indexOf(1) < 0 }));
      }
      return k;
    };
  }

  /**
   * Sets mark 2 for the candidates (`ids`, any order; not changed) whose text matches, file by file (text-filter.ts).
   * `work` holds as many ids.
   */
  private async matchText(m: TextMatcher, ids: Uint32Array, mark: Uint8Array, signal: AbortSignal, scratch: ScanScratch, blocks: ReturnType<RecordStore['blocksOf']>, work: Uint32Array): Promise<void> {
    const cols = { offsetOf: (i: number) => this.offset.get(i), lengthOf: (i: number) => this.length.get(i) };
    const byFile = new Map<number, Uint32Array>();
    if (this.runs.size === 1) byFile.set(this.runs.keys().next().value!, ids);
    else {
      const counts = new Uint32Array(this.files.length);
      for (let k = 0; k < ids.length; k++) counts[this.fileId.get(ids[k])]++;
      const at = new Uint32Array(this.files.length);
      counts.forEach((c, f) => c && byFile.set(f, new Uint32Array(c)));
      for (let k = 0; k < ids.length; k++) {
        const f = this.fileId.get(ids[k]);
        byFile.get(f)![at[f]++] = ids[k];
      }
    }
    for (const [f, fileIds] of byFile) {
      const b = blocks(f);
      if (b?.none) continue;
      const content = this.files[f].content;
      let list: Uint32Array;
      if (this.laidOut(f)) {
        // each stretch of consecutive records is searched as one range of bytes, or only the ranges of its blocks
        // that may hold the text; the records left (a level filter, narrowing) candidate by candidate. The
        // stretches are taken in the view's order first (a query with only a text: the whole step but for the few
        // records a clock step puts elsewhere), then from the rest in id order (files whose records interleave).
        const runs: number[] = [];
        let rest = splitRuns(fileIds, fileIds.length, runs, work);
        // a file's records are added in file order, so id order is offset order (the view's order is time)
        toIdOrder(work.subarray(0, rest), mark);
        rest = splitRuns(work, rest, runs, work);
        for (let k = 0; k < runs.length; k += 2) {
          const ranges = b ? candidateRanges(b.fi, b.cand, runs[k], runs[k + 1]) : [runs[k], runs[k + 1]];
          for (let r = 0; r < ranges.length; r += 2) await scanRun(m, content, ranges[r], ranges[r + 1], cols, mark, signal, scratch);
        }
        list = work.subarray(0, rest);
      } else {
        work.set(fileIds);
        list = work.subarray(0, fileIds.length);
        toIdOrder(list, mark);
      }
      if (b && list.length) list = inCandidateBlocks(b.fi, b.cand, list);
      if (!list.length) continue;
      if (!(await scanFile(m, content, list, cols, mark, signal, scratch))) {
        // ranges of the file were added out of order: by offset, then
        list.sort((a, b) => this.offset.get(a) - this.offset.get(b));
        await scanFile(m, content, list, cols, mark, signal, scratch);
      }
    }
  }

  /**
   * Whether a file's records in id order follow each other in the file (each starts at or after the end
   * of the one before), so that consecutive ids are one range of its bytes (scanRun). Known per count of
   * records: records are only added, and their offsets and lengths never change.
   */
  private laidOut(fileId: number): boolean {
    if (this.layout?.n !== this.n) this.layout = { n: this.n, files: new Map() };
    let known = this.layout.files.get(fileId);
    if (known === undefined) {
      known = true;
      let end = 0;
      const runs = this.runs.get(fileId) ?? [];
      for (let r = 0; r < runs.length && known; r += 2)
        for (let i = runs[r]; i < runs[r + 1]; i++) {
          const o = this.offset.get(i);
          if (o < end) {
            known = false;
            break;
          }
          end = o + this.length.get(i);
        }
      this.layout.files.set(fileId, known);
    }
    return known;
  }

  /**
   * Reads the texts of records of one file (sorted by offset) in spans, not one read per record; records
   * far apart (a page of rare hits) in spans of their own, not with the megabytes between them.
   */
  private async readTexts(fileId: number, ids: number[], signal?: AbortSignal, scratch?: { buf: Buffer }): Promise<string[]> {
    const out: string[] = new Array(ids.length);
    await this.readSpans(fileId, ids, (j, buf, start, end) => (out[j] = buf.toString('utf8', start, end)), signal, scratch);
    return out;
  }

  /** `readTexts` without the strings: `fn(j, buf, start, end)` gets the text of `ids[j]` as bytes, valid during the call. */
  private async readSpans(fileId: number, ids: number[], fn: (j: number, buf: Buffer, start: number, end: number) => void, signal?: AbortSignal, scratch?: { buf: Buffer }): Promise<void> {
    const SPAN = 4 << 20;
    const endOf = (i: number) => textEnd(this.offset.get(i), this.length.get(i));
    const reader = spanReader(this.files[fileId].content, scratch);
    try {
      let k = 0;
      while (k < ids.length) {
        if (signal?.aborted) throw signal.reason ?? new Error('aborted');
        const start = this.offset.get(ids[k]);
        let end = k;
        let spanEnd = endOf(ids[k]);
        while (end + 1 < ids.length && joinsSpan(start, spanEnd, this.offset.get(ids[end + 1]), endOf(ids[end + 1]), SPAN)) spanEnd = Math.max(spanEnd, endOf(ids[++end]));
        const buf = await reader.read(start, spanEnd - start);
        for (let j = k; j <= end; j++) {
          const rel = this.offset.get(ids[j]) - start;
          fn(j, buf, rel, Math.min(buf.length, endOf(ids[j]) - start));
        }
        k = end + 1;
      }
    } finally {
      reader.close();
    }
  }

  /**
   * A page of a query. A page of records is answered as soon as its records are known, while a text search
   * goes on (`counting`: the total is the count so far); a page of no records (the count) waits for the end.
   */
  async page(q: LogQuery): Promise<LogPage> {
    const limit = Math.max(0, Math.min(q.limit, 5000));
    // a page of records is the list's (a count alone is also asked for F3's total)
    if (limit > 0) this.latest.view = RecordStore.keyOfQuery(q).key;
    const a = this.answerOf(q);
    await a.reached(limit > 0 ? q.offset + limit : Infinity);
    const { ids, count, done, error } = a;
    const slice = Array.from(ids!.subarray(Math.min(q.offset, count), Math.min(q.offset + limit, count)));
    return { total: count, offset: q.offset, records: await this.materialize(slice), ...(done ? {} : { counting: true }), ...(error ? { error } : {}) };
  }

  /**
   * A record's place in a query's order: its id in one file's view (id order), its place in the merged order
   * otherwise. Every answer of a query lists its ids by this key (a narrowed one too: the hits of one in that order).
   */
  private keyOf(q: Omit<LogQuery, 'offset' | 'limit'>): (id: number) => number {
    if (q.fileIds && new Set(q.fileIds).size === 1) return (id) => id;
    const index = this.merged();
    if (this.rank?.index !== index) {
      const of = new Uint32Array(this.n);
      for (let k = 0; k < index.length; k++) of[index[k]] = k;
      this.rank = { of, index };
    }
    const of = this.rank.of;
    return (id) => of[id];
  }

  /**
   * F3 / Shift+F3: the first hit of the find text after the cursor's record in the view's order (or the last
   * before it), answered as soon as the search has found it, not after the whole count. Going round past the
   * view's end needs only the first hit; past its start, the last: that one waits for the whole search.
   * With a text of the view's own, a hit of the find (over the view's other filters) counts only when the
   * view holds it too.
   */
  async find(req: LogFindRequest): Promise<LogFindResult> {
    const view = this.answerOf(req.query);
    const { text: viewText, regex: _r, ...rest } = req.query;
    const findQuery = { ...rest, text: req.text, ...(req.regex ? { regex: true } : {}) };
    this.latest.find = RecordStore.keyOfQuery(findQuery).key;
    const hits = this.answerOf(findQuery);
    const key = this.keyOf(req.query);
    let from: number | null = null;
    if (req.from !== null) {
      await view.reached(req.from + 1);
      if (req.from < view.count) from = key(view.ids![req.from]);
    }
    /** The view's position of a hit (by its key), null when the view does not hold it. */
    const inView = async (id: number): Promise<number | null> => {
      const k = key(id);
      // wait until the view's answer holds a record at or past the hit (or ended)
      for (let n = view.count; !view.done && (n === 0 || key(view.ids![n - 1]) < k); n = view.count) await view.reached(n + 1);
      const pos = lowerBound(view.ids!, view.count, key, k);
      return pos < view.count && view.ids![pos] === id ? pos : null;
    };
    const answer = async (h: number, wrapped: boolean): Promise<LogFindResult | null> => {
      const id = hits.ids![h];
      const index = await inView(id);
      if (index === null) return null;
      const [record] = await this.materialize([id]);
      const numbered = !viewText;
      return { index, hit: numbered ? h : null, total: numbered ? hits.count : null, ...(hits.done ? {} : { counting: true }), ...(wrapped ? { wrapped: true } : {}), record };
    };
    const none = (): LogFindResult => ({ index: null, hit: null, total: viewText ? null : hits.count, ...(hits.error ? { error: hits.error } : {}) });
    if (req.dir > 0) {
      // the first hit past `from`, then (round) the first from the start; hits outside the view are stepped over
      for (const [after, wrapped] of [[from ?? -1, false], [-1, true]] as const) {
        if (wrapped && from === null) break;
        let h = 0;
        for (;;) {
          await hits.reached(h + 1);
          h = lowerBound(hits.ids ?? new Uint32Array(0), hits.count, key, after + 1, h);
          if (h < hits.count) {
            const r = await answer(h, wrapped);
            if (r) return r;
            h++;
            continue;
          }
          if (hits.done) break;
        }
      }
      return none();
    }
    // the last hit before `from`: known once a hit at or past it is found (or the search ended)
    const before = from ?? Infinity;
    for (let n = hits.count; !hits.done && (n === 0 || key(hits.ids![n - 1]) < before); n = hits.count) await hits.reached(n + 1);
    for (let h = lowerBound(hits.ids ?? new Uint32Array(0), hits.count, key, before) - 1; h >= 0; h--) {
      const r = await answer(h, false);
      if (r) return r;
    }
    if (from === null) return none();
    // round: the last hit of all
    await hits.reached(Infinity);
    for (let h = hits.count - 1; h >= 0 && key(hits.ids![h]) >= before; h--) {
      const r = await answer(h, true);
      if (r) return r;
    }
    return none();
  }

  /**
   * Position of (file, line) in the filtered view: the record holding the line, or else the view's record of
   * that file nearest before the line; null when there is none. The record is looked up in its file and its
   * place found by its key, so a click on evidence waits for the answer only up to that record.
   */
  async locate(q: Omit<LogQuery, 'offset' | 'limit'>, fileId: number, line: number): Promise<number | null> {
    const a = this.answerOf(q);
    const target = this.laidOut(fileId) ? this.recordAtLine(fileId, line) : -1;
    if (target >= 0) {
      const key = this.keyOf(q);
      const k = key(target);
      for (let n = a.count; !a.done && (n === 0 || key(a.ids![n - 1]) < k); n = a.count) await a.reached(n + 1);
      const pos = lowerBound(a.ids ?? new Uint32Array(0), a.count, key, k);
      if (pos < a.count && a.ids![pos] === target) return pos;
    }
    // the view leaves the record out (or the file is not in line order): every hit is looked at
    const { ids } = await a.final;
    let best: number | null = null;
    let bestLine = -1;
    for (let k = 0; k < ids.length; k++) {
      const i = ids[k];
      if (this.fileId.get(i) !== fileId) continue;
      const at = this.line.get(i);
      if (at <= line && line < at + Math.max(1, this.lineCount.get(i))) return k;
      if (at <= line && at > bestLine) [best, bestLine] = [k, at];
    }
    return best;
  }

  /**
   * The time of the first timed record after line `line` of a file (NaN when none follows, or when the file's records
   * are not in line order): the upper bound of an untimed line of a timed log. It walks from the line's record, so
   * it costs the untimed records after it, not the file.
   */
  nextTimeAfterLine(fileId: number, line: number): number {
    if (!this.laidOut(fileId)) return NaN;
    const runs = this.runs.get(fileId) ?? [];
    const from = this.recordAtLine(fileId, line) + 1;
    for (let k = 0; k < runs.length; k += 2)
      for (let i = Math.max(runs[k], from); i < runs[k + 1]; i++) {
        const t = this.time.get(i);
        if (Number.isFinite(t) && this.line.get(i) > line) return t;
      }
    return NaN;
  }

  /** The id of a laid-out file's last record starting at or before `line` (-1 when the file starts after it). */
  private recordAtLine(fileId: number, line: number): number {
    const runs = this.runs.get(fileId) ?? [];
    let r = -1;
    for (let k = 0; k < runs.length && this.line.get(runs[k]) <= line; k += 2) r = k;
    return r < 0 ? -1 : lastIndexAtOrBefore((i) => this.line.get(i), line, runs[r], runs[r + 1] - 1);
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
 * Adds the stretches of at least MIN_RUN consecutive ids of `list[0, n)` to `runs` ([first, last] pairs) and
 * writes the other ids to `rest` (which may be `list`: it is written behind the reading), returning their number.
 */
function splitRuns(list: Uint32Array, n: number, runs: number[], rest: Uint32Array): number {
  let r = 0;
  for (let k = 0; k < n; ) {
    let e = k + 1;
    while (e < n && list[e] === list[e - 1] + 1) e++;
    if (e - k >= MIN_RUN) runs.push(list[k], list[e - 1]);
    else for (let j = k; j < e; j++) rest[r++] = list[j];
    k = e;
  }
  return r;
}

/**
 * Puts ids in ascending order. A step of the view's time order within one file is nearly in id order (a
 * few records out of place where the file's clock steps, some by an hour): when the ids lie in a range
 * not much wider than their number they are collected by a pass over the range (`mark` 0 in and out);
 * a comparator-free sort of 65,536 ids cost 40× that.
 */
function toIdOrder(a: Uint32Array, mark: Uint8Array): void {
  let lo = a[0];
  let hi = a[0];
  let ascending = true;
  for (let k = 1; k < a.length; k++) {
    const v = a[k];
    if (v < a[k - 1]) ascending = false;
    if (v < lo) lo = v;
    else if (v > hi) hi = v;
  }
  if (ascending) return;
  if (hi - lo > 8 * a.length) {
    a.sort();
    return;
  }
  for (let k = 0; k < a.length; k++) mark[a[k]] = 1;
  let j = 0;
  for (let i = lo; i <= hi; i++)
    if (mark[i] === 1) {
      mark[i] = 0;
      a[j++] = i;
    }
}

/** The first of `ids[from, n)` whose key is at least `k` (n when none): the ids are in key order. */
function lowerBound(ids: Uint32Array, n: number, key: (id: number) => number, k: number, from = 0): number {
  return firstIndexAtOrAfter((m) => key(ids[m]), k, from, n);
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

/**
 * A query's answer while it is found and after: `ids[0, count)` are final hits in the view's order (all of
 * them once `done`). Waiters for a number of hits are told when a search step reaches it.
 */
class Answer {
  ids: Uint32Array | null = null;
  count = 0;
  done = false;
  error: string | undefined;
  final!: Promise<{ ids: Uint32Array; error?: string }>;
  private waiting: { n: number; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private failure: { e: unknown } | null = null;

  constructor(readonly query: Omit<LogQuery, 'offset' | 'limit'>) {}

  /** Resolves once `n` hits are known or the search ended; rejects if it was given up. */
  reached(n: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure.e);
    if (this.done || this.count >= n) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiting.push({ n, resolve, reject }));
  }

  /** Hits `ids[0, count)` are known; true when that answered a waiter. */
  reach(ids: Uint32Array, count: number): boolean {
    this.ids = ids;
    this.count = count;
    const before = this.waiting.length;
    this.waiting = this.waiting.filter((w) => (count >= w.n ? (w.resolve(), false) : true));
    return this.waiting.length < before;
  }

  finish(r: { ids: Uint32Array; error?: string }): { ids: Uint32Array; error?: string } {
    this.ids = r.ids;
    this.count = r.ids.length;
    this.error = r.error;
    this.done = true;
    for (const w of this.waiting) w.resolve();
    this.waiting = [];
    return r;
  }

  fail(e: unknown): void {
    this.failure = { e };
    for (const w of this.waiting) w.reject(e);
    this.waiting = [];
  }
}

/**
 * Whether every record `next` matches is among those `prev` matches, so that `next` may search only
 * `prev`'s hits: the same filters, both plain texts (case-insensitive) and `next`'s contains `prev`'s.
 * ASCII only: a case fold of other characters can change a text's length. A regex never narrows.
 */
export function narrows(prev: Omit<LogQuery, 'offset' | 'limit'>, next: Omit<LogQuery, 'offset' | 'limit'>): boolean {
  if (!prev.text || !next.text || prev.regex || next.regex) return false;
  if (!/^[\x20-\x7e]*$/.test(prev.text) || !/^[\x20-\x7e]*$/.test(next.text)) return false;
  if (!next.text.toLowerCase().includes(prev.text.toLowerCase())) return false;
  const rest = ({ text: _t, regex: _r, ...o }: Omit<LogQuery, 'offset' | 'limit'>) => JSON.stringify(o);
  return rest(prev) === rest(next);
}

/** A record's first line as `firstLines` gives it: to its first line break, without a carriage return, at most `max` characters. */
export function firstLineOf(text: string, max: number): string {
  const nl = text.indexOf('\n');
  const line = (nl >= 0 ? text.slice(0, nl) : text).replace(/\r$/, '');
  return line.length > max ? line.slice(0, max) : line;
}
