import type { AnalysisResult } from '../model/analysis';
import type { LogLocateRequest, LogPage, LogQuery } from '../model/records';
import type { Lang } from '../catalog/types';
import type { SshAnswer, SshCollectRequest, SshProgress, SshPrompt } from './ssh';

/**
 * The typed IPC contract between the renderer and main (GitHub Desktop style): one entry per
 * channel, request and response types, shared by the preload, the main-side handlers and the
 * test host. The preload exposes one named function per channel; nothing else crosses.
 */

export interface OpenOptions {
  portalCode?: string;
}

export type OpenResult =
  | { ok: true; result: AnalysisResult }
  | { ok: false; canceled?: boolean; error: string; /** What could still be read, if anything. */ partial?: AnalysisResult };

export interface RecentEntry {
  paths: string[];
  label: string;
  openedAt: string;
}

export type ReportFormat = 'pdf' | 'html' | 'md' | 'json' | 'jsonl';

export interface ExportRequest {
  format: ReportFormat;
  lang: Lang;
  paper?: 'A4' | 'Letter';
  redact: boolean;
  pseudonymize?: boolean;
}

export type ExportResult = { ok: true; path: string } | { ok: false; canceled?: boolean; error: string };

export interface AppInfo {
  name: string;
  version: string;
  versions: Record<string, string>;
  platform: string;
}

export interface ProgressEvent {
  phase: 'reading' | 'parsing' | 'analysing' | 'done';
  message: string;
  /** 0..1 when known. */
  fraction?: number;
  bytes?: number;
  files?: number;
}

/** Request/response channels (renderer → main, `ipcRenderer.invoke`). */
export interface InvokeChannels {
  'bundle:open-paths': { req: { paths: string[]; options: OpenOptions }; res: OpenResult };
  'bundle:pick-and-open': { req: { mode: 'files' | 'folder'; options: OpenOptions }; res: OpenResult };
  'bundle:open-sample': { req: { options: OpenOptions }; res: OpenResult };
  'bundle:cancel': { req: void; res: void };
  'bundle:recent': { req: void; res: RecentEntry[] };
  'logs:query': { req: LogQuery; res: LogPage };
  'logs:locate': { req: LogLocateRequest; res: { index: number | null } };
  'report:preview': { req: ExportRequest; res: { html: string } };
  'report:export': { req: ExportRequest; res: ExportResult };
  'shell:open-docs': { req: { url: string }; res: { opened: boolean; reason?: string } };
  'app:info': { req: void; res: AppInfo };
  'ssh:collect': { req: SshCollectRequest; res: OpenResult };
  'ssh:answer': { req: SshAnswer; res: void };
  'ssh:cancel': { req: void; res: void };
}

/** Event channels (main → renderer). */
export interface EventChannels {
  'bundle:progress': ProgressEvent;
  'ssh:prompt': SshPrompt;
  'ssh:progress': SshProgress;
  'app:menu': { command: MenuCommand };
}

export type MenuCommand = 'open-files' | 'open-folder' | 'open-sample' | 'export-report' | 'show-about' | 'view-diagnosis' | 'view-timeline' | 'view-logs' | 'view-extensions' | 'connect-ssh';

export type InvokeChannel = keyof InvokeChannels;
export type EventChannel = keyof EventChannels;

/** The allowlists: main registers handlers only for these, the preload wires only these. */
export const INVOKE_CHANNELS = [
  'bundle:open-paths',
  'bundle:pick-and-open',
  'bundle:open-sample',
  'bundle:cancel',
  'bundle:recent',
  'logs:query',
  'logs:locate',
  'report:preview',
  'report:export',
  'shell:open-docs',
  'app:info',
  'ssh:collect',
  'ssh:answer',
  'ssh:cancel',
] as const satisfies readonly InvokeChannel[];

export const EVENT_CHANNELS = ['bundle:progress', 'ssh:prompt', 'ssh:progress', 'app:menu'] as const satisfies readonly EventChannel[];

type Req<C extends InvokeChannel> = InvokeChannels[C]['req'];
type Res<C extends InvokeChannel> = InvokeChannels[C]['res'];

/** Main-side handler table: one function per channel, transport-agnostic (Electron IPC or the test host). */
export type InvokeHandlers = { [C in InvokeChannel]: (req: Req<C>) => Promise<Res<C>> };

/** What the preload exposes as `window.vmbd` (and the test host's bridge implements). */
export interface RendererApi {
  openPaths(paths: string[], options: OpenOptions): Promise<OpenResult>;
  pickAndOpen(mode: 'files' | 'folder', options: OpenOptions): Promise<OpenResult>;
  openSample(options: OpenOptions): Promise<OpenResult>;
  cancel(): Promise<void>;
  recent(): Promise<RecentEntry[]>;
  queryLogs(query: LogQuery): Promise<LogPage>;
  locateLog(req: LogLocateRequest): Promise<{ index: number | null }>;
  previewReport(req: ExportRequest): Promise<{ html: string }>;
  exportReport(req: ExportRequest): Promise<ExportResult>;
  openDocs(url: string): Promise<{ opened: boolean; reason?: string }>;
  appInfo(): Promise<AppInfo>;
  sshCollect(req: SshCollectRequest): Promise<OpenResult>;
  sshAnswer(answer: SshAnswer): Promise<void>;
  sshCancel(): Promise<void>;
  /** Subscribe to a main → renderer event; returns an unsubscribe function. */
  on<E extends EventChannel>(event: E, listener: (payload: EventChannels[E]) => void): () => void;
  /** Absolute path of a dropped File (Electron's webUtils); the test host returns the file name. */
  pathForFile(file: File): string;
}

/** Which API method calls which channel (the preload and the test-host bridge both use this). */
export const API_CHANNELS = {
  openPaths: 'bundle:open-paths',
  pickAndOpen: 'bundle:pick-and-open',
  openSample: 'bundle:open-sample',
  cancel: 'bundle:cancel',
  recent: 'bundle:recent',
  queryLogs: 'logs:query',
  locateLog: 'logs:locate',
  previewReport: 'report:preview',
  exportReport: 'report:export',
  openDocs: 'shell:open-docs',
  appInfo: 'app:info',
  sshCollect: 'ssh:collect',
  sshAnswer: 'ssh:answer',
  sshCancel: 'ssh:cancel',
} as const satisfies Record<string, InvokeChannel>;
