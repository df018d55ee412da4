import type { BundleInput, LogFindRequest, LogLocateRequest, LogQuery, DiagnoseOptions, OpenOptions, ProgressEvent } from '../../shared';

/** Messages between the app's main side and the analysis worker. */
export type WorkerRequest =
  | { id: number; type: 'open'; paths: readonly BundleInput[]; options: OpenOptions }
  | { id: number; type: 'rediagnose'; options: DiagnoseOptions }
  | { id: number; type: 'query'; query: LogQuery }
  | { id: number; type: 'read-file'; fileId: number }
  | { id: number; type: 'locate'; req: LogLocateRequest }
  | { id: number; type: 'find'; req: LogFindRequest }
  | { id: number; type: 'cancel' };

export type WorkerMessage =
  | { id: number; type: 'reply'; ok: true; value: unknown }
  | { id: number; type: 'reply'; ok: false; error: string }
  | { type: 'progress'; requestId: number; progress: ProgressEvent };
