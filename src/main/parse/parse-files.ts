import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BundleFile, Fact, FileKind, ProgressEvent, Warning } from '../../shared';
import { findAppRoot } from '../app-root';
import { BufferContent, DiskFileContent, type FileContent } from '../ingest/content';
import { FactStore, type FactBatch, type FactDraft } from '../records/fact-store';
import type { MilestoneInput } from '../records/milestones';
import type { RecordStore } from '../records/store';
import { IN_THREAD_MAX_BYTES, ParsePool, type ParseChunk, type ParseJobResult, type ParseSource } from './pool';
import { freeBuffers, type RecordBatch } from '../records/batch';
import { countingContent, ParseProgress } from './progress';
import { parserFor } from './registry';
import { cutPoints, HEAD_SHARE_MAX, headShare, RECORD_START, rangePlan, sampleAt, SPLIT_MIN_BYTES, SPLITTABLE, splitPoints } from './split';
import { formatOf, RANGE_KINDS, WORKER_KINDS as FORMAT_WORKER_KINDS } from '../../shared/formats';
import { countLines, isEndFact } from './run-job';
import { noted } from '../ingest/limits';
import { msg } from '../../shared/i18n/analysis';
import { takeRelayed, type FactSink } from './types';
import { KeptSpans } from './kept-spans';
import { firstIndexAtOrAfter } from '../../shared/sorted';

export interface ParseFilesOptions {
  signal?: AbortSignal;
  onProgress?: (p: ProgressEvent) => void;
  /** Use parse workers (built dist/node/parse-worker.js) when available. */
  parallel?: boolean;
  /** Files at least this big are split into ranges (default SPLIT_MIN_BYTES; tests lower it). */
  splitMinBytes?: number;
  /** Kinds parsed in workers (default WORKER_KINDS; tests widen it). */
  workerKinds?: ReadonlySet<FileKind>;
  /** RANGE_KINDS files at least this big have their later ranges parsed in workers (default RANGE_MIN_BYTES; tests lower it). */
  rangeMinBytes?: number;
  /** Such a file is split where its later range would take this thread at least this long (default RANGE_MIN_MS; tests set 0). */
  rangeMinMs?: number;
  /** Bytes at the end of each log that yield facts (default FACT_WINDOW_BYTES; tests lower it). */
  factWindowBytes?: number;
  /** At most one parse progress event this often (default 100 ms; tests lower it). */
  progressEveryMs?: number;
  /**
   * Let go of each in-memory file's bytes once it is parsed, but for what the analysis may still read of it
   * (KeptSpans): for a run that has no log view (the CLI). A logs.zip's inflated members are otherwise held to the end.
   */
  release?: boolean;
}

/**
 * The newest part of a log that is diagnosed (ParserInput.factsFrom). waagent.log yields ~500 bytes
 * of facts per record, so a 2 GB log diagnosed whole would need several GB of heap and the analysis
 * would die; past this size the older part is in the log view only (with a warning that says so).
 * The failed backups that matter are the recent ones.
 */
export const FACT_WINDOW_BYTES = 512 * 1024 * 1024;

/**
 * Kinds worth a parse worker: their files yield records and few facts, so little has to be copied
 * back. A fact-heavy log (waagent.log has a fact for most records) parses faster in this thread
 * than its facts can be cloned out of a worker and rebuilt here: on 2 cores the pool took 1.5× the
 * CPU and 2× the wall time of in-thread parsing for a 50 MB waagent.log (docs/PERFORMANCE.md). Each format
 * declares it (`worker`).
 */
export const WORKER_KINDS: ReadonlySet<FileKind> = FORMAT_WORKER_KINDS;

/**
 * A RANGE_KINDS file (waagent.log) at least this big may be split (split.ts `rangePlan` decides, from a sample of it):
 * this thread parses its first range straight into the stores while the workers parse the others into FactStore
 * columns, merged after it (docs/PERFORMANCE.md, session 20).
 */
