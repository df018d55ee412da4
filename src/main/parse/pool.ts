import { Worker } from 'node:worker_threads';
import type { BundleFile } from '../../shared';
import { RecordBatchBuilder } from '../records/batch';
import { jobBytes, runParseJob, type JobProgress, type ParseChunk, type ParseJob, type ParseJobResult, type ParseSource } from './run-job';
import { noted } from '../ingest/limits';
import { msg } from '../../shared/i18n/analysis';

export type { ParseChunk, ParseJob, ParseJobResult, ParseSource } from './run-job';

/**
 * Jobs up to this size are parsed in this thread instead: a worker round trip (post, clone the file
 * description back and forth, wake this thread) costs ~0.4 ms, more than parsing a 2 KB log, and a
 * /var/log/azure tree is thousands of such files (500 CommandExecution.log of a 5,000-file tree cost
 * ~200 ms through the pool).
 */
export const IN_THREAD_MAX_BYTES = 64 * 1024;

/**
 * How long a worker job may run: 20 s plus 1 s per 5 MB, some 40× what a linear parser needs on a slow
 * machine. A parse past it (a pathological file the regular expressions were not ready for) is abandoned:
 * its worker is terminated (a running regex cannot be interrupted otherwise), the file gets a warning, and
 * the rest of the bundle is diagnosed without it.
 */
export function parseBudgetMs(bytes: number): number {
  return 20_000 + Math.ceil(bytes / (5 * 1024 * 1024)) * 1000;
}

/**
 * A worker's young generation (MB): a parser's garbage dies young, and V8's default (3 × 16 MB semi-spaces) held ~25 MB
 * more of the process' peak RSS while a 500 MB log's range was parsed (docs/PERFORMANCE.md, session 20).
 */
const YOUNG_MB = 8;

/**
 * A small pool of parse workers (dist/node/parse-worker.js): independent files, and ranges of a
 * big log, are parsed on all cores; records come back as transferable columns. Small jobs are run
 * here, one at a time in the order they came (so a tree of small files holds one file open at a
 * time), with the same result a worker would send.
 */
export class ParsePool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: { job: ParseJob; resolve: (r: ParseJobResult) => void; reject: (e: Error) => void; onBytes?: (n: number) => void; onChunk?: (c: ParseChunk) => void }[] = [];
  private readonly running = new Map<Worker, { resolve: (r: ParseJobResult) => void; reject: (e: Error) => void; onBytes?: (n: number) => void; onChunk?: (c: ParseChunk) => void; timer?: NodeJS.Timeout }>();
  private nextId = 1;
  private closed = false;
  private inThread: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly workerPath: string,
    readonly size: number,
    private readonly budgetMs: (bytes: number) => number = parseBudgetMs,
  ) {}

  private spawn(): Worker {
    const w = new Worker(this.workerPath, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } });
    w.on('message', (r: ParseJobResult | JobProgress | ParseChunk) => {
      if ('parsedBytes' in r) {
        this.running.get(w)?.onBytes?.(r.parsedBytes);
        return;
      }
      if (!('lines' in r)) {
        this.running.get(w)?.onChunk?.(r);
        return;
      }
      const p = this.running.get(w);
      this.running.delete(w);
      clearTimeout(p?.timer);
      p?.resolve(r);
      this.release(w);
    });
    w.on('error', (e) => {
      const p = this.running.get(w);
      this.running.delete(w);
      clearTimeout(p?.timer);
      p?.reject(e);
      this.all.splice(this.all.indexOf(w), 1);
      this.pump();
    });
    this.all.push(w);
    return w;
  }

  /**
   * Starts a worker now, before any job is queued (a big log's sample and cut are read meanwhile, split.ts): it waits
   * idle for the first job, and ends at `noMoreJobs` if none comes.
   */
  prestart(): void {
    if (this.closed || this.all.length >= this.size) return;
    this.idle.push(this.spawn());
  }

  private release(w: Worker) {
    if (this.closed) return;
    this.idle.push(w);
    this.pump();
    if (this.last) this.endIdle();
  }

  /** No job comes after those queued: a worker with nothing left to do ends now (its isolate's memory goes with it). */
  private last = false;
  noMoreJobs(): void {
    this.last = true;
    this.endIdle();
  }

  private endIdle(): void {
    if (this.queue.length) return;
    for (const w of this.idle.splice(0)) {
      this.all.splice(this.all.indexOf(w), 1);
      void w.terminate();
    }
  }

  private pump() {
    while (this.queue.length) {
      let w = this.idle.pop();
      if (!w && this.all.length < this.size) w = this.spawn();
      if (!w) return;
      const next = this.queue.shift()!;
      const worker = w;
      // (a range of a split log has no budget: this thread parses the rest of that log with none, and on a busy machine
      // a budget would drop the range's records and facts from a correct analysis)
      const ms = next.job.rows ? Infinity : this.budgetMs(jobBytes(next.job.source));
      const timer = Number.isFinite(ms) ? setTimeout(() => this.abandon(worker, next.job, ms), ms) : undefined;
      timer?.unref?.();
      this.running.set(worker, { ...next, timer });
      worker.postMessage(next.job);
    }
  }

  /** The job ran past its budget: its worker is terminated and the job answers with a warning only. */
  private abandon(w: Worker, job: ParseJob, ms: number): void {
    const p = this.running.get(w);
    if (!p) return;
    this.running.delete(w);
    this.all.splice(this.all.indexOf(w), 1);
    w.removeAllListeners('error');
    w.on('error', () => undefined);
    void w.terminate();
    const note = msg('parse.abandoned', { path: job.file.vmPath, seconds: Math.round(ms / 1000), part: job.source.type === 'disk' && job.source.start > 0 });
    p.resolve({ id: job.id, batch: new RecordBatchBuilder(0).finish(), facts: [], warnings: [{ file: job.file.vmPath, ...noted(note) }], lines: 0 });
    this.pump();
  }

  /** `onBytes`: bytes of the job parsed since the last call (progress; parse-worker.ts sends it now and then). */
  /** `onChunk`: the job's facts as FactStore columns (ParseJob.rows), its records and rows sent a chunk at a time as it runs. */
  run(file: BundleFile, source: ParseSource, factsFrom = 0, onBytes?: (n: number) => void, onChunk?: (c: ParseChunk) => void): Promise<ParseJobResult> {
    if (this.closed) return Promise.reject(new Error('parse pool closed'));
    const job: ParseJob = { id: this.nextId++, file, source, factsFrom, ...(onChunk ? { rows: true } : {}) };
    if (jobBytes(source) <= IN_THREAD_MAX_BYTES) {
      const run = this.inThread.then(() => (this.closed ? Promise.reject(new Error('parse pool closed')) : runParseJob(job, onBytes, onChunk)));
      this.inThread = run.catch(() => undefined);
      return run;
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject, onBytes, onChunk });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const { reject } of this.queue) reject(new Error('parse pool closed'));
    this.queue.length = 0;
    for (const p of this.running.values()) clearTimeout(p.timer);
    await Promise.all(this.all.map((w) => w.terminate()));
    this.all.length = 0;
    this.idle.length = 0;
  }
}
