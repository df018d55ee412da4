import { Worker } from 'node:worker_threads';
import type { AnalysisResult, BundleInput, LogFindRequest, LogFindResult, LogLocateRequest, LogPage, LogQuery, DiagnoseOptions, OpenOptions, OpenResult, ProgressEvent, RawFile } from '../../shared';
import { errorNote, failure, msg, renderAnalysis, type ErrorNote } from '../../shared/i18n/analysis';
import type { AnalysisService } from './service';
import type { WorkerMessage, WorkerRequest } from './protocol';

class CanceledError extends Error {}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; onProgress?: (p: ProgressEvent) => void };
type Outgoing = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * Runs the analysis in a worker thread (dist/node/analysis-worker.js). If the worker dies, pending
 * calls fail with a readable message and the next call starts a fresh worker.
 *
 * Cancel during an open terminates the worker: a parse stuck in a regular expression never reads a cancel
 * message, and every later call would queue behind it. The next call starts a fresh worker.
 */
export class WorkerAnalysisService implements AnalysisService {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private result: AnalysisResult | null = null;
  private opening = 0;

  constructor(
    private readonly workerPath: string,
    private readonly limits?: object,
  ) {}

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.workerPath, { workerData: { limits: this.limits } });
    w.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') {
        this.pending.get(m.requestId)?.onProgress?.(m.progress);
        return;
      }
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(m.error));
    });
    const fail = (why: ErrorNote) => {
      if (this.worker !== w) return; // a worker ended by cancel: its calls were answered already
      for (const p of this.pending.values()) p.reject(Object.assign(new Error(renderAnalysis(why, 'en')), { note: why }));
      this.pending.clear();
      this.worker = null;
    };
    w.on('error', (e) => fail(msg('app.worker-failed', { error: e.message })));
    w.on('exit', (code) => fail(msg('app.worker-stopped', { code })));
    this.worker = w;
    return w;
  }

  private call<T>(msg: Outgoing, onProgress?: (p: ProgressEvent) => void): Promise<T> {
    const id = this.nextId++;
    const w = this.ensure();
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
      w.postMessage({ ...msg, id } as WorkerRequest);
    });
  }

  async open(paths: readonly BundleInput[], options: OpenOptions, onProgress?: (p: ProgressEvent) => void): Promise<OpenResult> {
    this.opening++;
    try {
      const r = await this.call<OpenResult>({ type: 'open', paths, options }, onProgress);
      if (r.ok) this.result = r.result;
      return r;
    } catch (e) {
      if (e instanceof CanceledError) return { ok: false, canceled: true, error: e.message };
      return failure(errorNote(e));
    } finally {
      this.opening--;
    }
  }

  async rediagnose(options: DiagnoseOptions): Promise<OpenResult> {
    if (!this.worker) return failure(msg('app.open-first'));
    try {
      const r = await this.call<OpenResult>({ type: 'rediagnose', options });
      if (r.ok) this.result = r.result;
      return r;
    } catch (e) {
      return failure(errorNote(e));
    }
  }

  cancel(): void {
    const w = this.worker;
    if (!w) return;
    if (this.opening === 0) {
      void this.call({ type: 'cancel' }).catch(() => undefined);
      return;
    }
    // the session in that worker goes with it (its records were for the bundle being replaced)
    this.worker = null;
    this.result = null;
    for (const p of this.pending.values()) p.reject(new CanceledError('Analysis canceled.'));
    this.pending.clear();
    void w.terminate();
  }

  queryLogs(query: LogQuery): Promise<LogPage> {
    return this.call<LogPage>({ type: 'query', query });
  }

  readFile(id: number): Promise<RawFile> {
    return this.call<RawFile>({ type: 'read-file', fileId: id });
  }

  locate(req: LogLocateRequest): Promise<{ index: number | null }> {
    return this.call({ type: 'locate', req });
  }

  findLog(req: LogFindRequest): Promise<LogFindResult> {
    return this.call({ type: 'find', req });
  }

  current(): AnalysisResult | null {
    return this.result;
  }

  async dispose(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
