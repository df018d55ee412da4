import type { AnalysisResult, BundleInput, LogFindRequest, LogFindResult, LogLocateRequest, LogPage, LogQuery, DiagnoseOptions, OpenOptions, OpenResult, ProgressEvent, RawFile } from '../../shared';

/**
 * The one small interface behind which ingest + analysis run: in-process (CLI, tests) or in a
 * worker thread (the app and its test host), so the Electron main loop never parses a byte.
 */
export interface AnalysisService {
  open(paths: readonly BundleInput[], options: OpenOptions, onProgress?: (p: ProgressEvent) => void): Promise<OpenResult>;
  /** Diagnoses the open session again with other options (portal code, failure time); the bundle is not read again. */
  rediagnose(options: DiagnoseOptions): Promise<OpenResult>;
  /** Cancels the running open, if any. */
  cancel(): void;
  queryLogs(query: LogQuery): Promise<LogPage>;
  /** The text of one file of the open session, by its id, at most RAW_FILE_MAX_BYTES. */
  readFile(id: number): Promise<RawFile>;
  locate(req: LogLocateRequest): Promise<{ index: number | null }>;
  /** F3: the next or previous record of the view that holds a text, found by position (RecordStore.find). */
  findLog(req: LogFindRequest): Promise<LogFindResult>;
  current(): AnalysisResult | null;
  dispose(): Promise<void>;
}

/**
 * Several analyses side by side (one per tab in the app). `open` places its result by
 * `options.session`; log pages, locate, find and `current()` answer for the active one.
 */
export interface AnalysisSessions extends AnalysisService {
  /** Makes a session the active one; false when it is not open (closed, or replaced by a cancel). */
  activate(id: number): boolean;
  /** Releases a session (its records and its worker). */
  close(id: number): Promise<void>;
  /** A new session of session `id`'s inputs, only the files under `root` (one VM of a bundle that holds two). */
  openVm(id: number, root: string, onProgress?: (p: ProgressEvent) => void): Promise<OpenResult>;
}

export const EMPTY_PAGE: LogPage = { total: 0, offset: 0, records: [] };