export const RANGE_MIN_BYTES = 48 * 1024 * 1024;
/**
 * Workers a split file's later ranges go to, whatever the cores: each holds ~35 MB while it runs and ~16 MB after, so
 * a second one would take the 500 MB broken agent's log past the 300 MB peak (an estimate, docs/PERFORMANCE.md).
 */
const RANGE_WORKERS = 1;
/**
 * A split file's worker is started before its sample is read only from this many times RANGE_MIN_BYTES: below it the
 * range estimate (split.ts `rangePlan`) stays under RANGE_MIN_MS for every bench mix, so a worker started early would
 * be ended unused after ~0.3 s of CPU taken from this thread's parse (the 50 MB logs: docs/PERFORMANCE.md, session 29).
 */
export const PRESTART_RANGE_FACTOR = 2;

/** The built parse worker, if this is a built app/CLI (tests from src parse in-thread). */
export function parseWorkerPath(): string | null {
  try {
    const root = findAppRoot(dirname(fileURLToPath(import.meta.url)));
    const p = join(root, 'dist', 'node', 'parse-worker.js');
    return existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

/**
 * Parses every file with its format's parser into the record store and the fact list, in file
 * order. With `parallel`, files (and ranges of big logs) go to a worker pool; results are merged in
 * the same order, so the outcome is identical to in-thread parsing.
 */
/**
 * An agent's record that syslog or the journal relayed and a waagent.log of the bundle covers: its record in the
 * relaying file and the agent's own time of it, as the waagent.log's records are timed before any clock offset
 * (`local`: in the VM's local time). pipeline/vms.ts looks for its twin in a waagent.log of another root.
 */
export interface CoveredRelay {
  file: number;
  line: number;
  timeMs: number;
  local: boolean;
}

/** The relayed agent records that a waagent.log covers, after the parse. */
export interface ParsedRelays {
  /** A spread sample of them (pipeline/vms.ts compares a few hundred). */
  covered: CoveredRelay[];
  /**
   * Keeps the relayed facts that only another root's waagent.log covers (`shift`: the clock's, applied to each): the
   * bundle was found to hold more than one VM, so that log is not their VM's copy of them.
   */
  keepElsewhere(shift?: (f: Fact, fileId: number) => Fact): void;
}

/** The most covered relayed records returned (pipeline/vms.ts compares a few hundred of them). */
const MAX_COVERED_RELAYS = 4096;

/**
 * Parses every file; returns the relayed agent records a waagent.log covers (ParsedRelays). `roots`: each file's VM
 * root, by file id (ingest/roots.ts), against whose waagent.log its relayed records are set (none: one root).
 */
export async function parseFiles(files: BundleFile[], contents: FileContent[], records: RecordStore, facts: FactSink, opts: ParseFilesOptions = {}, roots: readonly string[] = []): Promise<ParsedRelays> {
  const relayed = new RelayedFacts(files, records, facts, roots);
  await parseEach(files, contents, records, relayed.sink, opts, (file) => (relayed.current = file), facts instanceof FactStore ? facts : undefined);
  return relayed.finish();
}

interface Held {
  f: Fact;
  excerpt: boolean;
  file: BundleFile;
}

/**
 * The agent's records that syslog or the journal relayed (markRelayed) are the records the agent also wrote to
 * waagent.log: a bundle with both would count each twice. A relayed fact is kept only where no waagent.log of its own
 * root covers its time (from its first to its last record), so a syslog adds what a rotated-away or missing
 * waagent.log no longer holds. The agent's time is the same string in both copies, so the times compare exactly.
 * Where only another root's waagent.log covers it, the fact waits for the bundle's VMs to be told apart
 * (ParsedRelays.keepElsewhere): one VM's journal and waagent.log handed in two folders are two roots of one VM, and its
 * records would count twice; another VM's log must not hide this VM's own evidence.
 */
class RelayedFacts {
  readonly sink: FactSink;
  /** The file being parsed (parseEach hands each file's facts over in file order). */
  current: BundleFile | undefined;
  private readonly held: Held[] = [];
  private readonly elsewhere: Held[] = [];
  private readonly agentLogs: Set<number>;

  constructor(files: readonly BundleFile[], private readonly records: RecordStore, private readonly facts: FactSink, private readonly roots: readonly string[] = []) {
    this.agentLogs = new Set(files.filter((f) => f.kind === 'waagent-log').map((f) => f.id));
    // without a waagent.log every relayed fact is kept: in place, in file order
    this.sink = {
      push: (f, fileId) => {
        const mark = takeRelayed(f);
        if (!mark) return facts.push(f, fileId);
        const held = { f, excerpt: mark === 'excerpt', file: this.current! };
        if (this.agentLogs.size > 0 && held.file) return this.held.push(held);
        this.keep(held);
      },
      ...(facts.pushAtRecord ? { pushAtRecord: facts.pushAtRecord.bind(facts) } : {}),
      ...(facts.layoutOf && facts.pushRowAtRecord ? { layoutOf: facts.layoutOf.bind(facts), pushRowAtRecord: facts.pushRowAtRecord.bind(facts) } : {}),
      ...(facts.pushMilestone ? { pushMilestone: facts.pushMilestone.bind(facts) } : {}),
    };
  }

  finish(): ParsedRelays {
    const covered = this.held.length ? this.sort() : [];
    return { covered, keepElsewhere: (shift) => this.keepElsewhere(shift) };
  }

  /** Keeps the held facts no waagent.log of their root covers; returns a sample of the covered ones. */
  private sort(): CoveredRelay[] {
    const rootOf = (file: number) => this.roots[file] ?? '';
    // each root's waagent.log record times, sorted: a relayed record is covered where its root's waagent.log holds a
    // record of that very time. Not its span: a log whose clock stepped back writes times of its span it does not hold
    // (A 09:13, B 09:04, C 09:05: a copy holding A and B spans C's time, not C), and the journal's copy is then the only one
    const counts = new Map<string, number>();
    for (let i = 0; i < this.records.count; i++) {
      const file = this.records.fileOf(i);
      if (this.agentLogs.has(file) && Number.isFinite(this.records.timeOf(i))) counts.set(rootOf(file), (counts.get(rootOf(file)) ?? 0) + 1);
    }
    const byRoot = new Map<string, Float64Array>([...counts].map(([root, n]) => [root, new Float64Array(n)]));
    const filled = new Map<string, number>();
    for (let i = 0; i < this.records.count; i++) {
      const file = this.records.fileOf(i);
      const t = this.records.timeOf(i);
      if (!this.agentLogs.has(file) || !Number.isFinite(t)) continue;
      const root = rootOf(file);
      const k = filled.get(root) ?? 0;
      byRoot.get(root)![k] = t;
      filled.set(root, k + 1);
    }
    for (const times of byRoot.values()) times.sort();
    // (a relayed fact without a time cannot be placed: a waagent.log holds it if it holds anything)
    const within = (times: Float64Array | undefined, t: number) => {
      if (!times?.length) return false;
      if (!Number.isFinite(t)) return true;
      const k = firstIndexAtOrAfter((j) => times[j], t, 0, times.length);
      return k < times.length && times[k] === t;
    };
    // another root's log: its span (which VM's records these are is decided later, pipeline/vms.ts, on the span's)
    const spanned = (times: Float64Array, t: number) => times.length > 0 && (!Number.isFinite(t) || (t >= times[0] && t <= times[times.length - 1]));
    const elsewhere = (root: string, t: number) => [...byRoot].some(([r, times]) => r !== root && spanned(times, t));
    // an evenly spread sample of them, whatever their number (a syslog may relay millions of the agent's records):
    // every `stride`-th, the stride doubled and every other one let go each time the sample fills
    let out: CoveredRelay[] = [];
    let stride = 1;
    let n = 0;
    let last: Held | undefined;
    for (const h of this.held) {
      const { f, file } = h;
      const root = rootOf(file.id);
      if (!within(byRoot.get(root), f.timeMs)) {
        if (!elsewhere(root, f.timeMs)) {
          this.keep(h);
          continue;
        }
        this.elsewhere.push(h);
      }
      // one per record (a record's facts come one after the other)
      if (!Number.isFinite(f.timeMs) || (last && last.file === file && last.f.at.line === f.at.line)) continue;
      last = h;
      if (n++ % stride !== 0) continue;
      out.push({ file: file.id, line: f.at.line, timeMs: f.timeMs, local: f.at.zone === 'local' });
      if (out.length >= MAX_COVERED_RELAYS) {
        out = out.filter((_, i) => i % 2 === 0);
        stride *= 2;
      }
    }
    return out;
  }

  private keepElsewhere(shift?: (f: Fact, fileId: number) => Fact): void {
    for (const h of this.elsewhere) this.keep(shift ? { ...h, f: shift(h.f, h.file?.id ?? -1) } : h);
    this.elsewhere.length = 0;
  }

  private keep({ f, excerpt, file }: Held): void {
    // a status block's few lines make the file an excerpt of the agent's log; one record outside them, its log
    if (file && !excerpt) {
      file.relaysAgentLog = true;
      delete file.relaysAgentExcerpt;
    } else if (file && !file.relaysAgentLog) {
      file.relaysAgentLog = true;
      file.relaysAgentExcerpt = true;
    }
    this.facts.push(f, file?.id);
  }
}

/** `store`: the FactStore behind `sink`, where a split file's ranges parsed in workers are merged (RANGE_KINDS). */
async function parseEach(files: BundleFile[], contents: FileContent[], records: RecordStore, sink: FactSink, opts: ParseFilesOptions, onFile: (file: BundleFile) => void, store?: FactStore): Promise<void> {
  const { signal, onProgress } = opts;
  const kept = opts.release && contents.some((c) => c instanceof BufferContent && c.releasable) ? new KeptSpans(contents, records) : undefined;
  const facts = kept ? kept.wrap(sink) : sink;
  // (a parser's records are staged, RecordStore.stage: kept spans read a row's record once its file is parsed)
  const stage = true;
  // bytes to parse: the files a parser reads (the others are listed, not parsed)
  const meter = new ParseProgress(
    files.reduce((s, f) => s + (parserFor(f.kind) ? f.size : 0), 0),
    (p) => onProgress?.(p),
    () => records.count,
    opts.progressEveryMs,
  );
  const parsed = (file: BundleFile) => (n: number) => meter.add(file.id, file.size, n, file.vmPath);
  const progress = (file: BundleFile, before: number) => {
    // bytes the encoding check read ahead that no parse took (a kind without a parser) are not kept for the session
    const content = contents[file.id];
    if (content instanceof DiskFileContent) content.takePrimed();
    kept?.release(file.id, before);
    meter.fileDone(file.id, parserFor(file.kind) ? file.size : 0, file.vmPath, file.id + 1);
  };
  const workerKinds = opts.workerKinds ?? WORKER_KINDS;
  // (a file in a log bundle, read from disk: a zip's members are in memory, their spans kept by KeptSpans)
  const rangeMin = opts.rangeMinBytes ?? RANGE_MIN_BYTES;
  const ranged = (f: BundleFile) => !!store && !workerKinds.has(f.kind) && RANGE_KINDS.has(f.kind) && contents[f.id] instanceof DiskFileContent && contents[f.id].size >= rangeMin;
  const workerPath = opts.parallel && files.some((f) => workerKinds.has(f.kind) || ranged(f)) ? parseWorkerPath() : null;
  // this thread parses too (every file of another kind): one worker fewer than cores
  const threads = Math.min(4, availableParallelism() - 1);
  if (!workerPath || threads < 1) {
    for (const file of files) {
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      const before = records.count;
      onFile(file);
      await parseInThread(file, countingContent(contents[file.id], parsed(file)), records, facts, factsFrom(contents[file.id], opts), signal, undefined, stage);
      warnIfUnread(file, records.count - before);
      progress(file, before);
    }
    return;
  }

  const pool = new ParsePool(workerPath, threads);
  const abort = () => void pool.close();
  signal?.addEventListener('abort', abort, { once: true });
  try {
    // Start every job now (the pool queues them); merge strictly in file order as they finish.
    const pending = files.map((file) =>
      workerKinds.has(file.kind)
        ? startFile(pool, file, contents[file.id], opts.splitMinBytes ?? SPLIT_MIN_BYTES, factsFrom(contents[file.id], opts), parsed(file))
        : ranged(file)
          ? startRanges(pool, file, contents[file.id] as DiskFileContent, RANGE_WORKERS, factsFrom(contents[file.id], opts), parsed(file), opts.rangeMinMs, contents[file.id].size >= PRESTART_RANGE_FACTOR * rangeMin)
          : Promise.resolve<Parts>('in-thread'),
    );
    void Promise.all(pending).then(() => pool.noMoreJobs(), () => undefined);
    for (let i = 0; i < pending.length; i++) {
      const file = files[i];
      const parts = await pending[i];
      pending[i] = DONE; // a merged file's columns are garbage now, not held until the last file is merged
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      const before = records.count;
      onFile(file);
      if (parts === 'in-thread') await parseInThread(file, countingContent(contents[file.id], parsed(file)), records, facts, factsFrom(contents[file.id], opts), signal, undefined, stage);
      else if (parts && 'points' in parts) await parseRanged(file, contents[file.id] as DiskFileContent, parts, records, facts, store!, factsFrom(contents[file.id], opts), parsed(file), signal, stage);
      else await mergeParts(file, parts, records, facts, signal);
      warnIfUnread(file, records.count - before);
      progress(file, before);
    }
  } finally {
    signal?.removeEventListener('abort', abort);
    await pool.close();
  }
}

/** A file at least this big that yields no record is reported (a small one may just be empty of entries). */
export const UNREAD_WARN_BYTES = 64 * 1024;

/**
 * A big file that gave no record says why, visibly: read by no parser (its format is not one the app knows),
 * or read by its format's parser without one line the parser recognised (a wrong guess, or a damaged file).
 */
function warnIfUnread(file: BundleFile, records: number): void {
  if (records > 0 || file.size < UNREAD_WARN_BYTES) return;
  const f = formatOf(file.kind);
  const mb = (file.size / (1024 * 1024)).toFixed(1);
  if (!parserFor(file.kind)) {
    // the VM tree's other files (sosreport command outputs, packages) are listed, not read, by design: only a
    // file that looks like a log someone meant the app to read is worth the warning
    if (!/\.(?:log|txt)(?:\.\d+)?$/i.test(file.vmPath) && file.vmPath.includes('/')) return;
    file.warnings.push({ file: file.vmPath, ...noted(msg('ingest.not-read', { path: file.vmPath, mb })) });
  } else if (f && (f.sniff?.line || f.split)) {
    file.warnings.push({ file: file.vmPath, ...noted(msg('ingest.no-record', { path: file.vmPath, mb, title: f.title })) });
  }
}

/**
 * A file sent to the workers: one job per range, merged in order as each arrives; or a split file whose first range
 * this thread parses (`points`: its cuts, the ranges from the second on in workers).
 */
type Parts = Split | Ranged | 'in-thread' | null;
interface Split {
  ranges: (Promise<ParseJobResult> | null)[];
  starts: number[];
}
interface Ranged {
  points: number[];
  ranges: (Promise<ParseJobResult> | null)[];
  /** Per range, the chunks it sent that are not merged yet (ParseChunk), in order. */
  chunks: ChunkQueue[];
}

/** A range's chunks as they arrive, and a wait for the next (parseRanged merges each while the worker parses on). */
class ChunkQueue {
  private readonly items: ParseChunk[] = [];
  private wake: (() => void) | null = null;

  push(c: ParseChunk): void {
    this.items.push(c);
    this.wake?.();
    this.wake = null;
  }

  shift(): ParseChunk | undefined {
    return this.items.shift();
  }

  /** Resolves when the next chunk arrives. */
  next(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }
}
const DONE: Promise<Parts> = Promise.resolve(null);

/** ParserInput.factsFrom for a file's content: where its fact window starts. */
function factsFrom(content: FileContent, opts: ParseFilesOptions): number {
  return Math.max(0, content.size - (opts.factWindowBytes ?? FACT_WINDOW_BYTES));
}

async function startFile(pool: ParsePool, file: BundleFile, content: FileContent, splitMin: number, from: number, onBytes: (n: number) => void): Promise<Parts> {
  if (!parserFor(file.kind)) return null;
  let sources: ParseSource[] | null = null;
  let starts = [0];
  // bytes the encoding check read whole (ingest/text-encoding.ts): a job small enough for this thread, where the
  // view into their shared buffer is not copied (a worker would be sent the whole buffer)
  const primed = content instanceof DiskFileContent ? content.takePrimed() : undefined;
  if (primed && primed.length <= IN_THREAD_MAX_BYTES && !(SPLITTABLE.has(file.kind) && content.size >= splitMin)) {
    sources = [{ type: 'buffer', data: primed }];
  } else if (content instanceof DiskFileContent) {
    const points =
      SPLITTABLE.has(file.kind) && content.size >= splitMin
        ? await splitPoints(content.path, content.size, Math.max(2, Math.round(content.size / splitMin)), content.start)
        : [0, content.size];
    starts = points.slice(0, -1);
    sources = starts.map((start, k) => ({ type: 'disk', path: content.path, start: content.start + start, size: points[k + 1] - start, countLines: k + 1 < starts.length }));
  } else if (content instanceof BufferContent) {
    sources = [{ type: 'buffer', data: content.bytes }];
  }
  if (!sources) return 'in-thread';
  const ranges = sources.map((s, k) => pool.run(file, s, Math.max(0, from - starts[k]), onBytes));
  // (a range that fails while an earlier one is being awaited is not an unhandled rejection: mergeParts awaits it in turn)
  for (const r of ranges) r.catch(() => undefined);
  return { ranges, starts };
}

/**
 * Cuts a big RANGE_KINDS file at record starts (RECORD_START: a line its parser reads as a record's head, so each
 * range's records and facts are those of the whole file's parse) and queues its ranges after the first: this thread's
 * share (`headShare`) is the first, the rest split evenly among the workers. 'in-thread' when no cut was found.
 */
async function startRanges(pool: ParsePool, file: BundleFile, content: DiskFileContent, workers: number, from: number, onBytes: (n: number) => void, minMs?: number, prestart = false): Promise<Parts> {
  const parser = parserFor(file.kind);
  // (the worker's start, ~0.3 s before it parses, overlaps the sample's parse and the cut: ended unused if no split)
  if (prestart) pool.prestart();
  const sample = parser ? await sampleAt(content.path, content.size, Math.floor(content.size * HEAD_SHARE_MAX), content.start, parser, file) : null;
  const head = sample ? Math.floor(content.size * headShare(content.size, sample)) : 0;
  if (!sample || !rangePlan(content.size, head, sample, minMs).split) return 'in-thread';
  const isStart = RECORD_START.get(file.kind);
  const targets = [head, ...Array.from({ length: workers - 1 }, (_, k) => head + Math.floor(((content.size - head) * (k + 1)) / workers))];
  const points = await cutPoints(content.path, content.size, targets, content.start, isStart);
  if (points.length < 3) return 'in-thread';
  const chunks = points.slice(2).map(() => new ChunkQueue());
  const ranges = points.slice(1, -1).map((start, k) =>
    pool.run(file, { type: 'disk', path: content.path, start: content.start + start, size: points[k + 2] - start, countLines: k + 3 < points.length }, Math.max(0, from - start), onBytes, (c) => chunks[k].push(c)),
  );
  for (const r of ranges) r.catch(() => undefined);
  return { points, ranges, chunks };
}

/** Warnings a split file's ranges each give of their own part, given once for the file: their counts added, the first line. */
const SUMMED = ['parse.unknown-timestamps', 'parse.long-lines'] as const;

/**
 * A split file (startRanges): its first range parsed here into the stores, then each worker's range merged in order
 * (RecordStore.addBatch, FactStore.addBatch). What the file's parse gives once is given once: its end fact (isEndFact)
 * from the last range that has one, after all its facts; a range's summed warnings (SUMMED) as one; and an extension's
 * start that a range ends on, which the next range's first fact completes (the parser's `pending`), is that fact only.
 */
async function parseRanged(file: BundleFile, content: DiskFileContent, parts: Ranged, records: RecordStore, facts: FactSink, store: FactStore, from: number, onBytes: (n: number) => void, signal?: AbortSignal, stage = false): Promise<void> {
  const warnings: Warning[] = [];
  let end: Fact | undefined;
  const firstFact = store.length;
  let lines = -1;
  const first = new DiskFileContent(content.path, parts.points[1], content.start);
  const sink: FactSink = { ...facts, push: (f, fileId) => (isEndFact(f) ? void (end = f) : facts.push(f, fileId)) };
  await parseInThread(file, countingContent(first, onBytes), records, sink, from, signal, { warnings, lines: (n) => (lines = n) }, stage);
  let lineBase = lines >= 0 ? lines : await countLines(first);
  for (let k = 0; k < parts.ranges.length; k++) {
    const base = parts.points[k + 1];
    let rangeFacts = false;
    const merge = (batch: RecordBatch, rows: FactBatch | undefined, buffers: readonly ArrayBuffer[]): void => {
      const recordBase = records.count;
      records.addBatch(file.id, batch, lineBase, base);
      if (rows) {
        if (!rangeFacts && rows.count) {
          rangeFacts = true;
          const last = store.length - 1;
          if (rows.kind[0] & 0x80 && last >= firstFact && !store.isRow(last) && completes(store.get(last), rows.objects[rows.ref[0]])) store.popObject();
        }
        store.addBatch(rows, file.id, recordBase, lineBase, base);
      }
      freeBuffers(buffers);
    };
    // each chunk merged as it arrives, while the worker parses on: this thread does not wait for the whole range and
    // then merge it all (a range is never abandoned, so a chunk is always part of its result: pool.ts, rows jobs)
    const queue = parts.chunks[k];
    const got: { r?: ParseJobResult } = {};
    const range = parts.ranges[k]!.then((r) => void (got.r = r));
    for (;;) {
      for (let c = queue.shift(); c !== undefined; c = queue.shift()) merge(c.batch, c.rows, c.buffers);
      if (got.r) break;
      await Promise.race([range, queue.next()]);
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
    }
    parts.ranges[k] = null;
    const r = got.r;
    merge(r.batch, r.rows, r.buffers ?? []);
    for (const f of r.facts) facts.push(f, file.id);
    if (r.endFacts?.length) {
      // (its evidence in file coordinates, as a worker range's object facts are moved by FactStore.addBatch)
      end = r.endFacts[r.endFacts.length - 1];
      end.at.line += lineBase;
      if (end.at.textAt) end.at.textAt.offset += base;
    }
    for (const w of r.warnings) warnings.push(w.line ? { ...w, line: w.line + lineBase } : w);
    lineBase += r.lines;
  }
  if (end) facts.push(end, file.id);
  const summed = new Map<string, Warning>();
  for (const w of warnings) {
    const key = w.note?.key;
    if (key !== 'parse.unknown-timestamps' && key !== 'parse.long-lines') {
      file.warnings.push(w);
      continue;
    }
    const prev = summed.get(key);
    const count = (w.note as { params: { count: number } }).params.count + (prev ? (prev.note as { params: { count: number } }).params.count : 0);
    summed.set(key, { ...(prev ?? w), ...noted(msg(key, { count })) });
  }
  for (const key of SUMMED) if (summed.has(key)) file.warnings.push(summed.get(key)!);
}

/** Whether `next`, a range's first fact, completes `last`, the range before's last (waagent's `Enable extension` start, its `Executing command:`). */
function completes(last: Fact, next: Fact | undefined): boolean {
  return (
    next !== undefined &&
    last.kind === 'extension-operation' &&
    last.outcome === 'started' &&
    last.seqNo === undefined &&
    next.kind === 'extension-operation' &&
    next.outcome === 'started' &&
    next.seqNo !== undefined &&
    next.handler === last.handler &&
    next.op === last.op
  );
}

/**
 * Adds a file's ranges to the store and the facts, each as soon as it and the ones before it have
 * arrived, and lets go of it: a 500 MB log split into ten ranges never holds all ten batches at once.
 */
async function mergeParts(file: BundleFile, parts: Split | null, records: RecordStore, facts: FactSink, signal?: AbortSignal): Promise<void> {
  if (!parts) return;
  let lineBase = 0;
  for (let k = 0; k < parts.ranges.length; k++) {
    const r = await parts.ranges[k]!;
    parts.ranges[k] = null;
    if (signal?.aborted) throw signal.reason ?? new Error('aborted');
    const base = parts.starts[k];
    records.addBatch(file.id, r.batch, lineBase, base);
    if (lineBase || base) {
      // the facts are this thread's own copies (structured clone): move their evidence into file
      // coordinates in place, once per evidence object (a record's facts share theirs)
      const moved = new Set<object>();
      for (const f of r.facts) {
        if (!moved.has(f.at)) {
          moved.add(f.at);
          f.at.line += lineBase;
          if (f.at.textAt) f.at.textAt.offset += base;
        }
      }
    }
    for (const f of r.facts) facts.push(f, file.id);
    for (const w of r.warnings) file.warnings.push(w.line ? { ...w, line: w.line + lineBase } : w);
    lineBase += r.lines;
  }
}

/** `out`: where the warnings go (default the file's) and who is told the physical lines the parser read. */
async function parseInThread(file: BundleFile, content: FileContent, records: RecordStore, facts: FactSink, from: number, signal?: AbortSignal, out?: { warnings: Warning[]; lines: (n: number) => void }, stage = false): Promise<void> {
  const warnings = out?.warnings ?? file.warnings;
  const parser = parserFor(file.kind);
  if (!parser) return;
  // the record a `recordFact` belongs to: the last one handed over
  let last = -1;
  const rows = facts.pushAtRecord?.bind(facts);
  const milestones = facts.pushMilestone?.bind(facts);
  const rowsByLayout = rows && facts.layoutOf && facts.pushRowAtRecord ? { layout: facts.layoutOf.bind(facts), push: facts.pushRowAtRecord.bind(facts) } : undefined;
  try {
    await parser(
      { file, content, signal, ...(from > 0 ? { factsFrom: from } : {}) },
      {
        record: stage ? (r) => void (last = records.stage(file.id, r)) : (r) => void (last = records.add(file.id, r)),
        fact: (f) => void facts.push(f, file.id),
        ...(milestones ? { milestone: (m: MilestoneInput) => milestones(m, file.id) } : {}),
        ...(rows ? { recordFact: (d: FactDraft, firstLen: number) => rows(d, last, firstLen) } : {}),
        ...(rowsByLayout
          ? { rowLayout: rowsByLayout.layout, recordRow: (layout: number, values: readonly unknown[], firstLen: number) => rowsByLayout.push(layout, values, last, firstLen) }
          : {}),
        warn: (note, line) => warnings.push({ file: file.vmPath, ...(line ? { line } : {}), ...noted(note) }),
        ...(out ? { lines: out.lines } : {}),
      },
    );
  } catch (e) {
    if (signal?.aborted) throw e;
    warnings.push({ file: file.vmPath, ...noted(msg('ingest.parse-incomplete', { error: (e as Error).message })) });
  } finally {
    records.settle();
  }
}
