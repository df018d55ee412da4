import type { AnalysisResult, BundleInput, DiagnoseOptions, LogFindRequest, LogFindResult, LogLocateRequest, LogPage, LogQuery, OpenOptions, OpenResult, ProgressEvent, RawFile } from '../../shared';
import { failure, msg } from '../../shared/i18n/analysis';
import { EMPTY_PAGE, type AnalysisService, type AnalysisSessions } from './service';

interface Held {
  service: AnalysisService;
  /** What the session was opened from: "add to this VM" re-analyses these with the new inputs. */
  inputs: readonly BundleInput[];
}

/**
 * The open analyses, one service each (in the app: one worker thread each). A service per session
 * because a cancel ends its worker (a parse stuck in a regular expression reads no message): the
 * tabs already open must not go with it, and closing a tab then frees its records whole.
 */
export class SessionSet implements AnalysisSessions {
  private readonly held = new Map<number, Held>();
  private active: number | null = null;
  private nextId = 1;
  /** The service of the open running now (cancel ends it). */
  private opening: AnalysisService | null = null;

  constructor(private readonly create: () => AnalysisService) {}

  async open(paths: readonly BundleInput[], options: OpenOptions, onProgress?: (p: ProgressEvent) => void): Promise<OpenResult> {
    const { session: where, ...rest } = options;
    // The session the result replaces: the one added to, else the active one, none for a new tab.
    const target = where === 'new' ? null : where ? where.addTo : this.active;
    const base = target !== null ? this.held.get(target) : undefined;
    if (where && where !== 'new' && !base) return failure(msg('app.bundle-closed'));
    const inputs = where && where !== 'new' && base ? union(base.inputs, paths) : paths;
    this.opening?.cancel();
    const service = this.create();
    this.opening = service;
    let kept = false;
    try {
      const r = await service.open(inputs, rest, onProgress);
      if (!r.ok) return r;
      const id = base && target !== null ? target : this.nextId++;
      const before = this.held.get(id);
      this.held.set(id, { service, inputs });
      kept = true;
      this.active = id;
      if (before) await before.service.dispose();
      return { ...r, session: id };
    } finally {
      if (this.opening === service) this.opening = null;
      if (!kept) await service.dispose();
    }
  }

  openVm(id: number, root: string, onProgress?: (p: ProgressEvent) => void): Promise<OpenResult> {
    const base = this.held.get(id);
    if (!base) return Promise.resolve(failure(msg('app.bundle-closed')));
    return this.open(base.inputs, { session: 'new', vmRoot: root }, onProgress);
  }

  cancel(): void {
    this.opening?.cancel();
  }

  activate(id: number): boolean {
    if (!this.held.has(id)) return false;
    this.active = id;
    return true;
  }

  async close(id: number): Promise<void> {
    const h = this.held.get(id);
    if (!h) return;
    this.held.delete(id);
    if (this.active === id) this.active = null;
    await h.service.dispose();
  }

  private current_(): AnalysisService | null {
    return this.active === null ? null : (this.held.get(this.active)?.service ?? null);
  }

  queryLogs(query: LogQuery): Promise<LogPage> {
    return this.current_()?.queryLogs(query) ?? Promise.resolve(EMPTY_PAGE);
  }

  rediagnose(options: DiagnoseOptions): Promise<OpenResult> {
    return this.current_()?.rediagnose(options) ?? Promise.resolve(failure(msg('app.open-first')));
  }

  readFile(id: number): Promise<RawFile> {
    return this.current_()?.readFile(id) ?? Promise.reject(new Error('Open a bundle first.'));
  }

  locate(req: LogLocateRequest): Promise<{ index: number | null }> {
    return this.current_()?.locate(req) ?? Promise.resolve({ index: null });
  }

  findLog(req: LogFindRequest): Promise<LogFindResult> {
    return this.current_()?.findLog(req) ?? Promise.resolve({ index: null, hit: null, total: null });
  }

  current(): AnalysisResult | null {
    return this.current_()?.current() ?? null;
  }

  /** Open sessions (for tests and diagnostics). */
  ids(): number[] {
    return [...this.held.keys()];
  }

  async dispose(): Promise<void> {
    this.opening?.cancel();
    const all = [...this.held.values()];
    this.held.clear();
    this.active = null;
    await Promise.all(all.map((h) => h.service.dispose()));
  }
}

/** The inputs of both, each once (a bundle dropped again is not read twice). */
function union(a: readonly BundleInput[], b: readonly BundleInput[]): BundleInput[] {
  const out: BundleInput[] = [];
  const seen = new Set<string>();
  for (const x of [...a, ...b]) {
    const k = typeof x === 'string' ? `p:${x}` : `t:${x.pasted}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(x);
  }
  return out;
}
