import type { AnalysisResult, BundleInput, LogFindRequest, LogFindResult, LogLocateRequest, LogPage, LogQuery, DiagnoseOptions, OpenOptions, OpenResult, ProgressEvent, RawFile } from '../../shared';
import { RAW_FILE_MAX_BYTES } from '../../shared/ipc/contract';
import { errorNote, failure, msg } from '../../shared/i18n/analysis';
import { decodeText } from '../parse/windows/text';
import { analyzeBundle, type AnalysisSession } from '../pipeline/analyze-bundle';
import type { IngestLimits } from '../ingest/types';
import { EMPTY_PAGE, type AnalysisService } from './service';

/** Runs the pipeline on the calling thread (CLI, tests, and inside the worker). */
export class InProcessAnalysisService implements AnalysisService {
  private session: AnalysisSession | null = null;
  private running: AbortController | null = null;
  private indexing: AbortController | null = null;

  constructor(
    private readonly limits?: Partial<IngestLimits>,
    /** Parse with the built parse-worker pool (set inside the app's analysis worker). */
    private readonly parallel = false,
    /** Build the text filter's index after a bundle is open (inside the app's analysis worker: the log view searches). */
    private readonly indexText = false,
  ) {}

  async open(paths: readonly BundleInput[], options: OpenOptions, onProgress?: (p: ProgressEvent) => void): Promise<OpenResult> {
    this.running?.abort();
    this.indexing?.abort();
    const ctrl = new AbortController();
    this.running = ctrl;
    try {
      const session = await analyzeBundle(paths, { portalCode: options.portalCode, failedAt: options.failedAt, vmRoot: options.vmRoot, signal: ctrl.signal, onProgress, limits: this.limits, parallel: this.parallel });
      this.session = session;
      if (this.indexText) this.startIndexing(session);
      return { ok: true, result: session.result };
    } catch (e) {
      if (ctrl.signal.aborted) return { ok: false, canceled: true, error: 'Analysis canceled.' };
      return failure(errorNote(e));
    } finally {
      if (this.running === ctrl) this.running = null;
    }
  }

  async rediagnose(options: DiagnoseOptions): Promise<OpenResult> {
    const session = this.session;
    if (!session) return failure(msg('app.open-first'));
    try {
      session.result = await session.rediagnose(options);
      return { ok: true, result: session.result };
    } catch (e) {
      return failure(errorNote(e));
    }
  }

  /**
   * Indexes the records' text in the background, after the verdict (text-index.ts): a query before it is done
   * searches as without it. Given up when another bundle is opened or the service is disposed.
   */
  private startIndexing(session: AnalysisSession): void {
    const ctrl = new AbortController();
    this.indexing = ctrl;
    // after the reply with the verdict has gone out
    setImmediate(() => {
      if (ctrl.signal.aborted) return;
      // a failed index (a file gone) only leaves the search as it was
      void session.records
        .indexText(ctrl.signal)
        .catch(() => undefined)
        .finally(() => {
          if (this.indexing === ctrl) this.indexing = null;
        });
    });
  }

  cancel(): void {
    this.running?.abort(new Error('canceled'));
  }

  async queryLogs(query: LogQuery): Promise<LogPage> {
    if (!this.session) return EMPTY_PAGE;
    return this.session.records.page(query);
  }

  async readFile(id: number): Promise<RawFile> {
    const file = this.session?.result.files[id];
    const content = this.session?.files[id]?.content;
    if (!file || !content) throw new Error('No such file in the open bundle.');
    // Windows writes some status files in UTF-16; decoded as the parsers decode them
    const buf = await content.read(0, Math.min(content.size, RAW_FILE_MAX_BYTES));
    return { id, vmPath: file.vmPath, size: content.size, text: decodeText(buf).text, clipped: content.size > RAW_FILE_MAX_BYTES };
  }

  async locate(req: LogLocateRequest): Promise<{ index: number | null }> {
    if (!this.session) return { index: null };
    const file = this.session.result.files.find((f) => f.vmPath === req.file);
    if (!file) return { index: null };
    return { index: await this.session.records.locate(req.query, file.id, req.line) };
  }

  async findLog(req: LogFindRequest): Promise<LogFindResult> {
    if (!this.session) return { index: null, hit: null, total: null };
    return this.session.records.find(req);
  }

  current(): AnalysisResult | null {
    return this.session?.result ?? null;
  }

  async dispose(): Promise<void> {
    this.cancel();
    this.indexing?.abort();
    this.session = null;
  }
}
