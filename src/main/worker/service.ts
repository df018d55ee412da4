import type { AnalysisResult, BundleInput, LogLocateRequest, LogPage, LogQuery, OpenOptions, OpenResult, ProgressEvent } from '../../shared';

/**
 * The one small interface behind which ingest + analysis run: in-process (CLI, tests) or in a
 * worker thread (the app and its test host), so the Electron main loop never parses a byte.
 */
export interface AnalysisService {
  open(paths: readonly BundleInput[], options: OpenOptions, onProgress?: (p: ProgressEvent) => void): Promise<OpenResult>;
  /** Cancels the running open, if any. */
  cancel(): void;
  queryLogs(query: LogQuery): Promise<LogPage>;
  locate(req: LogLocateRequest): Promise<{ index: number | null }>;
  current(): AnalysisResult | null;
  dispose(): Promise<void>;
}

export const EMPTY_PAGE: LogPage = { total: 0, offset: 0, records: [] };
